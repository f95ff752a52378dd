/**
 * The queries the site runs against the GraphQL API at build time, one function per need.
 * Each query is small and shallow so the API's depth and cost limits never get in the way.
 */
import { gql } from "./api";
import { chartPoints, seriesBreaks } from "./indicator";
import type { About, AreaLevel, AreaRef, AreaObservation, AreaUnitType, AreaVersion, IndicatorDetail, IndicatorSummary, ObservationStatus, Period, SourceWithIndicators, Topic } from "./types";

const UNIT = `unit { id symbol name nameEn kind }`;
const SOURCE_REF = `id title titleEn`;
const OBSERVATION = `id value status note areaCode period { start end label basis } area { code fullName fullNameEn validFrom } source { ${SOURCE_REF} } breakdown { id name nameEn } flags { kind expected onDate noteVi noteEn }`;
const INDICATOR_SUMMARY = `id name nameEn higherIsBetter ${UNIT} topic { id name nameEn } numerator { id name nameEn } denominator { id name nameEn } latest { ${OBSERVATION} } headline { rule ruleVi sourcesForPeriod distinctValues }`;
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

type IndicatorAnswer = Omit<IndicatorDetail, "citation"> & Record<"citeText" | "citeTextEn" | "citeBibtex" | "citeBibtexEn" | "citeCsl" | "citeCslEn", string>;

const details = new Map<string, Promise<IndicatorDetail>>();

/** One indicator with everything its pages show (both languages: one request serves the Vietnamese and the English page). */
export function getIndicator(id: string): Promise<IndicatorDetail> {
  let pending = details.get(id);
  if (!pending) {
    pending = gql<{ indicator: IndicatorAnswer }>(
      `query Indicator($id: ID!) { indicator(id: $id) {
        ${INDICATOR_SUMMARY} description descriptionEn
        permalink permalinkEn: permalink(lang: EN)
        citeText: citation citeTextEn: citation(lang: EN)
        citeBibtex: citation(format: BIBTEX) citeBibtexEn: citation(format: BIBTEX, lang: EN)
        citeCsl: citation(format: CSL_JSON) citeCslEn: citation(format: CSL_JSON, lang: EN)
        observations(includeBreakdowns: true) { ${OBSERVATION} fact factEn: fact(lang: EN) permalink permalinkEn: permalink(lang: EN) }
        targets { value comparator kind note period { start end label } area { code fullName fullNameEn } source { ${SOURCE_REF} } }
        milestones { id date dateNote title titleEn areaCode area { code fullName fullNameEn } source { ${SOURCE_REF} } }
        sources { ${SOURCE} }
        revisions { areaCode valueChanged period { start end label basis } reports { id value status knownFrom area { code fullName fullNameEn } source { ${SOURCE_REF} published publishedNote } } }
      } }`,
      { id },
    ).then(({ indicator }) => {
      const { citeText, citeTextEn, citeBibtex, citeBibtexEn, citeCsl, citeCslEn, ...rest } = indicator;
      return { ...rest, citation: { text: { vi: citeText, en: citeTextEn }, bibtex: { vi: citeBibtex, en: citeBibtexEn }, csl: { vi: citeCsl, en: citeCslEn } } };
    }).then(async (detail) => ({ ...detail, baseline: await getBaseline(detail) }));
    details.set(id, pending);
  }
  return pending;
}

/**
 * For a charted series whose area changed (a merger), the values before the last change carried
 * to the units after it (Area.values with harmonisedTo: the like-for-like baseline); null when
 * the series has no break or nothing could be carried.
 */
async function getBaseline(indicator: IndicatorDetail): Promise<IndicatorDetail["baseline"]> {
  const { areaCode, points } = chartPoints(indicator);
  const last = seriesBreaks(points).at(-1);
  if (!areaCode || !last) return null;
  const data = await gql<{ area: { values: { value: number | null; status: ObservationStatus; harmonisedTo: string | null; period: Period; harmonisation: { noteVi: string; noteEn: string } | null }[] } | null }>(
    `query Baseline($code: ID!, $asOf: Date!, $id: ID!) { area(code: $code, asOf: $asOf) {
      values(indicatorId: $id, latestOnly: false) { value status harmonisedTo period { start end label basis } harmonisation { noteVi noteEn } } } }`,
    { code: areaCode, asOf: last.date, id: indicator.id },
  );
  const carried = (data.area?.values ?? []).filter((v) => v.harmonisedTo === last.date && v.value !== null && v.period.end < last.date);
  if (!carried.length) return null;
  return {
    areaCode, harmonisedTo: last.date,
    points: carried.map((v) => ({ value: v.value!, status: v.status, period: v.period, harmonisedTo: v.harmonisedTo!, noteVi: v.harmonisation?.noteVi ?? "", noteEn: v.harmonisation?.noteEn ?? "" })),
  };
}

