/**
 * Map a database row to its GraphQL object once per row object. DataLoaders return the same
 * row object for the same key within a request, so a page of 1,000 observations from a few
 * areas and sources builds a few Area and Source objects, not 2,000 (less garbage to collect).
 * Weak maps: nothing outlives the request's rows.
 */
const byMapper = new WeakMap<(row: never) => unknown, WeakMap<object, unknown>>();

export function mapOnce<R extends object, T>(row: R, map: (row: R) => T): T {
  let cache = byMapper.get(map as (row: never) => unknown);
  if (!cache) byMapper.set(map as (row: never) => unknown, (cache = new WeakMap()));
  if (!cache.has(row)) cache.set(row, map(row));
  return cache.get(row) as T;
}
