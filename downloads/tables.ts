/**
 * The tables of the downloads: for each CSV file its columns (name, type, description: the
 * Table Schema fields of datapackage.json) and how a row is made from the API's answer.
 * One definition serves the CSV header, the JSON records and the data package, so they agree.
 */
import type { AreaData, IndicatorData, ObservationData, SourceData, TargetData } from "./portal-data.js";
import { formatPeriod } from "../api/lib/format.js";

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

/** A Table Schema field (Frictionless Data), plus custom properties where useful. */
export interface Field {
  name: string;
  type: "string" | "number" | "integer" | "boolean" | "date";
  description: string;
  constraints?: { required?: boolean; unique?: boolean; enum?: string[] };
  /** Custom property: the unit of a value column, when one unit applies to the whole column. */
  unit?: { id: string; symbol: string; name: string; nameEn: string; kind: string };
  [custom: string]: unknown;
}

export interface TableSchema {
  fields: Field[];
  primaryKey?: string | string[];
  foreignKeys?: { fields: string | string[]; reference: { resource: string; fields: string | string[] } }[];
  missingValues: string[];
}

/** Allowed values of the API's enums, read from the schema (see portal-data). */
export interface EnumValues {
  status: string[];
  periodBasis: string[];
  areaLevel: string[];
  areaUnitType: string[];
  sourceKind: string[];
  targetKind: string[];
  comparator: string[];
  unitKind: string[];
}

const text = (name: string, description: string, constraints?: Field["constraints"]): Field => ({ name, type: "string", description, ...(constraints ? { constraints } : {}) });
const date = (name: string, description: string, required = true): Field => ({ name, type: "date", description, ...(required ? { constraints: { required: true } } : {}) });
const REQUIRED = { required: true };
const DATA_VERSION = text("data_version", "Data version of the portal these rows come from: build date and the first 8 hex digits of the SHA-256 of the data files. Name it when you cite.", REQUIRED);

/** Columns of observations.csv and of every indicators/<id>.csv (tidy long format: one value per row). */
export function observationFields(enums: EnumValues, unitIds: string[]): Field[] {
  return [
    text("indicator_id", "Id of the indicator (see indicators.csv), e.g. cho-4-0-markets.", REQUIRED),
    text("indicator_name", "Name of the indicator in Vietnamese.", REQUIRED),
    text("indicator_name_en", "Name of the indicator in English.", REQUIRED),
    text("area_code", "GSO code of the area (text: leading zeros matter, 06 = Bắc Kạn); 19 = Thái Nguyên province.", REQUIRED),
    text("area_name", "Full name of the area in Vietnamese as the unit was at the end of the period, e.g. Tỉnh Thái Nguyên."),
    text("area_name_en", "Full name of the area in English, e.g. Thai Nguyen Province."),
    text("area_level", "Administrative level of the area: PROVINCE, DISTRICT (abolished 2025-07-01) or COMMUNE.", { enum: enums.areaLevel }),
    text("area_unit_type", "Unit type of the area as the GSO names it: TINH, THANH_PHO_THUOC_TINH, THI_XA, HUYEN, PHUONG, THI_TRAN, XA.", { enum: enums.areaUnitType }),
    date("period_start", "First day of the period the value refers to (YYYY-MM-DD)."),
    date("period_end", "Last day of the period (YYYY-MM-DD); equal to period_start for a value at a date."),
    text("period_label", "Label of the period as the site shows it, e.g. 2023, 2022-H1, cuối 2023 (end of 2023), DTI 2024.", REQUIRED),
    text("period_basis", "Where the period comes from: REFERENCE (stated by the source), PUBLICATION (the source's publication year), APPROXIMATE (bracketed from the context; see note).", { required: true, enum: enums.periodBasis }),
    text("period_text", "The period as the portal writes it in Vietnamese, as sure as the source makes it: the label when stated; “công bố năm 2023, không nêu kỳ số liệu” when the source states no period (period_start and period_end are then the publication year, not a reference period); “khoảng cuối 2023” when bracketed. Quote this, not the dates.", REQUIRED),
    text("period_text_en", "The same in English: the label; “published 2023, period not stated”; “about end of 2023”.", REQUIRED),
    { name: "value", type: "number", description: "The value, unformatted (dot decimal, no grouping), in the base unit named by `unit`: a count, a percent 0–100, VND (đồng, not thousands or billions), km², a rank (1 = best) or an index score.", constraints: REQUIRED },
    text("unit", "Id of the unit of `value`: count, person, criteria (counts), percent (0–100), vnd (Vietnamese đồng), rank (1 = best), km2, index-score (0–1). See indicators.csv.", { required: true, enum: unitIds }),
    text("status", "How firm the value is: REPORTED, ESTIMATE (the source says “ước”), APPROXIMATE (“gần”, “khoảng”), COMPUTED (a share computed by the portal from two reported values), COMPUTED_FROM_ESTIMATE.", { required: true, enum: enums.status }),
    text("breakdown_id", "Empty for a total; otherwise the part of the total this value is (e.g. khu-vuc-i: region area I)."),
    text("breakdown_name", "Name of the part in Vietnamese (empty for a total)."),
    text("breakdown_name_en", "Name of the part in English (empty for a total)."),
    text("source_id", "Id of the source (see sources.csv).", REQUIRED),
    text("source_title", "Title of the source in its original language.", REQUIRED),
    text("source_publisher", "Publisher of the source.", REQUIRED),
    text("source_url", "Address of the source, where known."),
    text("note", "Notes on the value in English: the source's wording, why the period is what it is, what a denominator refers to."),
    text("note_vi", "The same notes in Vietnamese (every note is given in both languages or not at all)."),
    text("observation_id", "Stable id of the value (a hash of indicator, area, period, breakdown and source); the anchor of its permalink.", { required: true, unique: true }),
    text("permalink", "Address of the value on the site: the indicator's page with the anchor #obs-<observation_id>.", REQUIRED),
    DATA_VERSION,
  ];
}

