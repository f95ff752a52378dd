/**
 * Maps as SVG strings, drawn at build time with Observable Plot's geo mark on linkedom's document
 * (no JavaScript on the page): a choropleth of the communes, and a locator (one area highlighted).
 *
 * - Every area is drawn once, in its class's colour or, without a value, in a grey hatch, so a
 *   missing value is never a hole and never told by colour alone; those areas are also named in a
 *   list under the map.
 * - Borders: each area is stroked with a thin white line. Neighbours share the exact same border
 *   (the simplification keeps the topology), so the two strokes of a border fall on each other and
 *   read as one line, at no cost in bytes; an interior-border mesh would add about half the
 *   geometry again. Only the province's outline is a mesh (one path, once), in grey, so pale
 *   classes at the edge do not melt into the page.
 * - The legend, the list of missing areas and the credits are HTML under the SVG, so their text is
 *   the page's size on a phone (an SVG scaled down to a 360 px screen would shrink its text below
 *   12 px). mapFileSvg() draws them inside the SVG for the downloadable file.
 * - Each area has a <title> (name, value with unit, period) and, with `href`, a link to its page.
 */
import * as Plot from "@observablehq/plot";
import type { Feature, MultiLineString } from "geojson";
import { parseHTML } from "linkedom";
import { formatValue, unitLabel, type Locale } from "../format";
import type { Unit } from "../types";
import { classIndex, classThresholds, mapClasses, type MapClass } from "./classes";
import { projectShapes, type AreaShape, type AreaShapes } from "./shapes";
import { svgMarkup } from "../markup";
import { checkIdPrefix, compactPaths, escapeXml, hideGroups, labelSvg, nameLinks, roundGeometry, svgElement } from "./svg";

const { document } = parseHTML("<!doctype html><html><head></head><body></body></html>");

/** One value on the map. */
export interface MapValue {
  /** GSO code of an area of the shapes. */
  code: string;
  /** null: the area is in the list but has no value (drawn hatched, like an area not listed). */
  value: number | null;
  /** The value as the page writes it, marks included ("20.104 người [ước]"); default: the value with its unit. */
  label?: string;
  /** Period label shown in the area's title ("1/4/2019", "2025"). */
  period?: string;
}

export type MapUnit = Pick<Unit, "kind" | "symbol" | "name" | "nameEn">;

export interface ChoroplethOptions {
  /** Accessible name of the map (also its <title>). */
  title: string;
  /** One line for screen readers; default: what is shown, the classes and how many areas have no value. */
  description?: string;
  unit: MapUnit;
  locale: Locale;
  /** An area's page (`paths.area` today; an English route may come). Without it the areas are not links. */
  href?: (code: string) => string;
  /** Shown under the map, one paragraph each: attribution of the shapes, "simplified shapes, not legal boundaries". Required. */
  credits: string[];
  /** Prefix of the SVG's ids (the hatch pattern), unique on the page and the same in every build: e.g. the indicator id. */
  id: string;
  /** Width in px (the height follows from the shapes). Default 420. */
  width?: number;
  /** Least area kept by the simplification, px² (see projectShapes); default 4. */
  minArea?: number;
  /** Class thresholds; default: classThresholds(values, classes). Pass the same ones to every period's map so the legend stays put. */
  thresholds?: number[];
  /** Number of classes asked of classThresholds (default 5). */
  classes?: number;
  /** The legend's heading; default: the unit's name. */
  legendTitle?: string;
  /** Writes a value with its unit (title, description); default formatValue. */
  formatValue?: (value: number) => string;
}

export interface MapArea {
  code: string;
  name: string;
}

export interface ChoroplethMap {
  /** The map alone: <svg role="group"|"img"> with <title>, <desc>, one path per area. */
  svg: string;
  /** Legend: one swatch and range per class and the "no data" swatch (HTML). */
  legendHtml: string;
  /** "No data (3): …" with links, or "" when every area has a value (HTML). */
  missingHtml: string;
  /** The credits, one <p> each (HTML). */
  creditsHtml: string;
  /** The credits as given (plain text), for mapFileSvg. */
  credits: string[];
  /** Legend, SVG, missing list and credits in one <div class="map-box">: pass as Figure's `chart`. */
  html: string;
  classes: MapClass[];
  /** The legend's heading. */
  legendTitle: string;
  thresholds: number[];
  /** Areas without a value, in name order. */
  missing: MapArea[];
  description: string;
  width: number;
  height: number;
}

