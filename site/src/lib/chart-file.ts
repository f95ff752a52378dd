/**
 * An indicator's chart as a file to download (/charts/<id>.svg and .png, /en/charts/…): the
 * page's chart with its title, area, sources, the data version and the page's address around
 * it, so the picture still says what it shows and where it comes from once it is in an
 * article. PNG rasterised with resvg at twice the size, with a font that has the Vietnamese
 * letters (DejaVu or Liberation from Debian's font packages) when installed, else the system's.
 */
import { existsSync } from "node:fs";
import { Resvg, type ResvgRenderOptions } from "@resvg/resvg-js";
import { formatDate } from "./format";
import { escapeXml } from "./markup";
import { indicatorChart, nameIn } from "./indicator";
import { UI, routes, type Lang } from "./labels";
import type { About, IndicatorDetail } from "./types";

/** Fonts with Vietnamese letters, narrowest first (the chart's label placement assumes browser-like widths). */
const FONTS = [
  { family: "DejaVu Sans Condensed", files: ["dejavu/DejaVuSansCondensed.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf"] },
  { family: "Liberation Sans", files: ["liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf"] },
  { family: "DejaVu Sans", files: ["dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"] },
].map((f) => ({ ...f, files: f.files.map((file) => `/usr/share/fonts/truetype/${file}`) }));
const FONT_FAMILY = `${FONTS.map((f) => f.family).join(", ")}, Arial, sans-serif`;
const PAD = 16;
const CHART = { width: 420, height: 280 };
const WIDTH = CHART.width + 2 * PAD;


/** Break a text into lines of at most `max` characters at spaces (a long word stays whole). */
function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The standalone SVG of an indicator's chart, or null when the indicator has too few values to draw. */
export function chartFileSvg(indicator: IndicatorDetail, about: About, site: URL, lang: Lang): string | null {
  const chart = indicatorChart(indicator, { lang });
  if (!chart.svg) return null;
  const vi = lang === "vi";
  const sources = [...new Map([...indicator.observations, ...indicator.targets].map((o) => [o.source.id, o.source])).values()].map((s) => (vi ? s.title : s.titleEn ?? s.title));
  const page = new URL(routes(lang).indicator(indicator.id), site).href;
  const parts: string[] = [];
  let y = PAD;
  const text = (lines: string[], size: number, options: { bold?: boolean; fill?: string; gap?: number } = {}) => {
    for (const line of lines) {
      y += size + (options.gap ?? 4);
      parts.push(`<text x="${PAD}" y="${y}" font-size="${size}"${options.bold ? ' font-weight="700"' : ""} fill="${options.fill ?? "#1a1a1a"}">${escapeXml(line)}</text>`);
    }
  };
  text(wrap(nameIn(indicator, lang), 50), 16, { bold: true });
  if (chart.areaName) text([chart.areaName], 12, { fill: "#545454" });
  y += 6;
  // The page's chart, nested at its own size; its fonts replaced by ones a rasteriser has.
  const inner = chart.svg
    .replace(/^<svg /, `<svg x="${PAD}" y="${y}" `)
    .replace(/font-family="[^"]*"/g, `font-family="${FONT_FAMILY}"`);
  parts.push(inner);
  y += CHART.height + 4;
  text(wrap(`${vi ? "Nguồn" : "Source"}: ${sources.join("; ")}`, 76), 11, { fill: "#333333", gap: 3 });
  text(wrap(vi ? `${UI.siteName.vi}, phiên bản dữ liệu ${about.dataVersion} (${formatDate(about.builtAt, "vi")})` : `${UI.siteName.en}, data version ${about.dataVersion} (${formatDate(about.builtAt, "en")})`, 76), 11, { fill: "#333333", gap: 3 });
  text([page], 11, { fill: "#0b4f9c", gap: 3 });
  const height = Math.ceil(y + PAD);
  const title = `${nameIn(indicator, lang)} — ${UI.siteName[lang]} ${about.dataVersion}`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${FONT_FAMILY}" color="#1a1a1a" lang="${lang}">` +
    `<title>${escapeXml(title)}</title>` +
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>` +
    parts.join("") +
    `</svg>\n`
  );
}

/** Fonts for resvg: the first installed of FONTS (Debian: fonts-dejavu-core, fonts-liberation), else the system's. */
export function rasterFonts(): NonNullable<ResvgRenderOptions["font"]> {
  const font = FONTS.find((f) => existsSync(f.files[0]));
  return font
    ? { fontFiles: font.files.filter((file) => existsSync(file)), loadSystemFonts: false, defaultFontFamily: font.family, sansSerifFamily: font.family }
    : { loadSystemFonts: true, defaultFontFamily: "sans-serif" };
}

/** The chart file as PNG, twice the SVG's size. */
export function chartFilePng(svg: string): Buffer {
  const resvg = new Resvg(svg, { fitTo: { mode: "zoom", value: 2 }, font: rasterFonts(), background: "#ffffff" });
  return resvg.render().asPng();
}
