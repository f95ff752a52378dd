/**
 * Text helpers shared by the ingest, the API and the site.
 * Vietnamese text is stored NFC-normalised; search compares a folded form (no diacritics,
 * đ → d, lower case, single spaces) so that "cho 4.0" finds "Chợ 4.0".
 */

/** NFC-normalise a string (the storage form of every Vietnamese text). */
export function nfc(text: string): string {
  return text.normalize("NFC");
}

/** Fold a text for search: strip diacritics, map đ/Đ to d, lower-case, collapse spaces. */
export function foldForSearch(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Split a search query into folded tokens; empty when the query has no letters or digits. */
export function searchTokens(query: string): string[] {
  return foldForSearch(query)
    .split(" ")
    .filter((token) => /[\p{L}\p{N}]/u.test(token));
}