export function observationRow(o: ObservationData, dataVersion: string): Row {
  return {
    indicator_id: o.indicator.id, indicator_name: o.indicator.name, indicator_name_en: o.indicator.nameEn,
    area_code: o.areaCode, area_name: o.area?.fullName ?? null, area_name_en: o.area?.fullNameEn ?? null,
    area_level: o.area?.level ?? null, area_unit_type: o.area?.unitType ?? null,
    period_start: o.period.start, period_end: o.period.end, period_label: o.period.label, period_basis: o.period.basis,
    period_text: formatPeriod(o.period, "vi"), period_text_en: formatPeriod(o.period, "en"),
    value: o.value, unit: o.unit.id, status: o.status,
    breakdown_id: o.breakdown?.id ?? null, breakdown_name: o.breakdown?.name ?? null, breakdown_name_en: o.breakdown?.nameEn ?? null,
    source_id: o.source.id, source_title: o.source.title, source_publisher: o.source.publisher, source_url: o.source.url,
    note: o.noteEn, note_vi: o.noteVi, observation_id: o.id, permalink: o.permalink, data_version: dataVersion,
  };
}

/** Observations in a stable order: indicator (site order), area, period, totals before parts, source. */
export function sortObservations(observations: ObservationData[], indicatorOrder: Map<string, number>): ObservationData[] {
  const key = (o: ObservationData) => [String(indicatorOrder.get(o.indicator.id) ?? 1e9).padStart(10, "0"), o.areaCode, o.period.start, o.period.end, o.breakdown?.id ?? "", o.source.id, o.id];
  return [...observations].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return 0;
  });
}

export interface IndicatorStats {
  observationCount: number;
  firstPeriodStart: string | null;
  lastPeriodEnd: string | null;
}

/** Columns of indicators.csv: the catalogue. */
export function indicatorFields(enums: EnumValues): Field[] {
  return [
    text("id", "Stable id of the indicator, used in file names and addresses.", { required: true, unique: true }),
    text("name", "Name in Vietnamese.", REQUIRED),
    text("name_en", "Name in English.", REQUIRED),
    text("description", "Definition in Vietnamese.", REQUIRED),
    text("description_en", "Definition in English.", REQUIRED),
    text("topic_id", "Id of the topic.", REQUIRED),
    text("topic_name", "Topic in Vietnamese.", REQUIRED),
    text("topic_name_en", "Topic in English.", REQUIRED),
    text("unit", "Id of the unit of the values (as in the `unit` column of the observations).", REQUIRED),
    text("unit_symbol", "Symbol printed after a number on the site (%, ₫, km², người); empty for plain counts."),
    text("unit_name", "Name of the unit in Vietnamese.", REQUIRED),
    text("unit_name_en", "Name of the unit in English.", REQUIRED),
    text("unit_kind", "Kind of quantity: COUNT, PERCENT (0–100), CURRENCY (VND), RANK (1 = best), AREA (km²), SCORE, YEAR (a calendar year).", { required: true, enum: enums.unitKind }),
    { name: "higher_is_better", type: "boolean", description: "false when a lower value is better (ranks).", trueValues: ["true"], falseValues: ["false"], constraints: REQUIRED },
    text("numerator_id", "For a share computed by the portal: the indicator counted. Empty otherwise."),
    text("denominator_id", "For a share computed by the portal: the indicator divided by. Empty otherwise."),
    { name: "observation_count", type: "integer", description: "Number of values (rows of its file).", constraints: REQUIRED },
    date("first_period_start", "Start of the earliest period with a value; empty when there is none.", false),
    date("last_period_end", "End of the latest period with a value; empty when there is none.", false),
    text("source_ids", "Ids of the sources of its values and targets, separated by “; ”."),
    text("csv_path", "Its values as CSV, relative to the downloads folder.", REQUIRED),
    text("json_path", "Its values and metadata as JSON, relative to the downloads folder.", REQUIRED),
    text("permalink", "Its page on the site (Vietnamese).", REQUIRED),
    text("permalink_en", "Its page on the site (English).", REQUIRED),
    text("citation", "How to cite it (Vietnamese).", REQUIRED),
    text("citation_en", "How to cite it (English).", REQUIRED),
    DATA_VERSION,
  ];
}

