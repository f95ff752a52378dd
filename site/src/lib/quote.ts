/**
 * The GraphQL query and curl command that reproduce one value or one indicator, as the pages
 * show them. curl needs -g (it reads braces as URL globbing); the URL form uses commas instead
 * of spaces, which GraphQL reads as spaces and a URL can carry.
 */
import type { Lang } from "./labels";

const fields = (lang: Lang) => (lang === "vi" ? ["value", "fact", "permalink", "source { title url }"] : ["value", "fact(lang: EN)", "permalink(lang: EN)", "source { title url }"]);

/** `{ observation(id: "…") { value fact permalink source { title url } } }` (English text with lang: EN). */
export function observationQuery(id: string, lang: Lang): string {
  return `{ observation(id: ${JSON.stringify(id)}) { ${fields(lang).join(" ")} } }`;
}

/** A query as it goes in a URL: no spaces (commas where words must stay apart). */
export function compactQuery(query: string): string {
  return query
    .replace(/\s*([{}():])\s*/g, "$1")
    .replace(/\s+/g, ",");
}

/** `curl -g '<endpoint>?query={observation(id:"…"){value,fact,permalink,source{title,url}}}'`. */
export function observationCurl(endpoint: string, id: string, lang: Lang): string {
  return `curl -g '${endpoint}?query=${compactQuery(observationQuery(id, lang))}'`;
}

/** The curl command that returns an indicator's values with their sources. */
export function indicatorCurl(endpoint: string, id: string, lang: Lang): string {
  const name = lang === "vi" ? "name" : "nameEn";
  const query = `{ indicator(id: ${JSON.stringify(id)}) { ${name} unit { name kind } observations { period { label start end } value status source { title url } } } }`;
  return `curl -g '${endpoint}?query=${compactQuery(query)}'`;
}
