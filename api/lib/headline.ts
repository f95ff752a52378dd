/**
 * The headline rule: which one value of an indicator leads for an area. The ingest applies it in
 * SQL to every value (data/ingest/derived.ts, headline_observations); the API applies the same
 * order to the values known on a date (`asOf`), so both answer alike.
 */

/** The order sources are preferred in, as sources.yaml rates them. */
export const RELIABILITY_ORDER = ["official", "primary", "secondary", "weak"] as const;
/** The order statuses are preferred in, among values of the same period and reliability. */
export const STATUS_ORDER = ["REPORTED", "COMPUTED", "ESTIMATE", "APPROXIMATE", "COMPUTED_FROM_ESTIMATE"] as const;

/** The rule in words, as the API and the pages state it. */
export const HEADLINE_RULE =
  "The latest period end; among values of that period, the most reliable source (official, primary, secondary, weak, as sources.yaml rates them), then reported before computed before estimates, then the shorter period.";
export const HEADLINE_RULE_VI =
  "Kỳ có ngày kết thúc muộn nhất; trong các giá trị của kỳ đó, nguồn đáng tin cậy nhất (chính thức, gốc, thứ cấp, yếu, theo đánh giá trong sources.yaml), rồi số được báo cáo trước số tính toán và số ước tính, rồi kỳ ngắn hơn.";

interface HeadlineCandidate {
  id: number;
  period_start: string;
  period_end: string;
  breakdown_id: string | null;
  status: string;
  source_id: string;
  value: number;
}

const position = (order: readonly string[], value: string | undefined) => {
  const i = value === undefined ? -1 : order.indexOf(value);
  return i < 0 ? order.length : i;
};

/**
 * The headline among an area's values (totals only) by the rule, with how many values share its
 * period end and how many distinct values they give; null without a value.
 */
export function pickHeadline<R extends HeadlineCandidate>(rows: readonly R[], reliabilityOf: (sourceId: string) => string | undefined): { row: R; sourcesForPeriod: number; distinctValues: number } | null {
  const totals = rows.filter((r) => r.breakdown_id === null);
  if (totals.length === 0) return null;
  const compare = (a: R, b: R) =>
    b.period_end.localeCompare(a.period_end) ||
    position(RELIABILITY_ORDER, reliabilityOf(a.source_id)) - position(RELIABILITY_ORDER, reliabilityOf(b.source_id)) ||
    position(STATUS_ORDER, a.status) - position(STATUS_ORDER, b.status) ||
    b.period_start.localeCompare(a.period_start) ||
    a.source_id.localeCompare(b.source_id) ||
    a.id - b.id;
  const row = [...totals].sort(compare)[0];
  const samePeriod = totals.filter((r) => r.period_end === row.period_end);
  return { row, sourcesForPeriod: samePeriod.length, distinctValues: new Set(samePeriod.map((r) => r.value)).size };
}