export function indicatorRow(i: IndicatorData, stats: IndicatorStats, dataVersion: string): Row {
  return {
    id: i.id, name: i.name, name_en: i.nameEn, description: i.description, description_en: i.descriptionEn,
    topic_id: i.topic.id, topic_name: i.topic.name, topic_name_en: i.topic.nameEn,
    unit: i.unit.id, unit_symbol: i.unit.symbol, unit_name: i.unit.name, unit_name_en: i.unit.nameEn, unit_kind: i.unit.kind,
    higher_is_better: i.higherIsBetter, numerator_id: i.numerator?.id ?? null, denominator_id: i.denominator?.id ?? null,
    observation_count: stats.observationCount, first_period_start: stats.firstPeriodStart, last_period_end: stats.lastPeriodEnd,
    source_ids: i.sources.map((s) => s.id).join("; "), csv_path: indicatorFile(i.id, "csv"), json_path: indicatorFile(i.id, "json"),
    permalink: i.permalink, permalink_en: i.permalinkEn, citation: i.citation, citation_en: i.citationEn, data_version: dataVersion,
  };
}

/**
 * Path of an indicator's file relative to the downloads folder: its CSV (plain UTF-8, the data
 * package's resource), the same CSV for Excel (with a byte-order mark), its JSON or its workbook.
 */
export function indicatorFile(id: string, kind: "csv" | "excel-csv" | "json" | "xlsx"): string {
  return kind === "excel-csv" ? excelCsvPath(`indicators/${id}.csv`) : `indicators/${id}.${kind}`;
}

/** The copy of a CSV for Excel (the same bytes after a byte-order mark): `observations.csv` → `observations-excel.csv`. */
export function excelCsvPath(csvPath: string): string {
  if (!csvPath.endsWith(".csv")) throw new Error(`${csvPath} is not a CSV file.`);
  return `${csvPath.slice(0, -".csv".length)}-excel.csv`;
}

/** Columns of areas.csv: administrative units, one row per version. */
export function areaFields(enums: EnumValues): Field[] {
  return [
    text("id", "Id of this version of the unit: <code>@<valid_from>.", { required: true, unique: true }),
    text("code", "GSO code (text: leading zeros matter). Observations refer to areas by this code.", REQUIRED),
    text("name", "Short name, e.g. Phú Bình.", REQUIRED),
    text("full_name", "Full name with the unit type, e.g. Huyện Phú Bình.", REQUIRED),
    text("name_en", "Name in English without diacritics.", REQUIRED),
    text("full_name_en", "Full name in English, e.g. Phu Binh District.", REQUIRED),
    text("level", "Administrative level: PROVINCE, DISTRICT (abolished 2025-07-01), COMMUNE.", { required: true, enum: enums.areaLevel }),
    text("unit_type", "Unit type as the GSO names it: TINH (tỉnh), THANH_PHO_THUOC_TINH (thành phố), THI_XA (thị xã), HUYEN (huyện), PHUONG (phường), THI_TRAN (thị trấn), XA (xã).", { required: true, enum: enums.areaUnitType }),
    text("parent_code", "GSO code of the parent unit; empty for a province."),
    date("valid_from", "First day this version is known to be valid."),
    date("valid_to", "Last day of validity; empty while still valid.", false),
    text("validity_note", "What is known and not known about the validity dates, in English."),
    text("validity_note_vi", "The same in Vietnamese."),
    text("source_id", "Id of the unit list this version comes from (see sources.csv).", REQUIRED),
    DATA_VERSION,
  ];
}

export function areaRow(a: AreaData, dataVersion: string): Row {
  return {
    id: a.id, code: a.code, name: a.name, full_name: a.fullName, name_en: a.nameEn, full_name_en: a.fullNameEn, level: a.level, unit_type: a.unitType,
    parent_code: a.parentCode, valid_from: a.validFrom, valid_to: a.validTo, validity_note: a.validityNoteEn, validity_note_vi: a.validityNoteVi, source_id: a.source.id, data_version: dataVersion,
  };
}

