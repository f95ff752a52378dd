/**
 * Comparing areas on one indicator (/so-sanh/<id>/, /en/compare/<id>/): which indicators have
 * values for two or more districts or communes (Indicator.coverage), and the districts' values
 * for each such period (Indicator.areaValues), pre-rendered so that no JavaScript is needed.
 * The communes are compared in the browser (the page's script asks the API by GET).
 */
import { gql } from "./api";
import type { AreaValueStatus, Rank } from "./area-values";
import type { AreaLevel, Period, SourceRef } from "./types";

export interface Coverage {
  level: AreaLevel;
  withinCode: string;
  period: Period;
  harmonisedTo: string | null;
  areasWithValue: number;
  areaCount: number;
}

let comparable: Promise<Map<string, Coverage[]>> | null = null;

/** Indicators with a level (district or commune) and period where two or more areas have a value, with those coverages. */
export function getComparable(): Promise<Map<string, Coverage[]>> {
  comparable ??= (async () => {
    const result = new Map<string, Coverage[]>();
    let after: string | null = null;
    do {
      const data: { indicators: { nodes: { id: string; coverage: Coverage[] }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await gql(
        `query Coverage($after: String) { indicators(first: 100, after: $after) {
          nodes { id coverage { level withinCode period { start end label basis } harmonisedTo areasWithValue areaCount } }
          pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      for (const node of data.indicators.nodes) {
        const usable = node.coverage.filter((c) => c.level !== "PROVINCE" && c.areasWithValue >= 2);
        if (usable.length) result.set(node.id, usable.sort((a, b) => b.period.end.localeCompare(a.period.end)));
      }
      after = data.indicators.pageInfo.hasNextPage ? data.indicators.pageInfo.endCursor : null;
    } while (after);
    return result;
  })();
  return comparable;
}

export interface ComparedValue {
  areaCode: string;
  area: { code: string; fullName: string; fullNameEn: string };
  value: number | null;
  status: AreaValueStatus;
  rank: Rank | null;
  shareOfParent: number | null;
  sourceCount: number;
  distinctValues: number;
  source: SourceRef | null;
}

export interface ComparedSet {
  level: AreaLevel;
  period: Period;
  harmonisedTo: string | null;
  withValue: number;
  areaCount: number;
  values: ComparedValue[];
}

/** Every area of a level for one period (the most reliable source's value, its rank and share). */
export async function getAreaValueSet(indicatorId: string, level: AreaLevel, periodEnd: string, harmonisedTo: string | null = null): Promise<ComparedSet | null> {
  const data = await gql<{ indicator: { areaValues: ComparedSet | null } | null }>(
    `query Compare($id: ID!, $level: AreaLevel!, $periodEnd: Date, $harmonisedTo: Date) { indicator(id: $id) {
      areaValues(level: $level, periodEnd: $periodEnd, harmonisedTo: $harmonisedTo) {
        level period { start end label basis } harmonisedTo withValue areaCount
        values { areaCode area { code fullName fullNameEn } value status rank { position of level withinCode } shareOfParent sourceCount distinctValues source { id title titleEn } }
      } } }`,
    { id: indicatorId, level, periodEnd, harmonisedTo },
  );
  return data.indicator?.areaValues ?? null;
}

/**
 * The GET query the compare page's script sends for the communes of one period (also the link
 * offered without JavaScript): the same fields as above, one request per period.
 */
export function communeQuery(indicatorId: string, periodEnd: string, harmonisedTo: string | null): string {
  const args = [`level:COMMUNE`, `periodEnd:"${periodEnd}"`, ...(harmonisedTo ? [`harmonisedTo:"${harmonisedTo}"`] : [])].join(",");
  return `{indicator(id:${JSON.stringify(indicatorId)}){areaValues(${args}){period{label}withValue areaCount values{areaCode area{fullName fullNameEn parent(asOf:"${harmonisedTo ?? periodEnd}"){fullName fullNameEn}}value rank{position of}source{title titleEn}}}}}`;
}
