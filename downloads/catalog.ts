/**
 * catalog.json: a DCAT catalogue in JSON-LD. One dcat:Dataset per indicator (its workbook, CSV,
 * CSV for Excel and JSON as dcat:Distribution) and one for the whole portal (the workbook, the
 * tables as CSV and CSV for Excel, the data package and the SQLite file), each with licence,
 * publisher, modified and version,
 * so harvesters (CKAN, data.europa.eu-style catalogues) can list them.
 */
import { PORTAL_NAME } from "../api/schema/citation/citation.js";
import { COMPILATION_LICENSE, type WrittenFile } from "./datapackage.js";
import type { IndicatorData, PortalData } from "./portal-data.js";
import { indicatorFile, type IndicatorStats } from "./tables.js";

export const DCAT_CONTEXT = {
  dcat: "http://www.w3.org/ns/dcat#",
  dct: "http://purl.org/dc/terms/",
  foaf: "http://xmlns.com/foaf/0.1/",
  owl: "http://www.w3.org/2002/07/owl#",
  spdx: "http://spdx.org/rdf/terms#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
};

const MEDIA_TYPES: Record<string, string> = {
  csv: "text/csv",
  json: "application/json",
  geojson: "application/geo+json",
  sqlite: "application/vnd.sqlite3",
  zip: "application/zip",
  md: "text/markdown",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

const both = (vi: string, en: string) => [{ "@value": vi, "@language": "vi" }, { "@value": en, "@language": "en" }];
const typed = (value: string | number, type: string) => ({ "@value": String(value), "@type": type });

export interface CatalogOptions {
  data: PortalData;
  siteUrl: string;
  files: Map<string, WrittenFile>;
  stats: Map<string, IndicatorStats>;
  /** Files of the whole-portal dataset, relative to the downloads folder. */
  portalFiles: { path: string; title: string }[];
  /** The GeoJSON of the communes (a dataset of its own: the shapes carry their source's licence). */
  communeMap?: { path: string; asOf: string; count: number; source: { id: string; title: string; titleEn: string | null; publisher: string; url: string | null; licenceUrl: string | null } } | null;
}

export function buildCatalog(options: CatalogOptions): object {
  const { data, siteUrl, files } = options;
  const downloadsUrl = `${siteUrl}/downloads`;
  const publisher = { "@id": `${siteUrl}/`, "@type": "foaf:Agent", "foaf:name": both(PORTAL_NAME.vi, PORTAL_NAME.en) };
  const license = { "@id": COMPILATION_LICENSE.path };
  const modified = typed(data.about.builtAt, "xsd:date");
  const version = data.about.dataVersion;

  const distribution = (path: string, title: string, licenses: { "@id": string }[] = [license]) => {
    const file = files.get(path);
    if (!file) throw new Error(`catalog.json lists ${path}, which was not written.`);
    const extension = path.split(".").pop()!;
    return {
      "@id": `${downloadsUrl}/${path}`,
      "@type": "dcat:Distribution",
      "dct:title": title,
      "dcat:downloadURL": { "@id": `${downloadsUrl}/${path}` },
      "dcat:accessURL": { "@id": `${downloadsUrl}/${path}` },
      "dcat:mediaType": { "@id": `https://www.iana.org/assignments/media-types/${MEDIA_TYPES[extension] ?? "application/octet-stream"}` },
      "dct:format": extension.toUpperCase(),
      "dcat:byteSize": typed(file.bytes, "xsd:nonNegativeInteger"),
      "spdx:checksum": { "@type": "spdx:Checksum", "spdx:algorithm": { "@id": "spdx:checksumAlgorithm_sha256" }, "spdx:checksumValue": file.sha256 },
      "dct:license": licenses.length === 1 ? licenses[0] : licenses,
      "dct:modified": modified,
    };
  };

  const temporal = (stats: IndicatorStats | undefined) =>
    stats?.firstPeriodStart && stats.lastPeriodEnd
      ? { "dct:temporal": { "@type": "dct:PeriodOfTime", "dcat:startDate": typed(stats.firstPeriodStart, "xsd:date"), "dcat:endDate": typed(stats.lastPeriodEnd, "xsd:date") } }
      : {};

  const sourcesById = new Map(data.sources.map((s) => [s.id, s]));
  const indicatorDataset = (i: IndicatorData) => ({
    "@id": i.permalink,
    "@type": "dcat:Dataset",
    "dct:identifier": i.id,
    "dct:title": both(i.name, i.nameEn),
    "dct:description": both(i.description, i.descriptionEn),
    "dcat:keyword": both(i.topic.name, i.topic.nameEn),
    "dcat:landingPage": [{ "@id": i.permalink }, { "@id": i.permalinkEn }],
    "dct:publisher": publisher,
    "dct:license": license,
    "dct:modified": modified,
    "dcat:version": version,
    "owl:versionInfo": version,
    "dct:bibliographicCitation": both(i.citation, i.citationEn),
    "dct:source": i.sources.map((ref) => {
      const s = sourcesById.get(ref.id);
      return { ...(s?.url ? { "@id": s.url } : {}), "dct:identifier": ref.id, "dct:title": s?.title ?? ref.id, "dct:publisher": s?.publisher ?? "" };
    }),
    ...temporal(options.stats.get(i.id)),
    "dcat:distribution": [
      distribution(indicatorFile(i.id, "xlsx"), `${i.nameEn} (Excel workbook)`),
      distribution(indicatorFile(i.id, "csv"), `${i.nameEn} (CSV)`),
      distribution(indicatorFile(i.id, "excel-csv"), `${i.nameEn} (CSV for Excel, with a byte-order mark)`),
      distribution(indicatorFile(i.id, "json"), `${i.nameEn} (JSON)`),
    ],
  });

  const allDataset = {
    "@id": `${downloadsUrl}/`,
    "@type": "dcat:Dataset",
    "dct:identifier": "thai-nguyen-open-data",
    "dct:title": both(`${PORTAL_NAME.vi}: toàn bộ dữ liệu`, `${PORTAL_NAME.en}: all data`),
    "dct:description": both(
      "Mọi giá trị, chỉ số, đơn vị hành chính, nguồn và mục tiêu của cổng, dạng bảng tính Excel, CSV, Data Package và SQLite.",
      "Every value, indicator, administrative unit, source and target of the portal, as an Excel workbook, CSV, a Data Package and SQLite.",
    ),
    "dcat:landingPage": { "@id": `${siteUrl}/` },
    "dct:publisher": publisher,
    "dct:license": license,
    "dct:modified": modified,
    "dcat:version": version,
    "owl:versionInfo": version,
    "dcat:distribution": options.portalFiles.map((f) => distribution(f.path, f.title)),
  };

  const map = options.communeMap;
  const mapLicences = map?.source.licenceUrl ? [{ "@id": map.source.licenceUrl }, license] : [license];
  const mapDataset = map && {
    "@id": `${downloadsUrl}/${map.path}#dataset`,
    "@type": "dcat:Dataset",
    "dct:identifier": map.path.replace(/\.geojson$/, ""),
    "dct:title": both(`Bản đồ ${map.count} đơn vị cấp xã từ ${map.asOf.split("-").reverse().join("/")} kèm số liệu mới nhất`, `Map of the ${map.count} commune-level units of ${map.asOf} with their latest values`),
    "dct:description": both(
      "Hình ranh giới đơn giản hoá (GeoJSON) của từng xã, phường, với giá trị mới nhất của từng chỉ số, kỳ số liệu và nguồn. Hình ranh giới theo giấy phép MIT của nguồn; giá trị theo CC BY 4.0.",
      "The simplified shape (GeoJSON) of each commune and ward with its latest value per indicator, its period and source. The shapes are under their source's MIT licence; the values under CC BY 4.0.",
    ),
    "dcat:landingPage": { "@id": `${siteUrl}/` },
    "dct:publisher": publisher,
    "dct:license": mapLicences,
    "dct:source": { ...(map.source.url ? { "@id": map.source.url } : {}), "dct:identifier": map.source.id, "dct:title": map.source.title, "dct:publisher": map.source.publisher },
    "dct:spatial": both("Tỉnh Thái Nguyên", "Thái Nguyên Province"),
    "dct:modified": modified,
    "dcat:version": version,
    "owl:versionInfo": version,
    "dcat:distribution": [distribution(map.path, `Commune-level units of ${map.asOf} with their latest values (GeoJSON)`, mapLicences)],
  };

  return {
    "@context": DCAT_CONTEXT,
    "@id": `${downloadsUrl}/catalog.json`,
    "@type": "dcat:Catalog",
    "dct:title": both(PORTAL_NAME.vi, PORTAL_NAME.en),
    "dct:description": both(
      "Dữ liệu công khai về tỉnh Thái Nguyên, kèm nguồn của từng con số.",
      "Public indicators of Thái Nguyên province (Vietnam), each value with its source.",
    ),
    "foaf:homepage": { "@id": `${siteUrl}/` },
    "dct:publisher": publisher,
    "dct:license": license,
    "dct:language": [{ "@id": "http://id.loc.gov/vocabulary/iso639-1/vi" }, { "@id": "http://id.loc.gov/vocabulary/iso639-1/en" }],
    "dct:modified": modified,
    "dcat:version": version,
    "owl:versionInfo": version,
    "dcat:dataset": [allDataset, ...(mapDataset ? [mapDataset] : []), ...data.indicators.map(indicatorDataset)],
  };
}
