/**
 * The portal database: one SQLite file compiled by the ingest (data/ingest) from data/.
 * Table interfaces for Kysely and the DDL that creates them live side by side here.
 * Dates are ISO strings (YYYY-MM-DD); values are REAL in base units (count, percent, VND, km²).
 */
import type { Selectable } from "kysely";

export interface MetaTable {
  key: string;
  value: string;
}
export interface TopicTable {
  id: string;
  name: string;
  name_en: string;
  description: string;
  description_en: string;
  position: number;
}
export interface UnitTable {
  id: string;
  symbol: string;
  name: string;
  name_en: string;
  kind: string;
}
export interface SourceTable {
  id: string;
  title: string;
  title_en: string | null;
  /** The publisher's name (Vietnamese or original). */
  publisher: string;
  /** The publisher in English (the same name where it reads the same). */
  publisher_en: string;
  kind: string;
  url: string | null;
  published: string | null;
  /** English; Vietnamese in published_note_vi. */
  published_note: string | null;
  /** English; Vietnamese in licence_vi. */
  licence: string;
  licence_vi: string;
  licence_url: string | null;
  /** English; Vietnamese in locator_vi. */
  locator: string | null;
  locator_vi: string | null;
  snapshot_date: string | null;
  /** Why the source is less reliable than usual, in English (the caveat the site shows); null: none. */
  reliability: string | null;
  /** English note. */
  note: string | null;
  search_text: string;
  /** Ordinal reliability: official | primary | secondary | weak (data/catalogue/sources.yaml). */
  reliability_level: string;
  /** Vietnamese texts beside the English ones above (both or neither: the ingest checks). */
  reliability_note_vi: string | null;
  published_note_vi: string | null;
  note_vi: string | null;
}
export interface BreakdownTable {
  id: string;
  name: string;
  name_en: string;
}
export interface IndicatorTable {
  id: string;
  topic_id: string;
  unit_id: string;
  name: string;
  name_en: string;
  description: string;
  description_en: string;
  higher_is_better: number;
  numerator_id: string | null;
  denominator_id: string | null;
  position: number;
  search_text: string;
  /** `sum`: an additive count (totals, harmonised series and shares of the parent are computed for it). */
  aggregate: string | null;
  /** For a count of administrative units: their level (DISTRICT, COMMUNE) and types (comma-separated, e.g. XA). */
  count_of_level: string | null;
  count_of_unit_types: string | null;
}
export interface AreaTable {
  /** `code@valid_from`: one row per version of a unit (a change of type is a new version). */
  id: string;
  code: string;
  name: string;
  full_name: string;
  name_en: string;
  full_name_en: string;
  level: string;
  unit_type: string;
  parent_code: string | null;
  valid_from: string;
  valid_to: string | null;
  /** English; Vietnamese in validity_note_vi. */
  validity_note: string | null;
  validity_note_vi: string | null;
  source_id: string;
  search_text: string;
}
export interface AreaLinkTable {
  predecessor_id: string;
  successor_id: string;
  date: string;
  kind: string;
  partial: number;
  source_id: string;
  /** English; Vietnamese in note_vi. */
  note: string | null;
  note_vi: string | null;
  /** What is known of the date when it is not exact (null: exact), in English; Vietnamese in date_note_vi. */
  date_note: string | null;
  date_note_vi: string | null;
}
export interface ObservationTable {
  id: number;
  /** Stable public id: a hash of indicator, area, period, breakdown and source. */
  key: string;
  indicator_id: string;
  area_code: string;
  period_start: string;
  period_end: string;
  period_label: string;
  period_basis: string;
  breakdown_id: string | null;
  value: number;
  status: string;
  source_id: string;
  /** English note (what the API serves as `note`). */
  note: string | null;
  /** Vietnamese note. */
  note_vi: string | null;
}
export interface TargetTable {
  id: number;
  indicator_id: string;
  area_code: string;
  period_start: string;
  period_end: string;
  period_label: string;
  kind: string;
  comparator: string;
  value: number;
  source_id: string;
  /** English note. */
  note: string | null;
  /** Vietnamese note. */
  note_vi: string | null;
}
export interface MilestoneTable {
  id: string;
  date: string;
  /** English; Vietnamese in date_note_vi. */
  date_note: string | null;
  date_note_vi: string | null;
  area_code: string;
  title: string;
  title_en: string;
  source_id: string;
}
export interface MilestoneIndicatorTable {
  milestone_id: string;
  indicator_id: string;
}