/** Columns of sources.csv. */
export function sourceFields(enums: EnumValues): Field[] {
  return [
    text("id", "Stable id of the source.", { required: true, unique: true }),
    text("title", "Title in the original language.", REQUIRED),
    text("title_en", "Title in English (the portal's translation)."),
    text("publisher", "Publisher of the source (newspaper, broadcaster, agency).", REQUIRED),
    text("publisher_en", "Publisher in English (the same name where it reads the same).", REQUIRED),
    text("kind", "Kind of publication: NEWS, REFERENCE, REFERENCE_LIST (GSO unit lists), LEGAL, DATASET.", { required: true, enum: enums.sourceKind }),
    text("url", "Address of the publication, where known."),
    text("published", "Publication date as far as known: YYYY, YYYY-MM or YYYY-MM-DD; empty when unknown."),
    text("published_note", "What is known about the publication date when it is not exact, in English."),
    text("published_note_vi", "The same in Vietnamese."),
    text("licence", "Licence or terms of the source, in English.", REQUIRED),
    text("licence_vi", "The same in Vietnamese.", REQUIRED),
    text("licence_url", "Address of the licence text."),
    text("locator", "Where in the source the figures are, in English (words quoted from the source stay as quoted)."),
    text("locator_vi", "The same in Vietnamese."),
    date("snapshot_date", "For reference lists: the date the list describes (YYYY-MM-DD).", false),
    text("reliability", "Why the source is less reliable than usual, when it is, in English."),
    text("reliability_vi", "The same in Vietnamese."),
    text("note", "Other notes on the source, in English."),
    text("note_vi", "The same in Vietnamese."),
    DATA_VERSION,
  ];
}

export function sourceRow(s: SourceData, dataVersion: string): Row {
  return {
    id: s.id, title: s.title, title_en: s.titleEn, publisher: s.publisher, publisher_en: s.publisherEn, kind: s.kind, url: s.url, published: s.published,
    published_note: s.publishedNoteEn, published_note_vi: s.publishedNoteVi, licence: s.licenceEn, licence_vi: s.licenceVi, licence_url: s.licenceUrl,
    locator: s.locatorEn, locator_vi: s.locatorVi, snapshot_date: s.snapshotDate,
    reliability: s.reliabilityNoteEn, reliability_vi: s.reliabilityNoteVi, note: s.noteEn, note_vi: s.noteVi, data_version: dataVersion,
  };
}

/** Columns of targets.csv. */
export function targetFields(enums: EnumValues, unitIds: string[]): Field[] {
  return [
    text("indicator_id", "Id of the indicator.", REQUIRED),
    text("indicator_name", "Name of the indicator in Vietnamese.", REQUIRED),
    text("indicator_name_en", "Name of the indicator in English.", REQUIRED),
    text("area_code", "GSO code of the area.", REQUIRED),
    text("area_name", "Full name of the area in Vietnamese.", REQUIRED),
    text("area_name_en", "Full name of the area in English.", REQUIRED),
    date("period_start", "Start of the target period."),
    date("period_end", "End of the target period: the target applies by this date."),
    text("period_label", "Label of the period.", REQUIRED),
    text("kind", "LEVEL: a value to reach by the end of the period; CHANGE: an increase during the period.", { required: true, enum: enums.targetKind }),
    text("comparator", "How the value is to be met: EQ (reach it), GT (more than), GTE (at least), LT, LTE.", { required: true, enum: enums.comparator }),
    { name: "value", type: "number", description: "Target value, unformatted, in the base unit named by `unit`.", constraints: REQUIRED },
    text("unit", "Id of the unit of `value` (as in observations).", { required: true, enum: unitIds }),
    text("source_id", "Id of the source that set or reported the target.", REQUIRED),
    text("source_title", "Title of the source.", REQUIRED),
    text("source_publisher", "Publisher of the source.", REQUIRED),
    text("source_url", "Address of the source, where known."),
    text("note", "How the target is worded and read, in English."),
    text("note_vi", "The same in Vietnamese."),
    DATA_VERSION,
  ];
}

export function targetRow(indicator: IndicatorData, t: TargetData, dataVersion: string): Row {
  if (!t.area) throw new Error(`A target of ${indicator.id} (${t.period.label}) has no area in the API: cannot write its area_code.`);
  return {
    indicator_id: indicator.id, indicator_name: indicator.name, indicator_name_en: indicator.nameEn,
    area_code: t.area.code, area_name: t.area.fullName, area_name_en: t.area.fullNameEn,
    period_start: t.period.start, period_end: t.period.end, period_label: t.period.label, kind: t.kind, comparator: t.comparator,
    value: t.value, unit: indicator.unit.id, source_id: t.source.id, source_title: t.source.title, source_publisher: t.source.publisher,
    source_url: t.source.url, note: t.noteEn, note_vi: t.noteVi, data_version: dataVersion,
  };
}
