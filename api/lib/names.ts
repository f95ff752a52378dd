/**
 * English area names with their Vietnamese letters: the GSO's lists write English names without
 * diacritics ("Thai Nguyen Province"); the site and the quotable sentences (Observation.fact) write
 * "Thái Nguyên Province", taking the letters from the Vietnamese name of the same unit
 * ("Tỉnh Thái Nguyên"). Only a word-for-word match
 * (after folding) is replaced, so a name that differs is left as the API gives it.
 */
import { foldForSearch } from "./text.js";

/** `nameEn` with the letters of `nameVi` where the words match after folding, else `nameEn` unchanged. */
export function englishAreaName(nameEn: string, nameVi: string): string {
  const vi = nameVi.trim().split(/\s+/);
  const en = nameEn.trim().split(/\s+/);
  const foldedEn = en.map(foldForSearch);
  // The name follows the unit type (Tỉnh, Thành phố, Xã …): try the longest tail of the Vietnamese words first.
  for (let start = 0; start < vi.length; start++) {
    const run = vi.slice(start);
    const folded = run.map(foldForSearch);
    for (let i = 0; i + folded.length <= foldedEn.length; i++) {
      if (folded.every((word, j) => word === foldedEn[i + j])) return [...en.slice(0, i), ...run, ...en.slice(i + folded.length)].join(" ");
    }
  }
  return nameEn;
}
