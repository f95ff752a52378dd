/**
 * Everything the download files hold, read through the GraphQL API page by page (pages kept
 * small enough for the API's cost limit).
 */
import { fetchAll, GraphqlRequestError, type GraphqlClient } from "./client.js";
import type { EnumValues } from "./tables.js";

export interface About {
  dataVersion: string;
  dataHash: string;
  builtAt: string;
  licence: string;
}

export interface UnitData {
  id: string;
  symbol: string;
  name: string;
  nameEn: string;
  kind: string;
}

export interface SourceRef {
  id: string;
  title: string;
  publisher: string;
  url: string | null;
}

export interface TargetData {
  value: number;
  comparator: string;
  kind: string;
  period: { start: string; end: string; label: string };
  noteVi: string | null;
  noteEn: string | null;
  area: { code: string; fullName: string; fullNameEn: string } | null;
  source: SourceRef;
}

export interface IndicatorData {
  id: string;
  name: string;
  nameEn: string;
  description: string;
  descriptionEn: string;
  higherIsBetter: boolean;
  topic: { id: string; name: string; nameEn: string };
  unit: UnitData;
  numerator: { id: string } | null;
  denominator: { id: string } | null;
  sources: { id: string }[];
  targets: TargetData[];
  permalink: string;
  permalinkEn: string;
  citation: string;
  citationEn: string;
}

export interface ObservationData {
  id: string;
  value: number;
  status: string;
  noteVi: string | null;
  noteEn: string | null;
  areaCode: string;
  permalink: string;
  period: { start: string; end: string; label: string; basis: string | null };
  indicator: { id: string; name: string; nameEn: string };
  unit: { id: string };
  area: { code: string; fullName: string; fullNameEn: string } | null;
  breakdown: { id: string; name: string; nameEn: string } | null;
  source: SourceRef;
}

export interface AreaData {
  id: string;
  code: string;
  name: string;
  fullName: string;
  nameEn: string;
  fullNameEn: string;
  level: string;
  unitType: string;
  parentCode: string | null;
  validFrom: string;
  validTo: string | null;
  validityNoteVi: string | null;
  validityNoteEn: string | null;
  source: { id: string };
}

export interface SourceData {
  id: string;
  title: string;
  titleEn: string | null;
  publisher: string;
  publisherEn: string;
  kind: string;
  url: string | null;
  published: string | null;
  publishedNoteVi: string | null;
  publishedNoteEn: string | null;
  licenceVi: string;
  licenceEn: string;
  licenceUrl: string | null;
  locatorVi: string | null;
  locatorEn: string | null;
  snapshotDate: string | null;
  reliabilityNoteVi: string | null;
  reliabilityNoteEn: string | null;
  noteVi: string | null;
  noteEn: string | null;
}

export interface PortalData {
  about: About;
  indicators: IndicatorData[];
  observations: ObservationData[];
  areas: AreaData[];
  sources: SourceData[];
  enums: EnumValues;
}

const SOURCE_REF = `{ id title publisher url }`;

const INDICATORS = `query DownloadIndicators($after: String) {
  indicators(first: 50, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id name nameEn description descriptionEn higherIsBetter
      topic { id name nameEn }
      unit { id symbol name nameEn kind }
      numerator { id } denominator { id }
      sources { id }
      targets { value comparator kind noteVi noteEn period { start end label } area { code fullName fullNameEn } source ${SOURCE_REF} }
      permalink permalinkEn: permalink(lang: EN)
      citation citationEn: citation(lang: EN)
    }
  }
}`;

const OBSERVATIONS = `query DownloadObservations($after: String) {
  observations(first: 500, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id value status noteVi noteEn areaCode permalink
      period { start end label basis }
      indicator { id name nameEn }
      unit { id }
      area { code fullName fullNameEn }
      breakdown { id name nameEn }
      source ${SOURCE_REF}
    }
  }
}`;

const AREAS = `query DownloadAreas($after: String) {
  areas(first: 1000, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id code name fullName nameEn fullNameEn level unitType parentCode validFrom validTo validityNoteVi validityNoteEn source { id } }
  }
}`;

const SOURCES = `query DownloadSources {
  sources { id title titleEn publisher publisherEn kind url published publishedNoteVi publishedNoteEn licenceVi licenceEn licenceUrl locatorVi locatorEn snapshotDate reliabilityNoteVi reliabilityNoteEn noteVi noteEn }
}`;

/** The allowed values of the enums the files use, from the schema itself. */
const ENUM_TYPES: Record<keyof EnumValues, string> = {
  status: "ObservationStatus", periodBasis: "PeriodBasis", areaLevel: "AreaLevel", areaUnitType: "AreaUnitType",
  sourceKind: "SourceKind", targetKind: "TargetKind", comparator: "TargetComparator", unitKind: "UnitKind",
};
const ENUMS = `query DownloadEnums { ${Object.entries(ENUM_TYPES).map(([alias, type]) => `${alias}: __type(name: "${type}") { enumValues { name } }`).join(" ")} }`;

async function fetchEnums(client: GraphqlClient): Promise<EnumValues> {
  const data = await client.request<Record<string, { enumValues: { name: string }[] } | null>>(ENUMS);
  const entries = Object.entries(ENUM_TYPES).map(([alias, type]) => {
    const values = data[alias]?.enumValues.map((v) => v.name);
    if (!values?.length) throw new GraphqlRequestError(`The API's schema has no enum ${type}.`);
    return [alias, values];
  });
  return Object.fromEntries(entries) as EnumValues;
}

const ABOUT = `query DownloadAbout { about { dataVersion dataHash builtAt licence } }`;

/** Read the whole portal through the API; the data version is read before and after, so a rebuild in between is noticed. */
export async function fetchPortalData(client: GraphqlClient): Promise<PortalData> {
  const { about } = await client.request<{ about: About }>(ABOUT);
  const [indicators, observations, areas, { sources }, enums] = await Promise.all([
    fetchAll(client, INDICATORS, (d: { indicators: never }) => d.indicators) as Promise<IndicatorData[]>,
    fetchAll(client, OBSERVATIONS, (d: { observations: never }) => d.observations) as Promise<ObservationData[]>,
    fetchAll(client, AREAS, (d: { areas: never }) => d.areas) as Promise<AreaData[]>,
    client.request<{ sources: SourceData[] }>(SOURCES),
    fetchEnums(client),
  ]);
  const { about: after } = await client.request<{ about: About }>(ABOUT);
  if (after.dataVersion !== about.dataVersion) {
    throw new GraphqlRequestError(`The API's data changed while the downloads were read (${about.dataVersion} → ${after.dataVersion}); run the generator again.`);
  }
  return { about, indicators, observations, areas, sources, enums };
}
