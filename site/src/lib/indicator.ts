/**
 * What the pages say about an indicator, derived from the API's answers: the chart of its
 * values, the latest value against its targets, and the numerator/denominator of shares.
 */
import { timeChart } from "./chart";
import { formatDate, formatMarks, formatPeriodLabel, formatRatio, formatTarget, formatValue, statusMarks, type Locale, type Mark } from "./format";
import type { BaselinePoint, IndicatorDetail, IndicatorRef, IndicatorSummary, Observation, ObservationStatus, Target } from "./types";

/** A change of the charted area's unit inside its series: the first day of the new unit, with the names before and after. */
export interface SeriesBreak {
  date: string;
  before: { fullName: string; fullNameEn: string } | null;
  after: { fullName: string; fullNameEn: string } | null;
}

/**
 * Where a series changes unit: consecutive values (by period end) whose area is a different
 * version of the code (Observation.area.validFrom), e.g. the province before and after its
 * merger with Bắc Kạn on 2025-07-01. One break per new version.
 */
export function seriesBreaks(points: Observation[]): SeriesBreak[] {
  const sorted = [...points].filter((p) => p.area?.validFrom).sort((a, b) => a.period.end.localeCompare(b.period.end));
  const breaks: SeriesBreak[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const [previous, current] = [sorted[i - 1].area!, sorted[i].area!];
    if (current.validFrom! > previous.validFrom! && !breaks.some((b) => b.date === current.validFrom)) breaks.push({ date: current.validFrom!, before: previous, after: current });
  }
  return breaks;
}

/** The totals of one area an indicator's chart draws. */
export function chartPoints(indicator: Pick<IndicatorDetail, "observations">): { areaCode: string | null; points: Observation[] } {
  const areaCode = chartArea(indicator.observations);
  return { areaCode, points: indicator.observations.filter((o) => !o.breakdown && o.areaCode === areaCode) };
}

export const PROVINCE_CODE = "19";

