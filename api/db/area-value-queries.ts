/**
 * Queries over the tables the ingest derives for maps, rankings and headline values
 * (data/ingest/derived.ts): each is one indexed range, batched by the loaders of
 * api/schema/context.ts.
 */
import { sql, type Kysely } from "kysely";
import type { ObservationFlagRow, AreaShapeRow, AreaValueRow, Database, HarmonisedComponentRow, HarmonisedObservationRow, HeadlineObservationRow, IndicatorCoverageRow, ObservationRevisionRow, ObservationRow } from "./database.js";

type Db = Kysely<Database>;

/** Which area values to read: one indicator, level, province and period group (a map). */
export interface AreaValueSetKey {
  indicatorId: string;
  level: string;
  provinceCode: string;
  harmonisedTo: string | null;
  periodStart: string;
  periodEnd: string;
}

/** The rows of several maps (the loader puts them in rank order). */
export function areaValueSets(db: Db, keys: readonly AreaValueSetKey[]): Promise<AreaValueRow[]> {
  const parts = keys.map((k) =>
    db.selectFrom("area_values").selectAll()
      .where("indicator_id", "=", k.indicatorId).where("level", "=", k.level).where("province_code", "=", k.provinceCode)
      .where(sql<boolean>`harmonised_to is ${k.harmonisedTo}`).where("period_end", "=", k.periodEnd).where("period_start", "=", k.periodStart),
  );
  if (parts.length === 0) return Promise.resolve([]);
  return parts.reduce((all, part) => all.unionAll(part)).execute();
}

/** Levels and periods of several indicators. */
export function coverageOfIndicators(db: Db, ids: readonly string[]): Promise<IndicatorCoverageRow[]> {
  return db.selectFrom("indicator_coverage").selectAll().where("indicator_id", "in", ids)
    .orderBy("indicator_id").orderBy("level").orderBy("harmonised_to").orderBy("period_end").orderBy("period_start").execute();
}

/** Values of several area versions (with a value), the latest per indicator or every period. */
export function areaValuesOfAreas(db: Db, areaIds: readonly string[], latestOnly: boolean): Promise<AreaValueRow[]> {
  let query = db.selectFrom("area_values").selectAll().where("area_id", "in", areaIds).where("value", "is not", null);
  if (latestOnly) query = query.where("is_latest", "=", 1);
  return query.orderBy("indicator_id").orderBy("harmonised_to").orderBy("period_end").orderBy("period_start").execute();
}

/** Headline choices of several (indicator, area code) pairs. */
export function headlines(db: Db, keys: readonly { indicatorId: string; areaCode: string }[]): Promise<HeadlineObservationRow[]> {
  if (keys.length === 0) return Promise.resolve([]);
  const pairs = sql.join(keys.map((k) => sql`(${k.indicatorId}, ${k.areaCode})`));
  return db.selectFrom("headline_observations").selectAll().where(sql<boolean>`(indicator_id, area_code) in (values ${pairs})`).execute();
}

/** Observations by their row ids (area values and headlines point at them). */
export function observationsByRowIds(db: Db, ids: readonly number[]): Promise<ObservationRow[]> {
  return db.selectFrom("observations").selectAll().where("id", "in", ids).execute();
}

export function harmonisedByKeys(db: Db, keys: readonly string[]): Promise<HarmonisedObservationRow[]> {
  return db.selectFrom("harmonised_observations").selectAll().where("key", "in", keys).execute();
}

export function harmonisedComponentsByKeys(db: Db, keys: readonly string[]): Promise<HarmonisedComponentRow[]> {
  return db.selectFrom("harmonised_components").selectAll().where("harmonised_key", "in", keys).orderBy("area_code").execute();
}

export function shapesByAreaIds(db: Db, ids: readonly string[]): Promise<AreaShapeRow[]> {
  return db.selectFrom("area_shapes").selectAll().where("area_id", "in", ids).execute();
}

/** The shapes of the units of a province valid on a date, by code. */
export function shapesValidOn(db: Db, date: string, provinceCode: string): Promise<AreaShapeRow[]> {
  return db.selectFrom("area_shapes").innerJoin("areas", "areas.id", "area_shapes.area_id").selectAll("area_shapes")
    .where("areas.valid_from", "<=", date).where((eb) => eb.or([eb("areas.valid_to", "is", null), eb("areas.valid_to", ">=", date)]))
    .where("areas.parent_code", "=", provinceCode).orderBy("area_shapes.area_code").execute();
}

export function flagsByObservationIds(db: Db, ids: readonly number[]): Promise<ObservationFlagRow[]> {
  return db.selectFrom("observation_flags").selectAll().where("observation_id", "in", ids).orderBy("kind").execute();
}

/** The revision reports of several indicators (data/ingest/derived.ts), group by group in publication order. */
export function revisionsOfIndicators(db: Db, ids: readonly string[]): Promise<ObservationRevisionRow[]> {
  return db.selectFrom("observation_revisions").selectAll().where("indicator_id", "in", ids)
    .orderBy("area_code").orderBy("period_end").orderBy("period_start").orderBy("revision_key").orderBy("position").execute();
}