export const NO_DATA = { vi: "Không có số liệu", en: "No data" };
const HATCH = { background: "#f2f2f2", line: "#8c8c8c" };
const OUTLINE = "#6e6e6e";

/** The "no data" hatch: grey lines at 45° on light grey, as markup (legend swatch, file). */
export function hatchPatternMarkup(id: string): string {
  return (
    `<pattern id="${id}" patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(45)">` +
    `<rect width="5" height="5" fill="${HATCH.background}"/><path d="M0,0V5" stroke="${HATCH.line}" stroke-width="1.4"/></pattern>`
  );
}

/** A choropleth of the areas of `shapes` (all drawn), coloured by class of value. */
export function choroplethMap(shapes: AreaShapes, values: MapValue[], options: ChoroplethOptions): ChoroplethMap {
  const { unit, locale, href } = options;
  const id = checkIdPrefix(options.id);
  if (!options.title?.trim()) throw new Error("Map: a title is required.");
  if (!options.credits?.some((c) => c.trim())) throw new Error(`Map "${options.title}": credits (attribution, "simplified shapes") are required.`);
  const projected = projectShapes(shapes, { width: options.width ?? 420, minArea: options.minArea });
  const byCode = valuesByCode(projected.areas, values, options.title);
  const present = [...byCode.values()].map((v) => v.value).filter((v): v is number => v !== null);
  const thresholds = options.thresholds ?? classThresholds(present, options.classes ?? 5);
  const classes = mapClasses(thresholds, present, unit, locale);
  const format = options.formatValue ?? ((v: number) => formatValue(v, unit, locale));
  const name = (area: AreaShape) => areaName(area, locale);
  const areas = byName(projected.areas, locale);
  const missing = areas.filter((a) => byCode.get(a.properties.code)?.value == null).map((a) => ({ code: a.properties.code, name: name(a) }));
  const hatch = `${id}-hatch`;

  const fill = (area: AreaShape) => {
    const v = byCode.get(area.properties.code)?.value;
    return v == null ? `url(#${hatch})` : classes[classIndex(v, thresholds)].colour;
  };
  const title = (area: AreaShape) => {
    const v = byCode.get(area.properties.code);
    if (!v || v.value === null) return `${name(area)}: ${NO_DATA[locale].toLowerCase()}`;
    return `${name(area)}: ${v.label ?? format(v.value)}${v.period ? ` (${v.period})` : ""}`;
  };
  const description = options.description ?? defaultDescription(options.title, classes, missing, present.length, unit, locale);
  const svg = drawMap(projected, areas, { fill, title, href, className: "map map--choropleth", svgTitle: options.title, description });
  const defs = svg.querySelector("defs") ?? svg.insertBefore(svgElement(svg, "defs", {}), svg.querySelector("g"));
  defs.appendChild(hatchPattern(svg, hatch));

  const legendTitle = options.legendTitle ?? unitLabel(unit, locale);
  const legendHtml = mapLegendHtml(classes, { id, title: legendTitle, locale });
  const missingHtml = missingAreasHtml(missing, locale, href);
  const credits = options.credits.filter((c) => c.trim());
  const creditsHtml = credits.map((c) => `<p>${escapeXml(c)}</p>`).join("");
  const svgText = svgMarkup(svg);
  return {
    svg: svgText,
    legendHtml,
    missingHtml,
    creditsHtml,
    credits,
    html: `<div class="map-box">${legendHtml}${svgText}${missingHtml}<div class="map-credits">${creditsHtml}</div></div>`,
    classes,
    legendTitle,
    thresholds,
    missing,
    description,
    width: projected.width,
    height: projected.height,
  };
}

export interface LocatorOptions {
  /** The area to show. */
  code: string;
  locale: Locale;
  /** Accessible name; default "Vị trí của <area> trong tỉnh" / "Where <area> is in the province". */
  title?: string;
  href?: (code: string) => string;
  /** Width in px, default 240. */
  width?: number;
  /** Least area kept by the simplification, px²; default 6 (a locator needs less detail than a choropleth). */
  minArea?: number;
}