/**
 * A value harmonised to the units of a later date (the vintage, 2025-07-01): an additive count of an
 * earlier period re-aggregated through the area links, only where every unit it comes from went in
 * whole. `value` is null (status NOT_COMPARABLE) when it cannot be compared; the notes say why.
 */
export interface HarmonisedObservationTable {
  /** Stable public id (12 hex digits). */
  key: string;
  indicator_id: string;
  /** The target unit's code and version (a unit valid on `vintage`). */
  area_code: string;
  area_id: string;
  /** Date whose units the value is expressed in. */
  vintage: string;
  period_start: string;
  period_end: string;
  period_label: string;
  period_basis: string;
  value: number | null;
  /** COMPUTED | COMPUTED_FROM_ESTIMATE | NOT_COMPARABLE. */
  status: string;
  /** Source of every component value. */
  source_id: string;
  /** Method (or the reason for no value), in English and Vietnamese. */
  note: string;
  note_vi: string;
}
/** The units (as they stood in the period) a harmonised value was summed from, with their values. */
export interface HarmonisedComponentTable {
  harmonised_key: string;
  area_id: string;
  area_code: string;
  /** Null when the source has no value for this unit. */
  value: number | null;
}
/** A published total that differs from the portal's computed total, listed in data/facts/known-differences.yaml. */
export interface KnownDifferenceTable {
  indicator_id: string;
  area_code: string;
  period_start: string;
  period_end: string;
  /** The published observation (its source) and the computed one. */
  observation_key: string;
  source_id: string;
  computed_observation_key: string;
  computed_source_id: string;
  published_value: number;
  computed_value: number;
  reason: string;
  reason_vi: string;
}
/** A simplified display shape of a unit version (GeoJSON geometry, lon/lat, wound for d3-geo), not a legal boundary. */
export interface AreaShapeTable {
  area_id: string;
  area_code: string;
  /** GeoJSON Polygon or MultiPolygon, as JSON text. */
  geometry: string;
  /** Centre point [lon, lat] given by the source, as JSON text. */
  centre: string | null;
  source_id: string;
}

/** One value per indicator, period and area as maps and rankings read it (data/ingest/derived.ts). */
export interface AreaValueTable {
  id: number;
  indicator_id: string;
  period_start: string;
  period_end: string;
  period_label: string;
  period_basis: string;
  level: string;
  /** The province the unit belonged to (19 or 06). */
  province_code: string | null;
  parent_code: string | null;
  area_id: string;
  area_code: string;
  /** The observation chosen for the period (null for harmonised and missing values). */
  observation_id: number | null;
  harmonised_key: string | null;
  /** For a harmonised value: the date of the units it is carried to (2025-07-01). */
  harmonised_to: string | null;
  /** Null when missing or not comparable (see status). */
  value: number | null;
  /** An observation's status, NOT_COMPARABLE (harmonisation refused) or MISSING. */
  status: string;
  source_id: string | null;
  /** Observations (sources) with a value for this area and period. */
  source_count: number;
  /** Distinct values among them (2 or more: the sources disagree). */
  distinct_values: number;
  /** Largest first, ties share a rank; among the areas of the level in the province. */
  rank: number | null;
  rank_of: number | null;
  /** Among the areas with the same parent. */
  parent_rank: number | null;
  parent_rank_of: number | null;
  parent_value: number | null;
  /** value / parent's value × 100, for additive indicators. */
  share_of_parent: number | null;
  /** 1 for the latest period with a value of this indicator for this area (per harmonisation). */
  is_latest: number;
}
/** The headline value per indicator and area (data/ingest/derived.ts). */
export interface HeadlineObservationTable {
  indicator_id: string;
  area_code: string;
  observation_id: number;
  period_end: string;
  sources_for_period: number;
  distinct_values_for_period: number;
}
/** Levels and periods an indicator covers (data/ingest/derived.ts). */
export interface IndicatorCoverageTable {
  indicator_id: string;
  level: string;
  province_code: string;
  harmonised_to: string | null;
  period_start: string;
  period_end: string;
  period_label: string;
  period_basis: string;
  areas_with_value: number;
  areas_of_level: number;
}

