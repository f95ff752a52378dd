/**
 * Checks of the finished geography model: one unit per code per day, every parent valid and one
 * level up, and the counts per province and date of data/geography/counts.yaml.
 */
import { DataError } from "./errors.js";
import type { ExpectedCount } from "./geography-schemas.js";
import type { Version } from "./geography.js";
import { yamlLocator } from "./geography-yaml.js";
import { displayPath } from "./read.js";

const LEVEL_RANK = { province: 0, district: 1, commune: 2 } as const;

const validOn = (v: Version, date: string) => v.validFrom <= date && (v.validTo === null || v.validTo >= date);

/** Versions grouped by code, oldest first. */
function byCode(versions: Version[]): Map<string, Version[]> {
  const map = new Map<string, Version[]>();
  for (const v of versions) map.set(v.code, [...(map.get(v.code) ?? []), v]);
  for (const list of map.values()) list.sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  return map;
}

const fail = (v: Version, message: string) => new DataError(v.origin.file, v.origin.line, v.origin.column, message);

/** No two versions of a code overlap; every parent is valid on the first and last day of its child, one level up. */
export function checkVersions(versions: Version[]) {
  const codes = byCode(versions);
  for (const list of codes.values()) {
    for (const v of list) if (v.validTo !== null && v.validTo < v.validFrom) throw fail(v, `${v.code}: valid until ${v.validTo}, before it begins (${v.validFrom})`);
    for (let i = 1; i < list.length; i++) {
      const [prev, next] = [list[i - 1], list[i]];
      if (prev.validTo === null || prev.validTo >= next.validFrom) {
        throw fail(next, `code ${next.code} is carried by two units on ${next.validFrom}: ${prev.full_name} (from ${prev.validFrom}) and ${next.full_name}`);
      }
    }
  }
  for (const v of versions) {
    if (v.parent_code === null) continue;
    for (const day of [v.validFrom, v.validTo].filter((d): d is string => d !== null)) {
      const parent = codes.get(v.parent_code)?.find((p) => validOn(p, day));
      if (!parent) throw fail(v, `${v.code} ${v.full_name}: its parent ${v.parent_code} is not valid on ${day}`);
      if (LEVEL_RANK[parent.level] >= LEVEL_RANK[v.level]) throw fail(v, `${v.code}: parent ${parent.code} is a ${parent.level}, not above a ${v.level}`);
    }
  }
}

/** Count the units valid on each date of counts.yaml, per province, and compare. */
export function checkCounts(versions: Version[], expected: ExpectedCount[], file: string) {
  const at = yamlLocator(file);
  const codes = byCode(versions);
  const shown = displayPath(file);
  expected.forEach((entry, index) => {
    const error = (path: string[], message: string) => {
      const pos = at(index, ...path);
      return new DataError(shown, pos.line, pos.column, `${entry.province} on ${entry.date}: ${message}`);
    };
    const provinceOf = (v: Version): string | null => {
      let current: Version | undefined = v;
      while (current && current.parent_code !== null) current = codes.get(current.parent_code)?.find((p) => validOn(p, entry.date));
      return current?.code ?? null;
    };
    const valid = versions.filter((v) => validOn(v, entry.date) && provinceOf(v) === entry.province);
    if (!valid.some((v) => v.level === "province")) throw error(["province"], `no province ${entry.province} is valid on ${entry.date}`);
    for (const level of ["district", "commune"] as const) {
      const units = valid.filter((v) => v.level === level);
      const total = level === "district" ? entry.districtLevel : entry.communeLevel;
      if (units.length !== total) throw error([`${level}Level`], `the model has ${units.length} ${level}-level units, expected ${total} (${entry.basis})`);
      const types = level === "district" ? entry.districtTypes : entry.communeTypes;
      if (!types) continue;
      const counted = new Map<string, number>();
      for (const u of units) counted.set(u.unit_type, (counted.get(u.unit_type) ?? 0) + 1);
      for (const type of new Set([...Object.keys(types), ...counted.keys()])) {
        const want = (types as Record<string, number | undefined>)[type] ?? 0;
        const got = counted.get(type) ?? 0;
        if (want !== got) throw error([`${level}Types`, ...(type in types ? [type] : [])], `the model has ${got} ${type}, expected ${want}`);
      }
    }
  });
}
