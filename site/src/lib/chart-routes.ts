/** Static paths and responses of the chart files (pages/charts/[id].svg.ts and friends). */
import { chartFilePng, chartFileSvg } from "./chart-file";
import { indicatorChart } from "./indicator";
import type { Lang } from "./labels";
import { getAbout, getIndicator, getIndicators } from "./queries";

/** Indicators that have a chart (two marks or more). */
export async function chartPaths() {
  const indicators = await getIndicators();
  const withChart = await Promise.all(indicators.map(async (i) => (indicatorChart(await getIndicator(i.id)).svg ? i.id : null)));
  return withChart.filter((id): id is string => id !== null).map((id) => ({ params: { id } }));
}

export async function chartSvgResponse(id: string, site: URL, lang: Lang): Promise<Response> {
  const svg = chartFileSvg(await getIndicator(id), await getAbout(), site, lang);
  if (!svg) throw new Error(`Indicator ${id} has no chart.`);
  return new Response(svg, { headers: { "content-type": "image/svg+xml; charset=utf-8" } });
}

export async function chartPngResponse(id: string, site: URL, lang: Lang): Promise<Response> {
  const svg = chartFileSvg(await getIndicator(id), await getAbout(), site, lang);
  if (!svg) throw new Error(`Indicator ${id} has no chart.`);
  return new Response(new Uint8Array(chartFilePng(svg)), { headers: { "content-type": "image/png" } });
}
