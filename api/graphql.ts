/**
 * The Apollo Server instance of the portal: the type-graphql schema, no mutations,
 * introspection on (the schema is the public data dictionary), the query limits of
 * api/http/limits.ts, stack traces never sent and internal errors masked.
 */
// Before any type-graphql class is evaluated (limits.ts imports the page arguments).
import "reflect-metadata";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { GraphQLFormattedError } from "graphql";
import { shortenEchoes } from "./http/errors.js";
import { queryLimitRules, costLimitPlugin, DEFAULT_LIMITS, type Limits } from "./http/limits.js";
import type { Logger } from "./http/log.js";
import type { ListSizes } from "./db/list-sizes.js";
import { limitListFields, type AnswerBudget, type Deadline } from "./http/answer-budget.js";
import type { Context } from "./schema/context.js";
import { portalSchema } from "./schema/index.js";

/** The resolvers' context plus what the HTTP layer adds for one request. */
export interface ApiContext extends Context {
  requestId: string;
  /** Past its time the request's database refuses further queries and its lists refuse to resolve (api/http/graphql-handler.ts). */
  deadline: Deadline;
  /** What this execution may still produce (api/http/answer-budget.ts). */
  budget: AnswerBudget;
  /** The real list sizes of the database serving the request, for the cost limit. */
  listSizes: ListSizes;
}

/** Codes a client may see; anything else is an internal error and is masked. */
export const PUBLIC_CODES = new Set([
  "BAD_USER_INPUT", "NOT_FOUND", "QUERY_TOO_COMPLEX", "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST", "PAYLOAD_TOO_LARGE", "PERSISTED_QUERY_NOT_SUPPORTED",
]);

const INTERNAL_MESSAGE = "Internal server error. The problem has been logged; please try again later.";

/**
 * The code a client sees: Apollo wraps validation-rule errors (our limits) as
 * GRAPHQL_VALIDATION_FAILED, so the original error's public code wins; an unknown
 * operation is a bad request.
 */
export function publicCode(formatted: GraphQLFormattedError, error: unknown): string | null {
  const original = (error as { originalError?: { extensions?: Record<string, unknown> } } | undefined)?.originalError?.extensions?.code;
  if (typeof original === "string" && PUBLIC_CODES.has(original)) return original;
  const code = String(formatted.extensions?.code ?? "INTERNAL_SERVER_ERROR");
  if (code === "OPERATION_RESOLUTION_FAILURE") return "BAD_REQUEST";
  return PUBLIC_CODES.has(code) ? code : null;
}

/** Keep user errors as they are (without stack traces); mask internal ones (logged with the request id by the plugin below). */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (formatted.message === "Validation aborted.") {
    // graphql-js stops comparing fields of one selection past a work budget (quadratic in their number).
    return { message: "The query repeats too many fields or fragments in one selection to be checked (more than about 1000): remove the repeats, or split the query.", extensions: { code: "QUERY_TOO_COMPLEX", limit: "validation" } };
  }
  const code = publicCode(formatted, error);
  if (code) {
    const { stacktrace: _drop, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    const originalExtensions = (error as { originalError?: { extensions?: Record<string, unknown> } })?.originalError?.extensions ?? {};
    return { ...formatted, message: shortenEchoes(formatted.message), extensions: { ...originalExtensions, ...extensions, code } };
  }
  return { message: INTERNAL_MESSAGE, locations: formatted.locations, path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}

/** Log every error that formatError will mask, with the request id that the client gets. */
function internalErrorLogPlugin(logger: Logger, onInternalError?: (message: string, error: unknown) => void): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            if (publicCode({ message: error.message, extensions: error.extensions }, error)) continue;
            logger.error({ reqId: contextValue.requestId, operationName, path: error.path, err: error.originalError ?? error }, "graphql internal error");
            onInternalError?.("graphql internal error", error.originalError ?? error);
          }
        },
      };
    },
  };
}

export interface ApolloOptions {
  limits?: Limits;
  logger: Logger;
  /** Also told about internal errors (e.g. the site build prints them). */
  onInternalError?: (message: string, error: unknown) => void;
}

/** Create and start the Apollo server (not bound to a port: api/server.ts routes to it). */
export async function createApollo({ limits = DEFAULT_LIMITS, logger, onInternalError }: ApolloOptions): Promise<ApolloServer<ApiContext>> {
  const schema = await portalSchema();
  // Every list is held to the request's answer budget (idempotent: the fast path does the same).
  limitListFields(schema);
  const apollo = new ApolloServer<ApiContext>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // Read-only, cookie-less public API: CSRF cannot change state or read private data,
    // and plain GET links (curl, a browser) must work. See README "Why no CSRF preflight".
    csrfPrevention: false,
    // Every request carries its whole query; answers are cached by data version instead.
    persistedQueries: false,
    // Shutdown is api/main.ts's job (finish in-flight requests, exit 0); Apollo's own handler
    // would re-raise SIGTERM and kill the process mid-shutdown.
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: queryLimitRules(limits),
    logger: logger.child({ component: "apollo" }),
    // Caching is decided from the data version (ETag), not per field.
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      costLimitPlugin(limits) as unknown as ApolloServerPlugin<ApiContext>,
      internalErrorLogPlugin(logger, onInternalError),
    ],
    formatError,
  });
  await apollo.start();
  return apollo;
}
