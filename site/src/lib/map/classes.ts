/**
 * Classes of a choropleth: a few thresholds, rounded so that a legend reads "20.000–30.000", not
 * "19.873,5–31.004,2", with open ends (the first class is "under" the first threshold, the last
 * "from" the last one), so one outlier does not stretch the scale: OWID's clipped ends. A value
 * equal to a threshold belongs to the class above it (as in Plot's threshold scale).
 */
import { axisTickFormat, type Locale } from "../format";
import type { Unit } from "../types";

/**
 * ColorBrewer's YlGnBu (Cynthia Brewer, colorbrewer2.org), sequential and colour-blind safe, one
 * list per number of classes; light = low, dark = high. The lightest is yellow, not grey, so a
 * class is never mistaken for the grey, hatched "no data".
 */
const YL_GN_BU: Record<number, string[]> = {
  1: ["#41b6c4"],
  2: ["#a1dab4", "#2c7fb8"],
  3: ["#edf8b1", "#7fcdbb", "#2c7fb8"],
  4: ["#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"],
  5: ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"],
  6: ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"],
  7: ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"],
};
export const MAX_CLASSES = 7;

/** One class of the legend. */
export interface MapClass {
  /** Lower bound (inclusive); null for the open first class. */
  from: number | null;
  /** Upper bound (exclusive); null for the open last class. */
  to: number | null;
  colour: string;
  /** "< 13.000", "13.000–16.000", "≥ 26.000" in the page's number format. */
  label: string;
  /** How many of the map's values fall in it. */
  count: number;
}

/**
 * Thresholds for `classes` classes of about equal size (quantiles), each moved to the nearest
 * round number (niceRound: 490 → 500, 17 000 → 15 000); repeated or out-of-range thresholds are dropped, so there may be fewer
 * classes than asked for (never an empty class at either end). For a legend that stays put
 * across periods, compute them once over all periods and pass them to every map.
 */
export function classThresholds(values: number[], classes = 5): number[] {
  if (!Number.isInteger(classes) || classes < 1 || classes > MAX_CLASSES) throw new RangeError(`A map has 1 to ${MAX_CLASSES} classes, not ${classes}.`);
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length < 2) return [];
  const [min, max] = [sorted[0], sorted[sorted.length - 1]];
  const thresholds: number[] = [];
  for (let k = 1; k < classes; k++) {
    const t = niceRound(quantile(sorted, k / classes));
    // Every class keeps at least one value: the first above the minimum, the last at most the maximum.
    if (t > min && t <= max && t > (thresholds[thresholds.length - 1] ?? -Infinity)) thresholds.push(t);
  }
  return thresholds;
}

/** The classes for these thresholds, with the values counted and labelled in the page's format. */
export function mapClasses(thresholds: number[], values: number[], unit: Pick<Unit, "kind">, locale: Locale): MapClass[] {
  for (let i = 1; i < thresholds.length; i++) {
    if (!(thresholds[i] > thresholds[i - 1])) throw new RangeError(`Map thresholds must increase: ${thresholds.join(", ")}.`);
  }
  if (thresholds.length + 1 > MAX_CLASSES) throw new RangeError(`A map has at most ${MAX_CLASSES} classes (${thresholds.length} thresholds given).`);
  const colours = YL_GN_BU[thresholds.length + 1];
  const format = axisTickFormat(unit.kind as Unit["kind"], locale);
  const bounds = [null, ...thresholds, null];
  return colours.map((colour, i) => {
    const from = bounds[i];
    const to = bounds[i + 1];
    const label =
      from === null && to === null ? (locale === "vi" ? "mọi giá trị" : "all values")
      : from === null ? `< ${format(to!)}`
      : to === null ? `≥ ${format(from)}`
      : `${format(from)}–${format(to)}`;
    return { from, to, colour, label, count: values.filter((v) => classIndex(v, thresholds) === i).length };
  });
}

/** Index of the class of a value: the number of thresholds at or below it. */
export function classIndex(value: number, thresholds: number[]): number {
  let i = 0;
  while (i < thresholds.length && value >= thresholds[i]) i++;
  return i;
}

/** Linear interpolation between order statistics (R's type 7, as d3.quantile). */
function quantile(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (h - lo);
}

/** Round numbers a legend can show: these times a power of ten. */
const NICE = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 10];

/** The nearest round number (by ratio): 490 → 500, 17 000 → 15 000, 0,073 → 0,075, -12 → -10. */
export function niceRound(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const power = Math.floor(Math.log10(Math.abs(value)));
  const scaled = Math.abs(value) / 10 ** power;
  const step = NICE.reduce((best, s) => (Math.abs(Math.log(s / scaled)) < Math.abs(Math.log(best / scaled)) ? s : best));
  // Multiply or divide by an exact power of ten, so 7.5 × 10^-2 is 0.075, not 0.07500000000000001.
  const magnitude = power >= 0 ? step * 10 ** power : step / 10 ** -power;
  return Math.sign(value) * Number(magnitude.toPrecision(12));
}
