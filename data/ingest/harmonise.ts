/**
 * Series that survive boundary changes: an additive count of an earlier period re-aggregated to the
 * units of a later date (the vintage), by walking the links between area versions backwards. A
 * target unit gets the sum of the units it was formed from on the period's date only when each went
 * into it WHOLE along the way; a split, a lineage that the geography does not know, or a missing
 * value gives no number and a reason instead, so that the API and the pages can say why.
 *
 * General over the area links: the 92 communes of 2025-07-01 from the communes of 2019, and the
 * merged province of 2025-07-01 from old Thái Nguyên and Bắc Kạn, come out of the same function.
 */
import { createHash } from "node:crypto";
import type { AreaLinkTable, AreaTable } from "../../api/db/database.js";
import { areaInSentence, noteDate, noteNumber } from "./words.js";
import { roundLike, type ComputedTotal, type LocatedObservation } from "./aggregate.js";
import type { Observation } from "./schemas.js";

/** The units harmonised series are expressed in: those of 2025-07-01. */
export const HARMONISED_VINTAGE = "2025-07-01";

export interface HarmonisedValue {
  key: string;
  indicator: string;
  target: AreaTable;
  period: Pick<Observation, "period_start" | "period_end" | "period_label" | "period_basis">;
  source: string;
  /** Null when the value cannot be compared (the notes say why). */
  value: number | null;
  status: "COMPUTED" | "COMPUTED_FROM_ESTIMATE" | "NOT_COMPARABLE";
  components: { area: AreaTable; value: number | null }[];
  note_en: string;
  note_vi: string;
}

type Lineage = { components: AreaTable[] } | { refusal: { en: string; vi: string } };

const validOn = (a: AreaTable, date: string) => a.valid_from <= date && (a.valid_to === null || a.valid_to >= date);
/** A unit in English text: code and English name with its Vietnamese letters (05551 Kim Phượng Commune). */
const label = (a: AreaTable) => areaInSentence(a, "en");
const labelVi = (a: AreaTable) => areaInSentence(a, "vi");

/** The versions a target was formed from, as they stood on `date`; or why that cannot be known. */
class LineageResolver {
  private readonly byId: Map<string, AreaTable>;
  private readonly into = new Map<string, AreaLinkTable[]>();
  private readonly outOf = new Map<string, AreaLinkTable[]>();
  private readonly memo = new Map<string, Lineage>();

  constructor(areas: AreaTable[], links: AreaLinkTable[], private readonly vintage: string) {
    this.byId = new Map(areas.map((a) => [a.id, a]));
    for (const l of links) {
      this.into.set(l.successor_id, [...(this.into.get(l.successor_id) ?? []), l]);
      this.outOf.set(l.predecessor_id, [...(this.outOf.get(l.predecessor_id) ?? []), l]);
    }
  }

  resolve(version: AreaTable, date: string): Lineage {
    const memoKey = `${version.id}|${date}`;
    let found = this.memo.get(memoKey);
    if (!found) {
      found = this.walk(version, date);
      this.memo.set(memoKey, found);
    }
    return found;
  }

  private walk(version: AreaTable, date: string): Lineage {
    if (validOn(version, date)) return { components: [version] };
    const links = this.into.get(version.id) ?? [];
    if (links.length === 0) {
      return { refusal: {
        en: `the portal's geography knows ${label(version)} only from ${noteDate(version.valid_from, "en")}: what it was formed from before that is not known`,
        vi: `dữ liệu địa giới của cổng chỉ có ${labelVi(version)} từ ngày ${noteDate(version.valid_from, "vi")}: không rõ trước đó đơn vị này gồm những đơn vị nào`,
      } };
    }
    const components = new Map<string, AreaTable>();
    for (const link of links) {
      const predecessor = this.byId.get(link.predecessor_id)!;
      if (link.partial) {
        return { refusal: {
          en: `only a part of ${label(predecessor)} went into ${label(version)} on ${noteDate(link.date, "en")} (a split): the part's value is not known`,
          vi: `chỉ một phần của ${labelVi(predecessor)} nhập vào ${labelVi(version)} ngày ${noteDate(link.date, "vi")} (chia tách): không biết giá trị của phần đó`,
        } };
      }
      const earlier = this.resolve(predecessor, date);
      if ("refusal" in earlier) return earlier;
      for (const c of earlier.components) components.set(c.id, c);
    }
    return { components: [...components.values()].sort((a, b) => a.code.localeCompare(b.code)) };
  }

  /** Versions valid on `date` whose territory the links lose before the vintage (an end with no successor). */
  lostOn(date: string, areas: AreaTable[]): AreaTable[] {
    const lost: AreaTable[] = [];
    const reachesVintage = (v: AreaTable, seen = new Set<string>()): boolean => {
      if (validOn(v, this.vintage)) return true;
      if (seen.has(v.id)) return false;
      seen.add(v.id);
      const next = this.outOf.get(v.id) ?? [];
      return next.length > 0 && next.every((l) => reachesVintage(this.byId.get(l.successor_id)!, seen));
    };
    // Only commune-level units carry territory down to the vintage: districts were abolished as a level.
    for (const v of areas) if (v.level === "COMMUNE" && validOn(v, date) && !reachesVintage(v)) lost.push(v);
    return lost;
  }
}

/**
 * Harmonise every additive series of a period before the vintage to the units valid on the vintage
 * date. One group per indicator, source and period; only groups with a value at the target's level.
 */
