/** The 2025 reorganisation page's numbers: commune-level units of the province on key dates, from the API. */
import { byName, getAreaCodes } from "./areas";
import { countCommuneLevelUnits, type UnitCount } from "./queries";
import type { AreaChangeKind, AreaRef, AreaVersion, SourceRef } from "./types";

export const PROVINCE = "19";
/** Dates around the changes: before 469/NQ-UBTVQH15 (2022-04-10), the 2022 list, 2024, before and after 2025-07-01. */
export const REORGANISATION_DATES = ["2021-01-01", "2022-10-01", "2024-01-01", "2025-03-01", "2025-07-01"];
export const LEGAL_SOURCES = ["nq-469-2022", "nq-202-2025", "nq-1683-2025"];

let counts: Promise<UnitCount[]> | null = null;

export function getReorganisationCounts(): Promise<UnitCount[]> {
  counts ??= Promise.all(REORGANISATION_DATES.map((date) => countCommuneLevelUnits(PROVINCE, date)));
  return counts;
}

export interface ChangeGroup {
  date: string;
  kind: AreaChangeKind;
  /** Distinct versions before and after the change. */
  before: number;
  after: number;
  sources: SourceRef[];
}

/** The recorded change links, by date and kind (empty when the API has no change records). */
export async function getChangeGroups(): Promise<ChangeGroup[]> {
  const versions = [...(await getAreaCodes()).values()].flatMap((a) => a.versions);
  const groups = new Map<string, { date: string; kind: AreaChangeKind; before: Set<string>; after: Set<string>; sources: Map<string, SourceRef> }>();
  for (const version of versions) {
    for (const change of version.formedFrom) {
      if (!change.kind) continue;
      const key = `${change.date}|${change.kind}`;
      const group = groups.get(key) ?? { date: change.date, kind: change.kind, before: new Set(), after: new Set(), sources: new Map() };
      group.before.add(change.area.id);
      group.after.add(version.id);
      if (change.source) group.sources.set(change.source.id, change.source);
      groups.set(key, group);
    }
  }
  return [...groups.values()]
    .map((g) => ({ date: g.date, kind: g.kind, before: g.before.size, after: g.after.size, sources: [...g.sources.values()] }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind));
}

/** The resolution that rearranged the commune-level units on 2025-07-01 (data/geography/changes.yaml: communes-2025). */
export const COMMUNE_RESOLUTION_2025 = "nq-1683-2025";
export const REORGANISATION_DATE = "2025-07-01";

export interface OldUnitRow {
  /** The commune-level version that ended on 2025-06-30. */
  old: AreaVersion;
  /** Its units after the change; `partial` when only part of it went there (a split). */
  into: { area: AreaRef; partial: boolean; source: SourceRef | null }[];
}

export interface OldUnitGroup {
  /** The old district (or province, for units directly under it). */
  parentCode: string | null;
  parent: AreaRef | null;
  rows: OldUnitRow[];
}

/** Every commune-level unit that ended with the 2025 reorganisation and what it went into, by old district. */
export async function getOldUnitGroups(): Promise<OldUnitGroup[]> {
  const versions = [...(await getAreaCodes()).values()].flatMap((a) => a.versions);
  const rows = versions
    .filter((v) => v.level === "COMMUNE" && v.wentInto.some((c) => c.date === REORGANISATION_DATE))
    .map((old) => ({
      old,
      into: old.wentInto.filter((c) => c.date === REORGANISATION_DATE).map((c) => ({ area: c.area, partial: c.partial, source: c.source })),
    }));
  const groups = new Map<string, OldUnitGroup>();
  for (const row of rows) {
    const key = row.old.parentCode ?? "";
    const group = groups.get(key) ?? { parentCode: row.old.parentCode, parent: row.old.parent, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  for (const g of groups.values()) g.rows.sort((a, b) => byName(a.old, b.old));
  // By code: the old province's districts in the GSO's order (Bắc Kạn 06x before Thái Nguyên 16x).
  return [...groups.values()].sort((a, b) => (a.parentCode ?? "").localeCompare(b.parentCode ?? ""));
}

/** The units of 2025-07-01 and the old units that went into each (whole or in part). */
export async function getNewUnitSources(): Promise<Map<string, { area: AreaVersion; from: { area: AreaRef; partial: boolean }[] }>> {
  const versions = [...(await getAreaCodes()).values()].flatMap((a) => a.versions);
  const result = new Map<string, { area: AreaVersion; from: { area: AreaRef; partial: boolean }[] }>();
  for (const v of versions) {
    if (v.level !== "COMMUNE" || v.validFrom !== REORGANISATION_DATE) continue;
    result.set(v.code, { area: v, from: v.formedFrom.filter((c) => c.date === REORGANISATION_DATE).map((c) => ({ area: c.area, partial: c.partial })) });
  }
  return result;
}
