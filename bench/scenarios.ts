/**
 * The read scenarios of the benchmark: what the site and API users ask most. Each is a
 * GraphQL query (sent as GET /graphql?query=..., as the site and curl users do) and a
 * count of the rows in its answer, so a scenario that silently returns nothing fails.
 * They run on the real data plus a SYNTHETIC layer (bench/synthetic.ts), which gives
 * every commune monthly values.
 */
import { currentCommuneCodes, syntheticIndicatorId } from "./synthetic.js";

export interface Scenario {
  name: string;
  /** What it stands for, for the report. */
  description: string;
  query: string;
  /** Rows in a GraphQL answer's `data` (> 0 or the scenario is broken). */
  rows(data: any): number;
}

const INDICATOR = syntheticIndicatorId(1);

export function scenarios(): Scenario[] {
  const communes = currentCommuneCodes();
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
      name: "commune-latest",
      description: `map: latest value of one indicator for each of the ${communes.length} current communes, with names`,
      query: `{ indicator(id: "${INDICATOR}") { id ${communes.map((c) => `c${c}: latest(areaCode: "${c}") { value period { label } area { code name } }`).join(" ")} } }`,
      rows: (d) => Object.keys(d.indicator).filter((k) => k.startsWith("c") && d.indicator[k]).length,
    },
    {
      name: "search",
      description: "search box: areas matching “phu binh”",
      query: `{ areas(search: "phu binh", first: 20) { totalCount nodes { code fullName level unitType validFrom validTo } } }`,
      rows: (d) => d.areas.nodes.length,
    },
    {
      name: "observations-page",
      description: "bulk reading: a page of 1000 observations of one indicator with their areas and sources",
      query: `{ observations(indicatorId: "${INDICATOR}", first: 1000) { totalCount pageInfo { hasNextPage endCursor } nodes { id value status period { start end label } area { code name fullName } source { id title } } } }`,
      rows: (d) => d.observations.nodes.length,
    },
  ];
}
