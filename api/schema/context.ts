/**
 * Per-request context: the database and DataLoaders, created fresh for every operation so
 * that batching never leaks data between requests. Field resolvers use only these loaders,
 * so a page of N observations costs a constant number of SQL queries.
 */
import DataLoader from "dataloader";
import type { Kysely } from "kysely";
import type { DataMeta } from "../db/connect.js";
import type { AreaRow, AreaValueRow, Database, HeadlineObservationRow, IndicatorCoverageRow, ObservationRow } from "../db/database.js";
import * as q from "../db/queries.js";
import * as av from "../db/area-value-queries.js";
import { groupBy, type ReferenceData } from "../db/reference.js";

/** Key of an area looked up by code at a date ("the unit that carried this code then"). */
export interface AreaAt {
  code: string;
  /** YYYY-MM-DD, or null for the most recent version. */
  date: string | null;
}

/**
 * The loaders of one request. With `reference` (the small tables in memory, api/db/reference.ts)
 * lookups of topics, units, sources, breakdowns, indicators and areas need no SQL.
 */
export function createLoaders(db: Kysely<Database>, reference?: ReferenceData) {
  const byId = <T extends Parameters<typeof q.byIds>[1]>(table: T) =>
    new DataLoader<string, Database[T] | null>(async (ids) => {
      const inMemory = (reference as unknown as Record<string, ReadonlyMap<string, Database[T]>> | undefined)?.[table];
      if (inMemory) return ids.map((id) => inMemory.get(id) ?? null);
      const rows = await q.byIds(db, table, ids);
      const map = new Map(rows.map((r) => [(r as { id: string }).id, r]));
      return ids.map((id) => map.get(id) ?? null);
    });
  const areaVersions = new DataLoader<string, AreaRow[]>(async (codes) => {
    if (reference) return codes.map((c) => [...(reference.areaVersions.get(c) ?? [])]);
    const grouped = groupBy(await q.areaVersionsByCodes(db, codes), (r) => r.code);
    return codes.map((c) => grouped.get(c) ?? []);
  });
  return {
    topic: byId("topics"),
    unit: byId("units"),
    source: byId("sources"),
    breakdown: byId("breakdowns"),
    indicator: byId("indicators"),
    areaVersions,
    areaAt: new DataLoader<AreaAt, AreaRow | null, string>(
      async (keys) => {
        const versions = await areaVersions.loadMany(keys.map((k) => k.code));
        return keys.map((key, i) => pickVersion(versions[i] instanceof Error ? [] : (versions[i] as AreaRow[]), key.date));
      },
      { cacheKeyFn: (k) => `${k.code}|${k.date ?? ""}` },
    ),
    areaById: new DataLoader<string, AreaRow | null>(async (ids) => {
      if (reference) return ids.map((id) => reference.areasById.get(id) ?? null);
      const map = new Map((await q.areasByIds(db, ids)).map((r) => [r.id, r]));
      return ids.map((id) => map.get(id) ?? null);
    }),
    childrenByParentCode: new DataLoader<string, AreaRow[]>(async (codes) => {
      if (reference) return codes.map((c) => [...(reference.areaChildren.get(c) ?? [])]);
      const grouped = groupBy(await q.areasByParentCodes(db, codes), (r) => r.parent_code);
      return codes.map((c) => grouped.get(c) ?? []);
    }),
    predecessors: new DataLoader(async (ids: readonly string[]) => {
      const grouped = groupBy(await q.areaLinks(db, ids, "predecessors"), (r) => r.successor_id);
      return ids.map((id) => grouped.get(id) ?? []);
    }),
    successors: new DataLoader(async (ids: readonly string[]) => {
      const grouped = groupBy(await q.areaLinks(db, ids, "successors"), (r) => r.predecessor_id);
      return ids.map((id) => grouped.get(id) ?? []);
    }),
    areaObservations: new DataLoader<q.AreaObservationsKey, ObservationRow[], string>(
      async (keys) => {
        const grouped = groupBy(await q.observationsOfAreas(db, keys), (r) => r._key);
        return keys.map((_, i) => (grouped.get(i) ?? []).map(({ _key, ...row }) => row));
      },
      // SQLite allows at most 500 terms in a compound select.
      { cacheKeyFn: (k) => JSON.stringify([k.code, k.from, k.to, k.indicatorId, k.limit]), maxBatchSize: 200 },
    ),
    series: new DataLoader<SeriesKey, ObservationRow[], string>(
      async (keys) => {
        // One query per distinct filter (a page asks the same filter for every indicator).
        const byFilter = groupBy([...keys], seriesFilterKey);
        const results = new Map<string, ObservationRow[]>();
        for (const [filterKey, group] of byFilter) {
          const { areaCode, from, to, includeBreakdowns } = group[0];
          const rows = await q.observationSeriesOfIndicators(db, group.map((k) => k.indicatorId), {
            areaCode, from, to, breakdownId: includeBreakdowns ? undefined : null,
          });
          for (const [indicatorId, series] of groupBy(rows, (r) => r.indicator_id)) results.set(`${indicatorId}|${filterKey}`, series);
        }
        return keys.map((k) => results.get(`${k.indicatorId}|${seriesFilterKey(k)}`) ?? []);
      },
      { cacheKeyFn: (k) => `${k.indicatorId}|${seriesFilterKey(k)}` },
    ),
    targetsByIndicator: new DataLoader(async (ids: readonly string[]) => {
      const grouped = groupBy(await q.targetsByIndicators(db, ids), (r) => r.indicator_id);
      return ids.map((id) => grouped.get(id) ?? []);
    }),
    sourceIdsByIndicator: new DataLoader(async (ids: readonly string[]) => {
      const grouped = groupBy(await q.sourceIdsByIndicators(db, ids), (r) => r.indicator_id);
      return ids.map((id) => (grouped.get(id) ?? []).map((r) => r.source_id).sort());
    }),
    indicatorIdsBySource: new DataLoader(async (ids: readonly string[]) => {
      const grouped = groupBy(await q.indicatorIdsBySources(db, ids), (r) => r.source_id);
      return ids.map((id) => (grouped.get(id) ?? []).map((r) => r.indicator_id));
    }),
    indicatorIdsByAreaCode: new DataLoader(async (codes: readonly string[]) => {
      const grouped = groupBy(await q.indicatorIdsByAreaCodes(db, codes), (r) => r.area_code);
      return codes.map((c) => (grouped.get(c) ?? []).map((r) => r.indicator_id));
    }),
    milestonesByIndicator: new DataLoader(async (ids: readonly string[]) => {
      const grouped = groupBy(await q.milestonesByIndicators(db, ids), (r) => r.indicator_id);
      return ids.map((id) => grouped.get(id) ?? []);
    }),
    areaValueSet: new DataLoader<av.AreaValueSetKey, AreaValueRow[], string>(
      async (keys) => {
        const grouped = groupBy(await av.areaValueSets(db, keys), (r) => areaValueSetKey({
          indicatorId: r.indicator_id, level: r.level, provinceCode: r.province_code ?? "", harmonisedTo: r.harmonised_to, periodStart: r.period_start, periodEnd: r.period_end,
        }));
        // Ranked values first, then the areas without one, each by code.
        const order = (a: AreaValueRow, b: AreaValueRow) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.area_code.localeCompare(b.area_code);
        return keys.map((k) => (grouped.get(areaValueSetKey(k)) ?? []).sort(order));
      },
      { cacheKeyFn: areaValueSetKey },
    ),
    coverage: new DataLoader(async (ids: readonly string[]) => {
      // Taken from memory before anything is added (adding may evict).
      const known = new Map(ids.flatMap((id) => {
        const rows = reference?.coverage.get(id);
        return rows ? [[id, rows] as const] : [];
      }));
      const missing = ids.filter((id) => !known.has(id));
      const grouped = missing.length ? groupBy(await av.coverageOfIndicators(db, missing), (r) => r.indicator_id) : new Map<string, IndicatorCoverageRow[]>();
      for (const id of missing) reference?.coverage.set(id, grouped.get(id) ?? []);
      return ids.map((id): readonly IndicatorCoverageRow[] => known.get(id) ?? grouped.get(id) ?? []);
    }),
    areaValues: new DataLoader<{ areaId: string; latestOnly: boolean }, AreaValueRow[], string>(
      async (keys) => {
        const results = new Map<string, AreaValueRow[]>();
        for (const latestOnly of [true, false]) {
          const ids = keys.filter((k) => k.latestOnly === latestOnly).map((k) => k.areaId);
          if (ids.length === 0) continue;
          for (const [areaId, rows] of groupBy(await av.areaValuesOfAreas(db, ids, latestOnly), (r) => r.area_id)) results.set(`${areaId}|${latestOnly}`, rows);
        }
        return keys.map((k) => results.get(`${k.areaId}|${k.latestOnly}`) ?? []);
      },
      { cacheKeyFn: (k) => `${k.areaId}|${k.latestOnly}` },
    ),
    headline: new DataLoader<{ indicatorId: string; areaCode: string }, HeadlineObservationRow | null, string>(
      async (keys) => {
        const rows = await av.headlines(db, keys);
        return keys.map((k) => rows.find((r) => r.indicator_id === k.indicatorId && r.area_code === k.areaCode) ?? null);
      },
      { cacheKeyFn: (k) => `${k.indicatorId}|${k.areaCode}` },
    ),
    observationByRowId: new DataLoader<number, ObservationRow | null>(async (ids) => {
      const map = new Map((await av.observationsByRowIds(db, ids)).map((r) => [r.id, r]));
      return ids.map((id) => map.get(id) ?? null);
    }),
    harmonised: new DataLoader(async (keys: readonly string[]) => {
      const map = new Map((await av.harmonisedByKeys(db, keys)).map((r) => [r.key, r]));
      return keys.map((k) => map.get(k) ?? null);
    }),
    harmonisedComponents: new DataLoader(async (keys: readonly string[]) => {
      const grouped = groupBy(await av.harmonisedComponentsByKeys(db, keys), (r) => r.harmonised_key);
      return keys.map((k) => grouped.get(k) ?? []);
    }),
    revisionsByIndicator: new DataLoader(async (ids: readonly string[]) => {
      const grouped = groupBy(await av.revisionsOfIndicators(db, ids), (r) => r.indicator_id);
      return ids.map((id) => grouped.get(id) ?? []);
    }),
    flags: new DataLoader(async (ids: readonly number[]) => {
      const grouped = groupBy(await av.flagsByObservationIds(db, ids), (r) => r.observation_id);
      return ids.map((id) => grouped.get(id) ?? []);
    }),
    shape: new DataLoader(async (ids: readonly string[]) => {
      const map = new Map((await av.shapesByAreaIds(db, ids)).map((r) => [r.area_id, r]));
      return ids.map((id) => map.get(id) ?? null);
    }),
    indicatorsByTopic: new DataLoader(async (ids: readonly string[]) => {
      const grouped = groupBy(await q.indicatorsByTopics(db, ids), (r) => r.topic_id);
      return ids.map((id) => grouped.get(id) ?? []);
    }),
  };
}

