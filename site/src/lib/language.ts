/**
 * Which language a text of the data is in. Notes, licences and caveats in data/ are written in
 * English (with Vietnamese words quoted from the sources); publishers and locators are either.
 * A text is English when few of its words carry Vietnamese letters (marks or đ); the pages then
 * mark it lang="en" and, on Vietnamese pages, say “(tiếng Anh)”, since it is not translated.
 */
import type { Lang } from "./labels";

const VIETNAMESE_LETTER = /[\u0300-\u036f\u1ea0-\u1ef9đĐăĂâÂêÊôÔơƠưƯ]/u;

/**
 * The language of a text of the data: "en" when at most a third of its words have Vietnamese
 * letters, "vi" when more do; null for a name or code (one word, or only acronyms: VietNamNet, CC BY 4.0).
 */
export function textLanguage(text: string): Lang | null {
  // Acronyms and codes (CC, BY-SA, DTI, GSO) are words of no language.
  const words = text.split(/\s+/).filter((w) => /\p{Ll}/u.test(w));
  const vietnamese = words.filter((w) => VIETNAMESE_LETTER.test(w.normalize("NFD"))).length;
  if (words.length < 2 && vietnamese === 0) return null;
  return vietnamese <= words.length / 3 ? "en" : "vi";
}
