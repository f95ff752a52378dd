/**
 * Response media type and status code, as the GraphQL-over-HTTP spec sets them:
 * `application/graphql-response+json` when the client accepts it (preferred over
 * `application/json` only when ranked higher; `*` and a missing Accept mean application/json).
 */

export const GRAPHQL_RESPONSE_JSON = "application/graphql-response+json";
export const APPLICATION_JSON = "application/json";
export type MediaType = typeof GRAPHQL_RESPONSE_JSON | typeof APPLICATION_JSON;

interface Range {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(header: string): Range[] {
  return header
    .split(",")
    .map((part) => {
      const [range = "", ...params] = part.trim().split(";");
      const [type = "", subtype = ""] = range.trim().toLowerCase().split("/");
      const qParam = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith("q="));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      return { type, subtype, q: Number.isFinite(q) ? q : 0 };
    })
    .filter((r) => r.type && r.subtype);
}

/** Quality the Accept ranges give a media type: the most specific matching range wins. */
function quality(ranges: Range[], mediaType: string): number {
  const [type, subtype] = mediaType.split("/");
  let best = -1;
  let bestSpecificity = -1;
  for (const r of ranges) {
    const specificity = r.type === type && r.subtype === subtype ? 2 : r.type === type && r.subtype === "*" ? 1 : r.type === "*" && r.subtype === "*" ? 0 : -1;
    if (specificity > bestSpecificity) {
      bestSpecificity = specificity;
      best = r.q;
    }
  }
  return best;
}

/** The media type to answer with, or null when the client accepts neither JSON type (406). */
export function chooseMediaType(accept: string | undefined): MediaType | null {
  if (!accept || !accept.trim()) return APPLICATION_JSON;
  const ranges = parseAccept(accept);
  const graphqlQ = quality(ranges, GRAPHQL_RESPONSE_JSON);
  const jsonQ = quality(ranges, APPLICATION_JSON);
  if (graphqlQ <= 0 && jsonQ <= 0) return null;
  return graphqlQ > jsonQ ? GRAPHQL_RESPONSE_JSON : APPLICATION_JSON;
}

/** True when a browser asks for a page (text/html ranked above JSON), e.g. someone opening /graphql. */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranges = parseAccept(accept);
  const html = quality(ranges, "text/html");
  return html > 0 && html > Math.max(quality(ranges, APPLICATION_JSON), quality(ranges, GRAPHQL_RESPONSE_JSON)) && ranges.some((r) => r.type === "text" && r.subtype === "html");
}

export interface ResultShape {
  data?: unknown;
  errors?: readonly { extensions?: Record<string, unknown> }[];
}

/**
 * Status of a GraphQL response. With data (even null: execution started) 200. A request
 * error (parse, validation, limits, variables: no data) is 400 for graphql-response+json and
 * 200 for application/json, where a 4xx would be indistinguishable from a proxy's error.
 * An internal error without data is 500 for both.
 */
export function statusFor(result: ResultShape, mediaType: MediaType): number {
  if ("data" in result && result.data !== undefined) return 200;
  if (!result.errors?.length) return 200;
  if (result.errors.some((e) => e.extensions?.code === "INTERNAL_SERVER_ERROR")) return 500;
  return mediaType === GRAPHQL_RESPONSE_JSON ? 400 : 200;
}
