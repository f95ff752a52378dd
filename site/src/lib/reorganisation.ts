/** The 2025 reorganisation page's numbers: commune-level units of the province on key dates, from the API. */
import { countCommuneLevelUnits, type UnitCount } from "./queries";

export const PROVINCE = "19";
/** Dates around the changes: before 469/NQ-UBTVQH15 (2022-04-10), the 2022 list, 2024, before and after 2025-07-01. */
export const REORGANISATION_DATES = ["2021-01-01", "2022-10-01", "2024-01-01", "2025-03-01", "2025-07-01"];
export const LEGAL_SOURCES = ["nq-469-2022", "nq-202-2025", "nq-1683-2025"];

let counts: Promise<UnitCount[]> | null = null;

export function getReorganisationCounts(): Promise<UnitCount[]> {
  counts ??= Promise.all(REORGANISATION_DATES.map((date) => countCommuneLevelUnits(PROVINCE, date)));
  return counts;
}
