/**
 * Query.search: one box for indicators, areas and sources, ignoring diacritics and case
 * (api/lib/text.ts). SQL narrows to rows containing every token; rank.ts orders them.
 */
import { Arg, Ctx, createUnionType, Int, Query, Resolver } from "type-graphql";
import { searchRows } from "../../db/queries.js";
import { searchTokens } from "../../lib/text.js";
import { Area } from "../area/area.type.js";
import { badUserInput } from "../common/errors.js";
import type { Context } from "../context.js";
import { Indicator } from "../indicator/indicator.type.js";
import { Source } from "../source/source.type.js";
import { rank, type Candidate } from "./rank.js";
import { checkSearchLength, checkSearchWords, MAX_SEARCH_LENGTH, MAX_SEARCH_WORDS } from "./search-limits.js";

export const SEARCH_MAX_RESULTS = 100;
export const SEARCH_DEFAULT_RESULTS = 20;

export const SearchResult = createUnionType({
  name: "SearchResult",
  description: "A search hit: an indicator, an area (one version per GSO code) or a source. Ask for fields with `... on Indicator { id name }`.",
  types: () => [Indicator, Area, Source] as const,
  resolveType: (value) => (value instanceof Indicator ? Indicator : value instanceof Area ? Area : Source),
});

const AREA_LEVEL_ORDER: Record<string, number> = { PROVINCE: 0, DISTRICT: 1, COMMUNE: 2 };

@Resolver()
export class SearchResolver {
  @Query(() => [SearchResult], {
    description:
      "Find indicators, areas and sources by words of their names (Vietnamese or English), ids and publishers; diacritics and case are ignored " +
      "(“cho 4.0” finds Chợ 4.0, “thai nguyen” finds Tỉnh Thái Nguyên). Every word must occur. Ranked: whole-word matches first, then indicators, areas, sources; " +
      "an area appears once (its best-matching, most recent version). Errors with BAD_USER_INPUT for a query without letters or digits, " +
      `longer than ${MAX_SEARCH_LENGTH} characters or of more than ${MAX_SEARCH_WORDS} words, and for \`first\` outside 1–100.`,
  })
  async search(
    @Arg("q", () => String, { description: "Search words, e.g. `nong thon moi`, `Phú Bình`, `DTI`." }) q: string,
    @Arg("first", () => Int, { defaultValue: SEARCH_DEFAULT_RESULTS, description: `How many results: 1 to ${SEARCH_MAX_RESULTS}, default ${SEARCH_DEFAULT_RESULTS}.` }) first: number,
    @Ctx() { db }: Context,
  ): Promise<Array<Indicator | Area | Source>> {
    if (!Number.isInteger(first) || first < 1 || first > SEARCH_MAX_RESULTS) {
      throw badUserInput(`"first" must be between 1 and ${SEARCH_MAX_RESULTS} (got ${first}).`, "first");
    }
    checkSearchLength(q, "q");
    const tokens = searchTokens(q);
    if (tokens.length === 0) throw badUserInput(`"q" must contain at least one letter or digit, e.g. "cho 4.0" or "nong thon moi".`, "q");
    checkSearchWords(tokens, "q");

    const [indicators, areas, sources] = await Promise.all([searchRows(db, "indicators", tokens), searchRows(db, "areas", tokens), searchRows(db, "sources", tokens)]);
    const candidates: Candidate<Indicator | Area | Source>[] = [
      ...indicators.map((r) => ({ kind: "indicator" as const, item: Indicator.from(r), names: [r.name, r.name_en, r.id], searchText: r.search_text, order: r.position })),
      ...areas.map((r) => ({
        kind: "area" as const, item: Area.from(r), names: [r.full_name, r.name, r.name_en, r.full_name_en], searchText: r.search_text,
        order: (AREA_LEVEL_ORDER[r.level] ?? 3) * 2 + (r.valid_to === null ? 0 : 1),
      })),
      ...sources.map((r) => ({ kind: "source" as const, item: Source.from(r), names: [r.title, r.title_en ?? "", r.id], searchText: r.search_text, order: 0 })),
    ];
    const ranked = rank(candidates, tokens, (c) => (c.kind === "area" ? `area:${(c.item as Area).code}` : `${c.kind}:${(c.item as { id: string }).id}`));
    return ranked.slice(0, first).map((c) => c.item);
  }
}
