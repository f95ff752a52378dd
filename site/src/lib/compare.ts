/**
 * Comparing areas on one indicator (/so-sanh/<id>/, /en/compare/<id>/): which indicators have
 * values for two or more districts or communes (Indicator.coverage), and the districts' values
 * for each such period (Indicator.areaValues), pre-rendered so that no JavaScript is needed.
 * The communes are compared in the browser (the page's script asks the API by GET).
 */
import { gql } from "./api";
import { graphql } from "./graphql";
import type { SiteCompareQuery, SiteComparableCoverageQuery } from "./graphql/graphql";
import type { AreaLevel } from "./types";

const COVERAGE = graphql(`
  query SiteComparableCoverage($after: String) {
    indicators(first: 100, after: $after) {
      nodes { id coverage { level withinCode period { start end label basis } harmonisedTo areasWithValue areaCount } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export type Coverage = SiteComparableCoverageQuery["indicators"]["nodes"][number]["coverage"][number];

let comparable: Promise<Map<string, Coverage[]>> | null = null;

/** Indicators with a level (district or commune) and period where two or more areas have a value, with those coverages. */
export function getComparable(): Promise<Map<string, Coverage[]>> {
  comparable ??= (async () => {
    const result = new Map<string, Coverage[]>();
    let after: string | null = null;
    do {
      const { indicators }: SiteComparableCoverageQuery = await gql(COVERAGE, { after });
      for (const node of indicators.nodes) {
        const usable = node.coverage.filter((c) => c.level !== "PROVINCE" && c.areasWithValue >= 2);
        if (usable.length) result.set(node.id, usable.sort((a, b) => b.period.end.localeCompare(a.period.end)));
      }
      after = indicators.pageInfo.hasNextPage ? indicators.pageInfo.endCursor : null;
    } while (after);
    return result;
  })();
  return comparable;
}

const COMPARE = graphql(`
  query SiteCompare($id: ID!, $level: AreaLevel!, $periodEnd: Date, $harmonisedTo: Date) {
    indicator(id: $id) {
      areaValues(level: $level, periodEnd: $periodEnd, harmonisedTo: $harmonisedTo) {
        level period { start end label basis } harmonisedTo withValue areaCount
        values {
          areaCode area { code name nameEn fullName fullNameEn }
          value status rank { position of level withinCode } shareOfParent sourceCount distinctValues
          source { ...SourceRefFields }
        }
      }
    }
  }
`);

export type ComparedSet = NonNullable<NonNullable<SiteCompareQuery["indicator"]>["areaValues"]>;
export type ComparedValue = ComparedSet["values"][number];

/** Every area of a level for one period (the most reliable source's value, its rank and share). */
export async function getAreaValueSet(indicatorId: string, level: AreaLevel, periodEnd: string, harmonisedTo: string | null = null): Promise<ComparedSet | null> {
  const { indicator } = await gql(COMPARE, { id: indicatorId, level, periodEnd, harmonisedTo });
  return indicator?.areaValues ?? null;
}

/**
 * The GET query the compare page's script sends for the communes of one period (also the link
 * offered without JavaScript): the same fields as above, one request per period.
 */
export function communeQuery(indicatorId: string, periodEnd: string, harmonisedTo: string | null): string {
  const args = [`level:COMMUNE`, `periodEnd:"${periodEnd}"`, ...(harmonisedTo ? [`harmonisedTo:"${harmonisedTo}"`] : [])].join(",");
  return `{indicator(id:${JSON.stringify(indicatorId)}){areaValues(${args}){period{label}withValue areaCount values{areaCode area{fullName fullNameEn parent(asOf:"${harmonisedTo ?? periodEnd}"){fullName fullNameEn}}value rank{position of}source{title titleEn}}}}}`;
}
