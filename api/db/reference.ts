/**
 * The small tables every answer refers to (topics, units, sources, breakdowns, indicators,
 * areas: hundreds of rows), read once when a database is opened. The database is immutable, so
 * the loaders answer these lookups from memory instead of an SQL statement per batch: a map of
 * 180 communes no longer reads 180 area rows per request. Per database, so a new data version
 * (a new file) comes with its own.
 */
import type { Kysely } from "kysely";
import { LRUCache } from "lru-cache";
import type { AreaRow, BreakdownRow, Database, IndicatorCoverageRow, IndicatorRow, SourceRow, TopicRow, UnitRow } from "./database.js";

export interface ReferenceData {
  topics: ReadonlyMap<string, TopicRow>;
  units: ReadonlyMap<string, UnitRow>;
  sources: ReadonlyMap<string, SourceRow>;
  breakdowns: ReadonlyMap<string, BreakdownRow>;
  indicators: ReadonlyMap<string, IndicatorRow>;
  areasById: ReadonlyMap<string, AreaRow>;
  /** Every version of a code, oldest first. */
  areaVersions: ReadonlyMap<string, readonly AreaRow[]>;
  /** Every version whose parent carries a code, by code then validity. */
  areaChildren: ReadonlyMap<string, readonly AreaRow[]>;
  /**
   * Coverage rows (levels and periods) of the indicators read so far, by indicator: a map asks
   * for them before its values, and reading them again per request cost a third of the map's
   * SQL time. Filled on first use rather than at open (the synthetic layer of 10^7 has ~100,000
   * rows); bounded by rows.
   */
  coverage: LRUCache<string, readonly IndicatorCoverageRow[]>;
}

/** Coverage rows kept in memory per database (an indicator of the real data has a few dozen). */
export const MAX_COVERAGE_ROWS_IN_MEMORY = 50_000;

/** Rows grouped by a key, in their order. */
export const groupBy = <R, K>(rows: R[], key: (row: R) => K) => {
  const map = new Map<K, R[]>();
  for (const row of rows) {
    const k = key(row);
    const group = map.get(k);
    if (group) group.push(row);
    else map.set(k, [row]);
  }
  return map;
};

export async function loadReferenceData(db: Kysely<Database>): Promise<ReferenceData> {
  const [topics, units, sources, breakdowns, indicators, areas] = await Promise.all([
    db.selectFrom("topics").selectAll().execute(),
    db.selectFrom("units").selectAll().execute(),
    db.selectFrom("sources").selectAll().execute(),
    db.selectFrom("breakdowns").selectAll().execute(),
    db.selectFrom("indicators").selectAll().execute(),
    db.selectFrom("areas").selectAll().orderBy("code").orderBy("valid_from").execute(),
  ]);
  const byId = <R extends { id: string }>(rows: R[]) => new Map(rows.map((r) => [r.id, r]));
  return {
    topics: byId(topics), units: byId(units), sources: byId(sources), breakdowns: byId(breakdowns), indicators: byId(indicators),
    areasById: byId(areas),
    areaVersions: groupBy(areas, (a) => a.code),
    areaChildren: groupBy(areas.filter((a) => a.parent_code !== null), (a) => a.parent_code!),
    coverage: new LRUCache({ maxSize: MAX_COVERAGE_ROWS_IN_MEMORY, sizeCalculation: (rows) => rows.length + 1 }),
  };
}
