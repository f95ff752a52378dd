/**
 * The static site's search: a small index built at site-build time (/tim-kiem/chi-muc.json:
 * indicators, areas — one entry per GSO code, latest name and type — and sources, each with
 * its folded search text) and the search over it, run in the browser by the search page's
 * script and in tests. Matching with minisearch (every word, prefixes allowed), ordering with
 * the API's own ranking (api/schema/search/rank.ts), so “cho 4.0” finds the Chợ 4.0 indicator
 * and “thai nguyen” the province here as in Query.search.
 */
import MiniSearch from "minisearch";
import { foldForSearch, searchTokens } from "../../../api/lib/text";
import { cleanTokens, rank, words, type Candidate, type SearchKind } from "../../../api/schema/search/rank";

/** One entry of the index (short keys: the file is downloaded by the search page). */
export interface SearchDoc {
  /** Kind: i(ndicator), a(rea), s(ource). */
  k: "i" | "a" | "s";
  /** Indicator or source id, area code. */
  id: string;
  /** Name in Vietnamese and in English. */
  n: string;
  e: string;
  /** Page in Vietnamese and in English (areas have the Vietnamese one only: no `ue`). */
  u: string;
  ue?: string;
  /** One line under the name: topic, unit type and code, publisher (vi, en). */
  d: string;
  de: string;
  /** Folded search text: names, ids, codes, publisher. */
  t: string;
  /** Tie-breaker within a kind, smaller first (the site's order, province before districts before communes). */
  o: number;
}

const KIND: Record<SearchDoc["k"], SearchKind> = { i: "indicator", a: "area", s: "source" };

export interface SearchEngine {
  docs: SearchDoc[];
  index: MiniSearch<SearchDoc & { key: string }>;
}

const tokenize = (text: string) => words(foldForSearch(text));

/** Index the entries (milliseconds for a few hundred). */
export function createSearch(docs: SearchDoc[]): SearchEngine {
  const index = new MiniSearch<SearchDoc & { key: string }>({
    idField: "key",
    fields: ["t"],
    tokenize,
    processTerm: (term) => term,
    searchOptions: { tokenize, processTerm: (term) => term },
  });
  index.addAll(docs.map((d, i) => ({ ...d, key: String(i) })));
  return { docs, index };
}

/** Entries containing every word of the query (a word may be the start of a longer one), best first. */
export function search(engine: SearchEngine, query: string, limit = 50): SearchDoc[] {
  const tokens = cleanTokens(searchTokens(query));
  if (tokens.length === 0) return [];
  const hits = engine.index.search(tokens.join(" "), { combineWith: "AND", prefix: true });
  const candidates: Candidate<SearchDoc>[] = hits.map((hit) => {
    const doc = engine.docs[Number(hit.id)];
    return { kind: KIND[doc.k], item: doc, names: [doc.n, doc.e, doc.id], searchText: doc.t, order: doc.o };
  });
  return rank(candidates, tokens, (c) => `${c.item.k}:${c.item.id}`).slice(0, limit).map((c) => c.item);
}
