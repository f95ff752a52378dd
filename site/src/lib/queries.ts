/**
 * The queries the site runs against the GraphQL API at build time, one function per need.
 * Each query is small and shallow so the API's depth and cost limits never get in the way.
 * The answers' types are generated from these queries and schema.graphql (`npm run codegen`,
 * into ./graphql): write a query in a `graphql(…)` call here, run codegen, use its result type.
 */
import { gql } from "./api";
import { graphql } from "./graphql";
// A paged loop names its answer type: the cursor it feeds back would otherwise make the inference circular.
import type { AreaLevel, AreaUnitType, SiteAreasQuery, SiteAreasWithinQuery, SiteIndicatorsQuery } from "./graphql/graphql";
import type { About, AreaVersion, AreaObservation, IndicatorDetail, IndicatorSummary, SourceWithIndicators, Topic } from "./types";

export const UnitFields = graphql(`
  fragment UnitFields on Unit { id symbol name nameEn kind }
`);

export const SourceRefFields = graphql(`
  fragment SourceRefFields on Source { id title titleEn }
`);

export const ObservationFields = graphql(`
  fragment ObservationFields on Observation {
    id value status note areaCode
    period { start end label basis }
    area { code fullName fullNameEn }
    source { ...SourceRefFields }
    breakdown { id name nameEn }
  }
`);

export const IndicatorSummaryFields = graphql(`
  fragment IndicatorSummaryFields on Indicator {
    id name nameEn higherIsBetter
    unit { ...UnitFields }
    topic { id name nameEn }
    numerator { id name nameEn }
    denominator { id name nameEn }
    latest { ...ObservationFields }
  }
`);

export const SourceFields = graphql(`
  fragment SourceFields on Source {
    ...SourceRefFields
    publisher kind url published publishedNote licence licenceUrl locator snapshotDate reliability note
  }
`);

export const AreaRefFields = graphql(`
  fragment AreaRefFields on Area { id code name fullName fullNameEn level unitType validFrom validTo }
`);

export const AreaChangeFields = graphql(`
  fragment AreaChangeFields on AreaChange {
    date dateNote dateNoteVi dateNoteEn kind partial note noteVi noteEn
    area { ...AreaRefFields }
    source { ...SourceRefFields }
  }
`);

const ABOUT = graphql(`
  query SiteAbout { about { dataVersion dataHash builtAt licence counts { indicators observations targets sources areas topics } } }
`);

export async function getAbout(): Promise<About> {
  return (await gql(ABOUT)).about;
}

const TOPICS = graphql(`
  query SiteTopics { topics { id name nameEn description descriptionEn } }
`);

export async function getTopics(): Promise<Topic[]> {
  return (await gql(TOPICS)).topics;
}

const INDICATORS = graphql(`
  query SiteIndicators($after: String) {
    indicators(first: 100, after: $after) { nodes { ...IndicatorSummaryFields } pageInfo { hasNextPage endCursor } }
  }
`);

/** Every indicator with its unit, topic and latest provincial value, in the site's order. */
export async function getIndicators(): Promise<IndicatorSummary[]> {
  const all: IndicatorSummary[] = [];
  let after: string | null = null;
  do {
    const { indicators }: SiteIndicatorsQuery = await gql(INDICATORS, { after });
    all.push(...indicators.nodes);
    after = indicators.pageInfo.hasNextPage ? indicators.pageInfo.endCursor : null;
  } while (after);
  return all;
}

const INDICATOR = graphql(`
  query SiteIndicator($id: ID!) {
    indicator(id: $id) {
      ...IndicatorSummaryFields
      description descriptionEn
      permalink permalinkEn: permalink(lang: EN)
      citeText: citation citeTextEn: citation(lang: EN)
      citeBibtex: citation(format: BIBTEX) citeBibtexEn: citation(format: BIBTEX, lang: EN)
      citeCsl: citation(format: CSL_JSON) citeCslEn: citation(format: CSL_JSON, lang: EN)
      observations(includeBreakdowns: true) { ...ObservationFields fact factEn: fact(lang: EN) permalink permalinkEn: permalink(lang: EN) }
      targets { value comparator kind note period { start end label } area { code fullName fullNameEn } source { ...SourceRefFields } }
      milestones { id date dateNote title titleEn areaCode area { code fullName fullNameEn } source { ...SourceRefFields } }
      sources { ...SourceFields }
    }
  }
`);

