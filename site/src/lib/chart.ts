/**
 * Charts as SVG strings, drawn at build time with Observable Plot on linkedom's document, so
 * pages need no JavaScript. Time (period end dates) on x, values on y, one y-axis, ranks
 * reversed (1 at the top). Status is told by shape AND by a bracketed mark in the value
 * label, never by colour alone; targets are stars labelled “mục tiêu”.
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { axisTickFormat, formatMarks, formatTarget, formatValue, statusMarks, unitLabel, type Locale } from "./format";
import type { ObservationStatus, TargetComparator, TargetKind, Unit } from "./types";

export interface ChartPoint {
  /** First day of the period (YYYY-MM-DD); drawn as a bar to `end` when it differs. */
  start: string;
  /** Last day of the period: the x position of the value. */
  end: string;
  value: number;
  status: ObservationStatus;
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
const SVG_NS = "http://www.w3.org/2000/svg";
/** Room between the first/last year boundary and the frame, so a value on 1 January is not on the axis. */
const X_INSET = 8;

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
  const fontSize = compact ? 11 : 12;
  const targets = (options.targets ?? []).filter((t) => t.kind === "LEVEL");
  const reversed = options.higherIsBetter === false || unit.kind === "RANK";

  const values = [...points.map((p) => p.value), ...targets.map((t) => t.value)];
  const yDomain = yScaleDomain(values, unit.kind, reversed);
  const tickFormat = axisTickFormat(unit.kind, locale);
  margin.left = leftMargin(yDomain, tickFormat, compact);

  const rows = points.map((p) => ({ ...p, x: utc(p.end), x1: utc(p.start) }));
  const targetRows = targets.map((t) => ({ ...t, x: utc(t.end) }));
  const [firstYear, lastYear] = yearSpan([...rows.flatMap((r) => [r.x1, r.x]), ...targetRows.map((t) => t.x)]);
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
  const spans = rows.filter((r) => r.start !== r.end);
  if (spans.length) marks.push(Plot.ruleY(spans, { x1: "x1", x2: "x", y: "value", stroke: INK, strokeOpacity: 0.35, strokeWidth: 3 }));
  marks.push(Plot.dot(rows, { x: "x", y: "value", symbol: (d: (typeof rows)[number]) => STATUS_SYMBOL[d.status].symbol, fill: INK, stroke: "white", strokeWidth: 1, r: compact ? 4 : 5, className: "chart-values" }));
  if (targetRows.length) marks.push(Plot.dot(targetRows, { x: "x", y: "value", symbol: "star", fill: TARGET_INK, r: compact ? 5 : 7, className: "chart-targets" }));

  if (!compact) {
    const frame = { width, height, margin, xDomain, yDomain, reversed };
    const labels = placeLabels(
      [
        ...targetRows.map((t) => ({ x: t.x, value: t.value, text: `${locale === "vi" ? "mục tiêu" : "target"} ${formatTarget(t, unit, locale)}`, ink: TARGET_INK })),
        ...rows.map((r) => ({ x: r.x, value: r.value, text: valueLabel(r, options), ink: INK })),
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
  for (const element of Array.from(svg.querySelectorAll("[aria-label], [aria-description]"))) {
    element.removeAttribute("aria-label");
    element.removeAttribute("aria-description");
  }
  svg.setAttribute("aria-label", options.title);
  const title = document.createElementNS(SVG_NS, "title");
  title.textContent = options.title;
  const desc = document.createElementNS(SVG_NS, "desc");
  desc.textContent = options.description;
  svg.insertBefore(desc, svg.firstChild);
  svg.insertBefore(title, svg.firstChild);
  svg.setAttribute("class", `${svg.getAttribute("class") ?? ""} chart${compact ? " chart--compact" : ""}`.trim());
  return svg.outerHTML;
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
}

/**
 * Put each label beside its mark where it overlaps no label placed before it: pointing inwards
 * (right of the mark in the left half, left of it in the right half), above first, then below,
 * then further up. Widths are estimated from the character count (no font metrics at build time).
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
  // Marks are obstacles too, so a label never covers another value's dot.
  const placed: { x0: number; x1: number; y0: number; y1: number }[] = items.map((i) => ({ x0: px(i.x) - 6, x1: px(i.x) + 6, y0: py(i.value) - 6, y1: py(i.value) + 6 }));
  const labels: Label[] = [];
  // Higher values first at the same date, so that their labels go above and lower ones below.
  const order = [...items].sort((a, b) => a.x.getTime() - b.x.getTime() || (frame.reversed ? a.value - b.value : b.value - a.value));
  for (const item of order) {
    const x = px(item.x);
    const y = py(item.value);
    const inLeftHalf = x < (left + right) / 2;
    const textWidth = item.text.length * 6.6;
    const anchor = inLeftHalf ? "start" : "end";
    const dx = inLeftHalf ? 7 : -7;
    const x0 = inLeftHalf ? x + dx : x + dx - textWidth;
    const x1 = x0 + textWidth;
    let chosen = -12;
    for (const dy of [-12, 15, -27, 30, -42, 45, -57]) {
      const box = { x0, x1, y0: y + dy - 7, y1: y + dy + 7 };
      if (box.y0 < 2 || box.y1 > frame.height - 2) continue;
      const own = (p: (typeof placed)[number]) => Math.abs((p.x0 + p.x1) / 2 - x) < 0.5 && Math.abs((p.y0 + p.y1) / 2 - y) < 0.5 && p.x1 - p.x0 === 12;
      if (!placed.some((p) => !own(p) && p.x0 < box.x1 && box.x0 < p.x1 && p.y0 < box.y1 && box.y0 < p.y1)) {
        chosen = dy;
        break;
      }
    }
    placed.push({ x0, x1, y0: y + chosen - 7, y1: y + chosen + 7 });
    labels.push({ x: item.x, value: item.value, text: item.text, anchor, dx, dy: chosen, ink: item.ink });
  }
  return labels;
}

/** Value axis: ranks from 1 (reversed by the caller), percents 0–100, anything else from 0 with headroom. */
function yScaleDomain(values: number[], kind: Unit["kind"], reversed: boolean): [number, number] {
  const max = Math.max(...values, 0);
  if (kind === "RANK" || reversed) return [1, Math.max(5, Math.ceil((Math.max(...values, 1) * 1.25) / 5) * 5)];
  if (kind === "PERCENT") return [0, Math.max(100, max)];
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

function leftMargin(domain: [number, number], tickFormat: (v: number) => string, compact: boolean): number {
  const longest = Math.max(...[domain[0], domain[1], (domain[0] + domain[1]) / 2].map((v) => tickFormat(v).length), 3);
  return Math.min(compact ? 90 : 110, 12 + longest * (compact ? 6.2 : 6.8));
}

/** First and last calendar year the dates touch. */
function yearSpan(dates: Date[]): [number, number] {
  const years = dates.map((d) => d.getUTCFullYear());
  return [Math.min(...years), Math.max(...years)];
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}
