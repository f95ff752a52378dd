/**
 * The values a data file may state, per unit kind (data/README.md, "Ranges of values"). A value
 * outside its kind's range is a typing error (a digit too many, a wrong unit), not a fact: the
 * build refuses it with its position. Every value is also a plain number of at most
 * MAX_SIGNIFICANT_DIGITS digits, so that it is stored exactly (a double keeps 15) and never as Infinity.
 */
import type { Unit } from "./schemas.js";

export const MAX_SIGNIFICANT_DIGITS = 15;

export interface ValueRange {
  min: number;
  max: number;
  integer?: boolean;
  /** Why the range is what it is (written in data/README.md). */
  reason: string;
}

export const VALUE_RANGES: Record<Unit["kind"], ValueRange> = {
  COUNT: { min: 0, max: 1e15, reason: "a count (persons, units, USD, persons per km²) is never negative" },
  PERCENT: { min: -100, max: 10_000, reason: "a share is 0–100; a growth rate may be negative (not below −100 %) or above 100 %" },
  CURRENCY: { min: -1e17, max: 1e17, reason: "VND amounts: Việt Nam's whole GDP is about 1e16 VND; a balance may be negative" },
  RANK: { min: 1, max: 10_000, integer: true, reason: "1 is the best rank" },
  AREA: { min: 0, max: 1e6, reason: "km²: Việt Nam is about 331,000 km²" },
  SCORE: { min: 0, max: 1_000, reason: "index scores and points are on scales up to 100 (PAPI 80)" },
  YEAR: { min: 1900, max: 2100, integer: true, reason: "a calendar year" },
};

/**
 * Significant digits of a plain decimal number as written, leading and trailing zeros aside
 * ("-0.0300" → 1, "2255" → 4, "1030000000000000" → 3): what a double must keep exactly.
 */
export function significantDigits(text: string): number {
  return Math.max(1, text.replace(/^-/, "").replace(".", "").replace(/^0+/, "").replace(/0+$/, "").length);
}

/** Why `value` is outside the range of its unit kind, or null when it is inside. */
export function outOfRange(value: number, kind: Unit["kind"], options: { change?: boolean } = {}): string | null {
  const range = VALUE_RANGES[kind];
  if (!Number.isFinite(value)) return "not a finite number";
  if (range.integer && !options.change && !Number.isInteger(value)) return `a ${kind} value is a whole number`;
  // A change (a target such as "5 more districts") may go down by as much as a level may go up.
  const [min, max] = options.change ? [-range.max, range.max] : [range.min, range.max];
  if (value < min || value > max) {
    return `${value} is outside the range of a ${kind} value (${min} to ${max}: ${range.reason}); see "Ranges of values" in data/README.md`;
  }
  return null;
}
