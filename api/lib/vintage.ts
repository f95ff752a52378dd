/**
 * What was known when: every value comes from a source with a publication date (as precise as
 * known: YYYY, YYYY-MM, YYYY-MM-DD, or not recorded). A value is known on a date D when its
 * source was surely published by then: the last day of the recorded date (2023 → 2023-12-31,
 * 2024-12 → 2024-12-31) is on or before D. A source without a recorded date cannot be placed
 * in time and is in no "as known on" answer. Shared by the ingest (revisions) and the API
 * (`asOf` arguments, Observation.knownFrom); no dependencies.
 */

/** The day by which a source dated `published` was surely public; null when the date is not recorded. */
export function knownFrom(published: string | null | undefined): string | null {
  if (!published) return null;
  if (/^\d{4}$/.test(published)) return `${published}-12-31`;
  const month = /^(\d{4})-(\d{2})$/.exec(published);
  if (month) {
    // Day 0 of the next month is the last day of this one.
    const last = new Date(Date.UTC(Number(month[1]), Number(month[2]), 0)).getUTCDate();
    return `${published}-${String(last).padStart(2, "0")}`;
  }
  return /^\d{4}-\d{2}-\d{2}$/.test(published) ? published : null;
}

/** The same as knownFrom in SQLite, over a column holding the published date (the ingest's revisions table). */
export function knownFromSql(column: string): string {
  return `case when ${column} is null then null
    when length(${column}) = 4 then ${column} || '-12-31'
    when length(${column}) = 7 then date(${column} || '-01', '+1 month', '-1 day')
    else ${column} end`;
}

/** What the vintage rules need of an observation. */
export interface VintageRow {
  area_code: string;
  period_start: string;
  period_end: string;
  breakdown_id: string | null;
  source_id: string;
}

/**
 * The values as known on `asOf`: only those whose source was published on or before it, and of
 * those, per area, period and breakdown, the latest published (several sources published on the
 * same latest day are all kept: sources that disagree stay side by side). Order is kept.
 */
export function asKnownOn<R extends VintageRow>(rows: readonly R[], publishedOf: (sourceId: string) => string | null | undefined, asOf: string): R[] {
  const dated = rows.map((row) => ({ row, known: knownFrom(publishedOf(row.source_id)) })).filter((r) => r.known !== null && r.known <= asOf);
  const key = (r: R) => [r.area_code, r.period_start, r.period_end, r.breakdown_id ?? ""].join("|");
  const latest = new Map<string, string>();
  for (const { row, known } of dated) if (known! > (latest.get(key(row)) ?? "")) latest.set(key(row), known!);
  return dated.filter(({ row, known }) => latest.get(key(row)) === known).map(({ row }) => row);
}
