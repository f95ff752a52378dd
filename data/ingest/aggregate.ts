/**
 * Totals of additive indicators (`aggregate: sum` in indicators.yaml) computed from the units below:
 * a district from its communes, a province from its districts (or, from 2025-07-01, its communes),
 * per indicator, source and period, only where every child valid over the period has a value from
 * that source. Each computed total is then checked against the totals typed in from other sources
 * for the same indicator, area and period: a disagreement fails the build, naming both sources,
 * unless data/facts/known-differences.yaml lists the pair with a reason in both languages.
 */
import type { AreaTable } from "../../api/db/database.js";
import { areaInSentence, noteDate } from "./words.js";
import { DataError } from "./errors.js";
import { yamlLocator } from "./geography-yaml.js";
import { displayPath, readYamlList } from "./read.js";
import type { KnownDifference, Observation } from "./schemas.js";
import { knownDifferenceSchema } from "./schemas.js";

/** An observation with where it was read (typed) or how it was made (computed). */
export interface LocatedObservation {
  row: Observation;
  file: string;
  line: number;
}

/** A total the ingest computed; `children` are the area codes summed. */
export interface ComputedTotal {
  row: Observation;
  status: "COMPUTED" | "COMPUTED_FROM_ESTIMATE";
  children: string[];
}

const validThrough = (a: AreaTable, start: string, end: string) => a.valid_from <= start && (a.valid_to === null || a.valid_to >= end);

/** Group key: one indicator, source and period (totals never mix sources or periods). */
const groupKey = (r: Observation) => `${r.indicator}|${r.source}|${r.period_start}|${r.period_end}`;

/**
 * Sum every additive indicator up the levels. Rows with a breakdown are left alone. A parent gets a
 * total only when the set of its children is the same on the period's first and last day and each
 * child has a value; computed totals feed the level above (communes → districts → province).
 */
