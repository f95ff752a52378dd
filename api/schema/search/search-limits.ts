/**
 * Limits of every search text (Query.search `q`, `areas(search:)`, `indicators(search:)`): each
 * word becomes SQL conditions, and a thousand words made SQLite refuse the statement ("Expression
 * tree is too large", an internal error). Refused first, as bad input, with the limit stated.
 */
import { badUserInput } from "../common/errors.js";

/** Characters of a search text. */
export const MAX_SEARCH_LENGTH = 200;
/** Words of a search text (after folding and splitting). */
export const MAX_SEARCH_WORDS = 12;

/** The limits as a sentence, for argument descriptions. */
export const SEARCH_LIMITS_SENTENCE = `At most ${MAX_SEARCH_LENGTH} characters and ${MAX_SEARCH_WORDS} words (more: BAD_USER_INPUT).`;

/** Refuse a search text longer than MAX_SEARCH_LENGTH characters (before it is split). */
export function checkSearchLength(text: string, argument: string): void {
  if (text.length > MAX_SEARCH_LENGTH) throw badUserInput(`"${argument}" is too long (${text.length} characters); use at most ${MAX_SEARCH_LENGTH}.`, argument);
}

/** Refuse a search of more than MAX_SEARCH_WORDS words. */
export function checkSearchWords(words: readonly string[], argument: string): void {
  if (words.length > MAX_SEARCH_WORDS) throw badUserInput(`"${argument}" has ${words.length} words; use at most ${MAX_SEARCH_WORDS}.`, argument);
}
