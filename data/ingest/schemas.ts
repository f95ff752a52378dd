/**
 * zod schemas of the data files in data/: what a reviewer may write and what the ingest
 * accepts. Text is NFC-normalised on the way in.
 */
import { z } from "zod";
import { nfc } from "../../api/lib/text.js";
import { MAX_SIGNIFICANT_DIGITS, significantDigits } from "./value-ranges.js";

const text = z.string().trim().min(1).transform(nfc);
const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? null : nfc(value)))
  .nullish()
  .transform((value) => value ?? null);
const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "an id is lower-case letters, digits and single hyphens");
/** A calendar date YYYY-MM-DD that exists. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date is YYYY-MM-DD")
  .refine((value) => !Number.isNaN(Date.parse(value)) && new Date(value).toISOString().startsWith(value), "not a real calendar date");
/** A date as precise as known: YYYY, YYYY-MM or YYYY-MM-DD. */
const partialDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "a date is YYYY, YYYY-MM or YYYY-MM-DD");
/** A plain decimal number, stored exactly: never Infinity, never rounded (value-ranges.ts). */
const plainNumber = (format: string) =>
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/, format)
    .refine((value) => significantDigits(value) <= MAX_SIGNIFICANT_DIGITS, `more than ${MAX_SIGNIFICANT_DIGITS} significant digits: a value is stored exactly or not at all`)
    .transform(Number)
    .refine(Number.isFinite, "too large to be a number (Infinity)");
const url = z.url({ protocol: /^https?$/ }).nullish().transform((value) => value ?? null);
/** A GSO area code: digits, leading zeros kept (e.g. "06", "173", "05692"). */
export const areaCode = z.string().regex(/^\d{2,5}$/, "an area code is the GSO code: 2 to 5 digits, leading zeros kept");

export const topicSchema = z.strictObject({
  id,
  name: text,
  nameEn: text,
  description: text,
  descriptionEn: text,
});

export const unitSchema = z.strictObject({
  id,
  symbol: z.string().transform(nfc),
  name: text,
  nameEn: text,
  kind: z.enum(["COUNT", "PERCENT", "CURRENCY", "RANK", "AREA", "SCORE", "YEAR"]),
});

/** Reliability levels of a source, most reliable first (stored as `reliability_level`). */
export const RELIABILITY_LEVELS = ["official", "primary", "secondary", "weak"] as const;

export const sourceSchema = z.strictObject({
  id,
  title: text,
  titleEn: optionalText,
  publisher: text,
  /** The publisher in English, where it reads differently (a description, not a proper name); absent: the same. */
  publisherEn: optionalText,
  kind: z.enum(["NEWS", "REFERENCE", "REFERENCE_LIST", "LEGAL", "DATASET"]),
  url,
  /** Ordinal reliability (DATA-CONTRACT §4), most reliable first. */
  reliability: z.enum(RELIABILITY_LEVELS),
  reliabilityNote: optionalText,
  reliabilityNoteEn: optionalText,
  published: partialDate.nullable(),
  publishedNote: optionalText,
  publishedNoteEn: optionalText,
  licence: text,
  licenceEn: text,
  licenceUrl: url,
  locator: optionalText,
  locatorEn: optionalText,
  snapshotDate: isoDate.optional(),
  note: optionalText,
  noteEn: optionalText,
});

/** The bilingual text pairs of a source record: [Vietnamese key, English key]. */
export const SOURCE_TEXT_PAIRS = [
  ["note", "noteEn"],
  ["publishedNote", "publishedNoteEn"],
  ["reliabilityNote", "reliabilityNoteEn"],
  ["locator", "locatorEn"],
] as const;

export const breakdownSchema = z.strictObject({ id, name: text, nameEn: text });

export const indicatorSchema = z.strictObject({
  id,
  topic: id,
  unit: id,
  name: text,
  nameEn: text,
  description: text,
  descriptionEn: text,
  higherIsBetter: z.boolean().default(true),
  /** numerator / denominator × scale: 100 for a share (the default), 1 for a ratio such as a density. */
  computed: z.strictObject({
    numerator: id,
    denominator: id,
    scale: z.union([z.literal(100), z.literal(1)]).default(100),
    /** Only for units of these levels (e.g. an urban share is 0 or 100 for every commune by definition). */
    levels: z.array(z.enum(["province", "district", "commune"])).min(1).optional(),
  }).optional(),
  /**
   * `sum`: an additive count; the ingest totals it over a unit's children and re-aggregates it
   * through boundary changes. Never for shares, ranks, averages or densities.
   */
  aggregate: z.enum(["sum"]).optional(),
  /**
   * The indicator counts administrative units (e.g. the xã of an area): the ingest compares every
   * value with the portal's own unit lists on the period's end and flags one that differs (a
   * share computed from it is flagged too).
   */
  countOf: z.strictObject({
    level: z.enum(["district", "commune"]),
    unitTypes: z.array(z.enum(["thanh_pho_thuoc_tinh", "thi_xa", "huyen", "phuong", "thi_tran", "xa"])).min(1).optional(),
  }).optional(),
});

