/**
 * The API's limits, in one place: every number a client can run into, the messages that
 * name them, and the Apollo pieces that enforce them (graphql-armor for depth, aliases and
 * directives; graphql-query-complexity for cost; graphql-js for tokens).
 */
import { createRequire } from "node:module";
import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import {
  GraphQLError,
  getNullableType,
  isListType,
  parse,
  type DocumentNode,
  type GraphQLField,
  type GraphQLSchema,
  type ValidationContext,
} from "graphql";
import { DEFAULT_PAGE_SIZE, toPage } from "../schema/common/page.js";

export interface Limits {
  /** Nested fields below the root (fragments flattened; introspection under __schema not counted). */
  maxDepth: number;
  /** Aliases in one operation. */
  maxAliases: number;
  /** Directives (@include, @skip, ...) in one operation. */
  maxDirectives: number;
  /** Lexical tokens of the query document. */
  maxTokens: number;
  /** Estimated cost: see estimateFieldCost. */
  maxCost: number;
  /** Assumed length of a list without `first` (Indicator.observations, Source.indicators, ...). */
  listSizeEstimate: number;
  /** Nesting of arrays and objects in `variables` (the schema's inputs are flat). */
  maxVariablesDepth: number;
  /** Bytes of a POST body. */
  maxBodyBytes: number;
  /** Bytes of the query string of a GET URL (after `?`). */
  maxQueryStringBytes: number;
  /** Bytes of the request line and headers (Node's maxHeaderSize); above it 431. */
  maxHeaderBytes: number;
  /** Time to execute one operation; above it 503. */
  timeLimitMs: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxDepth: 12,
  maxAliases: 30,
  maxDirectives: 20,
  maxTokens: 2000,
  maxCost: 100_000,
  listSizeEstimate: 10,
  maxVariablesDepth: 20,
  maxBodyBytes: 100 * 1024,
  maxQueryStringBytes: 16 * 1024,
  maxHeaderBytes: 32 * 1024,
  timeLimitMs: 10_000,
});

/** A limit error: code QUERY_TOO_COMPLEX, the limit's name and number in extensions. */
export function tooComplex(message: string, limit: string, max: number, found?: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "QUERY_TOO_COMPLEX", limit, max, ...(found === undefined ? {} : { found }) } });
}

/**
 * Parse with the token limit (graphql-js counts tokens while lexing, so a huge document
 * is refused before it is built).
 * @throws QUERY_TOO_COMPLEX over the limit; the parser's GraphQLError for a syntax error.
 */
export function parseWithLimit(query: string, maxTokens: number): DocumentNode {
  try {
    return parse(query, { maxTokens, noLocation: false });
  } catch (error) {
    if (error instanceof GraphQLError && /contains more th\w+ \d+ tokens/.test(error.message)) {
      throw tooComplex(`The query has more than ${maxTokens} tokens (names, punctuation, values), the limit. Ask for fewer fields or split the query.`, "tokens", maxTokens);
    }
    throw error;
  }
}

/** What armor checks, how to name it, and what to do about it. */
const ARMOR_LIMITS = {
  depth: { what: "Query depth", hint: "Nest fewer fields, or split the query." },
  aliases: { what: "Number of aliases", hint: "Use fewer aliases (list queries such as `indicators` return many items at once)." },
  directives: { what: "Number of directives", hint: "Use fewer directives." },
} as const;

/** Report armor's rejection ("Query depth limit of 12 exceeded, found 30.") as QUERY_TOO_COMPLEX saying what is allowed. */
function armorRejection(limit: keyof typeof ARMOR_LIMITS, max: number) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const found = Number(/found (\d+)/.exec(error.message)?.[1] ?? NaN);
    const { what, hint } = ARMOR_LIMITS[limit];
    const message = `${what} ${Number.isFinite(found) ? `is ${found}; ` : "exceeds "}the limit is ${max}. ${hint}`;
    context?.reportError(tooComplex(message, limit, max, Number.isFinite(found) ? found : undefined));
  };
}

