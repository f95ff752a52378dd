/**
 * A small GraphQL-over-HTTP client for the download generator: it reads the portal only
 * through the public API, as any researcher could, so the files hold exactly what the API says.
 * It takes the typed documents generated from ./queries.ts (`npm run codegen`).
 */
import type { TypedDocumentString } from "./graphql/graphql.js";

/** Variables are optional for a query whose variables are all optional. */
type VariablesArgument<V> = Record<string, never> extends V ? [variables?: V] : [variables: V];

export class GraphqlRequestError extends Error {
  name = "GraphqlRequestError";
}

export interface GraphqlClient {
  endpoint: string;
  request<R, V>(document: TypedDocumentString<R, V>, ...[variables]: VariablesArgument<V>): Promise<R>;
}

/** The /graphql endpoint of a server URL (`http://host:port`, `http://host:port/graphql` or with a trailing slash). */
export function graphqlEndpoint(apiUrl: string): string {
  const url = new URL(apiUrl);
  if (!/\/graphql\/?$/.test(url.pathname)) url.pathname = `${url.pathname.replace(/\/+$/, "")}/graphql`;
  return url.toString();
}

/** A client that POSTs JSON and throws on HTTP or GraphQL errors, naming the operation and the messages. */
export function createGraphqlClient(apiUrl: string): GraphqlClient {
  const endpoint = graphqlEndpoint(apiUrl);
  return {
    endpoint,
    async request<R, V>(document: TypedDocumentString<R, V>, ...[variables]: VariablesArgument<V>): Promise<R> {
      const query = document.toString();
      const operation = /(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? "anonymous query";
      let response: Response | undefined;
      // Sent twice at most: a kept-alive connection the server has just closed fails the first try
      // (more likely after a long busy stretch, e.g. writing workbooks); the API is read-only.
      for (let attempt = 1; !response; attempt++) {
        try {
          response = await fetch(endpoint, {
            method: "POST",
            headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json" },
            body: JSON.stringify({ query, variables: variables ?? {} }),
          });
        } catch (error) {
          if (attempt < 2) continue;
          const cause = (error as { cause?: { code?: string } }).cause?.code;
          throw new GraphqlRequestError(`Cannot reach the API at ${endpoint} (${operation}): ${(error as Error).message}${cause ? ` (${cause})` : ""}. Is the server running?`);
        }
      }
      const text = await response.text();
      let body: { data?: R; errors?: { message: string; extensions?: { code?: string } }[] };
      try {
        body = JSON.parse(text);
      } catch {
        throw new GraphqlRequestError(`The API at ${endpoint} answered ${operation} with HTTP ${response.status} and no JSON: ${text.slice(0, 200)}`);
      }
      if (body.errors?.length) {
        const messages = body.errors.map((e) => `${e.extensions?.code ?? "ERROR"}: ${e.message}`).join("; ");
        throw new GraphqlRequestError(`The API at ${endpoint} refused ${operation} (HTTP ${response.status}): ${messages}`);
      }
      if (!response.ok || body.data === undefined) throw new GraphqlRequestError(`The API at ${endpoint} answered ${operation} with HTTP ${response.status} and no data.`);
      return body.data;
    },
  };
}

interface Connection<N> {
  nodes: N[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * Every node of a paginated list: runs `document` with `$after` until the last page.
 * `select` picks the connection out of the answer.
 */
export async function fetchAll<R, N>(
  client: GraphqlClient,
  document: TypedDocumentString<R, { after?: string | null }>,
  select: (data: R) => Connection<N>,
): Promise<N[]> {
  const nodes: N[] = [];
  let after: string | null = null;
  for (;;) {
    const connection = select(await client.request(document, { after }));
    nodes.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage) return nodes;
    if (!connection.pageInfo.endCursor || connection.pageInfo.endCursor === after) throw new GraphqlRequestError(`Pagination of ${client.endpoint} did not advance after cursor ${after}.`);
    after = connection.pageInfo.endCursor;
  }
}
