/** The search index of the static site (indicators, areas, sources with folded text), for the search pages' script. */
import type { APIRoute } from "astro";
import { searchDocs } from "../../lib/search-index";

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await searchDocs()), { headers: { "content-type": "application/json; charset=utf-8" } });