const LOCATOR = { area: "#e3e3e3", highlight: "#1d3557" };

/** The same shapes, one area in the portal's dark blue, the others light grey; no legend. */
export function locatorMap(shapes: AreaShapes, options: LocatorOptions): { svg: string; width: number; height: number } {
  const { code, locale } = options;
  const projected = projectShapes(shapes, { width: options.width ?? 240, minArea: options.minArea ?? 6 });
  const target = projected.areas.find((a) => a.properties.code === code);
  if (!target) throw new Error(`Locator map: no shape has the code ${code}.`);
  const targetName = areaName(target, locale);
  const title = options.title ?? (locale === "vi" ? `Vị trí của ${targetName} trong tỉnh` : `Where ${targetName} is in the province`);
  const areas = byName(projected.areas, locale);
  const svg = drawMap(projected, areas, {
    fill: (a) => (a.properties.code === code ? LOCATOR.highlight : LOCATOR.area),
    title: (a) => areaName(a, locale),
    href: options.href,
    className: "map map--locator",
    svgTitle: title,
    description: locale === "vi" ? `Bản đồ tỉnh, ${targetName} tô màu xanh đậm.` : `Map of the province with ${targetName} in dark blue.`,
    // A small area (a ward of a few km²) is a dot at this size: ring it so it can be found.
    marker: ringIfSmall(target),
  });
  return { svg: svgMarkup(svg), width: projected.width, height: projected.height };
}

interface DrawOptions {
  fill: (area: AreaShape) => string;
  title: (area: AreaShape) => string;
  href?: (code: string) => string;
  className: string;
  svgTitle: string;
  description: string;
  marker?: { x: number; y: number; r: number } | null;
}

function drawMap(projected: ReturnType<typeof projectShapes>, areas: AreaShape[], o: DrawOptions): SVGSVGElement {
  const marks: Plot.Markish[] = [
    Plot.geo(areas, {
      fill: o.fill,
      stroke: "#ffffff",
      strokeWidth: 0.6,
      title: o.title,
      ...(o.href ? { href: (a: AreaShape) => o.href!(a.properties.code) } : {}),
      className: "map-areas",
    }),
    Plot.geo([{ type: "Feature", properties: {}, geometry: projected.outline } as Feature<MultiLineString>], { fill: "none", stroke: OUTLINE, strokeWidth: 0.8, className: "map-outline" }),
  ];
  if (o.marker) marks.push(Plot.dot([o.marker], { x: "x", y: "y", r: "r", fill: "none", stroke: LOCATOR.highlight, strokeWidth: 2, className: "map-marker" }));
  const svg = Plot.plot({
    document,
    width: projected.width,
    height: projected.height,
    margin: 0,
    // The shapes are already in pixels: no projection but the identity.
    projection: { type: "identity", clip: false },
    x: { type: "identity" },
    y: { type: "identity" },
    r: { type: "identity" },
    color: { type: "identity" },
    style: { background: "transparent" },
    marks,
  }) as unknown as SVGSVGElement;
  compactPaths(svg, ".map-areas path, .map-outline path");
  roundGeometry(svg);
  hideGroups(svg, ".map-outline, .map-marker");
  labelSvg(svg, { title: o.svgTitle, description: o.description, className: o.className, interactive: Boolean(o.href) });
  if (o.href) nameLinks(svg);
  return svg;
}

/** Vietnamese collation (Ă after A, Đ after D), so the links' order is the reader's alphabetical order. */
function byName(areas: AreaShape[], locale: Locale): AreaShape[] {
  const collator = new Intl.Collator(locale === "vi" ? "vi" : "en-GB");
  return [...areas].sort((a, b) => collator.compare(areaName(a, locale), areaName(b, locale)) || (a.properties.code < b.properties.code ? -1 : 1));
}

export function areaName(area: AreaShape, locale: Locale): string {
  return locale === "en" ? area.properties.nameEn || area.properties.name : area.properties.name;
}