export function computeTotals(rows: LocatedObservation[], areas: AreaTable[]): ComputedTotal[] {
  const groups = new Map<string, LocatedObservation[]>();
  for (const r of rows) {
    if (r.row.breakdown !== null) continue;
    const key = groupKey(r.row);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const childrenOf = new Map<string, AreaTable[]>();
  for (const a of areas) if (a.parent_code) childrenOf.set(a.parent_code, [...(childrenOf.get(a.parent_code) ?? []), a]);
  const parents = areas.filter((a) => a.level !== "COMMUNE").sort((a, b) => LEVEL_DEPTH[b.level] - LEVEL_DEPTH[a.level]);

  const totals: ComputedTotal[] = [];
  for (const group of groups.values()) {
    const { period_start: start, period_end: end } = group[0].row;
    const values = new Map<string, { value: number; estimate: boolean }>();
    for (const r of group) values.set(r.row.area_code, { value: r.row.value, estimate: r.row.status !== "reported" });
    for (const parent of parents) {
      if (!validThrough(parent, start, end)) continue;
      const onStart = (childrenOf.get(parent.code) ?? []).filter((c) => c.valid_from <= start && (c.valid_to === null || c.valid_to >= start));
      const onEnd = (childrenOf.get(parent.code) ?? []).filter((c) => c.valid_from <= end && (c.valid_to === null || c.valid_to >= end));
      if (onStart.length === 0 || onStart.map((c) => c.id).join() !== onEnd.map((c) => c.id).join()) continue;
      const parts = onStart.map((c) => values.get(c.code));
      if (parts.some((p) => p === undefined)) continue;
      const value = roundLike(parts.reduce((sum, p) => sum + p!.value, 0), group.map((r) => r.row.value));
      const estimate = parts.some((p) => p!.estimate);
      values.set(parent.code, { value, estimate });
      const template = group[0].row;
      const levelVi = onStart[0].level === "COMMUNE" ? "đơn vị cấp xã" : "đơn vị cấp huyện";
      const levelEn = onStart[0].level === "COMMUNE" ? "commune-level units" : "district-level units";
      const on = start === end ? `as they were on ${noteDate(start, "en")}` : `as they were from ${noteDate(start, "en")} to ${noteDate(end, "en")}`;
      const onVi = start === end ? `tại ngày ${noteDate(start, "vi")}` : `trong kỳ từ ${noteDate(start, "vi")} đến ${noteDate(end, "vi")}`;
      totals.push({
        status: estimate ? "COMPUTED_FROM_ESTIMATE" : "COMPUTED",
        children: onStart.map((c) => c.code),
        row: {
          ...template,
          area_code: parent.code,
          value,
          status: template.status,
          note_en: `Computed by the portal: the sum of the ${onStart.length} ${levelEn} of ${areaInSentence(parent, "en")} ${on}, all from the same source as this value.`,
          note_vi: `Cổng dữ liệu tính: tổng của ${onStart.length} ${levelVi} thuộc ${areaInSentence(parent, "vi")} ${onVi}, tất cả theo cùng nguồn với số này.`,
        },
      });
    }
  }
  return totals;
}

const LEVEL_DEPTH: Record<string, number> = { PROVINCE: 0, DISTRICT: 1, COMMUNE: 2 };

/** A sum of decimals (km²) rounded to the most decimals its parts have, so 0.1 + 0.2 is 0.3. */
export function roundLike(sum: number, parts: number[]): number {
  const decimals = Math.max(0, ...parts.map((p) => (String(p).split(".")[1] ?? "").length));
  return Number(sum.toFixed(decimals));
}

/** Decimals of a published value: the precision it is compared at. */
const decimalsOf = (value: number) => (String(value).split(".")[1] ?? "").length;

/** A computed total and a published one agree when the total, rounded as the published value is, is the same number. */
export const agrees = (computed: number, published: number) => Number(computed.toFixed(decimalsOf(published))) === published;

/** A disagreement the known-differences file explains, for the database. */
export interface ExplainedDifference {
  entry: KnownDifference;
  published: LocatedObservation;
  computed: ComputedTotal;
}

/**
 * Compare each computed total with the typed totals of other sources for the same indicator, area
 * and period. @throws DataError at the published row when they disagree and no known difference
 * lists the pair, or at a known difference that no disagreement needs (it would hide a fix).
 */
export function checkPublishedTotals(totals: ComputedTotal[], typed: LocatedObservation[], knownDifferencesFile: string): ExplainedDifference[] {
  const known = readYamlList(knownDifferencesFile, knownDifferenceSchema);
  const at = yamlLocator(knownDifferencesFile);
  const used = new Set<number>();
  const explained: ExplainedDifference[] = [];
  const byKey = new Map<string, LocatedObservation[]>();
  const key = (r: Observation) => `${r.indicator}|${r.area_code}|${r.period_start}|${r.period_end}`;
  for (const t of typed) if (t.row.breakdown === null) byKey.set(key(t.row), [...(byKey.get(key(t.row)) ?? []), t]);
  for (const total of totals) {
    for (const published of byKey.get(key(total.row)) ?? []) {
      if (published.row.source === total.row.source) {
        throw new DataError(displayPath(published.file), published.line, 8,
          `${published.row.indicator} of ${published.row.area_code} is computed by the portal from the units below it, which source ${published.row.source} gives for the same period: remove the typed total`);
      }
      if (agrees(total.row.value, published.row.value)) continue;
      const index = known.findIndex((k) => k.indicator === published.row.indicator && k.area === published.row.area_code && k.period_start === published.row.period_start && k.period_end === published.row.period_end && k.source === published.row.source);
      if (index === -1) {
        throw new DataError(displayPath(published.file), published.line, 8,
          `${published.row.indicator} of ${published.row.area_code} for ${periodText(published.row)}: source ${published.row.source} gives ${published.row.value}, but the sum of the ${total.children.length} units below it from source ${total.row.source} is ${total.row.value}. ` +
          `Fix the data, or list the pair in ${displayPath(knownDifferencesFile)} (indicator, area, period, source, reason_vi, reason_en) if both are right as published`);
      }
      used.add(index);
      explained.push({ entry: known[index], published, computed: total });
    }
  }
  known.forEach((entry, index) => {
    if (used.has(index)) return;
    const pos = at(index, "source");
    throw new DataError(displayPath(knownDifferencesFile), pos.line, pos.column,
      `record ${index + 1}: no computed total disagrees with ${entry.indicator} of ${entry.area} for ${periodText(entry)} from source ${entry.source}: remove the entry (or fix its keys)`);
  });
  return explained;
}

const periodText = (p: { period_start: string; period_end: string }) => (p.period_start === p.period_end ? p.period_start : `${p.period_start}/${p.period_end}`);
