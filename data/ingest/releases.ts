/**
 * Published data versions and what changed between them (issue 11, item 4: "What's new").
 *
 * A release is a small committed record, data/releases/<data_version>.csv: one row per value of
 * that version (its identity: indicator, area, period, breakdown, source; its value and status).
 * `npm run data:release` writes the record of the database just built; the build reads every
 * record, adds the version being built when it is not released yet, and diffs each version with
 * the one before it: values added, changed (value or status) and removed, by observation key.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import type { DataChangeTable, DataVersionTable } from "../../api/db/database.js";
import type { SqliteConnection } from "../../api/db/sqlite.js";
import { DataError } from "./errors.js";
import { displayPath, readCsvAll } from "./read.js";
import { areaCode, isoDate } from "./schemas.js";

/** A data version as the build writes it: the build date and the first 8 hex digits of the data hash. */
const VERSION = /^(\d{4}-\d{2}-\d{2})\.[0-9a-f]{8}$/;

export const RELEASE_COLUMNS = ["indicator", "area_code", "period_start", "period_end", "period_label", "breakdown", "source", "value", "status"] as const;

const releaseRowSchema = z.strictObject({
  indicator: z.string().min(1),
  area_code: areaCode,
  period_start: isoDate,
  period_end: isoDate,
  period_label: z.string().min(1),
  breakdown: z.string().transform((value) => (value === "" ? null : value)),
  source: z.string().min(1),
  // As JavaScript writes a double (computed shares have 17 digits, tiny ones an exponent).
  value: z.string().regex(/^-?\d+(\.\d+)?(e[+-]?\d+)?$/, "a number as written by String(number)").transform(Number).refine(Number.isFinite, "not a finite number"),
  status: z.string().regex(/^[A-Z_]+$/, "a status as stored (REPORTED, COMPUTED, …)"),
});

export type ReleaseRow = z.output<typeof releaseRowSchema>;

export interface Release {
  version: string;
  publishedOn: string;
  rows: ReleaseRow[];
}

/** The values of a database, as a release records them. */
export async function releaseRows(db: SqliteConnection): Promise<ReleaseRow[]> {
  return db.all<ReleaseRow>(
    `select indicator_id as indicator, area_code, period_start, period_end, period_label, breakdown_id as breakdown, source_id as source, value, status
     from observations order by indicator_id, area_code, period_start, period_end, coalesce(breakdown_id, ''), source_id`,
  );
}

/** Write data/releases/<version>.csv for a database's values. @returns the file written. */
export function writeRelease(releasesDir: string, version: string, rows: ReleaseRow[]): string {
  if (!VERSION.test(version)) throw new Error(`"${version}" is not a data version (YYYY-MM-DD.<8 hex digits>)`);
  mkdirSync(releasesDir, { recursive: true });
  const file = join(releasesDir, `${version}.csv`);
  const records = rows.map((r) => [r.indicator, r.area_code, r.period_start, r.period_end, r.period_label, r.breakdown ?? "", r.source, String(r.value), r.status]);
  writeFileSync(file, stringify(records, { header: true, columns: [...RELEASE_COLUMNS] }));
  return file;
}

/** Every release in data/releases, oldest first (by the date of the version, then its name). */
export async function readReleases(dataDir: string): Promise<Release[]> {
  const dir = join(dataDir, "releases");
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".csv"));
  } catch {
    return [];
  }
  const releases: Release[] = [];
  for (const name of names) {
    const version = name.slice(0, -".csv".length);
    const match = VERSION.exec(version);
    if (!match) throw new DataError(displayPath(join(dir, name)), 0, 0, "a release is named <data version>.csv, e.g. 2026-11-30.13c16d75.csv");
    const rows = (await readCsvAll(join(dir, name), releaseRowSchema)).map((r) => r.row);
    releases.push({ version, publishedOn: match[1], rows });
  }
  return releases.sort((a, b) => a.publishedOn.localeCompare(b.publishedOn) || a.version.localeCompare(b.version));
}

type Keyed = (row: ReleaseRow) => string;

/** Values added, changed (value or status) and removed from `before` to `after`, keyed by observation key. */
export function diffReleases(version: string, before: ReleaseRow[], after: ReleaseRow[], keyOf: Keyed): DataChangeTable[] {
  const old = new Map(before.map((r) => [keyOf(r), r]));
  const changes: DataChangeTable[] = [];
  const change = (kind: string, key: string, row: ReleaseRow, was: ReleaseRow | null, now: ReleaseRow | null): DataChangeTable => ({
    version, kind, observation_key: key, indicator_id: row.indicator, area_code: row.area_code, period_start: row.period_start,
    period_end: row.period_end, period_label: row.period_label, breakdown_id: row.breakdown, source_id: row.source,
    old_value: was?.value ?? null, new_value: now?.value ?? null, old_status: was?.status ?? null, new_status: now?.status ?? null,
  });
  const seen = new Set<string>();
  for (const row of after) {
    const key = keyOf(row);
    seen.add(key);
    const was = old.get(key);
    if (!was) changes.push(change("ADDED", key, row, null, row));
    else if (was.value !== row.value || was.status !== row.status) changes.push(change("CHANGED", key, row, was, row));
  }
  for (const [key, row] of old) if (!seen.has(key)) changes.push(change("REMOVED", key, row, row, null));
  return changes;
}

/**
 * The version history: every release, then the version being built when it is not released,
 * each diffed with the one before it. @returns rows for data_versions and data_changes.
 */
export function versionHistory(releases: Release[], current: Release, keyOf: Keyed): { versions: DataVersionTable[]; changes: DataChangeTable[] } {
  const all = releases.some((r) => r.version === current.version) ? releases : [...releases, current];
  const versions: DataVersionTable[] = [];
  const changes: DataChangeTable[] = [];
  all.forEach((release, position) => {
    const previous = all[position - 1];
    const diff = previous ? diffReleases(release.version, previous.rows, release.rows, keyOf) : [];
    changes.push(...diff);
    const count = (kind: string) => diff.filter((c) => c.kind === kind).length;
    versions.push({
      version: release.version, published_on: release.publishedOn, previous_version: previous?.version ?? null,
      is_current: release.version === current.version ? 1 : 0, is_released: releases.includes(release) ? 1 : 0,
      values_count: release.rows.length, added: count("ADDED"), changed: count("CHANGED"), removed: count("REMOVED"), position,
    });
  });
  return { versions, changes };
}
