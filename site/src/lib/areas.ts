/** Administrative units as the site shows them: every version of a GSO code on one page. */
import { sortKey } from "./format";
import { getAreaVersions } from "./queries";
import type { AreaLevel, AreaRef, AreaVersion } from "./types";

export interface AreaCode {
  code: string;
  /** Oldest first. */
  versions: AreaVersion[];
  /** The most recent version (the current one when still valid). */
  latest: AreaVersion;
}

let grouped: Promise<Map<string, AreaCode>> | null = null;

/** Every GSO code with its versions (read once per build). */
export function getAreaCodes(): Promise<Map<string, AreaCode>> {
  grouped ??= getAreaVersions().then((versions) => {
    const byCode = new Map<string, AreaVersion[]>();
    for (const v of versions) byCode.set(v.code, [...(byCode.get(v.code) ?? []), v]);
    const result = new Map<string, AreaCode>();
    for (const [code, list] of byCode) {
      list.sort((a, b) => a.validFrom.localeCompare(b.validFrom));
      result.set(code, { code, versions: list, latest: list[list.length - 1] });
    }
    return result;
  });
  return grouped;
}

export interface ChildGroup {
  /** Validity shared by the children of the group (the parent's units at one time). */
  validFrom: string;
  validTo: string | null;
  children: AreaVersion[];
}

/** Versions whose parent carries this code, grouped by their validity, newest group first. */
export function childGroups(code: string, all: Map<string, AreaCode>): ChildGroup[] {
  const children = [...all.values()].flatMap((a) => a.versions).filter((v) => v.parentCode === code);
  const groups = new Map<string, ChildGroup>();
  for (const child of children) {
    const key = `${child.validFrom}|${child.validTo ?? ""}`;
    const group = groups.get(key) ?? { validFrom: child.validFrom, validTo: child.validTo, children: [] };
    group.children.push(child);
    groups.set(key, group);
  }
  for (const group of groups.values()) group.children.sort(byName);
  return [...groups.values()].sort((a, b) => (b.validTo ?? "9999").localeCompare(a.validTo ?? "9999") || b.validFrom.localeCompare(a.validFrom));
}

export function byName(a: { name: string; fullName: string }, b: { name: string; fullName: string }): number {
  return sortKey(a.name).localeCompare(sortKey(b.name)) || sortKey(a.fullName).localeCompare(sortKey(b.fullName));
}

export interface LevelGroup {
  parent: AreaRef | null;
  parentCode: string | null;
  validFrom: string;
  validTo: string | null;
  versions: AreaVersion[];
}

/** Versions of one level grouped by parent and validity (for the index page). */
export function levelGroups(level: AreaLevel, all: Map<string, AreaCode>): LevelGroup[] {
  const versions = [...all.values()].flatMap((a) => a.versions).filter((v) => v.level === level);
  const groups = new Map<string, LevelGroup>();
  for (const v of versions) {
    const key = `${v.parentCode ?? ""}|${v.validFrom}|${v.validTo ?? ""}`;
    const group: LevelGroup = groups.get(key) ?? { parent: v.parent, parentCode: v.parentCode, validFrom: v.validFrom, validTo: v.validTo, versions: [] };
    group.versions.push(v);
    groups.set(key, group);
  }
  for (const g of groups.values()) g.versions.sort(byName);
  return [...groups.values()].sort(
    (a, b) => (b.validTo ?? "9999").localeCompare(a.validTo ?? "9999") || sortKey(a.parent?.name ?? "").localeCompare(sortKey(b.parent?.name ?? "")) || b.validFrom.localeCompare(a.validFrom),
  );
}
