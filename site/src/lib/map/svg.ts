/**
 * What every map and ranked chart does to Plot's SVG before it goes into a page: one accessible
 * object (role, name, description), no ARIA left on inner groups, and nothing that changes from one
 * build to the next.
 */
const SVG_NS = "http://www.w3.org/2000/svg";

import { nameSvg } from "../markup";
export { escapeXml } from "../markup";

/**
 * Name and describe a Plot SVG. role="img" when nothing inside is interactive; role="group" when
 * it holds links (an img's children are presentational, so links inside one would be focusable
 * but nameless to a screen reader: axe's nested-interactive). Plot's aria-label="geo", "bar" …
 * on inner groups are dropped: they name nothing a reader needs.
 */
export function labelSvg(svg: SVGSVGElement, options: { title: string; description: string; className: string; interactive: boolean }): void {
  svg.setAttribute("role", options.interactive ? "group" : "img");
  nameSvg(svg, options.title, options.description);
  svg.setAttribute("class", `${svg.getAttribute("class") ?? ""} ${options.className}`.trim());
}

/**
 * A link's name is its title (name, value, period): Plot puts the <title> in the shape or text
 * inside the link; it moves up to the link (the tooltip) and becomes its aria-label (a link's
 * visible text would otherwise win, and a shape has none). Run after labelSvg, which drops
 * Plot's inner ARIA.
 */
export function nameLinks(svg: SVGSVGElement, options: { keepTitle: boolean } = { keepTitle: true }): void {
  for (const link of Array.from(svg.querySelectorAll("a"))) {
    const title = link.querySelector("title");
    if (!title) continue;
    link.setAttribute("aria-label", title.textContent ?? "");
    if (options.keepTitle) link.insertBefore(title, link.firstChild);
    else title.remove();
  }
}

const GEOMETRY_ATTRIBUTES = ["x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "width", "height", "transform"];

/**
 * Plot writes positions as computed (width="62.828334964848295"): 0.1 px is finer than a screen
 * shows and a tenth of the bytes.
 */
export function roundGeometry(svg: SVGSVGElement): void {
  for (const element of Array.from(svg.querySelectorAll("*"))) {
    for (const name of GEOMETRY_ATTRIBUTES) {
      const value = element.getAttribute(name);
      // Not Plot's text offsets in em (y="0.32em").
      if (value && /\d\.\d{2,}/.test(value) && !/em$/.test(value)) element.setAttribute(name, value.replace(/-?\d+\.\d{2,}/g, (n) => String(Math.round(Number(n) * 10) / 10)));
    }
  }
}

/** Decorative layers (outline, markers) are hidden from assistive technology. */
export function hideGroups(svg: SVGSVGElement, selector: string): void {
  for (const element of Array.from(svg.querySelectorAll(selector))) element.setAttribute("aria-hidden", "true");
}

/** An element of the SVG namespace in the SVG's document. */
export function svgElement(svg: SVGSVGElement, name: string, attributes: Record<string, string | number>): SVGElement {
  const element = svg.ownerDocument.createElementNS(SVG_NS, name) as SVGElement;
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  return element;
}

/**
 * Rewrite the paths of polygons and lines (d3-geo's "M x,y L x,y … Z", absolute) with relative
 * moves at 0.1 px: "M206.2 674.9l-.1 3.1 2.3 2.5…z". About 45 % fewer bytes for the same
 * points, which neither d3-geo nor Plot can emit. Deltas are taken between positions rounded to
 * 0.1 px, so rounding does not add up along a ring: every position lands where the absolute
 * path put it, and two areas that share a border still share it exactly.
 */
export function compactPath(d: string): string {
  const tokens = d.match(/[MLZ]|-?\d*\.?\d+(?:e-?\d+)?/gi) ?? [];
  let out = "";
  let [x, y] = [0, 0];
  let command = "";
  // The command letter last written: repeated pairs after an "l" need no letter.
  let written = "";
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i].toUpperCase();
    if (token === "Z") {
      out += "z";
      command = written = "";
      i++;
    } else if (token === "M" || token === "L") {
      command = token;
      i++;
    } else {
      if (!command) throw new Error(`compactPath: unexpected "${token}" in a path (only M, L and Z are handled).`);
      const nx = Math.round(Number(tokens[i]) * 10);
      const ny = Math.round(Number(tokens[i + 1]) * 10);
      i += 2;
      if (command === "M") {
        out = joinNumbers(`${out}M`, tenths(nx));
        out = joinNumbers(out, tenths(ny));
        command = "L";
        written = "M";
      } else {
        if (written !== "l") out += "l";
        written = "l";
        out = joinNumbers(joinNumbers(out, tenths(nx - x)), tenths(ny - y));
      }
      [x, y] = [nx, ny];
    }
  }
  return out;
}

/** Tenths of a pixel as the shortest decimal: 12 → "1.2", -3 → "-.3", 40 → "4". */
function tenths(t: number): string {
  const sign = t < 0 ? "-" : "";
  const a = Math.abs(t);
  const whole = Math.floor(a / 10);
  const tenth = a % 10;
  return `${sign}${whole || !tenth ? whole : ""}${tenth ? `.${tenth}` : ""}`;
}

/**
 * Append a number to a run of numbers, with a space only where a reader needs one: none after a
 * command letter, before a minus sign, or before ".5" when the number before holds a point
 * ("1.2.5" is 1.2 then .5).
 */
function joinNumbers(run: string, number: string): string {
  if (/[a-z]$/i.test(run) || number.startsWith("-")) return run + number;
  // The last number of the run: an optional sign, digits, at most one point.
  const last = run.match(/-?\d*(\.\d+)?$/)?.[0] ?? "";
  if (number.startsWith(".") && last.includes(".")) return run + number;
  return `${run} ${number}`;
}

/** compactPath on every path of the SVG. */
export function compactPaths(svg: SVGSVGElement, selector = "path"): void {
  for (const path of Array.from(svg.querySelectorAll(selector))) {
    const d = path.getAttribute("d");
    if (d && /^M[\d.\-,LMZ\s]*$/i.test(d)) path.setAttribute("d", compactPath(d));
  }
}

/**
 * Ids in an SVG are page-wide: an id prefix names one figure on a page (an indicator id, an area
 * code). Letters, digits, - and _ only, so it is valid in url(#…) without escaping.
 */
export function checkIdPrefix(id: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(id)) throw new RangeError(`SVG id prefix "${id}" must start with a letter and hold only letters, digits, - and _.`);
  return id;
}
