/**
 * Number, unit, date and period-label formatting for Vietnamese (vi-VN) and English (en-GB)
 * readers: the one place that decides how a value is written, shared by the API (quotable
 * facts, citations) and the site. No dependencies, so the site can import it as it is.
 *
 *   vi: 2255 → "2.255"; 79.5620437956 % → "79,6%"; 357e12 VND → "357 nghìn tỷ đồng"
 *   en: 2255 → "2,255"; 79.5620437956 % → "79.6%"; 357e12 VND → "VND 357 trillion"
 *
 * Values arrive in base units (a count, a percent 0–100, VND, km², a rank, an index score).
 * Downloads never use these: files carry raw numbers (dot decimal, no grouping).
 */

export type Lang = "vi" | "en";

/** Kinds of unit (the UnitKind enum of the API). */
export type UnitKindName = "COUNT" | "PERCENT" | "CURRENCY" | "RANK" | "AREA" | "SCORE" | "YEAR";

/** What formatting needs of a unit (a Unit of the API or a units row). */
export interface UnitLike {
  kind: UnitKindName | string;
  /** Printed after the number in Vietnamese (and for km², %): "", "%", "₫", "km²", "người", "tiêu chí". */
  symbol: string;
  /** English name, printed after counts that have a symbol ("persons", "criteria"). */
  nameEn: string;
}

export const LOCALES: Record<Lang, string> = { vi: "vi-VN", en: "en-GB" };

/** Most fraction digits shown per kind of unit (trailing zeros are dropped). */
const FRACTION_DIGITS: Record<UnitKindName, number> = { COUNT: 2, PERCENT: 1, CURRENCY: 2, RANK: 0, AREA: 2, SCORE: 3, YEAR: 0 };

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * A plain number with the language's grouping and decimal marks: vi "2.255", "79,6";
 * en "2,255", "79.6". `maxFractionDigits` rounds (half away from zero); trailing zeros are dropped.
 */
