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
  type ASTVisitor,
  getNullableType,
  isListType,
  parse,
  type DocumentNode,
  type GraphQLField,
  type GraphQLSchema,
  type ValidationContext,
} from "graphql";
import type { ListSizes } from "../db/list-sizes.js";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, toPage } from "../schema/common/page.js";

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
  /** Values (objects and fields) one answer may hold, counted while it executes (answer-budget.ts). */
  maxAnswerValues: number;
  /** Bytes of one answer's JSON. */
  maxAnswerBytes: number;
  /** `__schema` fields in one operation (each is a whole copy of the schema). */
  maxSchemaIntrospections: number;
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
  maxAnswerValues: 250_000,
  maxAnswerBytes: 10 * 1024 * 1024,
  maxSchemaIntrospections: 1,
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
 * Validation rules for depth, aliases and directives (graphql-armor) and repeats of
 * `__schema` (schemaIntrospectionLimit). Armor's own cost
 * limit is off: it multiplies only by literal `first` values (not variables) and ignores
 * lists without `first`, so `sources { indicators { sources { indicators ... } } }` passes
 * it while the answer grows exponentially; estimateCost below covers both. Field
 * suggestions stay on: the schema is public (introspection is on), so they leak nothing.
 */
export function queryLimitRules(limits: Limits) {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true, propagateOnRejection: false, onReject: [armorRejection("depth", limits.maxDepth)] },
    // allowList empty: armor's default lets any alias *named* __typename through uncounted
    // (`__typename: observations { … }` a thousand times was never refused).
    maxAliases: { n: limits.maxAliases, allowList: [], propagateOnRejection: false, onReject: [armorRejection("aliases", limits.maxAliases)] },
    maxDirectives: { n: limits.maxDirectives, propagateOnRejection: false, onReject: [armorRejection("directives", limits.maxDirectives)] },
    // Tokens are counted by the parser (parseWithLimit, Apollo's parseOptions).
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  return [...armor.protect().validationRules, schemaIntrospectionLimit(limits)];
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
 * Cost of one field: 1, plus its selection times the number of items it may return: for a
 * list with pages, `first` (default 100) but never more than the list's real maximum; for any
 * other list, its real maximum (measured from the database, api/db/list-sizes.ts; a list the
 * measurement does not know counts as a full page of 1,000); 1 otherwise. Items of a
 * connection (`nodes`, `edges`) are already counted by `first`. Introspection costs 1 per
 * field: its size is bounded by the schema, its depth by graphql-js (MaxIntrospectionDepthRule)
 * and its repeats by maxSchemaIntrospections. Validates `first` and `after` as the resolvers
 * do, so a bad page is refused before execution.
 */
export function estimateFieldCost(listSizes: ListSizes) {
  return ({ field, args, childComplexity, type }: EstimatorArgs): number => {
    if (type.name.startsWith("__") || field.name.startsWith("__")) return 1 + childComplexity;
    const known = listSizes[`${type.name}.${field.name}`];
    if (field.args.some((a) => a.name === "first")) {
      const page = toPage(args as { first?: number | null; after?: string | null });
      return 1 + Math.min(page.limit, known ?? page.limit) * childComplexity;
    }
    if (isListType(getNullableType(field.type)) && !type.name.endsWith("Connection")) return 1 + (known ?? MAX_PAGE_SIZE) * childComplexity;
    return 1 + childComplexity;
  };
}

/** The estimated cost of an operation, or null when its variables do not coerce (execution reports that). */
export function estimateCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown> | undefined, listSizes: ListSizes): number | null {
  try {
    return getComplexity({ schema, query: document, operationName, variables: variables ?? {}, estimators: [estimateFieldCost(listSizes) as never] });
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions?.code === "BAD_USER_INPUT") throw error;
    if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) return Number.POSITIVE_INFINITY;
    return null;
  }
}

/** The refusal of a query whose estimated cost is over the limit, saying what to do instead. */
export function costTooHigh(cost: number, limits: Limits): GraphQLError {
  const found = Number.isFinite(cost) ? Math.round(cost) : undefined;
  return tooComplex(
    `Estimated query cost is ${found ?? "too large to count"}; the limit is ${limits.maxCost}. ` +
      `Each field costs 1 and a list multiplies its fields by the most items it can return: \`first\` (default ${DEFAULT_PAGE_SIZE}) for lists with pages, ` +
      "the largest list in the data for the others (Area.children: every unit under the province). Lower `first`, ask for fewer nested lists " +
      "(fetch the units of a level with `areas(level:, withinCode:, asOf:)` instead of `children { children { … } }`), or split the query.",
    "cost", limits.maxCost, found,
  );
}

/**
 * Apollo plugin: refuse an operation whose estimated cost exceeds maxCost, after validation
 * and before execution (variables are known then, so `first: $n` counts too). The list sizes
 * are those of the database that serves the request (in its context).
 */
export function costLimitPlugin(limits: Limits): ApolloServerPlugin<{ listSizes: ListSizes }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName, contextValue }) {
          const cost = estimateCost(schema, document, operationName ?? request.operationName ?? undefined, request.variables, contextValue.listSizes);
          if (cost !== null && cost > limits.maxCost) throw costTooHigh(cost, limits);
        },
      };
    },
  };
}

/**
 * Validation rule: at most maxSchemaIntrospections `__schema` fields per document. One is a
 * whole copy of the schema (about 200 KB); thirty aliased copies were 30 times that for a
 * query of a few hundred bytes.
 */
export function schemaIntrospectionLimit(limits: Limits) {
  return (context: ValidationContext): ASTVisitor => {
    let seen = 0;
    return {
      Field(node) {
        if (node.name.value !== "__schema" || ++seen !== limits.maxSchemaIntrospections + 1) return;
        context.reportError(tooComplex(
          `The operation asks for the schema (\`__schema\`) more than ${limits.maxSchemaIntrospections} time(s), the limit. Ask once; the schema is also at /schema.graphql.`,
          "schemaIntrospections", limits.maxSchemaIntrospections, seen,
        ));
      },
    };
  };
}
