/**
 * The fast path for an operation that passes every check: validated once per query text
 * (same rules as Apollo: graphql-js's and the limits'), compiled with graphql-jit when the
 * same text comes a second time, executed without Apollo's request pipeline. A valid operation
 * over the cost limit gets its refusal here (the error Apollo's cost plugin gives). Anything
 * else — a validation error, variables that do not coerce, any error during execution — returns
 * null, and the handler runs the operation through Apollo, which gives the documented errors.
 * The API is read-only, so running a failed operation again is safe.
 */
import { execute, type GraphQLError, isObjectType, isUnionType, specifiedRules, validate, type DocumentNode, type ExecutionResult, type GraphQLSchema, type ValidationRule } from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";
import { LRUCache } from "lru-cache";
import type { ApiContext } from "../graphql.js";
import type { ListSizes } from "../db/list-sizes.js";
import { limitListFields } from "./answer-budget.js";
import { COMPILED_BYTES_PER_FIELD, executedFieldCount, MAX_COMPILED_FIELDS } from "./document-size.js";
import { costTooHigh, queryLimitRules, estimateCost, type Limits } from "./limits.js";

interface Prepared {
  valid: boolean;
  /** What the entry holds in memory (document-size.ts). */
  bytes: number;
  /** Null: not compiled (yet, or graphql-jit could not); graphql-js executes it. */
  compiled: CompiledQuery | null;
  /** Whether to compile the document the next time it comes. */
  compile: "on-reuse" | "never";
  /** Fields its operations execute, fragments expanded (document-size.ts). */
  executedFields: number;
  /** Estimated cost without variables, for the list sizes it was computed with. */
  cost: { listSizes: ListSizes; value: number } | null;
}

/** A valid operation refused for its estimated cost: Apollo would validate and estimate it again only to say the same. */
export interface CostRefusal {
  refused: GraphQLError;
}

export interface FastExecutor {
  /** The result of an operation without errors, its cost refusal, or null to run it through Apollo. */
  run(document: DocumentNode, query: string, operationName: string | undefined, variables: Record<string, unknown> | undefined, contextValue: ApiContext): Promise<ExecutionResult | CostRefusal | null>;
}

/**
 * Drop type-graphql's resolver from fields that only read the same-named property (it wraps
 * every field, even a plain property, in a function that allocates per call): graphql-js and
 * graphql-jit then read the property themselves, which graphql-jit inlines. Same answers;
 * found by calling each such resolver once on a probe object.
 */
export function unwrapPropertyFields(schema: GraphQLSchema): number {
  let unwrapped = 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.resolve || !String(field.resolve).includes("root[fieldMetadata.name]")) continue;
      const read: PropertyKey[] = [];
      const probe = new Proxy({}, { get: (_target, key) => (read.push(key), PROBE) });
      let value: unknown;
      try {
        value = field.resolve(probe, {}, {}, {} as never);
      } catch {
        continue;
      }
      if (value === PROBE && read.length === 1 && read[0] === field.name) {
        field.resolve = undefined;
        unwrapped++;
      }
    }
  }
  return unwrapped;
}

const PROBE = Symbol("probe");

/**
 * type-graphql makes a union's resolveType asynchronous, which graphql-jit does not support:
 * a value whose class is named as one of the union's types resolves to that type at once
 * (type-graphql names a type after its class); anything else goes to the original.
 */
export function syncUnionTypes(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isUnionType(type) || !type.resolveType) continue;
    const original = type.resolveType;
    const names = new Set(type.getTypes().map((t) => t.name));
    type.resolveType = (value, context, info, abstractType) => {
      const name = (value as { constructor?: { name?: string } } | null)?.constructor?.name;
      return name && names.has(name) ? name : original(value, context, info, abstractType);
    };
  }
}

/** `jit: false` executes with graphql-js (same checks, no compilation). */
export function createFastExecutor(schema: GraphQLSchema, limits: Limits, { jit = true, maxDocuments = 1000, maxBytes = 64 * 1024 * 1024 } = {}): FastExecutor {
  unwrapPropertyFields(schema);
  syncUnionTypes(schema);
  limitListFields(schema);
  const rules: ValidationRule[] = [...specifiedRules, ...queryLimitRules(limits)];
  // Bounded by count and by the measured size of an entry: the set of query texts is open, and
  // a compiled document of 2,000 tokens can take megabytes.
  const prepared = new LRUCache<string, Prepared>({ max: maxDocuments, maxSize: maxBytes, sizeCalculation: (value) => value.bytes });

  function prepare(document: DocumentNode, query: string, operationName: string | undefined): Prepared {
    const key = `${operationName ?? ""}\u0000${query}`;
    let entry = prepared.get(key);
    if (!entry) {
      const valid = validate(schema, document, rules).length === 0;
      entry = { valid, compiled: null, compile: valid && jit ? "on-reuse" : "never", executedFields: executedFieldCount(document), cost: null, bytes: 2 * key.length + 256 };
      prepared.set(key, entry);
    } else if (entry.compile === "on-reuse") {
      // Compiled when a document comes back: a one-off document (or a flood of distinct ones)
      // costs no compilation, the site's and scripts' repeated queries run compiled. A very
      // large document stays with graphql-js: compiling it costs more than it saves.
      entry.compile = "never";
      if (entry.executedFields <= MAX_COMPILED_FIELDS) {
        try {
          const result = compileQuery(schema, document, operationName);
          if (isCompiledQuery(result)) entry.compiled = result;
        } catch {
          entry.compiled = null;
        }
      }
      if (entry.compiled) {
        entry.bytes += COMPILED_BYTES_PER_FIELD * entry.executedFields;
        // Set again so the cache counts the entry's new size (and evicts others if needed).
        prepared.set(key, entry);
      }
    }
    return entry;
  }

  return {
    async run(document, query, operationName, variables, contextValue) {
      const entry = prepare(document, query, operationName);
      if (!entry.valid) return null;
      const noVariables = !variables || Object.keys(variables).length === 0;
      const { listSizes } = contextValue;
      let cost = noVariables && entry.cost?.listSizes === listSizes ? entry.cost.value : null;
      if (cost === null) {
        try {
          cost = estimateCost(schema, document, operationName, variables, listSizes);
        } catch {
          return null;
        }
        if (cost === null) return null;
        if (noVariables) entry.cost = { listSizes, value: cost };
      }
      if (cost > limits.maxCost) return { refused: costTooHigh(cost, limits) };
      const ok = (result: ExecutionResult) => !result.errors?.length && result.data != null;
      const byGraphqlJs = () => execute({ schema, document, operationName, variableValues: variables, contextValue });
      if (!entry.compiled) {
        const result = await byGraphqlJs();
        return ok(result) ? result : null;
      }
      const compiled = await entry.compiled.query(undefined, contextValue, variables ?? {});
      if (ok(compiled)) return compiled;
      // Stopped by the answer budget: the handler refuses it; running it again would only repeat the work.
      if (contextValue.budget?.exceeded) return null;
      // graphql-jit fails where graphql-js does not on a few documents (e.g. type-graphql's
      // asynchronous resolveType of a union, in `search`): those stay with graphql-js.
      const result = await byGraphqlJs();
      if (!ok(result)) return null;
      entry.compiled = null;
      return result;
    },
  };
}
