/**
 * The read scenarios of the benchmark: what the site and API users ask most. Each is a
 * GraphQL query (sent as GET /graphql?query=..., as the site and curl users do) and a
 * count of the rows in its answer, so a scenario that silently returns nothing fails.
 * They run on the real data plus a SYNTHETIC layer (bench/synthetic.ts), which gives
 * every commune monthly values.
 */
import { syntheticIndicatorId, syntheticMonths } from "./synthetic.js";

export interface Scenario {
  name: string;
  /** What it stands for, for the report. */
  description: string;
  query: string;
  /** Rows in a GraphQL answer's `data` (> 0 or the scenario is broken). */
  rows(data: any): number;
}

const INDICATOR = syntheticIndicatorId(1);
const LAST_MONTH = syntheticMonths().at(-1)!;

export function scenarios(): Scenario[] {
  return [
    {
      name: "indicators-latest",
      description: "home page: 40 indicators with unit, topic and latest province value with its source",
      query: `{ indicators(first: 40) { totalCount nodes { id name nameEn unit { id symbol } topic { id name } latest { value status period { label end } source { id title } } } } }`,
      rows: (d) => d.indicators.nodes.filter((n: any) => n.latest).length,
    },
    {
      name: "series",
      description: "indicator page: one indicator's monthly series for the province (36 values)",
      query: `{ indicator(id: "${INDICATOR}") { id name unit { symbol } observations(areaCode: "19") { value status period { start end label } source { id } } } }`,
      rows: (d) => d.indicator.observations.length,
    },
    {
      // The API has no "latest value for each area" list field and allows 30 aliases, so
      // `latest(areaCode:)` once per commune (92) is not one request: a map asks for the
      // values of the latest month instead (every commune has one in the synthetic layer).
      name: "commune-latest",
      description: `map: one indicator's values for every commune in the latest month (${LAST_MONTH.label}), with area names`,
      query: `{ indicator(id: "${INDICATOR}") { id name unit { symbol } } observations(indicatorId: "${INDICATOR}", from: "${LAST_MONTH.start}", to: "${LAST_MONTH.end}", first: 1000) { totalCount nodes { value period { label } area { code name level } } } }`,
      rows: (d) => d.observations.nodes.length,
    },
    {
      // The map of issue "Below the province": every commune of one indicator on one date, read
      // from the table the ingest derives (data/ingest/derived.ts), ranked, with names.
      name: "map",
      description: `map: every commune's value of one indicator for one month (${LAST_MONTH.label}), ranked, with area names (Indicator.areaValues)`,
      query: `{ indicator(id: "${INDICATOR}") { id name unit { symbol } areaValues(level: COMMUNE, periodEnd: "${LAST_MONTH.end}") { withValue areaCount period { label } values { value status rank { position of } area { code name } } } } }`,
      rows: (d) => d.indicator.areaValues.values.filter((v: any) => v.value !== null).length,
    },
    {
      name: "area-page",
      description: "area page: one commune's latest value of every indicator with its rank and share of the parent (Area.values)",
      query: `{ area(code: "05443") { code name fullName level parent { code name } values { value period { label } rank { position of } rankInParent { position of } shareOfParent indicator { id name unit { symbol } } source { id title } } } }`,
      rows: (d) => d.area.values.length,
    },
    {
      name: "search",
      description: "search box: indicators, areas and sources matching “phu binh”",
      query: `{ search(q: "phu binh", first: 20) { __typename ... on Area { code fullName level validFrom validTo } ... on Indicator { id name } ... on Source { id title } } }`,
      rows: (d) => d.search.length,
    },
    {
      name: "observations-page",
      description: "bulk reading: a page of 1000 observations of one indicator with their areas and sources",
      query: `{ observations(indicatorId: "${INDICATOR}", first: 1000) { totalCount pageInfo { hasNextPage endCursor } nodes { id value status period { start end label } area { code name fullName } source { id title } } } }`,
      rows: (d) => d.observations.nodes.length,
    },
  ];
}