/** What the ingest found wrong with a value against the portal's own data (data/ingest/derived.ts). */
export interface ObservationFlagTable {
  observation_id: number;
  /** UNIT_COUNT: a count of units (or a share over one) differs from the unit lists on that date. */
  kind: string;
  /** What the unit lists give. */
  expected: number;
  on_date: string;
  note: string;
  note_vi: string;
}

/**
 * The same indicator, area, period and breakdown reported at two or more known publication dates
 * (data/ingest/derived.ts): one row per report, in the order they were published (reports
 * whose source date is not recorded last).
 */
export interface ObservationRevisionTable {
  /** indicator|area|period start|period end|breakdown: one revision group. */
  revision_key: string;
  indicator_id: string;
  area_code: string;
  period_start: string;
  period_end: string;
  observation_id: number;
  /** The day by which the report was surely public (api/lib/vintage.ts knownFrom); null when not recorded. */
  known_from: string | null;
  /** 1 for the first report. */
  position: number;
}

/** A published data version (data/releases/<version>.csv) or the version being built. */
export interface DataVersionTable {
  version: string;
  /** The date of the version's name (YYYY-MM-DD). */
  published_on: string;
  /** The version it is compared with; null for the first. */
  previous_version: string | null;
  /** 1 for the version of this database. */
  is_current: number;
  /** 1 when data/releases holds its record (published); 0 for a build not yet released. */
  is_released: number;
  values_count: number;
  added: number;
  changed: number;
  removed: number;
  /** Oldest first. */
  position: number;
}

/** A value added, changed or removed between a version and its previous one. */
export interface DataChangeTable {
  version: string;
  /** ADDED, CHANGED or REMOVED. */
  kind: string;
  observation_key: string;
  indicator_id: string;
  area_code: string;
  period_start: string;
  period_end: string;
  period_label: string;
  breakdown_id: string | null;
  source_id: string;
  old_value: number | null;
  new_value: number | null;
  old_status: string | null;
  new_status: string | null;
}

export interface Database {
  meta: MetaTable;
  data_versions: DataVersionTable;
  data_changes: DataChangeTable;
  topics: TopicTable;
  units: UnitTable;
  sources: SourceTable;
  breakdowns: BreakdownTable;
  indicators: IndicatorTable;
  areas: AreaTable;
  area_links: AreaLinkTable;
  observations: ObservationTable;
  targets: TargetTable;
  milestones: MilestoneTable;
  milestone_indicators: MilestoneIndicatorTable;
  harmonised_observations: HarmonisedObservationTable;
  harmonised_components: HarmonisedComponentTable;
  known_differences: KnownDifferenceTable;
  area_shapes: AreaShapeTable;
  area_values: AreaValueTable;
  headline_observations: HeadlineObservationTable;
  indicator_coverage: IndicatorCoverageTable;
  observation_flags: ObservationFlagTable;
  observation_revisions: ObservationRevisionTable;
}

