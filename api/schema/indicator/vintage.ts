/**
 * "As known on a date": an indicator's values and headline restricted to what its sources had
 * published by then (api/lib/vintage.ts), for the `asOf` arguments of Indicator.observations,
 * latest and headline. Computed from the indicator's series (one indexed read) and the sources
 * in memory; the rule is the ingest's (api/lib/headline.ts).
 */
import type { ObservationRow } from "../../db/database.js";
import { pickHeadline } from "../../lib/headline.js";
import { asKnownOn } from "../../lib/vintage.js";
import type { Context } from "../context.js";

/** What the API says of `asOf` wherever it takes one. */
export const AS_OF_DESCRIPTION =
  "As known on this date (YYYY-MM-DD): only values whose source was published on or before it (a source dated only by year or month counts from the last day " +
  "of it: 2023 → 2023-12-31; a source without a recorded date is left out), and per area, period and breakdown only the latest published of them. " +
  "Without it, every value.";

async function publishedOfSources(rows: readonly ObservationRow[], { loaders }: Context): Promise<(id: string) => string | null> {
  const ids = [...new Set(rows.map((r) => r.source_id))];
  const sources = await loaders.source.loadMany(ids);
  const published = new Map(ids.map((id, i) => [id, sources[i] && !(sources[i] instanceof Error) ? (sources[i] as { published: string | null }).published : null]));
  return (id) => published.get(id) ?? null;
}

/** An indicator's series as known on `asOf`. */
export async function seriesAsOf(rows: readonly ObservationRow[], asOf: string, context: Context): Promise<ObservationRow[]> {
  return asKnownOn(rows, await publishedOfSources(rows, context), asOf);
}

/** The headline for an area among the values known on `asOf`, by the ingest's rule. */
export async function headlineAsOf(indicatorId: string, areaCode: string, asOf: string, context: Context) {
  const rows = await context.loaders.series.load({ indicatorId, areaCode, from: null, to: null, includeBreakdowns: false });
  const known = await seriesAsOf(rows, asOf, context);
  const sources = await context.loaders.source.loadMany([...new Set(known.map((r) => r.source_id))]);
  const reliability = new Map(sources.filter((s): s is NonNullable<typeof s> & { id: string; reliability_level: string } => Boolean(s) && !(s instanceof Error)).map((s) => [s.id, s.reliability_level]));
  return pickHeadline(known, (id) => reliability.get(id));
}
