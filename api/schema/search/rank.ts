/**
 * Ranking of search candidates (rows that contain every query token somewhere in their
 * folded text). Order, most important first:
 *   1. every token matches a whole word (“cho” matches “chợ”, not “chong”);
 *   2. kind: indicators, then areas, then sources;
 *   3. the query appears as a phrase in the name;
 *   4. more tokens matching whole words, then every token inside the name itself;
 *   5. within a kind: areas by level (province first) and current before abolished;
 *      indicators in the site's order; shorter names first.
 */
import { foldForSearch } from "../../lib/text.js";

export type SearchKind = "indicator" | "area" | "source";

export interface Candidate<T> {
  kind: SearchKind;
  item: T;
  /** Names shown to people (any language): matches here count more. */
  names: string[];
  /** Everything searchable (the table's folded search_text). */
  searchText: string;
  /** Kind-specific tie-breaker, smaller first (indicator position, area level, ...). */
  order: number;
}

const KIND_ORDER: Record<SearchKind, number> = { indicator: 0, area: 1, source: 2 };

/** Words of a folded text: runs of letters and digits, keeping inner dots and commas (“4.0”, “2.255”). */
export function words(folded: string): string[] {
  return folded.match(/[\p{L}\p{N}]+(?:[.,][\p{L}\p{N}]+)*/gu) ?? [];
}

/** Query tokens without surrounding punctuation (“(cho” → “cho”); empty ones dropped. */
export function cleanTokens(tokens: string[]): string[] {
  return tokens.map((t) => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")).filter(Boolean);
}

interface Scored<T> {
  candidate: Candidate<T>;
  key: number[];
}

function score<T>(candidate: Candidate<T>, tokens: string[]): number[] {
  const names = candidate.names.map(foldForSearch);
  const allWords = new Set([...words(candidate.searchText), ...names.flatMap(words)]);
  const exact = tokens.filter((t) => allWords.has(t)).length;
  const phrase = tokens.join(" ");
  const phraseInName = names.some((n) => ` ${words(n).join(" ")} `.includes(` ${phrase} `));
  const allInName = tokens.every((t) => names.some((n) => n.includes(t)));
  const shortest = Math.min(...names.map((n) => n.length));
  // Smaller is better at every position.
  return [exact === tokens.length ? 0 : 1, KIND_ORDER[candidate.kind], phraseInName ? 0 : 1, tokens.length - exact, allInName ? 0 : 1, candidate.order, shortest];
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/**
 * Rank candidates for folded query tokens; `dedupe` keeps only the best candidate per key
 * (one version per area code).
 */
export function rank<T>(candidates: Candidate<T>[], queryTokens: string[], dedupe: (c: Candidate<T>) => string): Candidate<T>[] {
  const tokens = cleanTokens(queryTokens);
  const best = new Map<string, Scored<T>>();
  for (const candidate of candidates) {
    const scored = { candidate, key: score(candidate, tokens) };
    const id = dedupe(candidate);
    const previous = best.get(id);
    if (!previous || compareKeys(scored.key, previous.key) < 0) best.set(id, scored);
  }
  return [...best.values()].sort((a, b) => compareKeys(a.key, b.key)).map((s) => s.candidate);
}