/**
 * Validation rules for depth, aliases and directives (graphql-armor). Armor's own cost
 * limit is off: it multiplies only by literal `first` values (not variables) and ignores
 * lists without `first`, so `sources { indicators { sources { indicators ... } } }` passes
 * it while the answer grows exponentially; estimateCost below covers both. Field
 * suggestions stay on: the schema is public (introspection is on), so they leak nothing.
 */
export function armorValidationRules(limits: Limits) {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true, propagateOnRejection: false, onReject: [armorRejection("depth", limits.maxDepth)] },
    maxAliases: { n: limits.maxAliases, propagateOnRejection: false, onReject: [armorRejection("aliases", limits.maxAliases)] },
    maxDirectives: { n: limits.maxDirectives, propagateOnRejection: false, onReject: [armorRejection("directives", limits.maxDirectives)] },
    // Tokens are counted by the parser (parseWithLimit, Apollo's parseOptions).
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  return armor.protect().validationRules;
}

// graphql-query-complexity's CommonJS build, required (not imported): it shares the one
// graphql-js copy that type-graphql's schema is built with (its ESM build imports
// graphql/index.mjs, a second copy whose instanceof checks fail on our types).
const { getComplexity } = createRequire(import.meta.url)("graphql-query-complexity") as typeof import("graphql-query-complexity");

interface EstimatorArgs {
  field: GraphQLField<unknown, unknown>;
  args: Record<string, unknown>;
  childComplexity: number;
  type: { name: string };
}

/**
 * Cost of one field: 1, plus its selection times the number of items it may return — `first`
 * (default 100) for a paginated list, `listSizeEstimate` for any other list, 1 otherwise. Items of a
 * connection (`nodes`, `edges`) are already counted by `first`. Introspection costs 1 per field:
 * its size is bounded by the schema, and its depth by graphql-js (MaxIntrospectionDepthRule).
 * Validates `first` and `after` as the resolvers do, so a bad page is refused before execution.
 */
export function estimateFieldCost(limits: Limits) {
  return ({ field, args, childComplexity, type }: EstimatorArgs): number => {
    if (type.name.startsWith("__") || field.name.startsWith("__")) return 1 + childComplexity;
    if (field.args.some((a) => a.name === "first")) {
      const page = toPage(args as { first?: number | null; after?: string | null });
      return 1 + page.limit * childComplexity;
    }
    if (isListType(getNullableType(field.type)) && !type.name.endsWith("Connection")) return 1 + limits.listSizeEstimate * childComplexity;
    return 1 + childComplexity;
  };
}

/** The estimated cost of an operation, or null when its variables do not coerce (execution reports that). */
export function estimateCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown> | undefined, limits: Limits): number | null {
  try {
    return getComplexity({ schema, query: document, operationName, variables: variables ?? {}, estimators: [estimateFieldCost(limits) as never] });
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions?.code === "BAD_USER_INPUT") throw error;
    if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) return Number.POSITIVE_INFINITY;
    return null;
  }
}

/**
 * Apollo plugin: refuse an operation whose estimated cost exceeds maxCost, after validation
 * and before execution (variables are known then, so `first: $n` counts too).
 */
export function costLimitPlugin(limits: Limits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          const cost = estimateCost(schema, document, operationName ?? request.operationName ?? undefined, request.variables, limits);
          if (cost !== null && cost > limits.maxCost) {
            const found = Number.isFinite(cost) ? Math.round(cost) : undefined;
            throw tooComplex(
              `Estimated query cost is ${found ?? "too large to count"}; the limit is ${limits.maxCost}. ` +
                `Each field costs 1 and a list multiplies its fields by \`first\` (default ${DEFAULT_PAGE_SIZE}) or by ${limits.listSizeEstimate} for lists without \`first\`. Lower \`first\`, ask for fewer nested lists, or split the query.`,
              "cost", limits.maxCost, found,
            );
          }
        },
      };
    },
  };
}
