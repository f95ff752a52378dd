/**
 * The embed code of an indicator's figure: an iframe of its embed page (views/EmbedView.astro),
 * a caption naming the data version, and a one-line listener that fits the frame to the height
 * the embed page reports (postMessage). Without the script (a site that strips it) the frame keeps
 * its fallback height: the tallest the page needs at any width articles give it (a 320 px phone
 * column to the frame's 720 px), so it never crops.
 */
import { formatMarks, formatPeriodLabel, formatValue, statusMarks } from "./format";
import { CHART_SIZES } from "./chart-sizes";
import { areaName, indicatorChart } from "./indicator";
import { UI, routes, type Lang } from "./labels";
import { escapeHtml } from "./markup";
import type { IndicatorDetail, SourceRef } from "./types";

const VERSION = { vi: "phiên bản dữ liệu", en: "data version" };
/** Widths the fallback height covers: a small phone's column, a phone's, and the frame's widest. */
export const EMBED_WIDTHS = [320, 420, 720] as const;
/** The `type` of the embed page's message to the page around it: { type, id, height }. */
export const EMBED_MESSAGE = "tnod-embed-height";

/** Drawn size of the chart shown at a viewport width, and the width it is shown at (site.css .chart-size). */
export function chartShownAt(viewport: number, inner: number): { width: number; height: number } {
  const [narrow, medium, wide] = CHART_SIZES;
  const size = viewport < 576 ? narrow : viewport < 832 ? medium : wide;
  const width = Math.min(inner, size.width * 1.5);
  return { width, height: Math.ceil((width * size.height) / size.width) };
}


/** The sources an embed names: of the values and of the targets, each once. */
export function embedSources(indicator: IndicatorDetail): SourceRef[] {
  return [...new Map([...indicator.observations.map((o) => o.source), ...indicator.targets.map((t) => t.source)].map((s) => [s.id, s])).values()];
}

/** Lines a text takes in a column of `width` pixels, wrapped at spaces, at `charWidth` pixels a character (on average, generously). */
function lines(text: string, width: number, charWidth: number): number {
  const perLine = Math.floor(width / charWidth);
  let count = 1;
  let used = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const length = word.length;
    if (used > 0 && used + 1 + length > perLine) {
      count++;
      used = 0;
    }
    used += (used > 0 ? 1 : 0) + length;
    // A word longer than a line breaks anywhere (overflow-wrap).
    while (used > perLine) {
      count++;
      used -= perLine;
    }
  }
  return count;
}

/**
 * Height in pixels of the embed page at a width (the frame's content), estimated from its text
 * and chart with the embed stylesheet's sizes (site.css, body.embed); the table is folded away.
 * Estimates err on the tall side: the browser test checks them against the real page.
 */
export function embedHeight(indicator: IndicatorDetail, lang: Lang, width: number): number {
  const chart = indicatorChart(indicator, { lang });
  const name = lang === "vi" ? indicator.name : indicator.nameEn;
  const inner = width - 2 * 12;
  const sources = embedSources(indicator).map((s) => (lang === "vi" ? s.title : s.titleEn ?? s.title)).join("; ");
  let height = 2 * 10; // the card's padding
  height += lines(name, inner, 11.5) * 24 + 6; // title (1.15rem, bold)
  if (chart.svg) height += lines(`Every value by period; chart: ${chart.areaName ?? ""}`, inner, 8.4) * 22 + 8; // one-line description
  if (chart.svg) {
    height += chartShownAt(width, inner).height + 6;
    // The legend's entries; the hollow, break and baseline entries are long (two lines' worth).
    const legend = chart.statuses.length + (chart.hasTargets ? 1 : 0) + (chart.hasSpans ? 1 : 0) + 2 * ((chart.hasUnstatedPeriods ? 1 : 0) + (chart.breaks.length ? 1 : 0) + (chart.baseline.length ? 1 : 0));
    height += Math.ceil((legend * (lang === "vi" ? 38 : 24)) / Math.floor(inner / 8)) * 21 + 6;
  } else {
    // The value (1.9rem, bold), then its area, period and unit.
    const single = indicator.latest ?? indicator.observations.filter((o) => !o.breakdown).at(-1);
    if (single) {
      const value = `${formatValue(single.value, indicator.unit, lang)} ${formatMarks(statusMarks(single.status), lang)}`;
      const unit = lang === "vi" ? `đơn vị: ${indicator.unit.name}` : `unit: ${indicator.unit.nameEn}`;
      height += lines(value, inner, 20) * 37 + lines(`${areaName(single.area, single.areaCode, lang)}, ${formatPeriodLabel(single.period, lang)} · ${unit}`, inner, 8.4) * 22 + 14;
    }
  }
  height += 36; // the folded table's summary
  height += 14; // rule above the foot
  height += lines(`${lang === "vi" ? "Nguồn" : "Sources"}: ${sources}`, inner, 7.6) * 20;
  height += lines(`${UI.siteName[lang]}, ${VERSION[lang]} 2026-01-01.abcdef12 (01/01/2026).`, inner, 7.6) * 20;
  height += 20 + 12; // links, margins
  // Room for fonts wider than the estimate's (measured: the estimate is within 1–5 % at 320 px).
  return Math.ceil((height * 1.04 + 16) / 10) * 10;
}

/**
 * The page's side: fit each portal frame to the height its page reports. Only messages from the
 * frame's own window and origin count, and a height is kept within 120–4000 px.
 */
const EMBED_LISTENER =
  `addEventListener("message",function(e){var d=e.data;if(!d||d.type!=="${EMBED_MESSAGE}")return;` +
  `document.querySelectorAll("iframe[data-tnod-embed]").forEach(function(f){` +
  `if(f.contentWindow===e.source&&f.src.indexOf(e.origin+"/")===0)f.style.height=Math.min(4000,Math.max(120,Math.ceil(+d.height)||0))+"px"})})`;

export function embedSnippet(options: { id: string; name: string; lang: Lang; dataVersion: string; site: URL; height: number }): string {
  const { id, name, lang, dataVersion, site, height } = options;
  const r = routes(lang);
  const src = new URL(r.embed(id), site).href;
  const page = new URL(r.indicator(id), site).href;
  const label = `${name} — ${UI.siteName[lang]}, ${VERSION[lang]} ${dataVersion}`;
  return (
    `<iframe src="${src}" title="${escapeHtml(label)}" width="100%" height="${height}" style="border:0;max-width:${EMBED_WIDTHS.at(-1)}px" loading="lazy" data-tnod-embed="${escapeHtml(id)}"></iframe>\n` +
    `<p><a href="${page}">${escapeHtml(name)}</a> — ${UI.siteName[lang]}, ${VERSION[lang]} ${dataVersion}</p>\n` +
    `<script>${EMBED_LISTENER}</script>`
  );
}
