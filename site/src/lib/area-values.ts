/**
 * What the area pages read beyond the unit lists: every version's values (Area.values, every
 * period) with their ranks and shares, the 2025 shapes for the locator maps, and the wording of a
 * rank ("thứ 3/9 huyện", "3rd of 9 districts"). Read once per build, in pages of 12 versions (the
 * API's cost limit: a value list counts as the largest in the data).
 */
import { gql } from "./api";
import { graphql } from "./graphql";
import type { AreaValueFieldsFragment, SiteAreaVersionValuesQuery } from "./graphql/graphql";
import type { AreaShapes } from "./map";
import { formatNumber, formatPercent, formatRank } from "./format";
import type { AreaLevel, SourceRef } from "./types";
import type { Lang } from "./labels";

export type { AreaValueStatus } from "./graphql/graphql";

export const AreaValueFields = graphql(`
  fragment AreaValueFields on AreaValue {
    indicator { id }
    period { start end label basis }
    value status sourceCount distinctValues
    rank { position of level withinCode }
    rankInParent { position of level withinCode }
    parentValue shareOfParent harmonisedTo
    source { ...SourceRefFields }
    observation { id }
    harmonisation { noteVi noteEn components { value area { id code fullName fullNameEn } } }
  }
`);

/** One value of one area version (Area.values). */
export type AreaValue = AreaValueFieldsFragment;
export type Rank = NonNullable<AreaValue["rank"]>;

/** Twelve versions a page keep a query under the API's cost limit (fourteen measured as the most). */
const AREA_VALUES = graphql(`
  query SiteAreaVersionValues($after: String) {
    areas(first: 12, after: $after) { nodes { id values(latestOnly: false) { ...AreaValueFields } } pageInfo { hasNextPage endCursor } }
  }
`);

let allValues: Promise<Map<string, AreaValue[]>> | null = null;

/** Every value of every area version, by version id (`<code>@<validFrom>`), every period. */
export function getAllAreaValues(): Promise<Map<string, AreaValue[]>> {
  allValues ??= (async () => {
    const byVersion = new Map<string, AreaValue[]>();
    let after: string | null = null;
    do {
      const { areas }: SiteAreaVersionValuesQuery = await gql(AREA_VALUES, { after });
      for (const node of areas.nodes) byVersion.set(node.id, node.values);
      after = areas.pageInfo.hasNextPage ? areas.pageInfo.endCursor : null;
    } while (after);
    return byVersion;
  })();
  return allValues;
}

export interface ShapeCollection {
  asOf: string;
  shapes: AreaShapes;
  attribution: Record<Lang, string>;
  source: SourceRef;
}

/** The date of the units that have shapes (the merged province's 92 communes). */
export const SHAPES_AS_OF = "2025-07-01";

const AREA_SHAPES = graphql(`
  query SiteAreaShapes($asOf: Date!) {
    areaShapes(asOf: $asOf) { asOf attributionVi attributionEn source { ...SourceRefFields } shapes { areaCode geometry area { fullName fullNameEn } } }
  }
`);

let shapes: Promise<ShapeCollection | null> | null = null;

/** The 2025 communes' shapes as GeoJSON for the map module (names: the full names, as the pages write them). */
export function getAreaShapes(): Promise<ShapeCollection | null> {
  shapes ??= gql(AREA_SHAPES, { asOf: SHAPES_AS_OF }).then(({ areaShapes }) =>
    areaShapes
      ? {
          asOf: areaShapes.asOf,
          attribution: { vi: areaShapes.attributionVi, en: areaShapes.attributionEn },
          source: areaShapes.source,
          shapes: {
            type: "FeatureCollection",
            // GeoJSON geometry (a JSON object to the schema): the map module checks it before drawing.
            features: areaShapes.shapes.map((s) => ({ type: "Feature", geometry: s.geometry as unknown as AreaShapes["features"][number]["geometry"], properties: { code: s.areaCode, name: s.area.fullName, nameEn: s.area.fullNameEn } })),
          },
        }
      : null,
  );
  return shapes;
}

/** The credits under a map: the API's attribution (it already says the shapes are simplified). */
export function mapCredits(collection: ShapeCollection, lang: Lang): string[] {
  return [collection.attribution[lang]];
}

const LEVEL_NOUN: Record<AreaLevel, { vi: string; en: [one: string, many: string] }> = {
  PROVINCE: { vi: "tỉnh", en: ["province", "provinces"] },
  DISTRICT: { vi: "huyện", en: ["district", "districts"] },
  COMMUNE: { vi: "xã", en: ["commune", "communes"] },
};

/**
 * A rank among the areas of one level: vi "thứ 3/9 huyện", en "3rd of 9 districts"; `within`
 * names the unit the ranked areas are in when it is not the province ("trong Huyện Đại Từ").
 */
export function rankText(rank: Rank, lang: Lang, within?: string): string {
  const noun = LEVEL_NOUN[rank.level];
  const place = within ? (lang === "vi" ? ` trong ${within}` : ` in ${within}`) : "";
  if (lang === "vi") return `thứ ${formatNumber(rank.position, "vi", 0)}/${formatNumber(rank.of, "vi", 0)} ${noun.vi}${place}`;
  return `${formatRank(rank.position, "en")} of ${formatNumber(rank.of, "en", 0)} ${noun.en[rank.of === 1 ? 0 : 1]}${place}`;
}

/** A share of the parent's value: vi "13,3% của Tỉnh Thái Nguyên", en "13.3% of Thái Nguyên Province". */
export function shareText(share: number, lang: Lang, parentName: string): string {
  return lang === "vi" ? `${formatPercent(share, "vi")} của ${parentName}` : `${formatPercent(share, "en")} of ${parentName}`;
}

/** A rank worth showing: among at least two areas. */
export function meaningfulRank(rank: Rank | null): rank is Rank {
  return rank !== null && rank.of >= 2;
}
