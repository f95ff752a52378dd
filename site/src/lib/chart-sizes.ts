/**
 * An indicator's chart in three drawn sizes, one shown per screen width (site.css, .chart-sizes):
 * an SVG scales its text with its width, so one drawing cannot fill a 990 px card and keep 12 px
 * text on a 360 px phone. Each size is drawn for the width the card has in its range, so its 12 px
 * text is shown at 12–18 px: narrow up to 36rem (a phone's card: 296 px at 360 px), medium to
 * 52rem, wide above. Only the one shown is in the accessibility tree (the others are display:none).
 */
import { indicatorChart, type IndicatorChart } from "./indicator";
import type { Locale } from "./format";
import type { IndicatorDetail } from "./types";

export const CHART_SIZES = [
  { name: "narrow", width: 296, height: 250 },
  { name: "medium", width: 480, height: 300 },
  { name: "wide", width: 720, height: 360 },
] as const;

export type ChartSizeName = (typeof CHART_SIZES)[number]["name"];

export interface SizedChart extends IndicatorChart {
  /** The sizes' SVGs in one block, or null without a chart. */
  html: string | null;
}

/** The chart in every size (same data, same legend); `svg` is the medium drawing (a flag that there is a chart). */
export function sizedChart(indicator: IndicatorDetail, lang: Locale): SizedChart {
  const drawings = CHART_SIZES.map((size) => indicatorChart(indicator, { lang, width: size.width, height: size.height }));
  const base = drawings[1];
  if (!base.svg) return { ...base, html: null };
  const html = drawings.map((chart, i) => {
    // Plot writes its default font-size="10" on the root, overridden by the style's 12 px: say 12 there too.
    const svg = chart.svg!.replace(/^(<svg[^>]*?) font-size="10"/, '$1 font-size="12"');
    return `<div class="chart-size chart-size--${CHART_SIZES[i].name}">${svg}</div>`;
  });
  return { ...base, html: `<div class="chart-sizes">${html.join("")}</div>` };
}
