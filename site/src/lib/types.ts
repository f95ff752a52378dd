/** Shapes of the API answers the site reads (a subset of schema.graphql). */

export type UnitKind = "COUNT" | "PERCENT" | "CURRENCY" | "RANK" | "AREA" | "SCORE" | "YEAR";
export type ObservationStatus = "REPORTED" | "ESTIMATE" | "APPROXIMATE" | "COMPUTED" | "COMPUTED_FROM_ESTIMATE";
export type PeriodBasis = "REFERENCE" | "PUBLICATION" | "APPROXIMATE";
export type AreaLevel = "PROVINCE" | "DISTRICT" | "COMMUNE";
export type AreaUnitType = "TINH" | "THANH_PHO_THUOC_TINH" | "THI_XA" | "HUYEN" | "PHUONG" | "THI_TRAN" | "XA";
export type SourceKind = "NEWS" | "REFERENCE" | "REFERENCE_LIST" | "LEGAL" | "DATASET";
export type TargetComparator = "EQ" | "GT" | "GTE" | "LT" | "LTE";
export type TargetKind = "LEVEL" | "CHANGE";

export interface Unit {
  id: string;
  symbol: string;
  name: string;
  nameEn: string;
  kind: UnitKind;
}

export interface Period {
  start: string;
  end: string;
  label: string;
  basis?: PeriodBasis | null;
}

export interface SourceRef {
  id: string;
  title: string;
  titleEn: string | null;
}

export interface Source extends SourceRef {
  publisher: string;
  kind: SourceKind;
  url: string | null;
  published: string | null;
  publishedNote: string | null;
  licence: string;
  licenceUrl: string | null;
  locator: string | null;
  snapshotDate: string | null;
  reliability: string | null;
  note: string | null;
}

export interface AreaRef {
  id: string;
  code: string;
  name: string;
  fullName: string;
  fullNameEn: string;
  level: AreaLevel;
  unitType: AreaUnitType;
  validFrom: string;
  validTo: string | null;
}

/** Observation.flags: what the ingest found wrong with a value against the portal's own data. */
export interface ObservationFlag {
  kind: "UNIT_COUNT";
  expected: number;
  onDate: string;
  noteVi: string;
  noteEn: string;
}

export interface Observation {
  id: string;
  value: number;
  status: ObservationStatus;
  note: string | null;
  areaCode: string;
  period: Period;
  /** The unit as it was at the period's end: a change of `validFrom` along a series is a break. */
  area: { code: string; fullName: string; fullNameEn: string; validFrom?: string } | null;
  source: SourceRef;
  breakdown: { id: string; name: string; nameEn: string } | null;
  flags?: ObservationFlag[];
}

/** An observation on its indicator's page: with its quotable sentence and permalink in both languages. */
export interface QuotableObservation extends Observation {
  fact: string;
  factEn: string;
  permalink: string;
  permalinkEn: string;
}

export interface Target {
  value: number;
  comparator: TargetComparator;
  kind: TargetKind;
  note: string | null;
  period: Period;
  area: { code: string; fullName: string; fullNameEn: string } | null;
  source: SourceRef;
}

export interface Milestone {
  id: string;
  date: string;
  dateNote: string | null;
  title: string;
  titleEn: string;
  areaCode: string;
  area: { code: string; fullName: string; fullNameEn: string } | null;
  source: SourceRef;
}

export interface TopicRef {
  id: string;
  name: string;
  nameEn: string;
}

export interface Topic extends TopicRef {
  description: string;
  descriptionEn: string;
}

export interface IndicatorRef {
  id: string;
  name: string;
  nameEn: string;
}

/** An indicator as listed (index, topic pages, headlines). */
export interface IndicatorSummary extends IndicatorRef {
  higherIsBetter: boolean;
  unit: Unit;
  topic: TopicRef;
  numerator: IndicatorRef | null;
  denominator: IndicatorRef | null;
  latest: Observation | null;
  /** How `latest` was chosen (the rule in both languages) and whether sources disagree for its period. */
  headline: HeadlineChoice | null;
}

/** Indicator.headline without its observation (that is `latest`). */
export interface HeadlineChoice {
  rule: string;
  ruleVi: string;
  sourcesForPeriod: number;
  distinctValues: number;
}

/** An indicator with everything its page shows. */
export interface IndicatorDetail extends IndicatorSummary {
  description: string;
  descriptionEn: string;
  /** Absolute URLs of its page (from the API, PORTAL_SITE_URL). */
  permalink: string;
  permalinkEn: string;
  /** Citations from the API: plain text, BibTeX, CSL-JSON, each in Vietnamese and English. */
  citation: Record<"text" | "bibtex" | "csl", Record<"vi" | "en", string>>;
  observations: QuotableObservation[];
  targets: Target[];
  milestones: Milestone[];
  sources: Source[];
  /** The same area and period reported at two or more known dates (Indicator.revisions). */
  revisions: Revision[];
  /** For a charted series whose area changed: the values before the change carried to the later units (like-for-like). */
  baseline?: { areaCode: string; harmonisedTo: string; points: BaselinePoint[] } | null;
}

/** One area and period as reported over time, first published first (undated reports last). */
export interface Revision {
  areaCode: string;
  valueChanged: boolean;
  period: Period;
  reports: {
    id: string;
    value: number;
    status: ObservationStatus;
    /** The day by which the report was surely public; null when its source's date is not recorded. */
    knownFrom: string | null;
    area: { code: string; fullName: string; fullNameEn: string } | null;
    source: SourceRef & { published: string | null; publishedNote: string | null };
  }[];
}

/** A value carried to the units of a later date (Area.values with harmonisedTo), e.g. old Thái Nguyên + Bắc Kạn on the units of 2025-07-01. */
export interface BaselinePoint {
  value: number;
  status: ObservationStatus;
  period: Period;
  harmonisedTo: string;
  noteVi: string;
  noteEn: string;
}

export type AreaChangeKind = "TYPE_CHANGE" | "RENAME" | "MERGE" | "SPLIT" | "CONTINUATION" | "PROVINCE_MERGER";

/** A link between two versions (Area.formedFrom / wentInto); kind and source are null when the API has only predecessors/successors. */
export interface AreaChange {
  date: string;
  dateNote: string | null;
  kind: AreaChangeKind | null;
  partial: boolean;
  note: string | null;
  /** The version at the other end of the link. */
  area: AreaRef;
  source: SourceRef | null;
}

export interface AreaVersion extends AreaRef {
  nameEn: string;
  validityNote: string | null;
  parentCode: string | null;
  parent: AreaRef | null;
  formedFrom: AreaChange[];
  wentInto: AreaChange[];
  indicators: IndicatorRef[];
  source: SourceRef;
}

export interface About {
  dataVersion: string;
  dataHash: string;
  builtAt: string;
  licence: string;
  counts: { indicators: number; observations: number; targets: number; sources: number; areas: number; topics: number };
}

export interface SourceWithIndicators extends Source {
  indicators: IndicatorRef[];
}

export interface AreaObservation extends Observation {
  indicator: IndicatorRef & { unit: Unit };
}
