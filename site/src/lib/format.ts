/**
 * The site's formatting: numbers, units, dates and period labels come from the portal's one
 * formatting module, api/lib/format.ts (also used by the API's quotable facts and citations),
 * so a value reads the same in a table, on a chart axis, in a sentence and in the API:
 * vi-VN "2.255", "79,6%", "357 nghìn tỷ đồng", "thứ 8"; en-GB "2,255", "79.6%", "VND 357 trillion", "8th".
 * What is only the site's (status marks, targets, ratios, validity spans) is built on top here.
 */
import {
  formatCurrency,
  formatCurrencyAmount,
  formatDate,
  formatNumber,
  formatPercent,
  formatPeriod,
  periodDaysStated,
  formatRank,
  formatValue,
  formatYear,
  fractionDigits,
  type Lang,
} from "../../../api/lib/format";
import { foldForSearch } from "../../../api/lib/text";
import type { ObservationStatus, Period, TargetComparator, TargetKind, Unit, UnitKind } from "./types";

export { formatCurrency, formatCurrencyAmount, formatDate, formatNumber, formatPercent, formatPeriod, formatRank, formatValue, fractionDigits, periodDaysStated, type Lang };

/** The site's name for a page language (the same two as the API's Lang). */
export type Locale = Lang;

/** Money in words: 357 nghìn tỷ đồng / VND 357 trillion (nghìn tỷ = 10^12). */
export function formatVnd(value: number, locale: Locale): string {
  return formatCurrency(value, locale);
}

/** Tick labels of a value axis: short (no currency word; ranks as plain numbers, the axis title says “rank”). */
export function axisTickFormat(kind: UnitKind, locale: Locale): (value: number) => string {
  switch (kind) {
    case "PERCENT":
      return (v) => formatPercent(v, locale);
    case "CURRENCY":
      return (v) => formatCurrencyAmount(v, locale);
    case "YEAR":
      return (v) => (Number.isInteger(v) ? formatYear(v) : "");
    default:
      return (v) => formatNumber(v, locale, fractionDigits(kind));
  }
}

/** Axis title: the unit in words (đồng, phần trăm, thứ hạng ...). */
export function unitLabel(unit: Pick<Unit, "name" | "nameEn">, locale: Locale): string {
  return locale === "vi" ? unit.name : unit.nameEn;
}

/**
 * The days a period covers: 01/01/2023–31/12/2023, or one date; null when the source does not
 * state the period (its stored days are the portal's placeholder, not a range to print).
 */
export function formatPeriodRange(period: Pick<Period, "start" | "end" | "basis">, locale: Locale): string | null {
  if (!periodDaysStated(period as Period)) return null;
  if (period.start === period.end) return formatDate(period.start, locale);
  return `${formatDate(period.start, locale)}–${formatDate(period.end, locale)}`;
}

/**
 * A value's period as every page writes it (api/lib/format.ts formatPeriod): the label when the
 * source states it (cuối 2023, 2023-H1; in English on English pages: end of 2023, H1 2023),
 * "công bố năm 2023, không nêu kỳ số liệu" / "published 2023, period not stated" when it does not,
 * "khoảng cuối 2023" / "about end of 2023" when it is bracketed from the context. Targets have no
 * basis: their label.
 */
export function formatPeriodLabel(period: Pick<Period, "label"> & Partial<Pick<Period, "start" | "end" | "basis">>, locale: Locale): string {
  return formatPeriod({ start: period.start ?? "", end: period.end ?? "", label: period.label, basis: period.basis ?? null }, locale);
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

/** English pages write the marks in English: [est.], [≈], [calc.], [target]. */
const MARK_EN: Record<Mark, string> = { "ước": "est.", "≈": "≈", "tính": "calc.", "mt": "target" };

export function markText(mark: Mark, locale: Locale): string {
  return locale === "vi" ? mark : MARK_EN[mark];
}

export function formatMarks(marks: Mark[], locale: Locale = "vi"): string {
  return marks.map((m) => `[${markText(m, locale)}]`).join(" ");
}

export const STATUS_KEY: Record<Mark, { vi: string; en: string }> = {
  "ước": { vi: "ước tính: nguồn nói “ước”", en: "estimate: the source says “ước” (estimated)" },
  "≈": { vi: "xấp xỉ: nguồn nói “gần”, “khoảng”", en: "approximate: the source says “nearly” or “about”" },
  "tính": { vi: "do cổng dữ liệu tính từ hai số của cùng nguồn", en: "computed by the portal from two figures of the same source" },
  "mt": { vi: "mục tiêu do cơ quan có thẩm quyền đặt ra", en: "target set by an authority" },
};

const COMPARATOR_SIGN: Record<TargetComparator, string> = { EQ: "", GT: "> ", GTE: "≥ ", LT: "< ", LTE: "≤ " };

/** A target: > 97% (a level), thêm 5 / 5 more (a change). */
export function formatTarget(target: { value: number; comparator: TargetComparator; kind: TargetKind }, unit: Pick<Unit, "kind" | "symbol" | "nameEn">, locale: Locale): string {
  const value = `${COMPARATOR_SIGN[target.comparator]}${formatValue(target.value, unit, locale)}`;
  if (target.kind === "LEVEL") return value;
  return locale === "vi" ? `thêm ${value}` : `${value} more`;
}

/** A share as “109/137” with the locale's grouping. */
export function formatRatio(numerator: number, denominator: number, locale: Locale): string {
  return `${formatNumber(numerator, locale)}/${formatNumber(denominator, locale)}`;
}

/** Fold to plain ASCII for sort keys (Đ → D, diacritics dropped): the search module's folding. */
export function sortKey(text: string): string {
  return foldForSearch(text);
}

/** Validity of an area version: 01/10/2022–30/06/2025, or từ 01/07/2025 while still valid. */
export function formatValidity(validFrom: string, validTo: string | null, locale: Locale): string {
  if (validTo) return `${formatDate(validFrom, locale)}–${formatDate(validTo, locale)}`;
  return locale === "vi" ? `từ ${formatDate(validFrom, locale)}` : `from ${formatDate(validFrom, locale)}`;
}
