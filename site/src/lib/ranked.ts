/**
 * Ranked bar charts as SVG strings (Observable Plot on linkedom, no JavaScript): one bar per area,
 * longest first, the area's name left of its bar and the value at its end, for units that have no
 * open shapes (the 180 communes of 2019) and for short comparisons (9 districts, up to ~12 areas).
 *
 * - With groups (districts), each group is a block under its name, bars sorted within it and drawn
 *   on one scale, so the district is read from the heading, never from a colour.
 * - Drawn 296 px wide, so a 360 px phone shows it unscaled (the page leaves 297 px inside a
 *   figure) and its 12 px text stays 12 px; wider screens show it at that size too (it is a list).
 * - Each bar has a <title>: name, group, value with unit, period, rank ("thứ 12/180"). With
 *   `href` the name is a link to the area's page (one link per area, named by its visible text).
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { textWidth } from "./chart";
import { axisTickFormat, formatValue, unitLabel, type Locale } from "./format";
import { labelSvg, nameLinks, roundGeometry } from "./map/svg";
import { svgMarkup } from "./markup";
import type { Unit } from "./types";

const { document } = parseHTML("<!doctype html><html><head></head><body></body></html>");

export interface RankedItem {
  code: string;
  /** As shown beside the bar (and in its title). */
  name: string;
  value: number;
  /** The value as the page writes it, marks included; default: the value with its unit. */
  label?: string;
  period?: string;
  /** Code of the item's group (its district), one of options.groups. */
  group?: string;
  /** Rank as the API computed it (1 = first); default: computed here (ties share a rank: 1, 2, 2, 4). */
  rank?: number;
}

export interface RankedGroup {
  code: string;
  name: string;
}

export interface RankedOptions {
  /** Accessible name (also the SVG's <title>). */
  title: string;
  /** One line for screen readers; default: how many areas, the highest and the lowest. */
  description?: string;
  unit: Pick<Unit, "kind" | "symbol" | "name" | "nameEn">;
  locale: Locale;
  /** An area's page; the names become links. */
  href?: (code: string) => string;
  /** Groups in the order they are drawn (e.g. districts by code); every item's group must be here. */
  groups?: RankedGroup[];
  /** Code of one area drawn darker with its name in bold (an area page's own commune). */
  highlight?: string;
  /** "descending" (default): largest first, rank 1 = largest. "ascending" for ranks and "lower is better". */
  order?: "descending" | "ascending";
  /** Width in px; default 296 (see above). */
  width?: number;
  /** Writes a value with its unit in titles; default formatValue. */
  formatValue?: (value: number) => string;
}

export interface RankedChart {
  svg: string;
  width: number;
  height: number;
  /** Each item's rank among all items, and how many there are ("3/9"). */
  ranks: Map<string, { rank: number; of: number }>;
}

const FONT_SIZE = 12;
const ROW = 18;
const BAR = 13;
const HEADING = 30;
const INK = "#1d3557";
const SOFT = "#8fa8c8";

/** Standard competition ranks (1, 2, 2, 4) of values, in the given order. */
export function competitionRanks(items: { code: string; value: number }[], order: "descending" | "ascending" = "descending"): Map<string, number> {
  const sign = order === "descending" ? -1 : 1;
  const sorted = [...items].sort((a, b) => sign * (a.value - b.value));
  const ranks = new Map<string, number>();
  sorted.forEach((item, i) => ranks.set(item.code, i > 0 && sorted[i - 1].value === item.value ? ranks.get(sorted[i - 1].code)! : i + 1));
  return ranks;
}