function valuesByCode(areas: AreaShape[], values: MapValue[], title: string): Map<string, MapValue> {
  const codes = new Set(areas.map((a) => a.properties.code));
  const byCode = new Map<string, MapValue>();
  const unknown: string[] = [];
  for (const v of values) {
    if (!codes.has(v.code)) unknown.push(v.code);
    else if (byCode.has(v.code)) throw new Error(`Map "${title}": two values for ${v.code}; a map shows one value per area.`);
    else if (v.value !== null && !Number.isFinite(v.value)) throw new Error(`Map "${title}": the value of ${v.code} is ${v.value}, not a number.`);
    else byCode.set(v.code, v);
  }
  // A value for an area that is not on the map would vanish without a word.
  if (unknown.length) throw new Error(`Map "${title}": no shape for ${unknown.join(", ")} (values for areas of another date?).`);
  return byCode;
}

function defaultDescription(title: string, classes: MapClass[], missing: MapArea[], count: number, unit: MapUnit, locale: Locale): string {
  const vi = locale === "vi";
  const ranges = classes.map((c) => c.label).join("; ");
  const head = vi
    ? `${title}: bản đồ ${count} địa bàn có số liệu, màu càng đậm giá trị càng cao (${unitLabel(unit, locale)}: ${ranges}).`
    : `${title}: map of ${count} areas with a value, darker for higher values (${unitLabel(unit, locale)}: ${ranges}).`;
  if (!missing.length) return head;
  return `${head} ${vi ? `${missing.length} địa bàn không có số liệu, tô gạch chéo` : `${missing.length} without a value, hatched`}.`;
}

function hatchPattern(svg: SVGSVGElement, id: string): SVGElement {
  const pattern = svgElement(svg, "pattern", { id, patternUnits: "userSpaceOnUse", width: 5, height: 5, patternTransform: "rotate(45)" });
  pattern.appendChild(svgElement(svg, "rect", { width: 5, height: 5, fill: HATCH.background }));
  pattern.appendChild(svgElement(svg, "path", { d: "M0,0V5", stroke: HATCH.line, "stroke-width": 1.4 }));
  return pattern;
}

/** A swatch of the HTML legend: a small inline SVG (kept in print and in forced-colours mode, unlike CSS backgrounds). */
function swatch(fill: string, defs = ""): string {
  return `<svg class="map-swatch" width="24" height="16" viewBox="0 0 24 16" aria-hidden="true" focusable="false">${defs}<rect x="0.5" y="0.5" width="23" height="15" fill="${fill}" stroke="${OUTLINE}" stroke-width="1"/></svg>`;
}

/** The legend as HTML: a heading (the unit), one item per class with its range, then "no data". */
export function mapLegendHtml(classes: MapClass[], options: { id: string; title: string; locale: Locale }): string {
  const id = `${checkIdPrefix(options.id)}-hatch-key`;
  const pattern = `<defs>${hatchPatternMarkup(id)}</defs>`;
  const items = classes.map((c) => `<li>${swatch(c.colour)}<span>${escapeXml(c.label)}</span></li>`);
  items.push(`<li>${swatch(`url(#${id})`, pattern)}<span>${NO_DATA[options.locale]}</span></li>`);
  return `<div class="map-legend"><p class="map-legend__title">${escapeXml(options.title)}</p><ul>${items.join("")}</ul></div>`;
}

/** The areas without a value, named (links when `href`), so "no data" does not rest on the hatch alone. */
export function missingAreasHtml(missing: MapArea[], locale: Locale, href?: (code: string) => string): string {
  if (!missing.length) return "";
  const names = missing.map((m) => (href ? `<a href="${escapeXml(href(m.code))}">${escapeXml(m.name)}</a>` : escapeXml(m.name)));
  return `<p class="map-missing"><strong>${NO_DATA[locale]}</strong> (${missing.length}): ${names.join(", ")}.</p>`;
}

function ringIfSmall(area: AreaShape): { x: number; y: number; r: number } | null {
  const polygons = area.geometry.type === "Polygon" ? [area.geometry.coordinates] : area.geometry.coordinates;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of polygons) for (const [x, y] of rings[0]) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  const size = Math.max(x1 - x0, y1 - y0);
  if (size >= 20) return null;
  return { x: Math.round((x0 + x1) * 5) / 10, y: Math.round((y0 + y1) * 5) / 10, r: Math.max(8, Math.ceil(size / 2) + 4) };
}
