/** Enums of the schema, each value described (they double as the data dictionary). */
import { registerEnumType } from "type-graphql";

export enum ObservationStatus {
  REPORTED = "REPORTED",
  ESTIMATE = "ESTIMATE",
  APPROXIMATE = "APPROXIMATE",
  COMPUTED = "COMPUTED",
  COMPUTED_FROM_ESTIMATE = "COMPUTED_FROM_ESTIMATE",
}
registerEnumType(ObservationStatus, {
  name: "ObservationStatus",
  description: "How firm a value is.",
  valuesConfig: {
    REPORTED: { description: "Reported by the source as a fact." },
    ESTIMATE: { description: "An estimate: the source says “ước” (estimated)." },
    APPROXIMATE: { description: "Approximate: the source says “gần” (nearly) or “khoảng” (about)." },
    COMPUTED: { description: "Computed by the portal from two reported values of the same source, area and period (a share)." },
    COMPUTED_FROM_ESTIMATE: { description: "Computed by the portal from values of which at least one is an estimate or approximate." },
  },
});

export enum PeriodBasis {
  REFERENCE = "REFERENCE",
  PUBLICATION = "PUBLICATION",
  APPROXIMATE = "APPROXIMATE",
}
registerEnumType(PeriodBasis, {
  name: "PeriodBasis",
  description: "Where the period of a value comes from.",
  valuesConfig: {
    REFERENCE: { description: "The source states the reference period of the value." },
    PUBLICATION: { description: "The source gives no reference period: the value is recorded as of the source's publication (year)." },
    APPROXIMATE: { description: "Neither is stated exactly: the period is bracketed from the context, as the note explains." },
  },
});

export enum TargetComparator {
  EQ = "EQ",
  GT = "GT",
  GTE = "GTE",
  LT = "LT",
  LTE = "LTE",
}
registerEnumType(TargetComparator, {
  name: "TargetComparator",
  description: "How a target's value is to be met.",
  valuesConfig: {
    EQ: { description: "Reach the value (the source gives a plain number)." },
    GT: { description: "More than the value (“hơn”, “trên”)." },
    GTE: { description: "At least the value (“ít nhất”, “tối thiểu”)." },
    LT: { description: "Less than the value." },
    LTE: { description: "At most the value." },
  },
});

export enum TargetKind {
  LEVEL = "LEVEL",
  CHANGE = "CHANGE",
}
registerEnumType(TargetKind, {
  name: "TargetKind",
  description: "Whether a target is a level to reach or a change during its period.",
  valuesConfig: {
    LEVEL: { description: "The indicator's value at the end of the period." },
    CHANGE: { description: "An increase during the period (“thêm”: more)." },
  },
});

export enum SourceKind {
  NEWS = "NEWS",
  REFERENCE = "REFERENCE",
  REFERENCE_LIST = "REFERENCE_LIST",
  LEGAL = "LEGAL",
  DATASET = "DATASET",
}
registerEnumType(SourceKind, {
  name: "SourceKind",
  description: "What kind of publication a source is.",
  valuesConfig: {
    NEWS: { description: "A news article or news page." },
    REFERENCE: { description: "A reference work (encyclopaedia)." },
    REFERENCE_LIST: { description: "An official code list (GSO administrative units) or a crosswalk derived from one." },
    LEGAL: { description: "A legal document (resolution, decision)." },
    DATASET: { description: "A published statistical dataset." },
  },
});

export enum UnitKind {
  COUNT = "COUNT",
  PERCENT = "PERCENT",
  CURRENCY = "CURRENCY",
  RANK = "RANK",
  AREA = "AREA",
  SCORE = "SCORE",
  YEAR = "YEAR",
}
registerEnumType(UnitKind, {
  name: "UnitKind",
  description: "The kind of quantity a unit measures.",
  valuesConfig: {
    COUNT: { description: "A count of things or people." },
    PERCENT: { description: "A percentage, 0–100." },
    CURRENCY: { description: "Money, in Vietnamese dong (VND), not thousands or billions." },
    RANK: { description: "A rank, 1 = best." },
    AREA: { description: "Land area, km²." },
    SCORE: { description: "An index score." },
    YEAR: { description: "A calendar year (e.g. the year for which a district met the new-rural standard), written without grouping: 2022." },
  },
});

export enum AreaLevel {
  PROVINCE = "PROVINCE",
  DISTRICT = "DISTRICT",
  COMMUNE = "COMMUNE",
}
registerEnumType(AreaLevel, {
  name: "AreaLevel",
  description: "Administrative level of an area.",
  valuesConfig: {
    PROVINCE: { description: "Province level (cấp tỉnh)." },
    DISTRICT: { description: "District level (cấp huyện): huyện, thị xã, thành phố thuộc tỉnh. Abolished on 2025-07-01." },
    COMMUNE: { description: "Commune level (cấp xã): xã, phường, thị trấn." },
  },
});

export enum AreaUnitType {
  TINH = "TINH",
  THANH_PHO_THUOC_TINH = "THANH_PHO_THUOC_TINH",
  THI_XA = "THI_XA",
  HUYEN = "HUYEN",
  PHUONG = "PHUONG",
  THI_TRAN = "THI_TRAN",
  XA = "XA",
}
registerEnumType(AreaUnitType, {
  name: "AreaUnitType",
  description: "Type of administrative unit, as the GSO names it.",
  valuesConfig: {
    TINH: { description: "Tỉnh (province)." },
    THANH_PHO_THUOC_TINH: { description: "Thành phố thuộc tỉnh (provincial city)." },
    THI_XA: { description: "Thị xã (district-level town)." },
    HUYEN: { description: "Huyện (rural district)." },
    PHUONG: { description: "Phường (urban ward)." },
    THI_TRAN: { description: "Thị trấn (township)." },
    XA: { description: "Xã (rural commune)." },
  },
});

export enum Language {
  VI = "VI",
  EN = "EN",
}
registerEnumType(Language, {
  name: "Language",
  description: "Language of a generated text (citation, quotable fact): numbers follow it too (vi-VN: 2.255 and 79,6%; en-GB: 2,255 and 79.6%).",
  valuesConfig: {
    VI: { description: "Vietnamese (vi-VN)." },
    EN: { description: "English (en-GB)." },
  },
});
