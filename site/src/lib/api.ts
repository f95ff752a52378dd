/**
 * A tiny GraphQL client for build time: POST to PORTAL_API_URL (set by site/build.ts).
 * It takes the typed documents generated from ./queries.ts (`npm run codegen`) and returns
 * their typed answers.
 * Identical queries within one build are sent once (the promise is cached).
 * English area names get their Vietnamese letters back (lib/names.ts: “Thái Nguyên Province”).
 */
import type { TypedDocumentString } from "./graphql/graphql";
import { restoreAreaNames } from "./names";

export class GraphqlRequestError extends Error {
  constructor(message: string, readonly codes: string[] = []) {
    super(message);
    this.name = "GraphqlRequestError";
  }
}

interface GraphqlResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

const cache = new Map<string, Promise<unknown>>();

function apiUrl(): string {
  const url = process.env.PORTAL_API_URL;
  if (!url) throw new GraphqlRequestError("PORTAL_API_URL is not set: build the site with `npm run site:build`, which starts the API.");
  return url;
}

/** Variables are optional for a query whose variables are all optional. */
type VariablesArgument<V> = Record<string, never> extends V ? [variables?: V] : [variables: V];

/** Run a query; throws GraphqlRequestError with the API's messages when it answers with errors. */
export function gql<R, V>(document: TypedDocumentString<R, V>, ...[variables]: VariablesArgument<V>): Promise<R> {
  const query = document.toString();
  const vars = (variables ?? {}) as Record<string, unknown>;
  const key = JSON.stringify([query, vars]);
  let pending = cache.get(key) as Promise<R> | undefined;
  if (!pending) {
    pending = send<R>(query, vars);
    cache.set(key, pending);
    // A failed request is not cached: the build fails anyway, and a retry should ask again.
    pending.catch(() => cache.delete(key));
  }
  return pending;
}

async function send<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const url = apiUrl();
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new GraphqlRequestError(`Cannot reach the API at ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let body: GraphqlResponse<T>;
  try {
    body = (await response.json()) as GraphqlResponse<T>;
  } catch {
    throw new GraphqlRequestError(`The API at ${url} answered HTTP ${response.status} without JSON.`);
  }
  if (body.errors?.length) {
    const codes = body.errors.map((e) => e.extensions?.code ?? "UNKNOWN");
    const messages = body.errors.map((e) => `${e.message} [${e.extensions?.code ?? "UNKNOWN"}]`).join("; ");
    throw new GraphqlRequestError(`GraphQL error: ${messages}\nQuery: ${query.replace(/\s+/g, " ").trim()}\nVariables: ${JSON.stringify(variables)}`, codes);
  }
  if (!response.ok || body.data == null) throw new GraphqlRequestError(`The API at ${url} answered HTTP ${response.status} without data.`);
  return restoreAreaNames(body.data);
}
