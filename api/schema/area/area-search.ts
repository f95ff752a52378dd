/**
 * Search of administrative units by name: diacritics, case and the unit-type prefix are ignored,
 * so "phu binh", "PHÚ BÌNH" and "Huyện Phú Bình" all find huyện Phú Bình. Shared by the ingest
 * (which stores the folded text) and the API (which folds the query the same way).
 */
import { foldForSearch } from "../../lib/text.js";

/** Unit-type words a query may start with (folded). */
const TYPE_PREFIXES = [["thanh", "pho"], ["thi", "xa"], ["thi", "tran"], ["tinh"], ["huyen"], ["xa"], ["phuong"], ["tp"], ["tx"], ["tt"]];
/** Usual abbreviations of unit types (TP. Thái Nguyên), spelled out to compare with full names. */
const ABBREVIATIONS: Record<string, string[]> = { tp: ["thanh", "pho"], tx: ["thi", "xa"], tt: ["thi", "tran"] };

/** Fold and split, treating punctuation as a space ("TP. Thái Nguyên" → tp, thai, nguyen). */
function words(text: string): string[] {
  return foldForSearch(text)
    .replace(/[.,;:()/\\"'“”-]+/g, " ")
    .split(" ")
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
}

/**
 * The stored search text of a unit: ` name | full name | English full name | code `, folded.
 * Spaces around every word let the API match whole words and rank an exact name first.
 */
export function areaSearchText(unit: { name: string; full_name: string; full_name_en: string; code: string }): string {
  return ` ${[unit.name, unit.full_name, unit.full_name_en, unit.code].map((t) => words(t).join(" ")).join(" | ")} `;
}

export interface AreaSearch {
  /** Words to find, the unit-type prefix removed (the last one may be the start of a word). */
  tokens: string[];
  /** The words without the prefix, as a phrase: a unit with exactly this name ranks first. */
  name: string;
  /** All the words of the query: a unit whose full name is exactly this ranks before that. */
  fullName: string;
}

/** Parse a search query; null when it has no letters or digits. */
export function parseAreaSearch(query: string): AreaSearch | null {
  const all = words(query);
  if (all.length === 0) return null;
  const prefix = TYPE_PREFIXES.find((p) => p.length < all.length && p.every((w, i) => all[i] === w));
  const tokens = prefix ? all.slice(prefix.length) : all;
  const spelledOut = prefix?.length === 1 && ABBREVIATIONS[prefix[0]] ? [...ABBREVIATIONS[prefix[0]], ...tokens] : all;
  return { tokens, name: tokens.join(" "), fullName: spelledOut.join(" ") };
}