export function harmonise(rows: (LocatedObservation | ComputedTotal)[], areas: AreaTable[], links: AreaLinkTable[], vintage = HARMONISED_VINTAGE): HarmonisedValue[] {
  const resolver = new LineageResolver(areas, links, vintage);
  const targets = areas.filter((a) => validOn(a, vintage) && a.level !== "DISTRICT").sort((a, b) => a.code.localeCompare(b.code));
  const groups = new Map<string, { row: Observation; status: string }[]>();
  for (const r of rows) {
    if (r.row.breakdown !== null || r.row.period_end >= vintage) continue;
    const key = `${r.row.indicator}|${r.row.source}|${r.row.period_start}|${r.row.period_end}`;
    groups.set(key, [...(groups.get(key) ?? []), { row: r.row, status: "status" in r ? r.status : r.row.status }]);
  }
  const results: HarmonisedValue[] = [];
  const lostByDate = new Map<string, AreaTable[]>();
  for (const group of groups.values()) {
    const first = group[0].row;
    const date = first.period_end;
    const lost = lostByDate.get(date) ?? resolver.lostOn(date, areas);
    lostByDate.set(date, lost);
    const values = new Map(group.map((g) => [g.row.area_code, g]));
    const levelsWithValues = new Set(areas.filter((a) => validOn(a, date) && values.has(a.code)).map((a) => a.level));
    for (const target of targets) {
      if (!levelsWithValues.has(target.level)) continue;
      const lineage = resolver.resolve(target, date);
      const base = {
        key: harmonisedKey(first.indicator, target.id, vintage, first, first.source),
        indicator: first.indicator, target, source: first.source, period: first,
      };
      if ("refusal" in lineage) {
        results.push({ ...base, value: null, status: "NOT_COMPARABLE", components: [], ...refusalNotes(target, vintage, lineage.refusal) });
        continue;
      }
      // A unit lost on the way most likely went into a neighbour of its own district: every target
      // formed from a unit of that district may hold it (an assumption, said in the note).
      const tainted = lost.find((l) => lineage.components.some((c) => c.level === l.level && c.parent_code === l.parent_code));
      if (tainted) {
        const district = areas.find((a) => a.code === tainted.parent_code && validOn(a, date));
        results.push({ ...base, value: null, status: "NOT_COMPARABLE", components: lineage.components.map((area) => ({ area, value: values.get(area.code)?.row.value ?? null })),
          ...refusalNotes(target, vintage, {
            en: `${label(tainted)} (in ${district ? label(district) : tainted.parent_code} on ${noteDate(date, "en")}) ended with no recorded successor; it most likely went into a unit of its own district, so it may lie within this unit and a sum of the known predecessors could be short`,
            vi: `${labelVi(tainted)} (thuộc ${district ? labelVi(district) : tainted.parent_code} ngày ${noteDate(date, "vi")}) đã chấm dứt mà không rõ nhập vào đâu, có thể nằm trong đơn vị này nên tổng các đơn vị đã biết có thể thiếu`,
          }) });
        continue;
      }
      const parts = lineage.components.map((area) => ({ area, value: values.get(area.code)?.row.value ?? null, status: values.get(area.code)?.status }));
      const missing = parts.filter((p) => p.value === null);
      if (missing.length === parts.length) continue;
      if (missing.length > 0) {
        results.push({ ...base, value: null, status: "NOT_COMPARABLE", components: parts, ...refusalNotes(target, vintage, {
          en: `the source gives no value for ${missing.map((p) => label(p.area)).join(", ")}`,
          vi: `nguồn không có số cho ${missing.map((p) => labelVi(p.area)).join(", ")}`,
        }) });
        continue;
      }
      const value = roundLike(parts.reduce((sum, p) => sum + p.value!, 0), parts.map((p) => p.value!));
      const estimate = parts.some((p) => p.status !== "reported" && p.status !== "COMPUTED");
      const from = parts.map((p) => label(p.area)).join(", ");
      const fromVi = parts.map((p) => labelVi(p.area)).join(", ");
      const sum = (lang: "vi" | "en") => `${parts.map((p) => noteNumber(p.value!, lang)).join(" + ")} = ${noteNumber(value, lang)}`;
      results.push({
        ...base, value, status: estimate ? "COMPUTED_FROM_ESTIMATE" : "COMPUTED", components: parts.map(({ area, value: v }) => ({ area, value: v })),
        note_en: `Harmonised to the units of ${noteDate(vintage, "en")} from ${from} (the units of ${noteDate(date, "en")}; each went wholly into ${label(target)}): ${sum("en")}.`,
        note_vi: `Quy đổi theo đơn vị hành chính ngày ${noteDate(vintage, "vi")} từ ${fromVi} (đơn vị ngày ${noteDate(date, "vi")}, mỗi đơn vị nhập toàn bộ vào ${labelVi(target)}): ${sum("vi")}.`,
      });
    }
  }
  return results;
}

function refusalNotes(target: AreaTable, vintage: string, reason: { en: string; vi: string }) {
  return {
    note_en: `No value harmonised to ${label(target)} (units of ${noteDate(vintage, "en")}): ${reason.en}.`,
    note_vi: `Không quy đổi được cho ${labelVi(target)} (đơn vị ngày ${noteDate(vintage, "vi")}): ${reason.vi}.`,
  };
}

/** Stable id of a harmonised value (hex, like observation keys). */
function harmonisedKey(indicator: string, areaId: string, vintage: string, period: Pick<Observation, "period_start" | "period_end">, source: string): string {
  return createHash("sha256").update(["harmonised", indicator, areaId, vintage, period.period_start, period.period_end, source].join("|")).digest("hex").slice(0, 12);
}