export function formatNumber(value: number, lang: Lang, maxFractionDigits = 2): string {
  if (!Number.isFinite(value)) throw new RangeError(`Cannot format ${value}: not a finite number.`);
  const key = `${lang}|${maxFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    // Grouping always (not "min2"), so 2255 is "2.255" as Vietnamese statistics print it.
    format = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: maxFractionDigits, useGrouping: "always" } as Intl.NumberFormatOptions);
    numberFormats.set(key, format);
  }
  const text = format.format(value);
  // A small negative number rounded to zero is printed "-0": drop the sign.
  return /^-0([.,]0*)?$/.test(text) ? text.slice(1) : text;
}

/** A percent given as 0–100, one decimal at most: vi "79,6%", en "79.6%". */
export function formatPercent(percent: number, lang: Lang): string {
  return `${formatNumber(percent, lang, FRACTION_DIGITS.PERCENT)}%`;
}

/** Scales for money in words; "nghìn tỷ" is 10^12 (a trillion), not 10^15. */
const CURRENCY_SCALES = [
  { factor: 1e12, vi: "nghìn tỷ", en: "trillion" },
  { factor: 1e9, vi: "tỷ", en: "billion" },
  { factor: 1e6, vi: "triệu", en: "million" },
] as const;

/**
 * An amount of VND in words from a million up, without the currency: vi "357 nghìn tỷ",
 * "1,5 tỷ", "500.000"; en "357 trillion", "1.5 billion", "500,000" (chart axes, where the
 * axis title names the currency).
 */
export function formatCurrencyAmount(vnd: number, lang: Lang): string {
  const sign = vnd < 0 ? "-" : "";
  const amount = Math.abs(vnd);
  const scale = CURRENCY_SCALES.find((s) => amount >= s.factor);
  const number = formatNumber(scale ? amount / scale.factor : amount, lang, scale ? FRACTION_DIGITS.CURRENCY : 0);
  return `${number === "0" ? "" : sign}${number}${scale ? ` ${scale[lang]}` : ""}`;
}

/**
 * An amount of VND in words from a million up: vi "357 nghìn tỷ đồng", "1,5 tỷ đồng",
 * "500.000 đồng"; en "VND 357 trillion", "VND 1.5 billion", "VND 500,000".
 */
export function formatCurrency(vnd: number, lang: Lang): string {
  const amount = formatCurrencyAmount(Math.abs(vnd), lang);
  const sign = vnd < 0 && amount !== "0" ? "-" : "";
  return lang === "vi" ? `${sign}${amount} đồng` : `${sign}VND ${amount}`;
}

const ORDINAL_SUFFIX: Record<string, string> = { one: "st", two: "nd", few: "rd", other: "th" };
const ordinals = new Intl.PluralRules("en-GB", { type: "ordinal" });

/** A rank (1 = best): vi "thứ 8", en "8th". */
export function formatRank(rank: number, lang: Lang): string {
  const number = formatNumber(rank, lang, 0);
  if (lang === "vi") return `thứ ${number}`;
  return `${number}${ORDINAL_SUFFIX[ordinals.select(rank)] ?? "th"}`;
}

/**
 * A value with its unit, by the unit's kind:
 * COUNT "2.255" / "1.286.751 người" (en "1,286,751 persons"); PERCENT "79,6%";
 * CURRENCY "357 nghìn tỷ đồng" / "VND 357 trillion"; RANK "thứ 8" / "8th";
 * AREA "3.526,64 km²"; SCORE "0,85"; YEAR "2022" (a calendar year is never grouped: not "2.022").
 */
export function formatValue(value: number, unit: UnitLike, lang: Lang): string {
  switch (unit.kind) {
    case "PERCENT":
      return formatPercent(value, lang);
    case "CURRENCY":
      return formatCurrency(value, lang);
    case "RANK":
      return formatRank(value, lang);
    case "AREA":
      return `${formatNumber(value, lang, FRACTION_DIGITS.AREA)} ${unit.symbol || "km²"}`;
    case "SCORE":
      return formatNumber(value, lang, FRACTION_DIGITS.SCORE);
    case "YEAR":
      return formatYear(value);
    default: {
      const number = formatNumber(value, lang, FRACTION_DIGITS.COUNT);
      if (!unit.symbol) return number;
      return `${number} ${lang === "vi" ? unit.symbol : unit.nameEn}`;
    }
  }
}

/** A calendar year as people write it, in both languages: 2022 (no grouping, no decimals). */
export function formatYear(year: number): string {
  if (!Number.isInteger(year)) throw new RangeError(`Cannot format ${year} as a year: not a whole number.`);
  return String(year);
}

/** Most fraction digits shown for a unit kind (for charts and tables that format numbers alone). */
export function fractionDigits(kind: UnitKindName | string): number {
  return FRACTION_DIGITS[kind as UnitKindName] ?? 2;
}

/** Vietnamese words of period labels and their English forms. */
const PERIOD_WORDS_EN: [RegExp, string | ((...groups: string[]) => string)][] = [
  // Vietnamese day/month/year labels, as en-GB writes them: 1/4/2019 → 1 April 2019, 5/2025 → May 2025, 1–9/2025 → January–September 2025.
  [/^(\d{1,2})\/(\d{1,2})\/(\d{4})/u, (_, day, month, year) => `${Number(day)} ${monthEn(month)} ${year}`],
  [/^(\d{1,2})–(\d{1,2})\/(\d{4})$/u, (_, from, to, year) => `${monthEn(from)}–${monthEn(to)} ${year}`],
  [/^(\d{1,2})\/(\d{4})$/u, (_, month, year) => `${monthEn(month)} ${year}`],
  [/^(\d{4})-(\d{2})-(\d{2})(?= |$)/u, (_, year, month, day) => `${Number(day)} ${monthEn(month)} ${year}`],
  [/^cuối (\d{4})/u, "end of $1"],
  [/^(\d{4})-H([12])$/u, "H$2 $1"],
  [/^đầu (\d{4})/u, "start of $1"],
  [/^Tổng điều tra (\d{4})/u, "$1 census"],
  [/\(trước sáp nhập\)/u, "(before the merger)"],
  [/\(sau sáp nhập\)/u, "(after the merger)"],
];

/** A period label as the data gives it (vi) or in English: "cuối 2023" → "end of 2023". */
export function formatPeriodLabel(label: string, lang: Lang): string {
  if (lang === "vi") return label;
  return PERIOD_WORDS_EN.reduce((text, [pattern, english]) => text.replace(pattern, english as string), label);
}

/** "4" → "April"; a month number out of range stays a number. */
function monthEn(month: string): string {
  return MONTHS_EN[Number(month) - 1] ?? month;
}

/** Where a period comes from (the PeriodBasis enum of the API). */
export type PeriodBasisName = "REFERENCE" | "PUBLICATION" | "APPROXIMATE";

/** What period wording needs: a Period of the API (basis null for targets, which are always stated). */
export interface PeriodLike {
  start: string;
  end: string;
  label: string;
  basis?: PeriodBasisName | string | null;
}

/** The year a value without a stated period was published in (it is recorded as that year). */
function publicationYear(period: PeriodLike): string {
  return /^\d{4}$/.test(period.label) ? period.label : period.end.slice(0, 4);
}

/**
 * The period of a value as every page, sentence, citation, embed, chart and download writes it,
 * saying how sure it is:
 *   stated by the source (REFERENCE): the label, "cuối 2023" / "end of 2023", "2022-H1" / "H1 2022";
 *   not stated (PUBLICATION, recorded as the publication year): "công bố năm 2023, không nêu kỳ số liệu" /
 *     "published 2023, period not stated";
 *   bracketed from the context (APPROXIMATE): "khoảng cuối 2023" / "about end of 2023".
 * The days such a value is stored with are the portal's, not the source's: never print them as
 * a range (see periodDaysStated).
 */
export function formatPeriod(period: PeriodLike, lang: Lang): string {
  switch (period.basis) {
    case "PUBLICATION": {
      const year = publicationYear(period);
      return lang === "vi" ? `công bố năm ${year}, không nêu kỳ số liệu` : `published ${year}, period not stated`;
    }
    case "APPROXIMATE":
      return lang === "vi" ? `khoảng ${period.label}` : `about ${formatPeriodLabel(period.label, "en")}`;
    default:
      return formatPeriodLabel(period.label, lang);
  }
}

/** True when the source states the period, so its days may be printed (01/01/2023–31/12/2023). */
export function periodDaysStated(period: PeriodLike): boolean {
  return !period.basis || period.basis === "REFERENCE";
}

const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * A date as precise as it is given (YYYY, YYYY-MM or YYYY-MM-DD):
 * vi "2023", "tháng 6/2022", "01/01/2026"; en "2023", "June 2022", "1 January 2026".
 * @throws RangeError for anything else.
 */
export function formatDate(isoDate: string, lang: Lang): string {
  const match = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/.exec(isoDate);
  if (!match) throw new RangeError(`Not a date (YYYY, YYYY-MM or YYYY-MM-DD): ${isoDate}`);
  const [, year, month, day] = match;
  if (!month) return year;
  if (!day) return lang === "vi" ? `tháng ${Number(month)}/${year}` : `${MONTHS_EN[Number(month) - 1]} ${year}`;
  return lang === "vi" ? `${day}/${month}/${year}` : `${Number(day)} ${MONTHS_EN[Number(month) - 1]} ${year}`;
}
