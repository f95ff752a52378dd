/**
 * The queries the site runs against the GraphQL API at build time, one function per need.
 * Each query is small and shallow so the API's depth and cost limits never get in the way.
 */
import { gql } from "./api";
import type { About, AreaLevel, AreaObservation, AreaUnitType, AreaVersion, IndicatorDetail, IndicatorSummary, SourceWithIndicators, Topic } from "./types";

const UNIT = `unit { id symbol name nameEn kind }`;
const SOURCE_REF = `id title titleEn`;
const OBSERVATION = `id value status note areaCode period { start end label basis } area { code fullName } source { ${SOURCE_REF} } breakdown { id name nameEn }`;
const INDICATOR_SUMMARY = `id name nameEn higherIsBetter ${UNIT} topic { id name nameEn } numerator { id name nameEn } denominator { id name nameEn } latest { ${OBSERVATION} }`;
const SOURCE = `${SOURCE_REF} publisher kind url published publishedNote licence licenceUrl locator snapshotDate reliability note`;
const AREA_REF = `id code name fullName fullNameEn level unitType validFrom validTo`;

export async function getAbout(): Promise<About> {
  const data = await gql<{ about: About }>(`{ about { dataVersion dataHash builtAt licence counts { indicators observations targets sources areas topics } } }`);
  return data.about;
}

export async function getTopics(): Promise<Topic[]> {
  const data = await gql<{ topics: Topic[] }>(`{ topics { id name nameEn description descriptionEn } }`);
  return data.topics;
}

/** Every indicator with its unit, topic and latest provincial value, in the site's order. */
export async function getIndicators(): Promise<IndicatorSummary[]> {
  const all: IndicatorSummary[] = [];
  let after: string | null = null;
  do {
    const data: { indicators: { nodes: IndicatorSummary[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await gql(
      `query Indicators($after: String) { indicators(first: 100, after: $after) { nodes { ${INDICATOR_SUMMARY} } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    all.push(...data.indicators.nodes);
    after = data.indicators.pageInfo.hasNextPage ? data.indicators.pageInfo.endCursor : null;
  } while (after);
  return all;
}

export async function getIndicator(id: string): Promise<IndicatorDetail> {
  const data = await gql<{ indicator: IndicatorDetail }>(
    `query Indicator($id: ID!) { indicator(id: $id) {
      ${INDICATOR_SUMMARY} description descriptionEn
      observations(includeBreakdowns: true) { ${OBSERVATION} }
      targets { value comparator kind note period { start end label } area { code fullName } source { ${SOURCE_REF} } }
      milestones { id date dateNote title titleEn areaCode area { code fullName } source { ${SOURCE_REF} } }
      sources { ${SOURCE} }
    } }`,
    { id },
  );
  return data.indicator;
}

export async function getSources(): Promise<SourceWithIndicators[]> {
  const data = await gql<{ sources: SourceWithIndicators[] }>(
    `{ sources { ${SOURCE} indicators { id name nameEn } } }`,
  );
  return data.sources;
}

/** Every version of every administrative unit, read page by page with cursors. */
export async function getAreaVersions(): Promise<AreaVersion[]> {
  const all: AreaVersion[] = [];
  let after: string | null = null;
  do {
    const data: { areas: { nodes: AreaVersion[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await gql(
      `query Areas($after: String) { areas(first: 200, after: $after) {
        nodes { ${AREA_REF} nameEn validityNote parentCode parent { ${AREA_REF} }
          predecessors { ${AREA_REF} } successors { ${AREA_REF} } indicators { id name nameEn } source { ${SOURCE_REF} } }
        pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    all.push(...data.areas.nodes);
    after = data.areas.pageInfo.hasNextPage ? data.areas.pageInfo.endCursor : null;
  } while (after);
  return all;
}

/** Observations for one area code (all indicators), oldest first within each indicator. */
export async function getAreaObservations(code: string): Promise<AreaObservation[]> {
  const data = await gql<{ observations: { nodes: AreaObservation[] } }>(
    `query AreaObservations($code: ID!) { observations(areaCode: $code, first: 1000) { nodes { ${OBSERVATION} indicator { id name nameEn ${UNIT} } } } }`,
    { code },
  );
  return data.observations.nodes;
}

export interface UnitCount {
  date: string;
  total: number;
  byType: Partial<Record<AreaUnitType, number>>;
  districts: number;
}

/**
 * Commune-level units of a province on a date. The API filters by direct parent only, so the
 * communes under the province's districts (before 2025-07-01) are added to those directly
 * under the province (after the district level was abolished).
 */
export async function countCommuneLevelUnits(provinceCode: string, date: string): Promise<UnitCount> {
  const districts = await listAreas({ level: "DISTRICT", parentCode: provinceCode, asOf: date });
  const parents = [provinceCode, ...districts.map((d) => d.code)];
  const byType: Partial<Record<AreaUnitType, number>> = {};
  let total = 0;
  for (const parentCode of parents) {
    const communes = await listAreas({ level: "COMMUNE", parentCode, asOf: date });
    total += communes.length;
    for (const c of communes) byType[c.unitType] = (byType[c.unitType] ?? 0) + 1;
  }
  return { date, total, byType, districts: districts.length };
}

async function listAreas(filter: { level: AreaLevel; parentCode: string; asOf: string }): Promise<{ code: string; unitType: AreaUnitType }[]> {
  const all: { code: string; unitType: AreaUnitType }[] = [];
  let after: string | null = null;
  let totalCount = 0;
  do {
    const data: { areas: { totalCount: number; nodes: { code: string; unitType: AreaUnitType }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await gql(
      `query AreaCount($level: AreaLevel, $parentCode: ID, $asOf: Date, $after: String) {
        areas(level: $level, parentCode: $parentCode, asOf: $asOf, first: 200, after: $after) { totalCount nodes { code unitType } pageInfo { hasNextPage endCursor } } }`,
      { ...filter, after },
    );
    totalCount = data.areas.totalCount;
    all.push(...data.areas.nodes);
    after = data.areas.pageInfo.hasNextPage ? data.areas.pageInfo.endCursor : null;
  } while (after);
  if (all.length !== totalCount) throw new Error(`areas(${JSON.stringify(filter)}): totalCount ${totalCount} but ${all.length} nodes read.`);
  return all;
}
