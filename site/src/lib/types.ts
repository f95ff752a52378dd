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
};
/** An observation on its indicator's page: with its quotable sentence and permalink in both languages. */
export type QuotableObservation = Element<IndicatorAnswer["observations"]>;
export type Target = Element<IndicatorAnswer["targets"]>;
export type Milestone = Element<IndicatorAnswer["milestones"]>;

export type SourceWithIndicators = Element<G.SiteSourcesQuery["sources"]>;
export type AreaVersion = Element<G.SiteAreasQuery["areas"]["nodes"]>;
/** A link between two versions (Area.formedFrom / wentInto). */
export type AreaChange = G.AreaChangeFieldsFragment;
export type AreaObservation = Element<G.SiteAreaObservationsQuery["observations"]["nodes"]>;