/** The area a chart shows: the province when it has values, else the area with most values. */
export function chartArea(observations: Observation[]): string | null {
  const totals = observations.filter((o) => !o.breakdown);
  if (totals.some((o) => o.areaCode === PROVINCE_CODE)) return PROVINCE_CODE;
  const counts = new Map<string, number>();
  for (const o of totals) counts.set(o.areaCode, (counts.get(o.areaCode) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

export interface IndicatorChart {
  svg: string | null;
  statuses: ObservationStatus[];
  hasTargets: boolean;
  /** Some values cover a period (drawn as a bar), not a day. */
  hasSpans: boolean;
  /** Some values' periods are not stated by the source (drawn hollow). */
  hasUnstatedPeriods: boolean;
  /** Where the area's boundaries change inside the series (drawn as dashed rules; see the note). */
  breaks: SeriesBreak[];
  /** The like-for-like values drawn beside the series (carried to the units after the last break). */
  baseline: BaselinePoint[];
  areaName: string | null;
  /** Why there is no chart. */
  reason: string | null;
}

/** The area's full name in the page's language. */
export function areaName(area: { fullName: string; fullNameEn: string } | null, code: string, lang: Locale): string {
  if (!area) return code;
  return lang === "vi" ? area.fullName : area.fullNameEn;
}

/** The chart of an indicator's totals for one area, with its level targets; null when under two marks. */
export function indicatorChart(indicator: IndicatorDetail, options: { compact?: boolean; lang?: Locale; width?: number; height?: number } = {}): IndicatorChart {
  const lang = options.lang ?? "vi";
  const { areaCode, points } = chartPoints(indicator);
  const breaks = seriesBreaks(points);
  const baseline = breaks.length && indicator.baseline?.areaCode === areaCode ? indicator.baseline.points : [];
  const targets = distinctLevelTargets(indicator.targets).filter((t) => (t.area?.code ?? PROVINCE_CODE) === areaCode);
  const place = points[0] ? areaName(points[0].area, points[0].areaCode, lang) : areaCode;
  if (points.length + targets.length < 2) {
    const reason = lang === "vi"
      ? points.length ? "Chỉ có một giá trị: xem bảng." : "Chưa có giá trị."
      : points.length ? "Only one value: see the table." : "No values yet.";
    return { svg: null, statuses: [], hasTargets: false, hasSpans: false, hasUnstatedPeriods: false, breaks: [], baseline: [], areaName: place, reason };
  }
  const name = lang === "vi" ? indicator.name : indicator.nameEn;
  const title = `${name}${place ? `, ${place}` : ""}`;
  const description = chartDescription(indicator, points, targets, lang) + breakDescription(breaks, baseline, indicator, lang);
  const svg = timeChart(
    points.map((o) => ({ start: o.period.start, end: o.period.end, value: o.value, status: o.status, basis: o.period.basis, title: pointTitle(o, indicator, lang) })),
    {
      title,
      description,
      unit: indicator.unit,
      locale: lang,
      higherIsBetter: indicator.higherIsBetter,
      targets: targets.map((t) => ({ end: t.period.end, value: t.value, comparator: t.comparator, kind: t.kind })),
      compact: options.compact,
      breaks,
      baseline: baseline.map((b) => ({ start: b.period.start, end: b.period.end, value: b.value, status: b.status, basis: b.period.basis })),
      width: options.width,
      height: options.height,
    },
  );
  return {
    svg, statuses: [...new Set(points.map((p) => p.status))], hasTargets: targets.length > 0, hasSpans: points.some((p) => p.period.start !== p.period.end && (!p.period.basis || p.period.basis === "REFERENCE")),
    hasUnstatedPeriods: points.some((p) => p.period.basis && p.period.basis !== "REFERENCE"), breaks, baseline, areaName: place, reason: null,
  };
}

/** The breaks and the baseline in words, for the chart's description and the note under it. */
export function breakDescription(breaks: SeriesBreak[], baseline: BaselinePoint[], indicator: Pick<IndicatorSummary, "unit">, lang: Locale): string {
  if (!breaks.length) return "";
  const dates = breaks.map((b) => formatDate(b.date, lang)).join(", ");
  const same = baseline.map((b) => `${formatValue(b.value, indicator.unit, lang)} (${formatPeriodLabel(b.period, lang)})`).join("; ");
  if (lang === "vi") {
    return ` Địa giới thay đổi ngày ${dates}: số trước và sau mốc này là của hai đơn vị khác nhau, không so sánh trực tiếp được.` +
      (same ? ` Cùng địa giới sau mốc (quy đổi): ${same}.` : " Chưa quy đổi được số trước mốc theo địa giới mới.");
  }
  return ` The boundaries changed on ${dates}: values before and after are for two different units and cannot be compared directly.` +
    (same ? ` On the later boundaries (harmonised): ${same}.` : " No value before the change could be carried to the new boundaries.");
}

/** A point's tooltip: period, value with its marks, source. */
function pointTitle(o: Observation, indicator: IndicatorSummary, lang: Locale): string {
  const marks = formatMarks(statusMarks(o.status), lang);
  const source = lang === "vi" ? o.source.title : o.source.titleEn ?? o.source.title;
  return `${formatPeriodLabel(o.period, lang)}: ${formatValue(o.value, indicator.unit, lang)}${marks ? ` ${marks}` : ""} (${lang === "vi" ? "nguồn" : "source"}: ${source})`;
}

/** One sentence a screen reader can use instead of the picture. */
function chartDescription(indicator: IndicatorSummary, points: Observation[], targets: Target[], lang: Locale): string {
  const values = points.map((o) => `${formatPeriodLabel(o.period, lang)}: ${formatValue(o.value, indicator.unit, lang)}`).join("; ");
  if (lang === "en") {
    const goal = targets.length ? ` Target: ${targets.map((t) => `${formatTarget(t, indicator.unit, lang)} (${formatPeriodLabel(t.period, lang)})`).join("; ")}.` : "";
    const axis = indicator.unit.kind === "RANK" ? " Reversed vertical axis: rank 1 at the top." : "";
    return `Values over time — ${values}.${goal}${axis}`;
  }
  const goal = targets.length ? ` Mục tiêu: ${targets.map((t) => `${formatTarget(t, indicator.unit, "vi")} (${t.period.label})`).join("; ")}.` : "";
  const axis = indicator.unit.kind === "RANK" ? " Trục dọc đảo ngược: hạng 1 ở trên cùng." : "";
  return `Giá trị theo thời gian — ${values}.${goal}${axis}`;
}

/** Marks used in a table of observations (and targets), to explain them once. */
export function marksUsed(observations: Observation[], withTargets = false): Mark[] {
  const marks = new Set<Mark>(observations.flatMap((o) => statusMarks(o.status)));
  if (withTargets) marks.add("mt");
  return [...marks];
}

export interface TargetComparison {
  /** The same target (value, comparator, deadline) may be announced by several sources. */
  targets: Target[];
  latest: Observation;
  text: string;
}

const targetKey = (t: Pick<Target, "value" | "comparator" | "kind" | "period">) => [t.kind, t.comparator, t.value, t.period.end].join("|");

/** Level targets for the chart, one per value and deadline however many sources announce it. */
export function distinctLevelTargets(targets: Target[]): Target[] {
  return [...new Map(targets.filter((t) => t.kind === "LEVEL").map((t) => [targetKey(t), t])).values()];
}

/** The latest value against each level target whose deadline is not before it (79,6% vs mục tiêu > 97% by 2025). */
export function latestAgainstTargets(indicator: IndicatorDetail, lang: Locale = "vi"): TargetComparison[] {
  const latest = indicator.latest;
  if (!latest) return [];
  const groups = new Map<string, Target[]>();
  for (const t of indicator.targets) {
    if (t.kind !== "LEVEL" || t.period.end < latest.period.end || (t.area?.code ?? PROVINCE_CODE) !== latest.areaCode) continue;
    groups.set(targetKey(t), [...(groups.get(targetKey(t)) ?? []), t]);
  }
  return [...groups.values()].map((targets) => ({
    targets,
    latest,
    text: lang === "vi"
      ? `${formatValue(latest.value, indicator.unit, "vi")} (${formatPeriodLabel(latest.period, "vi")}) so với mục tiêu ${formatTarget(targets[0], indicator.unit, "vi")} vào cuối ${targets[0].period.label}`
      : `${formatValue(latest.value, indicator.unit, "en")} (${formatPeriodLabel(latest.period, "en")}) against a target of ${formatTarget(targets[0], indicator.unit, "en")} by the end of ${formatPeriodLabel(targets[0].period, "en")}`,
  }));
}

export interface RatioRow {
  observation: Observation;
  numerator: Observation | null;
  denominator: Observation | null;
  ratio: string | null;
}

/** Match each share value with the numerator and denominator of the same area, period and source. */
export function ratioRows(share: IndicatorDetail, numerator: IndicatorDetail | null, denominator: IndicatorDetail | null, lang: Locale = "vi"): RatioRow[] {
  const key = (o: Observation) => [o.areaCode, o.period.start, o.period.end, o.source.id, o.breakdown?.id ?? ""].join("|");
  const nums = new Map((numerator?.observations ?? []).map((o) => [key(o), o]));
  const dens = new Map((denominator?.observations ?? []).map((o) => [key(o), o]));
  return share.observations
    .filter((o) => !o.breakdown)
    .map((observation) => {
      const n = nums.get(key(observation)) ?? null;
      const d = dens.get(key(observation)) ?? null;
      return { observation, numerator: n, denominator: d, ratio: n && d ? formatRatio(n.value, d.value, lang) : null };
    });
}

/** Computed shares that use this indicator as numerator or denominator. */
export function sharesUsing(id: string, indicators: IndicatorSummary[]): { share: IndicatorSummary; role: "numerator" | "denominator" }[] {
  return indicators.flatMap((i) => [
    ...(i.numerator?.id === id ? [{ share: i, role: "numerator" as const }] : []),
    ...(i.denominator?.id === id ? [{ share: i, role: "denominator" as const }] : []),
  ]);
}

export function indicatorLabel(indicator: IndicatorRef): string {
  return `${indicator.name} (${indicator.nameEn})`;
}

/** The indicator's name in the page's language. */
export function nameIn(item: { name: string; nameEn: string }, lang: Locale): string {
  return lang === "vi" ? item.name : item.nameEn;
}
