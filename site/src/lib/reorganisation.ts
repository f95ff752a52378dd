/** The 2025 reorganisation page's numbers: commune-level units of the province on key dates, from the API. */
import { getAreaCodes } from "./areas";
import { countCommuneLevelUnits, type UnitCount } from "./queries";
import type { AreaChangeKind, SourceRef } from "./types";

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
