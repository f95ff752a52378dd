/**
 * Everything the download files hold, read through the GraphQL API page by page. The queries
 * are in ./queries.ts; the types below name their generated answer types (`npm run codegen`).
 */
import { fetchAll, GraphqlRequestError, type GraphqlClient } from "./client.js";
import type * as G from "./graphql/graphql.js";
import { ABOUT, AREAS, ENUMS, INDICATORS, OBSERVATIONS, SOURCES } from "./queries.js";
import type { EnumValues } from "./tables.js";

type Element<T> = T extends readonly (infer E)[] ? E : never;

export type About = G.DownloadAboutQuery["about"];
export type IndicatorData = Element<G.DownloadIndicatorsQuery["indicators"]["nodes"]>;
export type UnitData = IndicatorData["unit"];
export type TargetData = Element<IndicatorData["targets"]>;
export type SourceRef = G.DownloadSourceRefFragment;
export type ObservationData = Element<G.DownloadObservationsQuery["observations"]["nodes"]>;
export type AreaData = Element<G.DownloadAreasQuery["areas"]["nodes"]>;
export type SourceData = Element<G.DownloadSourcesQuery["sources"]>;

export interface PortalData {
  about: About;
  indicators: IndicatorData[];
  observations: ObservationData[];
  areas: AreaData[];
  sources: SourceData[];
  enums: EnumValues;
}

/** The schema's enum behind each alias of the ENUMS query (named in the error when one is missing). */
const ENUM_TYPES: Record<keyof EnumValues, string> = {
  status: "ObservationStatus", periodBasis: "PeriodBasis", areaLevel: "AreaLevel", areaUnitType: "AreaUnitType",
  sourceKind: "SourceKind", targetKind: "TargetKind", comparator: "TargetComparator", unitKind: "UnitKind",
};

async function fetchEnums(client: GraphqlClient): Promise<EnumValues> {
  const data = await client.request(ENUMS);
  const entries = Object.entries(ENUM_TYPES).map(([alias, type]) => {
    const values = data[alias as keyof EnumValues]?.enumValues?.map((v) => v.name);
    if (!values?.length) throw new GraphqlRequestError(`The API's schema has no enum ${type}.`);
    return [alias, values];
  });
  return Object.fromEntries(entries) as EnumValues;
}

/** Read the whole portal through the API; the data version is read before and after, so a rebuild in between is noticed. */
export async function fetchPortalData(client: GraphqlClient): Promise<PortalData> {
  const { about } = await client.request(ABOUT);
  const [indicators, observations, areas, { sources }, enums] = await Promise.all([
    fetchAll(client, INDICATORS, (d) => d.indicators),
    fetchAll(client, OBSERVATIONS, (d) => d.observations),
    fetchAll(client, AREAS, (d) => d.areas),
    client.request(SOURCES),
    fetchEnums(client),
  ]);
  const { about: after } = await client.request(ABOUT);
  if (after.dataVersion !== about.dataVersion) {
    throw new GraphqlRequestError(`The API's data changed while the downloads were read (${about.dataVersion} → ${after.dataVersion}); run the generator again.`);
  }
  return { about, indicators, observations, areas, sources, enums };
}
