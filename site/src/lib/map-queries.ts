/**
 * The queries of an indicator's "Map" tab, run at build time: which levels and periods have
 * values (Indicator.coverage), every area's value of one of them (Indicator.areaValues), and the
 * 2025 communes' shapes (Query.areaShapes, once per build).
 */
import { gql } from "./api";
import type { AreaShapes } from "./map";
import type { AreaLevel, Period, SourceRef } from "./types";

export interface Coverage {
  level: AreaLevel;
  harmonisedTo: string | null;
  areasWithValue: number;
  areaCount: number;
  period: Period;
}

export type AreaValueStatus = "REPORTED" | "ESTIMATE" | "APPROXIMATE" | "COMPUTED" | "COMPUTED_FROM_ESTIMATE" | "NOT_COMPARABLE" | "MISSING";

export interface AreaValue {
  areaCode: string;
  value: number | null;
  status: AreaValueStatus;
  distinctValues: number;
  rank: { position: number; of: number } | null;
  area: { code: string; fullName: string; fullNameEn: string; parentCode: string | null; parent: { code: string; fullName: string; fullNameEn: string } | null };
  source: SourceRef | null;
  harmonisation: { noteVi: string; noteEn: string } | null;
}

export interface AreaValueSet {
  level: AreaLevel;
  harmonisedTo: string | null;
  withValue: number;
  areaCount: number;
  period: Period;
  values: AreaValue[];
}

export interface ShapeCollection {
  asOf: string;
  attributionVi: string;
  attributionEn: string;
  shapes: AreaShapes;
}

let coverage: Promise<Map<string, Coverage[]>> | null = null;

/** Levels and periods of an indicator's values (every indicator's in one request per build). */
export async function getCoverage(id: string): Promise<Coverage[]> {
  coverage ??= gql<{ indicators: { nodes: { id: string; coverage: Coverage[] }[] } }>(
    `{ indicators(first: 1000) { nodes { id coverage { level harmonisedTo areasWithValue areaCount period { start end label basis } } } } }`,
  ).then((data) => new Map(data.indicators.nodes.map((i) => [i.id, i.coverage])));
  return (await coverage).get(id) ?? [];
}

/** Every area of a level for one period (in rank order, areas without a value last). */
export async function getAreaValues(id: string, level: AreaLevel, periodEnd: string, harmonisedTo: string | null): Promise<AreaValueSet> {
  const data = await gql<{ indicator: { areaValues: AreaValueSet | null } }>(
    `query AreaValues($id: ID!, $level: AreaLevel!, $periodEnd: Date, $harmonisedTo: Date, $asOf: Date) { indicator(id: $id) {
      areaValues(level: $level, periodEnd: $periodEnd, harmonisedTo: $harmonisedTo) {
        level harmonisedTo withValue areaCount period { start end label basis }
        values { areaCode value status distinctValues rank { position of }
          area { code fullName fullNameEn parentCode parent(asOf: $asOf) { code fullName fullNameEn } }
          source { id title titleEn } harmonisation { noteVi noteEn } }
      } } }`,
    // The parent as it was then (Thị xã Phổ Yên in 2019, a city from 2022).
    { id, level, periodEnd, harmonisedTo, asOf: harmonisedTo ?? periodEnd },
  );
  const set = data.indicator.areaValues;
  if (!set) throw new Error(`areaValues(${id}, ${level}, ${periodEnd}): null although coverage lists it.`);
  return set;
}

interface ShapeAnswer {
  asOf: string;
  attributionVi: string;
  attributionEn: string;
  shapes: { areaCode: string; geometry: AreaShapes["features"][number]["geometry"]; area: { fullName: string; fullNameEn: string } }[];
}

let shapes: Promise<ShapeCollection | null> | null = null;

/** The 2025 communes' shapes as GeoJSON for the map renderers (names as the pages write them). */
export function getCommuneShapes(): Promise<ShapeCollection | null> {
  shapes ??= gql<{ areaShapes: ShapeAnswer | null }>(
    `{ areaShapes(asOf: "2025-07-01") { asOf attributionVi attributionEn shapes { areaCode geometry area { fullName fullNameEn } } } }`,
  ).then(({ areaShapes }) =>
    areaShapes && {
      asOf: areaShapes.asOf,
      attributionVi: areaShapes.attributionVi,
      attributionEn: areaShapes.attributionEn,
      shapes: {
        type: "FeatureCollection",
        features: areaShapes.shapes.map((s) => ({ type: "Feature", geometry: s.geometry, properties: { code: s.areaCode, name: s.area.fullName, nameEn: s.area.fullNameEn } })),
      },
    },
  );
  return shapes;
}