export async function getSources(): Promise<SourceWithIndicators[]> {
  const data = await gql<{ sources: SourceWithIndicators[] }>(
    `{ sources { ${SOURCE} indicators { id name nameEn } } }`,
  );
  return data.sources;
}

interface SchemaFeatures {
  /** Area.formedFrom / Area.wentInto: change links with date, kind and source. */
  areaChanges: boolean;
  /** Query.areas(withinCode): units at any depth under a code. */
  areasWithin: boolean;
}

/**
 * What this API version offers. The geography model grows while the site is built against it:
 * the site uses the richer fields when the schema has them and falls back otherwise.
 */
export async function getSchemaFeatures(): Promise<SchemaFeatures> {
  const data = await gql<{ area: { fields: { name: string }[] } | null; query: { fields: { name: string; args: { name: string }[] }[] } | null }>(
    `{ area: __type(name: "Area") { fields { name } } query: __type(name: "Query") { fields { name args { name } } } }`,
  );
  const areaFields = new Set(data.area?.fields.map((f) => f.name) ?? []);
  const areasArgs = new Set(data.query?.fields.find((f) => f.name === "areas")?.args.map((a) => a.name) ?? []);
  return { areaChanges: areaFields.has("formedFrom") && areaFields.has("wentInto"), areasWithin: areasArgs.has("withinCode") };
}

const AREA_CHANGE = `date dateNote kind partial note area { ${AREA_REF} } source { ${SOURCE_REF} }`;

/** Every version of every administrative unit, read page by page with cursors. */
export async function getAreaVersions(): Promise<AreaVersion[]> {
  const { areaChanges } = await getSchemaFeatures();
  const links = areaChanges ? `formedFrom { ${AREA_CHANGE} } wentInto { ${AREA_CHANGE} }` : `predecessors { ${AREA_REF} } successors { ${AREA_REF} }`;
  const all: AreaVersion[] = [];
  let after: string | null = null;
  do {
    const data: { areas: { nodes: (AreaVersion & { predecessors?: AreaRef[]; successors?: AreaRef[] })[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await gql(
      `query Areas($after: String) { areas(first: 200, after: $after) {
        nodes { ${AREA_REF} nameEn validityNote parentCode parent { ${AREA_REF} } ${links} indicators { id name nameEn } source { ${SOURCE_REF} } }
        pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    for (const node of data.areas.nodes) {
      const { predecessors, successors, ...version } = node;
      // Without change records, a link's date is the first day of the later version.
      if (!areaChanges) {
        version.formedFrom = (predecessors ?? []).map((area) => ({ date: node.validFrom, dateNote: null, kind: null, partial: false, note: null, area, source: null }));
        version.wentInto = (successors ?? []).map((area) => ({ date: area.validFrom, dateNote: null, kind: null, partial: false, note: null, area, source: null }));
      }
      all.push(version);
    }
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
 * Commune-level units of a province on a date: with `withinCode` when the API has it, else the
 * communes directly under the province (from 2025-07-01) plus those under its districts.
 */
export async function countCommuneLevelUnits(provinceCode: string, date: string): Promise<UnitCount> {
  const { areasWithin } = await getSchemaFeatures();
  const districts = await listAreas({ level: "DISTRICT", parentCode: provinceCode, asOf: date });
  const communes = areasWithin
    ? await listAreas({ level: "COMMUNE", withinCode: provinceCode, asOf: date })
    : (await Promise.all([provinceCode, ...districts.map((d) => d.code)].map((parentCode) => listAreas({ level: "COMMUNE", parentCode, asOf: date })))).flat();
  const byType: Partial<Record<AreaUnitType, number>> = {};
  for (const c of communes) byType[c.unitType] = (byType[c.unitType] ?? 0) + 1;
  return { date, total: communes.length, byType, districts: districts.length };
}

async function listAreas(filter: { level: AreaLevel; parentCode?: string; withinCode?: string; asOf: string }): Promise<{ code: string; unitType: AreaUnitType }[]> {
  const all: { code: string; unitType: AreaUnitType }[] = [];
  let after: string | null = null;
  let totalCount = 0;
  do {
    const data: { areas: { totalCount: number; nodes: { code: string; unitType: AreaUnitType }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await gql(
      filter.withinCode
        ? `query AreasWithin($level: AreaLevel, $withinCode: ID, $asOf: Date, $after: String) {
            areas(level: $level, withinCode: $withinCode, asOf: $asOf, first: 200, after: $after) { totalCount nodes { code unitType } pageInfo { hasNextPage endCursor } } }`
        : `query AreasUnder($level: AreaLevel, $parentCode: ID, $asOf: Date, $after: String) {
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
