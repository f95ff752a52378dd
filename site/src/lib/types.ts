/**
 * Names for the shapes of the API answers the site reads. Nothing is written by hand here:
 * every type is generated from schema.graphql and the queries in ./queries.ts (`npm run codegen`),
 * and named after what the pages call it.
 */
import type * as G from "./graphql/graphql";

export type { AreaChangeKind, AreaLevel, AreaUnitType, ObservationStatus, PeriodBasis, SourceKind, TargetComparator, TargetKind, UnitKind } from "./graphql/graphql";

type Element<T> = T extends readonly (infer E)[] ? E : never;

export type Unit = G.UnitFieldsFragment;
export type SourceRef = G.SourceRefFieldsFragment;
export type Source = G.SourceFieldsFragment;
export type AreaRef = G.AreaRefFieldsFragment;
export type Observation = G.ObservationFieldsFragment;
export type Period = Observation["period"];
/** An indicator as listed (index, topic pages, headlines). */
export type IndicatorSummary = G.IndicatorSummaryFieldsFragment;
export type IndicatorRef = IndicatorSummary["topic"];
export type TopicRef = IndicatorSummary["topic"];
export type Topic = Element<G.SiteTopicsQuery["topics"]>;
export type About = G.SiteAboutQuery["about"];

type IndicatorAnswer = NonNullable<G.SiteIndicatorQuery["indicator"]>;
type CitationField = "citeText" | "citeTextEn" | "citeBibtex" | "citeBibtexEn" | "citeCsl" | "citeCslEn";

/** An indicator with everything its page shows; the six citation fields of the answer gathered into `citation`. */
export type IndicatorDetail = Omit<IndicatorAnswer, CitationField> & {
  /** Citations from the API: plain text, BibTeX, CSL-JSON, each in Vietnamese and English. */
  citation: Record<"text" | "bibtex" | "csl", Record<"vi" | "en", string>>;
  /** For a charted series whose area changed: the values before the change carried to the later units (like-for-like). */
  baseline?: Baseline | null;
};
/** Observation.flags: what the ingest found wrong with a value against the portal's own data. */
export type ObservationFlag = Element<Observation["flags"]>;
/** How `latest` was chosen (the rule in both languages) and whether sources disagree for its period. */
export type HeadlineChoice = NonNullable<IndicatorSummary["headline"]>;
/** One area and period as reported over time, first published first (undated reports last). */
export type Revision = Element<IndicatorAnswer["revisions"]>;
/** A value carried to the units of a later date (Area.values with harmonisedTo), e.g. old Thái Nguyên + Bắc Kạn on the units of 2025-07-01. */
export type BaselinePoint = {
  value: number;
  status: G.ObservationStatus;
  period: Element<NonNullable<G.SiteBaselineQuery["area"]>["values"]>["period"];
  harmonisedTo: string;
  noteVi: string;
  noteEn: string;
};
export type Baseline = { areaCode: string; harmonisedTo: string; points: BaselinePoint[] };
/** An observation on its indicator's page: with its quotable sentence and permalink in both languages. */
export type QuotableObservation = Element<IndicatorAnswer["observations"]>;
export type Target = Element<IndicatorAnswer["targets"]>;
export type Milestone = Element<IndicatorAnswer["milestones"]>;

export type SourceWithIndicators = Element<G.SiteSourcesQuery["sources"]>;
export type AreaVersion = Element<G.SiteAreasQuery["areas"]["nodes"]>;
/** A link between two versions (Area.formedFrom / wentInto). */
export type AreaChange = G.AreaChangeFieldsFragment;
export type AreaObservation = Element<G.SiteAreaObservationsQuery["observations"]["nodes"]>;