/**
 * The version of a unit valid on `date`; without a date, the most recent. A date outside
 * every version's validity gets the nearest version (the first after, else the last before),
 * so a value dated before the first unit list still finds its area.
 */
export function pickVersion(versions: AreaRow[], date: string | null): AreaRow | null {
  if (versions.length === 0) return null;
  if (date === null) return versions.at(-1)!;
  const valid = versions.find((v) => v.valid_from <= date && (v.valid_to === null || v.valid_to >= date));
  return valid ?? versions.find((v) => v.valid_from > date) ?? versions.at(-1)!;
}

/** One indicator's series under a filter (Indicator.observations). */
export interface SeriesKey {
  indicatorId: string;
  areaCode?: string | null;
  from?: string | null;
  to?: string | null;
  includeBreakdowns: boolean;
}

const areaValueSetKey = (k: av.AreaValueSetKey) => [k.indicatorId, k.level, k.provinceCode, k.harmonisedTo ?? "", k.periodStart, k.periodEnd].join("|");

const seriesFilterKey = (k: SeriesKey) => [k.areaCode ?? "", k.from ?? "", k.to ?? "", k.includeBreakdowns ? "all" : "totals"].join("|");

export type Loaders = ReturnType<typeof createLoaders>;

export interface Context {
  db: Kysely<Database>;
  meta: DataMeta;
  loaders: Loaders;
}

export function createContext(db: Kysely<Database>, meta: DataMeta, reference?: ReferenceData): Context {
  return { db, meta, loaders: createLoaders(db, reference) };
}