const period = {
  period_start: isoDate,
  period_end: isoDate,
  period_label: text,
};

export const observationSchema = z.strictObject({
  indicator: id,
  area_code: areaCode,
  ...period,
  period_basis: z.enum(["reference", "publication", "approximate"]),
  breakdown: z.string().transform((value) => (value === "" ? null : value)).pipe(id.nullable()),
  value: plainNumber("a value is a plain number in base units with a dot for decimals and no grouping (2255, 357000000000000, 79.6)"),
  status: z.enum(["reported", "estimate", "approximate"]),
  source: id,
  note_vi: optionalText,
  note_en: optionalText,
});

export const targetSchema = z.strictObject({
  indicator: id,
  area_code: areaCode,
  ...period,
  kind: z.enum(["level", "change"]),
  comparator: z.enum(["eq", "gt", "gte", "lt", "lte"]),
  value: plainNumber("a value is a plain number with a dot for decimals"),
  source: id,
  note_vi: optionalText,
  note_en: optionalText,
});

export const milestoneSchema = z.strictObject({
  id,
  date: partialDate,
  dateNote: optionalText,
  dateNoteEn: optionalText,
  area: areaCode,
  indicators: z.array(id),
  title: text,
  titleEn: text,
  source: id,
});

/** Columns of a unit list in data/geography (a GSO snapshot). */
export const unitListRowSchema = z.strictObject({
  code: areaCode,
  level: z.enum(["province", "district", "commune"]),
  unit_type: z.enum(["tinh", "thanh_pho_thuoc_tinh", "thi_xa", "huyen", "phuong", "thi_tran", "xa"]),
  name: text,
  full_name: text,
  name_en: text,
  full_name_en: text,
  parent_code: z.string().transform((value) => (value === "" ? null : value)).pipe(areaCode.nullable()),
});

export const crosswalkRowSchema = z.strictObject({
  old_province_code: areaCode,
  old_code: areaCode,
  old_full_name: text,
  new_code: areaCode,
  new_full_name: text,
  partial: z.string().transform((value) => value.trim().toLowerCase() === "true" || value.trim() === "1"),
});

const count = z
  .string()
  .regex(/^\d{1,15}$/, "a count of persons: digits only (at most 15), no grouping")
  .transform(Number);

/** Columns of the 2019 census file by commune (data/geography/thai-nguyen-population-census-2019-communes.csv). */
export const censusCommuneRowSchema = z
  .strictObject({
    commune_code: areaCode,
    commune_name: text,
    district_code: areaCode,
    population_total: count,
    population_urban: count,
    population_rural: count,
    source_ward_id: text,
  })
  .refine((r) => r.population_total === r.population_urban + r.population_rural, { message: "population_total is not population_urban + population_rural", path: ["population_total"] });

/** A period written as one date or an ISO interval: 2019-04-01 or 2025-01-01/2025-06-30. */
const periodText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(\/\d{4}-\d{2}-\d{2})?$/, "a period is YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD")
  .transform((value) => {
    const [start, end = start] = value.split("/");
    return { period_start: start, period_end: end };
  });

/** data/facts/known-differences.yaml: a published total that differs from the portal's sum, and why. */
export const knownDifferenceSchema = z
  .strictObject({
    indicator: id,
    area: areaCode,
    period: periodText,
    source: id,
    reason_vi: text,
    reason_en: text,
  })
  .transform(({ period, ...rest }) => ({ ...rest, ...period }));

export type KnownDifference = z.infer<typeof knownDifferenceSchema>;
export type Topic = z.infer<typeof topicSchema>;
export type Unit = z.infer<typeof unitSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type Breakdown = z.infer<typeof breakdownSchema>;
export type Indicator = z.infer<typeof indicatorSchema>;
export type Observation = z.infer<typeof observationSchema>;
export type Target = z.infer<typeof targetSchema>;
export type Milestone = z.infer<typeof milestoneSchema>;
export type UnitListRow = z.infer<typeof unitListRowSchema>;
export type CrosswalkRow = z.infer<typeof crosswalkRowSchema>;
