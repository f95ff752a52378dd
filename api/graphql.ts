/**
 * The Apollo Server instance of the portal: the type-graphql schema, no mutations,
 * introspection on (the schema is the public data dictionary), stack traces never sent.
 */
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { GraphQLFormattedError } from "graphql";
import type { Context } from "./schema/context.js";
import { portalSchema } from "./schema/index.js";

/** Codes a client may see; anything else is an internal error and is masked. */
const PUBLIC_CODES = new Set([
  "BAD_USER_INPUT", "NOT_FOUND", "QUERY_TOO_COMPLEX", "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST", "PERSISTED_QUERY_NOT_FOUND", "PERSISTED_QUERY_NOT_SUPPORTED", "OPERATION_RESOLUTION_FAILURE",
]);

/** Keep user errors as they are; mask internal ones (logged by the caller with a request id). */
export function formatError(formatted: GraphQLFormattedError, error: unknown, log: (error: unknown) => void = console.error): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? "INTERNAL_SERVER_ERROR");
  if (PUBLIC_CODES.has(code)) {
    const { stacktrace: _drop, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    return { ...formatted, extensions: { ...extensions, code } };
  }
  log(error);
  return { message: "Internal server error. The problem has been logged; please try again later.", locations: formatted.locations, path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}

/** Create and start the Apollo server (not bound to a port: api/server.ts routes to it). */
export async function createApollo(log?: (error: unknown) => void): Promise<ApolloServer<Context>> {
  const apollo = new ApolloServer<Context>({
    schema: await portalSchema(),
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // Read-only, cookie-less public API: CSRF cannot change state or read private data,
    // and plain GET links (curl, a browser) must work. See README "Why no CSRF preflight".
    csrfPrevention: false,
    // Caching is decided from the data version (ETag), not per field.
    plugins: [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageDisabled()],
    formatError: (formatted, error) => formatError(formatted, error, log),
  });
  await apollo.start();
  return apollo;
}
