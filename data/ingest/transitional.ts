/**
 * TRANSITIONAL exceptions to the bilingual-note rule (DATA-CONTRACT §1, §4): a note is given in
 * both languages (note_vi and note_en; note/noteEn, ...) or in neither. The records below predate
 * the rule and carry English only until the lead translates them. To end the transition, empty
 * these lists (or delete this file and its imports): the build then enforces the rule everywhere.
 */

/** Observation files (relative to data/) whose rows may carry note_en without note_vi. */
export const ENGLISH_ONLY_OBSERVATION_FILES: readonly string[] = ["facts/observations/province-seed.csv"];

/**
 * Rows of facts/targets.csv that may carry note_en without note_vi: the 13 seed targets, by
 * indicator|area_code|period_start|period_end|source (a key, so that appended rows are checked).
 */
export const ENGLISH_ONLY_TARGETS: ReadonlySet<string> = new Set([
  "ntm-communes|19|2019-01-01|2019-12-31|vietnamnet-ntm-2019",
  "ntm-communes-share|19|2019-01-01|2019-12-31|vietnamnet-ntm-2019",
  "ntm-criteria-average|19|2019-01-01|2019-12-31|vietnamnet-ntm-2019",
  "ntm-communes-share|19|2025-01-01|2025-12-31|thi-dua-2023",
  "ntm-districts|19|2025-01-01|2025-12-31|thi-dua-2023",
  "ntm-communes-share|19|2025-01-01|2025-12-31|tothethao-ntm-2025",
  "ntm-advanced-communes-share|19|2025-01-01|2025-12-31|tothethao-ntm-2025",
  "ntm-model-communes-share|19|2025-01-01|2025-12-31|tothethao-ntm-2025",
  "ntm-districts|19|2024-01-01|2025-12-31|tothethao-ntm-2025",
  "ntm-advanced-districts|19|2025-01-01|2025-12-31|tothethao-ntm-2025",
  "ntm-advanced-communes|19|2024-01-01|2024-12-31|tothethao-ntm-2025",
  "ntm-model-communes|19|2024-01-01|2024-12-31|tothethao-ntm-2025",
  "ntm-districts|19|2024-01-01|2024-12-31|tothethao-ntm-2025",
]);

/** Source records (catalogue/sources.yaml) whose texts may be in English only (the *En keys). */
export const ENGLISH_ONLY_SOURCES: ReadonlySet<string> = new Set([
  "thi-dua-2023", "vietnamnet-ntm-2019", "bvpl-ntm-2022", "ktdt-phu-binh-2023", "tothethao-ntm-2025",
  "thainguyentv-ntm-dtts", "thainguyentv-dti-2020", "thainguyentv-dti-2021", "kdtt-dti-2022", "vov5-dti-2024",
  "wikipedia-thai-nguyen", "vietnamvn-merger-2025", "nq-469-2022", "nq-202-2025", "nq-1683-2025",
  "gso-units-2022-10-01", "gso-units-2025-03-01", "gso-units-2025-07-01", "dvhcvn-crosswalk-2025",
]);
