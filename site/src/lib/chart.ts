/**
 * Charts as SVG strings, drawn at build time with Observable Plot on linkedom's document, so
 * pages need no JavaScript. Time (period end dates) on x, values on y, one y-axis, ranks
 * reversed (1 at the top). Status is told by shape AND by a bracketed mark in the value
 * label, never by colour alone; targets are stars labelled “mục tiêu”. A value whose period the
 * source does not state (PUBLICATION, APPROXIMATE) is drawn hollow; a change of the area's
 * boundaries (a merger) is a dashed vertical rule, and a like-for-like baseline (values carried
 * to the later units) is drawn as hollow orange squares, so that a merger does not read as growth.
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { nameSvg, svgMarkup } from "./markup";
import { axisTickFormat, formatMarks, formatTarget, formatValue, statusMarks, unitLabel, type Locale } from "./format";
import type { ObservationStatus, PeriodBasis, TargetComparator, TargetKind, Unit } from "./types";

export interface ChartPoint {
  /** First day of the period (YYYY-MM-DD); drawn as a bar to `end` when it differs. */
  start: string;
  /** Last day of the period: the x position of the value. */
  end: string;
  value: number;
  status: ObservationStatus;
  /** Where the period comes from; a point whose period the source does not state is hollow. */
  basis?: PeriodBasis | null;
  /** Tooltip of the point (its SVG <title>): period, value, source. */
  title?: string;
}

/** A change of the area's boundaries inside the series: the first day of the new unit. */
export interface ChartBreak {
  date: string;
}

export interface ChartTarget {
  end: string;
  value: number;
  comparator: TargetComparator;
  kind: TargetKind;
}

export interface ChartOptions {
  /** Accessible name of the chart (also its <title>). */
  title: string;
  /** One-line description read by screen readers. */
  description: string;
  unit: Pick<Unit, "kind" | "symbol" | "name" | "nameEn">;
  locale: Locale;
  /** False for ranks: the y-axis is reversed so that 1 is at the top. */
  higherIsBetter?: boolean;
  /** Level targets are drawn as labelled stars; change targets are not (they are not levels). */
  targets?: ChartTarget[];
  /** Small chart for lists: no value labels, no axis title. */
  compact?: boolean;
  /** Boundary changes: a dashed rule at each date. */
  breaks?: ChartBreak[];
  /** Values before a break carried to the later units (like-for-like), drawn apart from the series. */
  baseline?: ChartPoint[];
  width?: number;
  height?: number;
}

/** Shapes by status; the legend on the page uses the same characters. */
export const STATUS_SYMBOL: Record<ObservationStatus, { symbol: string; glyph: string }> = {
  REPORTED: { symbol: "circle", glyph: "●" },
  ESTIMATE: { symbol: "triangle", glyph: "▲" },
  APPROXIMATE: { symbol: "diamond", glyph: "◆" },
  COMPUTED: { symbol: "square", glyph: "■" },
  COMPUTED_FROM_ESTIMATE: { symbol: "cross", glyph: "✚" },
};
export const TARGET_GLYPH = "★";

const { document } = parseHTML("<!doctype html><html><head></head><body></body></html>");
const INK = "#1d3557";
const TARGET_INK = "#9a3412";
/** Baseline (like-for-like) values and boundary breaks. */
export const BASELINE_INK = "#b45309";
export const BREAK_INK = "#6b7280";
/** Glyphs of the legend for a hollow (period not stated) point, a break and a baseline value. */
export const UNSTATED_GLYPH = "○";
export const BASELINE_GLYPH = "□";
export const BREAK_GLYPH = "┆";
/** Room between the first/last year boundary and the frame, so a value on 1 January is not on the axis. */
const X_INSET = 8;
/** Font size of the full chart's labels and axes. */
const FONT_SIZE = 12;

const utc = (date: string) => new Date(`${date}T00:00:00Z`);

interface Label {
  x: Date;
  value: number;
  text: string;
  anchor: "start" | "end";
  dx: number;
  dy: number;
  ink: string;
}