export function rankedBars(items: RankedItem[], options: RankedOptions): RankedChart {
  const { locale, unit, order = "descending" } = options;
  const width = options.width ?? 296;
  if (!options.title?.trim()) throw new Error("Ranked chart: a title is required.");
  if (!items.length) throw new Error(`Ranked chart "${options.title}": no items.`);
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.code)) throw new Error(`Ranked chart "${options.title}": ${item.code} appears twice.`);
    seen.add(item.code);
    if (!Number.isFinite(item.value)) throw new Error(`Ranked chart "${options.title}": the value of ${item.code} is ${item.value}, not a number.`);
  }
  const groups = options.groups ?? null;
  const groupName = new Map((groups ?? []).map((g) => [g.code, g.name]));
  if (groups) {
    const stray = items.filter((i) => !i.group || !groupName.has(i.group));
    if (stray.length) throw new Error(`Ranked chart "${options.title}": ${stray.map((i) => `${i.code} (group ${i.group ?? "none"})`).join(", ")} not in any of the groups given.`);
  }

  const computed = competitionRanks(items, order);
  const ranks = new Map(items.map((i) => [i.code, { rank: i.rank ?? computed.get(i.code)!, of: items.length }]));
  const sign = order === "descending" ? -1 : 1;
  const collator = new Intl.Collator(locale === "vi" ? "vi" : "en-GB");
  const sorted = [...items].sort((a, b) => sign * (a.value - b.value) || collator.compare(a.name, b.name));
  const blocks = groups ? groups.map((g) => ({ group: g as RankedGroup | null, items: sorted.filter((i) => i.group === g.code) })).filter((b) => b.items.length) : [{ group: null, items: sorted }];

  // Names right-aligned against the bars; a name longer than half the width is cut with "…" (its title has it whole).
  const tick = axisTickFormat(unit.kind, locale);
  const valueRoom = Math.ceil(Math.max(...items.map((i) => textWidth(tick(i.value), FONT_SIZE))) + 8);
  const nameRoom = Math.min(Math.ceil(Math.max(...items.map((i) => textWidth(i.name, FONT_SIZE, i.code === options.highlight))) + 8), Math.floor(width * 0.5));
  const top = 22;
  const rows: { item: RankedItem; y: number }[] = [];
  const headings: { text: string; y: number }[] = [];
  let y = top;
  for (const block of blocks) {
    if (block.group) {
      headings.push({ text: `${block.group.name} (${block.items.length})`, y: y + HEADING - 9 });
      y += HEADING;
    }
    for (const item of block.items) {
      rows.push({ item, y });
      y += ROW;
    }
  }
  const height = y + 6;
  const values = items.map((i) => i.value);
  const domain: [number, number] = [Math.min(0, ...values), Math.max(0, ...values)];
  if (domain[0] === domain[1]) domain[1] = 1;
  const format = options.formatValue ?? ((v: number) => formatValue(v, unit, locale));
  const rankText = (code: string) => `${locale === "vi" ? "thứ" : "rank"} ${ranks.get(code)!.rank}/${items.length}`;
  const title = (r: { item: RankedItem }) => {
    const i = r.item;
    const group = i.group && groupName.get(i.group);
    return `${i.name}${group ? ` (${group})` : ""}: ${i.label ?? format(i.value)}${i.period ? ` (${i.period})` : ""}, ${rankText(i.code)}`;
  };
  const highlight = items.some((i) => i.code === options.highlight) ? options.highlight : undefined;
  const fill = (r: { item: RankedItem }) => (highlight && r.item.code !== highlight ? SOFT : INK);
  const bold = rows.filter((r) => r.item.code === highlight);
  const plain = rows.filter((r) => r.item.code !== highlight);
  const nameMark = (data: typeof rows, fontWeight: number) =>
    Plot.text(data, {
      y: (r) => r.y + BAR / 2,
      text: (r) => clip(r.item.name, nameRoom - 8, fontWeight > 400),
      frameAnchor: "left",
      textAnchor: "end",
      dx: -6,
      fontWeight,
      fill: "#1a1a1a",
      title,
      ...(options.href ? { href: (r: (typeof rows)[number]) => options.href!(r.item.code) } : {}),
      className: "ranked-names",
    } as Plot.TextOptions);

  const marks: Plot.Markish[] = [
    Plot.text([unitLabel(unit, locale)], { frameAnchor: "top-left", dx: -nameRoom, dy: 2, textAnchor: "start", fill: "#545454", text: (d: string) => (locale === "vi" ? `Đơn vị: ${d}` : `Unit: ${d}`), className: "ranked-unit" }),
    Plot.ruleX([0], { y1: top - 2, y2: height - 6, stroke: "#555" }),
    Plot.rectX(rows, { x1: 0, x2: (r) => r.item.value, y1: (r) => r.y, y2: (r) => r.y + BAR, fill, title, className: "ranked-bars" }),
    Plot.text(rows, { x: (r) => r.item.value, y: (r) => r.y + BAR / 2, text: (r) => tick(r.item.value), textAnchor: "start", dx: 4, fill: "#1a1a1a", className: "ranked-values" }),
    nameMark(plain, 400),
  ];
  if (bold.length) marks.push(nameMark(bold, 700));
  if (headings.length) marks.push(Plot.text(headings, { y: "y", text: "text", frameAnchor: "left", dx: -nameRoom, textAnchor: "start", fontWeight: 700, fill: "#1a1a1a", className: "ranked-groups" }));

  const svg = Plot.plot({
    document,
    width,
    height,
    marginLeft: nameRoom,
    marginRight: valueRoom,
    marginTop: 0,
    marginBottom: 0,
    style: { fontSize: `${FONT_SIZE}px`, color: "#1a1a1a", background: "transparent" },
    x: { domain, axis: null },
    y: { type: "identity", axis: null },
    color: { type: "identity" },
    marks,
  }) as unknown as SVGSVGElement;

  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const description =
    options.description ??
    (locale === "vi"
      ? `${items.length} địa bàn xếp theo giá trị${blocks[0].group ? ", theo từng nhóm" : ""}; cao nhất ${first.name} (${tick(first.value)}), thấp nhất ${last.name} (${tick(last.value)}).`
      : `${items.length} areas by value${blocks[0].group ? ", group by group" : ""}; first ${first.name} (${tick(first.value)}), last ${last.name} (${tick(last.value)}).`);
  labelSvg(svg, { title: options.title, description, className: "ranked", interactive: Boolean(options.href) });
  if (options.href) {
    // The bar keeps the tooltip; the link needs only its name.
    nameLinks(svg, { keepTitle: false });
    // With links the SVG is a group whose text a screen reader reads mark by mark (all names,
    // then all values): only the links speak, each with its whole title.
    for (const group of Array.from(svg.querySelectorAll(".ranked-unit, .ranked-values, .ranked-groups, .ranked-bars"))) group.setAttribute("aria-hidden", "true");
  }
  roundGeometry(svg);
  // Plot's default font-size="10" on the root is overridden by its style; say 12 there too.
  svg.setAttribute("font-size", String(FONT_SIZE));
  return { svg: svgMarkup(svg), width, height, ranks };
}

/** The text cut with "…" to fit `room` px (by the same conservative widths as the time chart's labels). */
function clip(text: string, room: number, bold: boolean): string {
  if (textWidth(text, FONT_SIZE, bold) <= room) return text;
  let cut = text;
  while (cut.length > 1 && textWidth(`${cut}…`, FONT_SIZE, bold) > room) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}
