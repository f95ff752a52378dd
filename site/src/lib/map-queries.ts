/**
 * The queries of an indicator's "Map" tab, run at build time: which levels and periods have
 * values (Indicator.coverage, every indicator's in one request), every area's value of one of
 * them (Indicator.areaValues), and the 2025 communes' shapes (Query.areaShapes, read once per build by lib/area-values.ts).
 * Answer types are generated from these queries (`npm run codegen`).
 */
import { gql } from "./api";
import { graphql } from "./graphql";
import { getAreaShapes } from "./area-values";
import type { AreaLevel, SiteAreaValuesQuery, SiteCoverageQuery } from "./graphql/graphql";
import type { AreaShapes } from "./map";

type Element<T> = T extends readonly (infer E)[] ? E : never;

const SiteCoverage = graphql(`
  query SiteCoverage {
    indicators(first: 1000) {
      nodes { id coverage { level harmonisedTo areasWithValue areaCount period { start end label basis } } }
    }
  }
`);

const SiteAreaValues = graphql(`
  query SiteAreaValues($id: ID!, $level: AreaLevel!, $periodEnd: Date, $harmonisedTo: Date, $asOf: Date) {
    indicator(id: $id) {
      areaValues(level: $level, periodEnd: $periodEnd, harmonisedTo: $harmonisedTo) {
        level harmonisedTo withValue areaCount period { start end label basis }
        values {
          areaCode value status distinctValues rank { position of }
          area { code fullName fullNameEn parentCode parent(asOf: $asOf) { code fullName fullNameEn } }
          source { id title titleEn }
          harmonisation { noteVi noteEn }
        }
      }
    }
  }
`);


export type Coverage = Element<Element<SiteCoverageQuery["indicators"]["nodes"]>["coverage"]>;
export type AreaValueSet = NonNullable<NonNullable<SiteAreaValuesQuery["indicator"]>["areaValues"]>;
export type AreaValue = Element<AreaValueSet["values"]>;

export interface ShapeCollection {
  asOf: string;
  attributionVi: string;
  attributionEn: string;
  shapes: AreaShapes;
}

let coverage: Promise<Map<string, Coverage[]>> | null = null;

/** Levels and periods of an indicator's values (every indicator's in one request per build). */
export async function getCoverage(id: string): Promise<Coverage[]> {
  coverage ??= gql(SiteCoverage).then((data) => new Map(data.indicators.nodes.map((i) => [i.id, i.coverage])));
  return (await coverage).get(id) ?? [];
}

/** Every area of a level for one period (in rank order, areas without a value last). */
export async function getAreaValues(id: string, level: AreaLevel, periodEnd: string, harmonisedTo: string | null): Promise<AreaValueSet> {
  // The parent as it was then (Thị xã Phổ Yên in 2019, a city from 2022).
  const data = await gql(SiteAreaValues, { id, level, periodEnd, harmonisedTo, asOf: harmonisedTo ?? periodEnd });
  const set = data.indicator?.areaValues;
  if (!set) throw new Error(`areaValues(${id}, ${level}, ${periodEnd}): null although coverage lists it.`);
  return set;
}

/** The 2025 communes' shapes as GeoJSON for the map renderers (one request per build, shared with the area pages). */
export async function getCommuneShapes(): Promise<ShapeCollection | null> {
  const collection = await getAreaShapes();
  return collection && { asOf: collection.asOf, attributionVi: collection.attribution.vi, attributionEn: collection.attribution.en, shapes: collection.shapes };
}
