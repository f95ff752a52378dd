/**
 * The one formatting module of the site: tables, chart axes and text all go through it, so a
 * number reads the same everywhere. Vietnamese pages use vi-VN (2.255; 79,6 %), English text
 * en-GB (2,255; 79.6%). Values arrive in base units (a count, a percent 0–100, VND, km²).
 */
import type { ObservationStatus, Period, TargetComparator, TargetKind, Unit, UnitKind } from "./types";

export type Locale = "vi" | "en";

const INTL_LOCALE: Record<Locale, string> = { vi: "vi-VN", en: "en-GB" };

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A plain number with the locale's grouping and decimal marks. */
export function formatNumber(value: number, locale: Locale, maximumFractionDigits = 2): string {
  const key = `${locale}:${maximumFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits, minimumFractionDigits: 0 });
    numberFormats.set(key, format);
  }
  // Avoid "-0" after rounding.
  const text = format.format(value);
  return text === "-0" ? "0" : text;
}

/** 79,6 % (vi) or 79.6% (en); one decimal. */
export function formatPercent(value: number, locale: Locale): string {
  const number = formatNumber(value, locale, 1);
  return locale === "vi" ? `${number} %` : `${number}%`;
}

const VND_SCALES: { factor: number; vi: string; en: string }[] = [
  { factor: 1e15, vi: "triệu tỷ", en: "quadrillion" },
  { factor: 1e12, vi: "nghìn tỷ", en: "trillion" },
  { factor: 1e9, vi: "tỷ", en: "billion" },
  { factor: 1e6, vi: "triệu", en: "million" },
];

/** Money in words: 357 nghìn tỷ đồng / VND 357 trillion (nghìn tỷ = 10^12). */
export function formatVnd(value: number, locale: Locale, withCurrency = true): string {
  const scaled = scaleVnd(value, locale);
  if (!withCurrency) return scaled;
  return locale === "vi" ? `${scaled} đồng` : `VND ${scaled}`;
}

function scaleVnd(value: number, locale: Locale): string {
  const scale = VND_SCALES.find((s) => Math.abs(value) >= s.factor);
  if (!scale) return formatNumber(value, locale, 0);
  const scaled = value / scale.factor;
  return `${formatNumber(scaled, locale, Math.abs(scaled) < 100 ? 1 : 0)} ${scale[locale]}`;
}

/** hạng 8 / rank 8 (1 = best). */
export function formatRank(value: number, locale: Locale): string {
  return locale === "vi" ? `hạng ${formatNumber(value, locale, 0)}` : `rank ${formatNumber(value, locale, 0)}`;
}

/** A value with its unit, as text: 2.255; 79,6 %; 357 nghìn tỷ đồng; hạng 8; 3.526,64 km²; 1.286.751 người. */
export function formatValue(value: number, unit: Pick<Unit, "kind" | "symbol" | "nameEn">, locale: Locale): string {
  switch (unit.kind) {
    case "PERCENT":
      return formatPercent(value, locale);
    case "CURRENCY":
      return formatVnd(value, locale);
    case "RANK":
      return formatRank(value, locale);
    case "AREA":
      return `${formatNumber(value, locale, 2)} km²`;
    case "SCORE":
      return formatNumber(value, locale, 3);
    case "COUNT": {
      const number = formatNumber(value, locale, 2);
      if (!unit.symbol) return number;
      return `${number} ${locale === "vi" ? unit.symbol : unit.nameEn}`;
    }
  }
}

/** Tick labels of a value axis: short (no currency word, no "hạng"). */
export function axisTickFormat(kind: UnitKind, locale: Locale): (value: number) => string {
  switch (kind) {
    case "PERCENT":
      return (v) => formatPercent(v, locale);
    case "CURRENCY":
      return (v) => (v === 0 ? "0" : formatVnd(v, locale, false));
    case "SCORE":
      return (v) => formatNumber(v, locale, 3);
    default:
      return (v) => formatNumber(v, locale, 2);
  }
}

/** Axis title: the unit in words (đồng, phần trăm, thứ hạng ...). */
export function unitLabel(unit: Pick<Unit, "name" | "nameEn">, locale: Locale): string {
  return locale === "vi" ? unit.name : unit.nameEn;
}

const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** A date as precise as given: 2023 · tháng 6/2022 · 25/05/2023 (vi); 2023 · June 2022 · 25 May 2023 (en). */
export function formatDate(date: string, locale: Locale): string {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!match) return date;
  const [, year, month, day] = match;
  if (!month) return year;
  if (!day) return locale === "vi" ? `tháng ${Number(month)}/${year}` : `${MONTHS_EN[Number(month) - 1]} ${year}`;
  return locale === "vi" ? `${day}/${month}/${year}` : `${Number(day)} ${MONTHS_EN[Number(month) - 1]} ${year}`;
}

/** The days a period covers: 01/01/2023–31/12/2023, or one date. */
export function formatPeriodRange(period: Pick<Period, "start" | "end">, locale: Locale): string {
  if (period.start === period.end) return formatDate(period.start, locale);
  return `${formatDate(period.start, locale)}–${formatDate(period.end, locale)}`;
}

const PERIOD_LABEL_EN: [RegExp, string][] = [
  [/^cuối (\d{4})$/, "end of $1"],
  [/^(\d{4})-H([12])$/, "H$2 $1"],
  [/^Tổng điều tra (\d{4})$/, "$1 census"],
  [/\(trước sáp nhập\)/, "(before the merger)"],
  [/\(sau sáp nhập\)/, "(after the merger)"],
];

/** The period label the API gives (cuối 2023, 2023-H1, DTI 2022); in English where a rule knows it. */
export function formatPeriodLabel(period: Pick<Period, "label">, locale: Locale): string {
  if (locale === "vi") return period.label;
  let label = period.label;
  for (const [pattern, replacement] of PERIOD_LABEL_EN) label = label.replace(pattern, replacement);
  return label;
}

/** Short status marks in square brackets, explained once per page (see STATUS_KEY). */
export type Mark = "ước" | "≈" | "tính" | "mt";

export function statusMarks(status: ObservationStatus): Mark[] {
  switch (status) {
    case "REPORTED":
      return [];
    case "ESTIMATE":
      return ["ước"];
    case "APPROXIMATE":
      return ["≈"];
    case "COMPUTED":
      return ["tính"];
    case "COMPUTED_FROM_ESTIMATE":
      return ["tính", "ước"];
  }
}

export function formatMarks(marks: Mark[]): string {
  return marks.map((m) => `[${m}]`).join(" ");
}

export const STATUS_KEY: Record<Mark, { vi: string; en: string }> = {
  "ước": { vi: "ước tính: nguồn nói “ước”", en: "estimate: the source says “ước” (estimated)" },
  "≈": { vi: "xấp xỉ: nguồn nói “gần”, “khoảng”", en: "approximate: the source says “nearly” or “about”" },
  "tính": { vi: "do cổng dữ liệu tính từ hai số của cùng nguồn", en: "computed by the portal from two figures of the same source" },
  "mt": { vi: "mục tiêu do cơ quan có thẩm quyền đặt ra", en: "target set by an authority" },
};

const COMPARATOR_SIGN: Record<TargetComparator, string> = { EQ: "", GT: "> ", GTE: "≥ ", LT: "< ", LTE: "≤ " };

/** A target: > 97 % (a level), thêm 5 / 5 more (a change). */
export function formatTarget(target: { value: number; comparator: TargetComparator; kind: TargetKind }, unit: Pick<Unit, "kind" | "symbol" | "nameEn">, locale: Locale): string {
  const value = `${COMPARATOR_SIGN[target.comparator]}${formatValue(target.value, unit, locale)}`;
  if (target.kind === "LEVEL") return value;
  return locale === "vi" ? `thêm ${value}` : `${value} more`;
}

/** A share as “109/137” with the locale's grouping. */
export function formatRatio(numerator: number, denominator: number, locale: Locale): string {
  return `${formatNumber(numerator, locale)}/${formatNumber(denominator, locale)}`;
}

/** Fold to plain ASCII for slugs and sort keys (Đ → D, diacritics dropped). */
export function sortKey(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
}

/** Validity of an area version: 01/10/2022–30/06/2025, or từ 01/07/2025 while still valid. */
export function formatValidity(validFrom: string, validTo: string | null, locale: Locale): string {
  if (validTo) return `${formatDate(validFrom, locale)}–${formatDate(validTo, locale)}`;
  return locale === "vi" ? `từ ${formatDate(validFrom, locale)}` : `from ${formatDate(validFrom, locale)}`;
}