export type TopicRow = Selectable<TopicTable>;
export type UnitRow = Selectable<UnitTable>;
export type SourceRow = Selectable<SourceTable>;
export type BreakdownRow = Selectable<BreakdownTable>;
export type IndicatorRow = Selectable<IndicatorTable>;
export type AreaRow = Selectable<AreaTable>;
export type AreaLinkRow = Selectable<AreaLinkTable>;
export type ObservationRow = Selectable<ObservationTable>;
export type TargetRow = Selectable<TargetTable>;
export type MilestoneRow = Selectable<MilestoneTable>;
export type HarmonisedObservationRow = Selectable<HarmonisedObservationTable>;
export type HarmonisedComponentRow = Selectable<HarmonisedComponentTable>;
export type KnownDifferenceRow = Selectable<KnownDifferenceTable>;
export type AreaShapeRow = Selectable<AreaShapeTable>;
export type AreaValueRow = Selectable<AreaValueTable>;
export type HeadlineObservationRow = Selectable<HeadlineObservationTable>;
export type IndicatorCoverageRow = Selectable<IndicatorCoverageTable>;
export type ObservationFlagRow = Selectable<ObservationFlagTable>;
export type ObservationRevisionRow = Selectable<ObservationRevisionTable>;
export type DataVersionRow = Selectable<DataVersionTable>;
export type DataChangeRow = Selectable<DataChangeTable>;

