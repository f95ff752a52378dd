/**
 * Metadata for machines: the schema.org Dataset (JSON-LD) of an indicator page, with its
 * downloads as DataDownload, licence, version, temporal and spatial coverage and citation.
 * The same facts as the DCAT entry of downloads/catalog.json, in the vocabulary search engines read.
 */
import type { About, IndicatorDetail } from "./types";
import { UI, paths, type Lang } from "./labels";

export const COMPILATION_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/";

const PORTAL = UI.siteName;

export function datasetJsonLd(indicator: IndicatorDetail, about: About, site: URL, lang: Lang): Record<string, unknown> {
  const url = (path: string) => new URL(path, site).href;
  const periods = indicator.observations.map((o) => o.period);
  const first = periods.map((p) => p.start).sort()[0];
  const last = periods.map((p) => p.end).sort().at(-1);
  const areas = [...new Map(indicator.observations.filter((o) => o.area).map((o) => [o.areaCode, o.area!])).values()];
  const publisher = { "@type": "Organization", name: PORTAL[lang], url: url(lang === "vi" ? "/" : "/en/") };
  return {
    "@context": "https://schema.org",
    "@type": "Dataset",
    "@id": lang === "vi" ? indicator.permalink : indicator.permalinkEn,
    url: lang === "vi" ? indicator.permalink : indicator.permalinkEn,
    name: lang === "vi" ? indicator.name : indicator.nameEn,
    alternateName: lang === "vi" ? indicator.nameEn : indicator.name,
    description: lang === "vi" ? indicator.description : indicator.descriptionEn,
    identifier: indicator.id,
    inLanguage: lang === "vi" ? "vi-VN" : "en-GB",
    version: about.dataVersion,
    dateModified: about.builtAt,
    license: COMPILATION_LICENCE_URL,
    isAccessibleForFree: true,
    keywords: [indicator.topic.name, indicator.topic.nameEn, "Thái Nguyên"],
    creator: publisher,
    publisher,
    citation: indicator.citation.text[lang],
    ...(first && last ? { temporalCoverage: `${first}/${last}` } : {}),
    spatialCoverage: areas.map((a) => ({ "@type": "Place", name: lang === "vi" ? a.fullName : a.fullNameEn, identifier: a.code })),
    variableMeasured: { "@type": "PropertyValue", name: lang === "vi" ? indicator.name : indicator.nameEn, unitText: lang === "vi" ? indicator.unit.name : indicator.unit.nameEn },
    isBasedOn: indicator.sources.map((s) => ({ "@type": "CreativeWork", name: s.title, ...(s.url ? { url: s.url } : {}), publisher: lang === "vi" ? s.publisher : s.publisherEn, license: s.licenceUrl ?? (lang === "vi" ? s.licenceVi : s.licenceEn) })),
    includedInDataCatalog: { "@type": "DataCatalog", name: PORTAL[lang], url: url(paths.download("catalog.json")) },
    distribution: [
      { "@type": "DataDownload", encodingFormat: "text/csv", contentUrl: url(paths.indicatorCsv(indicator.id)) },
      { "@type": "DataDownload", encodingFormat: "application/json", contentUrl: url(paths.indicatorJson(indicator.id)) },
    ],
  };
}