const details = new Map<string, Promise<IndicatorDetail>>();

/** One indicator with everything its pages show (both languages: one request serves the Vietnamese and the English page). */
export function getIndicator(id: string): Promise<IndicatorDetail> {
  let pending = details.get(id);
  if (!pending) {
    pending = gql(INDICATOR, { id }).then(({ indicator }) => {
      if (!indicator) throw new Error(`The API has no indicator ${id}.`);
      const { citeText, citeTextEn, citeBibtex, citeBibtexEn, citeCsl, citeCslEn, ...rest } = indicator;
      return { ...rest, citation: { text: { vi: citeText, en: citeTextEn }, bibtex: { vi: citeBibtex, en: citeBibtexEn }, csl: { vi: citeCsl, en: citeCslEn } } };
    });
    details.set(id, pending);
  }
  return pending;
}

const SOURCES = graphql(`
  query SiteSources { sources { ...SourceFields indicators { id name nameEn } } }
`);

export async function getSources(): Promise<SourceWithIndicators[]> {
  return (await gql(SOURCES)).sources;
}

const AREAS = graphql(`
  query SiteAreas($after: String) {
    areas(first: 200, after: $after) {
      nodes {
        ...AreaRefFields nameEn validityNote validityNoteVi validityNoteEn parentCode
        parent { ...AreaRefFields }
        formedFrom { ...AreaChangeFields }
        wentInto { ...AreaChangeFields }
        indicators { id name nameEn }
        source { ...SourceRefFields }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

/** Every version of every administrative unit, read page by page with cursors. */
export async function getAreaVersions(): Promise<AreaVersion[]> {
  const all: AreaVersion[] = [];
  let after: string | null = null;
  do {
    const { areas }: SiteAreasQuery = await gql(AREAS, { after });
    all.push(...areas.nodes);
    after = areas.pageInfo.hasNextPage ? areas.pageInfo.endCursor : null;
  } while (after);
  return all;
}

const AREA_OBSERVATIONS = graphql(`
  query SiteAreaObservations($code: ID!) {
    observations(areaCode: $code, first: 1000) { nodes { ...ObservationFields indicator { id name nameEn unit { ...UnitFields } } } }
  }
`);

/** Observations for one area code (all indicators), oldest first within each indicator. */
export async function getAreaObservations(code: string): Promise<AreaObservation[]> {
  return (await gql(AREA_OBSERVATIONS, { code })).observations.nodes;
}

export interface UnitCount {
  date: string;
  total: number;
  byType: Partial<Record<AreaUnitType, number>>;
  districts: number;
}

/** Commune-level units of a province on a date (at any depth: under its districts until 2025-06-30, directly from 2025-07-01). */
export async function countCommuneLevelUnits(provinceCode: string, date: string): Promise<UnitCount> {
  const districts = await listAreas({ level: "DISTRICT", withinCode: provinceCode, asOf: date });
  const communes = await listAreas({ level: "COMMUNE", withinCode: provinceCode, asOf: date });
  const byType: Partial<Record<AreaUnitType, number>> = {};
  for (const c of communes) byType[c.unitType] = (byType[c.unitType] ?? 0) + 1;
  return { date, total: communes.length, byType, districts: districts.length };
}

const AREAS_WITHIN = graphql(`
  query SiteAreasWithin($level: AreaLevel, $withinCode: ID, $asOf: Date, $after: String) {
    areas(level: $level, withinCode: $withinCode, asOf: $asOf, first: 200, after: $after) {
      totalCount nodes { code unitType } pageInfo { hasNextPage endCursor }
    }
  }
`);

async function listAreas(filter: { level: AreaLevel; withinCode: string; asOf: string }): Promise<{ code: string; unitType: AreaUnitType }[]> {
  const all: { code: string; unitType: AreaUnitType }[] = [];
  let after: string | null = null;
  let totalCount = 0;
  do {
    const { areas }: SiteAreasWithinQuery = await gql(AREAS_WITHIN, { ...filter, after });
    totalCount = areas.totalCount;
    all.push(...areas.nodes);
    after = areas.pageInfo.hasNextPage ? areas.pageInfo.endCursor : null;
  } while (after);
  if (all.length !== totalCount) throw new Error(`areas(${JSON.stringify(filter)}): totalCount ${totalCount} but ${all.length} nodes read.`);
  return all;
}