/** DDL of the database, run by the ingest on a fresh file. */
export const DDL = `
create table meta (key text primary key, value text not null);
create table topics (id text primary key, name text not null, name_en text not null,
  description text not null, description_en text not null, position integer not null);
create table units (id text primary key, symbol text not null, name text not null,
  name_en text not null, kind text not null);
create table sources (id text primary key, title text not null, title_en text, publisher text not null,
  publisher_en text not null, kind text not null, url text, published text, published_note text, licence text not null,
  licence_vi text not null, licence_url text, locator text, locator_vi text, snapshot_date text, reliability text, note text,
  search_text text not null, reliability_level text not null
    check (reliability_level in ('official', 'primary', 'secondary', 'weak')),
  reliability_note_vi text, published_note_vi text, note_vi text);
create table breakdowns (id text primary key, name text not null, name_en text not null);
create table indicators (id text primary key, topic_id text not null references topics(id),
  unit_id text not null references units(id), name text not null, name_en text not null,
  description text not null, description_en text not null, higher_is_better integer not null,
  numerator_id text, denominator_id text, position integer not null, search_text text not null,
  aggregate text check (aggregate is null or aggregate = 'sum'), count_of_level text, count_of_unit_types text);
create index indicators_topic on indicators(topic_id, position);
create table areas (id text primary key, code text not null, name text not null, full_name text not null,
  name_en text not null, full_name_en text not null, level text not null, unit_type text not null,
  parent_code text, valid_from text not null, valid_to text, validity_note text, validity_note_vi text,
  source_id text not null references sources(id), search_text text not null);
create index areas_code on areas(code, valid_from);
create index areas_parent on areas(parent_code, valid_from);
create index areas_level on areas(level, code);
create table area_links (predecessor_id text not null references areas(id),
  successor_id text not null references areas(id), date text not null, kind text not null,
  partial integer not null, source_id text not null references sources(id), note text, note_vi text, date_note text, date_note_vi text,
  primary key (predecessor_id, successor_id));
create index area_links_successor on area_links(successor_id);
create table observations (id integer primary key, key text not null unique,
  indicator_id text not null references indicators(id), area_code text not null,
  period_start text not null, period_end text not null, period_label text not null,
  period_basis text not null, breakdown_id text references breakdowns(id), value real not null,
  status text not null, source_id text not null references sources(id), note text, note_vi text);
create index observations_indicator_area on observations(indicator_id, area_code, period_end, period_start);
create index observations_indicator on observations(indicator_id);
create index observations_area on observations(area_code);
create index observations_source on observations(source_id);
create table targets (id integer primary key, indicator_id text not null references indicators(id),
  area_code text not null, period_start text not null, period_end text not null,
  period_label text not null, kind text not null, comparator text not null, value real not null,
  source_id text not null references sources(id), note text, note_vi text);
create index targets_indicator on targets(indicator_id);
create table milestones (id text primary key, date text not null, date_note text, date_note_vi text,
  area_code text not null, title text not null, title_en text not null,
  source_id text not null references sources(id));
create table milestone_indicators (milestone_id text not null references milestones(id),
  indicator_id text not null references indicators(id), primary key (milestone_id, indicator_id));
create index milestone_indicators_indicator on milestone_indicators(indicator_id);
create table harmonised_observations (key text primary key, indicator_id text not null references indicators(id),
  area_code text not null, area_id text not null references areas(id), vintage text not null,
  period_start text not null, period_end text not null, period_label text not null, period_basis text not null,
  value real, status text not null check (status in ('COMPUTED', 'COMPUTED_FROM_ESTIMATE', 'NOT_COMPARABLE')),
  source_id text not null references sources(id), note text not null, note_vi text not null,
  check ((value is null) = (status = 'NOT_COMPARABLE')));
create index harmonised_indicator_area on harmonised_observations(indicator_id, area_code, period_end);
create index harmonised_area on harmonised_observations(area_id);
create table harmonised_components (harmonised_key text not null references harmonised_observations(key),
  area_id text not null references areas(id), area_code text not null, value real,
  primary key (harmonised_key, area_id));
create table known_differences (indicator_id text not null references indicators(id), area_code text not null,
  period_start text not null, period_end text not null, observation_key text not null, source_id text not null references sources(id),
  computed_observation_key text not null, computed_source_id text not null references sources(id),
  published_value real not null, computed_value real not null, reason text not null, reason_vi text not null,
  primary key (observation_key, computed_observation_key));
create table area_shapes (area_id text primary key references areas(id), area_code text not null,
  geometry text not null, centre text, source_id text not null references sources(id));
create index area_shapes_code on area_shapes(area_code);
create table area_values (id integer primary key, indicator_id text not null references indicators(id),
  period_start text not null, period_end text not null, period_label text not null, period_basis text not null,
  level text not null, province_code text, parent_code text, area_id text not null references areas(id), area_code text not null,
  observation_id integer references observations(id), harmonised_key text references harmonised_observations(key),
  harmonised_to text, value real, status text not null, source_id text references sources(id),
  source_count integer not null, distinct_values integer not null, rank integer, rank_of integer,
  parent_rank integer, parent_rank_of integer, parent_value real, share_of_parent real, is_latest integer not null);
create index area_values_map on area_values(indicator_id, level, province_code, harmonised_to, period_end, rank);
create index area_values_area on area_values(area_id, is_latest, indicator_id, period_end);
create unique index area_values_unique on area_values(indicator_id, area_code, period_start, period_end, coalesce(harmonised_to, ''));
create table headline_observations (indicator_id text not null references indicators(id), area_code text not null,
  observation_id integer not null references observations(id), period_end text not null,
  sources_for_period integer not null, distinct_values_for_period integer not null, primary key (indicator_id, area_code));
create table indicator_coverage (indicator_id text not null references indicators(id), level text not null,
  province_code text not null, harmonised_to text, period_start text not null, period_end text not null,
  period_label text not null, period_basis text not null, areas_with_value integer not null, areas_of_level integer not null);
create index indicator_coverage_indicator on indicator_coverage(indicator_id, level, period_end);
create table observation_flags (observation_id integer not null references observations(id), kind text not null,
  expected real not null, on_date text not null, note text not null, note_vi text not null, primary key (observation_id, kind));
create table observation_revisions (revision_key text not null, indicator_id text not null references indicators(id), area_code text not null,
  period_start text not null, period_end text not null, observation_id integer not null references observations(id), known_from text,
  position integer not null, primary key (revision_key, position));
create index observation_revisions_indicator on observation_revisions(indicator_id, area_code, period_end);
create table data_versions (version text primary key, published_on text not null, previous_version text, is_current integer not null,
  is_released integer not null, values_count integer not null, added integer not null, changed integer not null, removed integer not null,
  position integer not null);
create table data_changes (version text not null references data_versions(version), kind text not null, observation_key text not null,
  indicator_id text not null, area_code text not null, period_start text not null, period_end text not null, period_label text not null,
  breakdown_id text, source_id text not null, old_value real, new_value real, old_status text, new_status text,
  primary key (version, observation_key));
`;