/** A time chart as an SVG string (role="img", aria-label, <title> and <desc>). */
export function timeChart(points: ChartPoint[], options: ChartOptions): string {
  const { locale, unit, compact = false } = options;
  const width = options.width ?? (compact ? 300 : 420);
  const height = options.height ?? (compact ? 140 : 280);
  const margin = { top: compact ? 12 : 34, right: compact ? 12 : 16, bottom: 26, left: 0 };
  const fontSize = compact ? 11 : FONT_SIZE;
  const targets = (options.targets ?? []).filter((t) => t.kind === "LEVEL");
  const reversed = options.higherIsBetter === false || unit.kind === "RANK";

  const baseline = options.baseline ?? [];
  const breaks = options.breaks ?? [];
  const values = [...points.map((p) => p.value), ...targets.map((t) => t.value), ...baseline.map((b) => b.value)];
  const yDomain = yScaleDomain(values, unit.kind, reversed);
  const tickFormat = axisTickFormat(unit.kind, locale);
  margin.left = leftMargin(yDomain, tickFormat, fontSize);

  const rows = points.map((p) => ({ ...p, x: utc(p.end), x1: utc(p.start) }));
  const targetRows = targets.map((t) => ({ ...t, x: utc(t.end) }));
  const baselineRows = baseline.map((p) => ({ ...p, x: utc(p.end), x1: utc(p.start) }));
  const breakRows = breaks.map((b) => ({ x: utc(b.date) }));
  const [firstYear, lastYear] = yearSpan([...rows.flatMap((r) => [r.x1, r.x]), ...targetRows.map((t) => t.x), ...baselineRows.map((b) => b.x)]);
  const yearStarts = range(firstYear, lastYear + 2).map((y) => new Date(Date.UTC(y, 0, 1)));
  const yearMiddles = range(firstYear, lastYear + 1).map((y) => new Date(Date.UTC(y, 6, 2)));
  const labelEvery = Math.max(1, Math.ceil(yearMiddles.length / (compact ? 4 : 7)));
  const xDomain: [Date, Date] = [yearStarts[0], yearStarts[yearStarts.length - 1]];

  const marks: Plot.Markish[] = [
    // Year bands: a grid line at each 1 January, the year's label in the middle of its band,
    // so that a value at 31/12/2023 reads as 2023, not 2024.
    Plot.gridX(yearStarts, { stroke: "#8a8a8a", strokeOpacity: 0.35 }),
    Plot.axisX(yearMiddles.filter((_, i) => i % labelEvery === 0), { tickSize: 0, tickFormat: (d: Date) => String(d.getUTCFullYear()), label: null, fontSize }),
    Plot.axisY({ ticks: reversed ? rankTicks(yDomain, compact) : compact ? 3 : 5, tickFormat, label: compact ? null : unitLabel(unit, locale), labelAnchor: "top", labelArrow: reversed ? "none" : "up", fontSize }),
    Plot.gridY({ ticks: reversed ? rankTicks(yDomain, compact) : compact ? 3 : 5, strokeOpacity: 0.12 }),
  ];
  if (!reversed) marks.push(Plot.ruleY([yDomain[0]], { stroke: "#555" }));
  // A bar only for a period the source states: a publication year or a bracket is not a span of time the value covers.
  const spans = rows.filter((r) => r.start !== r.end && (!r.basis || r.basis === "REFERENCE"));
  if (spans.length) marks.push(Plot.ruleY(spans, { x1: "x1", x2: "x", y: "value", stroke: INK, strokeOpacity: 0.35, strokeWidth: 3 }));
  if (breakRows.length) marks.push(Plot.ruleX(breakRows, { x: "x", stroke: BREAK_INK, strokeWidth: 1.5, strokeDasharray: "5,4", className: "chart-breaks" }));
  // A period the source states: filled; one it does not (publication year, bracketed): hollow.
  const stated = (d: ChartPoint) => !d.basis || d.basis === "REFERENCE";
  marks.push(Plot.dot(rows, {
    x: "x", y: "value", symbol: (d: (typeof rows)[number]) => STATUS_SYMBOL[d.status].symbol,
    fill: (d: ChartPoint) => (stated(d) ? INK : "white"), stroke: (d: ChartPoint) => (stated(d) ? "white" : INK), strokeWidth: (d: ChartPoint) => (stated(d) ? 1 : 1.75),
    r: compact ? 4 : 5, className: "chart-values",
    ...(rows.some((r) => r.title) ? { title: (d: (typeof rows)[number]) => d.title ?? "" } : {}),
  }));
  if (baselineRows.length) marks.push(Plot.dot(baselineRows, { x: "x", y: "value", symbol: "square", fill: "white", stroke: BASELINE_INK, strokeWidth: 2, r: compact ? 4 : 5, className: "chart-baseline" }));
  if (targetRows.length) marks.push(Plot.dot(targetRows, { x: "x", y: "value", symbol: "star", fill: TARGET_INK, r: compact ? 5 : 7, className: "chart-targets" }));

  if (!compact) {
    const frame = { width, height, margin, xDomain, yDomain, reversed, axisTitle: unitLabel(unit, locale) };
    const labels = placeLabels(
      [
        ...targetRows.map((t) => ({ x: t.x, value: t.value, text: `${locale === "vi" ? "mục tiêu" : "target"} ${formatTarget(t, unit, locale)}`, ink: TARGET_INK })),
        ...rows.map((r) => ({ x: r.x, value: r.value, text: valueLabel(r, options), ink: INK })),
        ...baselineRows.map((b) => ({ x: b.x, value: b.value, text: `${formatValue(b.value, unit as Unit, locale)} ${locale === "vi" ? "(cùng địa giới)" : "(same boundaries)"}`, ink: BASELINE_INK })),
      ],
      frame,
    );
    // One text mark per placement (Plot's dx, dy and textAnchor are constants of a mark).
    const groups = new Map<string, Label[]>();
    for (const l of labels) groups.set(`${l.anchor}|${l.dx}|${l.dy}|${l.ink}`, [...(groups.get(`${l.anchor}|${l.dx}|${l.dy}|${l.ink}`) ?? []), l]);
    for (const group of groups.values()) {
      const { anchor, dx, dy, ink } = group[0];
      marks.push(Plot.text(group, { x: "x", y: "value", text: "text", dx, dy, textAnchor: anchor, fill: ink, fontSize, fontWeight: 600, stroke: "white", strokeWidth: 3, paintOrder: "stroke" } as Plot.TextOptions));
    }
  }

  const svg = Plot.plot({
    document,
    width,
    height,
    marginTop: margin.top,
    marginRight: margin.right,
    marginBottom: margin.bottom,
    marginLeft: margin.left,
    style: { fontSize: `${fontSize}px`, color: "#1a1a1a", background: "transparent" },
    ariaLabel: options.title,
    ariaDescription: options.description,
    x: { type: "utc", domain: xDomain, insetLeft: X_INSET, insetRight: X_INSET },
    y: { domain: yDomain, reverse: reversed, axis: null },
    symbol: { type: "identity" },
    marks,
  }) as unknown as SVGSVGElement;

  svg.setAttribute("role", "img");
  // The image is one accessible object (its title and description); Plot's labels on inner
  // groups would be ARIA on elements without a role.
  nameSvg(svg, options.title, options.description);
  svg.setAttribute("class", `${svg.getAttribute("class") ?? ""} chart${compact ? " chart--compact" : ""}`.trim());
  return svgMarkup(svg);
}

