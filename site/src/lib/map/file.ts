/**
 * A map as a file to download (SVG, and PNG through chart-file's resvg): title, legend, the map,
 * the areas without a value, the credits and the sources in one SVG, so the picture still says what
 * it shows and where it comes from once it is in an article. On the page the legend and notes are
 * HTML (choropleth.ts); here they are drawn, at the file's own size (it is never scaled down).
 */
import { textWidth } from "../chart";
import type { Locale } from "../format";
import { hatchPatternMarkup, NO_DATA, type ChoroplethMap } from "./choropleth";
import { escapeXml } from "./svg";

/** chart-file.ts's fonts (Vietnamese letters; resvg finds them in Debian's font packages). */
const FONT_FAMILY = "DejaVu Sans Condensed, Liberation Sans, DejaVu Sans, Arial, sans-serif";
const PAD = 16;

export interface MapFileOptions {
  title: string;
  /** A line under the title: the area and period ("Tỉnh Thái Nguyên, 92 xã, phường, 1/7/2025"). */
  subtitle?: string;
  /** The legend's heading; default the map's (the unit). */
  legendTitle?: string;
  /** Lines at the foot: sources, data version, the page's address. */
  footer: string[];
  locale: Locale;
}

/** Lines of at most `width` px at `size` (a long word stays whole). */
function wrapText(text: string, width: number, size: number, bold = false): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, size, bold) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

export function mapFileSvg(map: ChoroplethMap, options: MapFileOptions): string {
  const width = map.width + 2 * PAD;
  const inner = width - 2 * PAD;
  const parts: string[] = [];
  let y = PAD;
  const text = (lines: string[], size: number, o: { bold?: boolean; fill?: string; gap?: number } = {}) => {
    for (const line of lines) {
      y += size + (o.gap ?? 4);
      parts.push(`<text x="${PAD}" y="${y}" font-size="${size}"${o.bold ? ' font-weight="700"' : ""} fill="${o.fill ?? "#1a1a1a"}">${escapeXml(line)}</text>`);
    }
  };
  text(wrapText(options.title, inner, 16, true), 16, { bold: true });
  if (options.subtitle) text(wrapText(options.subtitle, inner, 12), 12, { fill: "#545454" });

  // Legend: the heading, then swatches in a row that wraps.
  y += 10;
  text([options.legendTitle ?? map.legendTitle], 12, { bold: true });
  y += 6;
  const items = [...map.classes.map((c) => ({ fill: c.colour, label: c.label })), { fill: "url(#file-hatch)", label: NO_DATA[options.locale] }];
  let x = PAD;
  const row = 18;
  for (const item of items) {
    const w = 22 + 6 + textWidth(item.label, 12) + 14;
    if (x + w > width - PAD && x > PAD) {
      x = PAD;
      y += row + 4;
    }
    parts.push(`<rect x="${x + 0.5}" y="${y + 0.5}" width="21" height="13" fill="${item.fill}" stroke="#6e6e6e"/>`);
    parts.push(`<text x="${x + 28}" y="${y + 11}" font-size="12" fill="#1a1a1a">${escapeXml(item.label)}</text>`);
    x += w;
  }
  y += row + 8;

  parts.push(map.svg.replace(/^<svg /, `<svg x="${PAD}" y="${y}" `).replace(/font-family="[^"]*"/g, `font-family="${FONT_FAMILY}"`));
  y += map.height + 4;
  if (map.missing.length) {
    text(wrapText(`${NO_DATA[options.locale]} (${map.missing.length}): ${map.missing.map((m) => m.name).join(", ")}.`, inner, 12), 12, { gap: 3 });
  }
  for (const line of [...map.credits, ...options.footer]) text(wrapText(line, inner, 12), 12, { fill: "#333333", gap: 3 });
  const height = Math.ceil(y + PAD);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}" color="#1a1a1a" lang="${options.locale}">` +
    `<title>${escapeXml(options.title)}</title>` +
    `<defs>${hatchPatternMarkup("file-hatch")}</defs>` +
    `<rect width="${width}" height="${height}" fill="#ffffff"/>` +
    parts.join("") +
    `</svg>\n`
  );
}
