/**
 * English area names with their Vietnamese letters: the GSO's lists write English names without
 * diacritics ("Thai Nguyen Province"); the site writes "Thái Nguyên Province", taking the letters
 * from the Vietnamese name of the same unit ("Tỉnh Thái Nguyên"). Only a word-for-word match
 * (after folding) is replaced, so a name that differs is left as the API gives it.
 */
import { foldForSearch } from "../../../api/lib/text";

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

/** Every area object of an API answer (fullName + fullNameEn, name + nameEn) with englishAreaName applied, in place. */
export function restoreAreaNames<T>(data: T): T {
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== "object") return;
    const record = value as Record<string, unknown>;
    if (typeof record.fullName === "string" && typeof record.fullNameEn === "string") {
      record.fullNameEn = englishAreaName(record.fullNameEn, record.fullName);
      if (typeof record.name === "string" && typeof record.nameEn === "string") record.nameEn = englishAreaName(record.nameEn, record.name);
    }
    Object.values(record).forEach(visit);
  };
  visit(data);
  return data;
}
