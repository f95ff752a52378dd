/**
 * The real maximum length of every list the API returns, measured once when a database is
 * opened (it is immutable). The cost limit multiplies a list's selection by these numbers, so
 * an estimate is never below what the list can return: `Area.children` is 92 on the merged
 * province, not a guessed 10. Keyed by schema coordinate (`Type.field`).
 */
import type { SqliteConnection } from "./sqlite.js";

export type ListSizes = Readonly<Record<string, number>>;

/** SQL giving one number per list: the most items that list returns for any parent. */
const MAX_LIST_SIZE_SQL: Record<string, string> = {
  "Query.sources": "select count(*) from sources",
  "Query.topics": "select count(*) from topics",
  // Every version with this parent code (an upper bound of the children valid on any one date).
  "Area.children": "select count(*) from areas where parent_code is not null group by parent_code",
  "Area.formedFrom": "select count(*) from area_links group by successor_id",
  "Area.predecessors": "select count(*) from area_links group by successor_id",
  "Area.wentInto": "select count(*) from area_links group by predecessor_id",
  "Area.successors": "select count(*) from area_links group by predecessor_id",
  "Area.indicators": "select count(distinct indicator_id) from observations group by area_code",
  "Area.observations": "select count(*) from observations group by area_code",
  "Source.indicators":
    "select count(*) from (select source_id, indicator_id from observations union select source_id, indicator_id from targets) group by source_id",
  "Indicator.observations": "select count(*) from observations group by indicator_id",
  "Indicator.targets": "select count(*) from targets group by indicator_id",
  "Indicator.sources":
    "select count(*) from (select indicator_id, source_id from observations union select indicator_id, source_id from targets) group by indicator_id",
  "Indicator.milestones": "select count(*) from milestone_indicators group by indicator_id",
  "Topic.indicators": "select count(*) from indicators group by topic_id",
  // Maps and rankings (data/ingest/derived.ts).
  "AreaValueSet.values": "select count(*) from area_values group by indicator_id, level, province_code, harmonised_to, period_start, period_end",
  "Indicator.coverage": "select count(*) from indicator_coverage group by indicator_id",
  "Area.values": "select count(*) from area_values where value is not null group by area_id",
  "Harmonisation.components": "select count(*) from harmonised_components group by harmonised_key",
  "AreaShapeCollection.shapes": "select count(*) from area_shapes",
  "Observation.flags": "select count(*) from observation_flags group by observation_id",
  "Indicator.revisions": "select count(distinct revision_key) from observation_revisions group by indicator_id",
  "Revision.reports": "select count(*) from observation_revisions group by revision_key",
  // The version history (data/ingest/releases.ts).
  "Query.dataVersions": "select count(*) from data_versions",
  "DataVersion.changes": "select count(*) from data_changes group by version",
  // Paged lists: never more than the whole table, whatever `first` says.
  "Query.indicators": "select count(*) from indicators",
  "Query.observations": "select count(*) from observations",
  "Query.areas": "select count(*) from areas",
};

/** Lists whose length the API fixes itself, not the data. */
const FIXED_LIST_SIZES: Record<string, number> = { "AreaShape.centre": 2 };

/** Measure every list's maximum length (a few aggregate queries; milliseconds). */
export async function measureListSizes(sqlite: SqliteConnection): Promise<ListSizes> {
  const sizes: Record<string, number> = { ...FIXED_LIST_SIZES };
  for (const [coordinate, sql] of Object.entries(MAX_LIST_SIZE_SQL)) {
    const rows = await sqlite.all<Record<string, number>>(`select coalesce(max(n), 0) as n from (${sql.replace(/^select count\(([^)]*)\)/, "select count($1) as n")})`);
    sizes[coordinate] = Number(rows[0]?.n ?? 0);
  }
  return Object.freeze(sizes);
}