function valueLabel(point: ChartPoint, options: ChartOptions): string {
  const marks = formatMarks(statusMarks(point.status), options.locale);
  return `${formatValue(point.value, options.unit as Unit, options.locale)}${marks ? ` ${marks}` : ""}`;
}

interface Frame {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  xDomain: [Date, Date];
  yDomain: [number, number];
  reversed: boolean;
  /** The value axis's title (the unit). */
  axisTitle: string;
}

/**
 * Width of a text in pixels, estimated per character from the widths of DejaVu Sans (the widest
 * of the fonts the chart may be drawn in: Debian's default, Roboto and Arial are narrower), so a
 * label that fits here fits in every font. No font metrics at build time.
 */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const c of text.normalize("NFC")) {
    if (/[ilj.,:;'|!()[\]\s]/.test(c)) em += 0.36;
    else if (/[0-9]/.test(c)) em += 0.64;
    else if (c === "%") em += 0.95;
    else if (/[mwMW%]/.test(c)) em += 0.95;
    else if (/[A-ZĐ]/.test(c)) em += 0.74;
    else em += 0.62;
  }
  return em * fontSize * (bold ? 1.1 : 1);
}

/**
 * Put each label beside its mark where it overlaps no other label or mark and stays inside the
 * frame. Places, in order of preference: pointing inwards (right of the mark in the left half,
 * left of it in the right half), then outwards; above first, then below, then further away.
 * Labels are placed one by one (the preferred free place, else the one that overlaps least), then
 * pairs of labels near each other are placed again together, so that an early label does not push
 * a later one far from its mark.
 */
function placeLabels(items: { x: Date; value: number; text: string; ink: string }[], frame: Frame): Label[] {
  const { margin, xDomain, yDomain } = frame;
  const left = margin.left + X_INSET;
  const right = frame.width - margin.right - X_INSET;
  const top = margin.top;
  const bottom = frame.height - margin.bottom;
  const px = (d: Date) => left + ((d.getTime() - xDomain[0].getTime()) / (xDomain[1].getTime() - xDomain[0].getTime())) * (right - left);
  const share = (v: number) => (v - yDomain[0]) / (yDomain[1] - yDomain[0] || 1);
  const py = (v: number) => (frame.reversed ? top + share(v) * (bottom - top) : bottom - share(v) * (bottom - top));
  type Box = { x0: number; x1: number; y0: number; y1: number };
  type Place = { label: Label; box: Box; preference: number; outside?: true };
  const overlap = (a: Box, b: Box) => Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
  // Fixed obstacles: every mark (a dot, a target's star) and the axis title (“↑ phần trăm”) in the top-left corner.
  const marks = items.map((i) => ({ x: px(i.x), y: py(i.value), box: { x0: px(i.x) - 8, x1: px(i.x) + 8, y0: py(i.value) - 8, y1: py(i.value) + 8 } }));
  const axisTitle: Box = { x0: 0, x1: textWidth(`↑ ${frame.axisTitle}`, FONT_SIZE) + 12, y0: 0, y1: 18 };

  // Higher values first at the same date, so that their labels go above and lower ones below.
  const order = [...items].sort((a, b) => a.x.getTime() - b.x.getTime() || (frame.reversed ? a.value - b.value : b.value - a.value));
  const candidates: Place[][] = order.map((item) => {
    const x = px(item.x);
    const y = py(item.value);
    const width = textWidth(item.text, FONT_SIZE, true);
    const inward = x < (left + right) / 2 ? 1 : -1;
    const places: Place[] = [];
    for (const side of [inward, -inward]) {
      for (const dy of [-13, 16, -28, 31, -43, 46, -58]) {
        const dx = 8 * side;
        const x0 = side > 0 ? x + dx : x + dx - width;
        // A little room around the text, so neighbouring labels do not touch.
        const box = { x0: x0 - 2, x1: x0 + width + 2, y0: y + dy - 10, y1: y + dy + 10 };
        // Clear of the value axis's ticks (left) and the years (below).
        if (box.x0 < margin.left - 2 || box.x1 > frame.width || box.y0 < -2 || box.y1 > bottom + 6) continue;
        places.push({ label: { x: item.x, value: item.value, text: item.text, anchor: side > 0 ? "start" : "end", dx, dy, ink: item.ink }, box, preference: places.length });
      }
    }
    if (!places.length) {
      // Nothing fits inside the frame (a very long label): above the mark, pointing inwards.
      places.push({ label: { x: item.x, value: item.value, text: item.text, anchor: inward > 0 ? "start" : "end", dx: 8 * inward, dy: -13, ink: item.ink }, box: { x0: x, x1: x, y0: y - 21, y1: y - 7 }, preference: 0, outside: true });
    }
    return places;
  });
  // Obstacles of label i: the marks other than its own (and another value drawn at the same spot), the axis title.
  const fixed = order.map((item) => {
    const x = px(item.x);
    const y = py(item.value);
    return [axisTitle, ...marks.filter((m) => Math.abs(m.x - x) >= 0.5 || Math.abs(m.y - y) >= 0.5).map((m) => m.box)];
  });
  // A label as near another mark as its own would be read as that mark's label.
  const distance = (box: Box, x: number, y: number) => Math.hypot(Math.max(box.x0 - x, 0, x - box.x1), Math.max(box.y0 - y, 0, y - box.y1));
  const ambiguity = (i: number, place: Place) => {
    const own = distance(place.box, px(order[i].x), py(order[i].value));
    return marks.filter((m) => (Math.abs(m.x - px(order[i].x)) >= 0.5 || Math.abs(m.y - py(order[i].value)) >= 0.5) && distance(place.box, m.x, m.y) < own + 4).length;
  };
  // Overlap costs most, then standing nearer another mark, then a less preferred place.
  const cost = (i: number, place: Place, others: (Place | null)[]) =>
    1000 * (fixed[i].reduce((sum, b) => sum + overlap(place.box, b), 0) + others.reduce((sum, o, j) => sum + (o && j !== i ? overlap(place.box, o.box) : 0), 0)) +
    50 * ambiguity(i, place) +
    place.preference;

  const chosen: (Place | null)[] = order.map(() => null);
  order.forEach((_, i) => {
    chosen[i] = candidates[i].reduce((best, place) => (cost(i, place, chosen) < cost(i, best, chosen) ? place : best));
  });
  for (let round = 0; round < 3; round++) {
    let improved = false;
    for (let i = 0; i < order.length; i++) {
      for (let j = i + 1; j < order.length; j++) {
        const [a, b] = [chosen[i]!, chosen[j]!];
        // Only labels near each other compete for room.
        if (Math.abs(a.box.y0 - b.box.y0) > 80 || a.box.x0 > b.box.x1 + 80 || b.box.x0 > a.box.x1 + 80) continue;
        const rest = chosen.map((c, k) => (k === i || k === j ? null : c));
        const pairCost = (p: Place, q: Place) => cost(i, p, rest) + cost(j, q, rest) + 1000 * overlap(p.box, q.box);
        let best = { p: a, q: b, total: pairCost(a, b) };
        for (const p of candidates[i]) for (const q of candidates[j]) {
          const total = pairCost(p, q);
          if (total < best.total) best = { p, q, total };
        }
        if (best.p !== a || best.q !== b) {
          chosen[i] = best.p;
          chosen[j] = best.q;
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  // Where no place is free (many long labels close together), a label that still overlaps a kept one,
  // or one too long for the frame, is left out: its value is in the table beside the chart. The
  // latest values are kept first.
  const kept: Place[] = [];
  for (const place of [...chosen].reverse()) if (!place!.outside && !kept.some((k) => overlap(k.box, place!.box) > 0)) kept.push(place!);
  return kept.reverse().map((c) => c.label);
}

/** Value axis: ranks from 1 (reversed by the caller), percents 0–100, years around their values, anything else from 0 with headroom. */
function yScaleDomain(values: number[], kind: Unit["kind"], reversed: boolean): [number, number] {
  const max = Math.max(...values, 0);
  if (kind === "RANK" || reversed) return [1, Math.max(5, Math.ceil((Math.max(...values, 1) * 1.25) / 5) * 5)];
  if (kind === "PERCENT") return [0, Math.max(100, max)];
  // Years from 0 would squash 2022 and 2023 together: a year either side of the values.
  if (kind === "YEAR") return [Math.min(...values) - 1, max + 1];
  return [0, max === 0 ? 1 : niceCeiling(max * 1.15)];
}

/** Rank ticks always include 1, the best rank. */
function rankTicks(domain: [number, number], compact: boolean): number[] {
  const max = domain[1];
  const step = max <= 10 ? (compact ? 4 : 2) : max <= 40 ? (compact ? 10 : 5) : compact ? 20 : 10;
  return [1, ...range(1, Math.floor(max / step) + 1).map((i) => i * step)];
}

/** Round up to 1, 2, 2.5 or 5 times a power of ten (so the top tick is a round number). */
function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((s) => s * power >= value) ?? 10;
  return step * power;
}

/** Room for the longest tick label, right-aligned 9 px left of the axis (Plot's tick size and padding). */
function leftMargin(domain: [number, number], tickFormat: (v: number) => string, fontSize: number): number {
  const ticks = [domain[0], domain[1], (domain[0] + domain[1]) / 2, domain[1] * 0.8, domain[1] * 0.6];
  const widest = Math.max(...ticks.map((v) => textWidth(tickFormat(v), fontSize)), textWidth("000", fontSize));
  return Math.min(130, Math.ceil(widest + 14));
}

/** First and last calendar year the dates touch. */
function yearSpan(dates: Date[]): [number, number] {
  const years = dates.map((d) => d.getUTCFullYear());
  return [Math.min(...years), Math.max(...years)];
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}
