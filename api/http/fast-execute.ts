/**
 * The fast path for an operation that passes every check: validated once per query text
 * (same rules as Apollo: graphql-js's and the limits'), compiled once with graphql-jit, then
 * executed without Apollo's request pipeline. Anything else — a validation error, a cost over
 * the limit, variables that do not coerce, any error during execution — returns null, and the
 * handler runs the operation through Apollo, which gives the documented errors. The API is
 * read-only, so running a failed operation again is safe.
 */
import { execute, specifiedRules, validate, type DocumentNode, type ExecutionResult, type GraphQLSchema, type ValidationRule } from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";
import { LRUCache } from "lru-cache";
import type { ApiContext } from "../graphql.js";
import { armorValidationRules, estimateCost, type Limits } from "./limits.js";

interface Prepared {
  valid: boolean;
  /** Null: graphql-jit could not compile it; graphql-js executes it. */
  compiled: CompiledQuery | null;
  /** Estimated cost without variables (null until computed). */
  cost: number | null;
}

export interface FastExecutor {
  /** The result of an operation without errors, or null to run it through Apollo. */
  run(document: DocumentNode, query: string, operationName: string | undefined, variables: Record<string, unknown> | undefined, contextValue: ApiContext): Promise<ExecutionResult | null>;
}

/** `jit: false` executes with graphql-js (same checks, no compilation). */
export function createFastExecutor(schema: GraphQLSchema, limits: Limits, { jit = true, maxDocuments = 1000 } = {}): FastExecutor {
  const rules: ValidationRule[] = [...specifiedRules, ...armorValidationRules(limits)];
  // Bounded: documents are small (≤ 2,000 tokens) but the set of query texts is open.
  const prepared = new LRUCache<string, Prepared>({ max: maxDocuments });

  function prepare(document: DocumentNode, query: string, operationName: string | undefined): Prepared {
    const key = `${operationName ?? ""}\u0000${query}`;
    let entry = prepared.get(key);
    if (!entry) {
      const valid = validate(schema, document, rules).length === 0;
      let compiled: CompiledQuery | null = null;
      if (valid && jit) {
        try {
          const result = compileQuery(schema, document, operationName);
          if (isCompiledQuery(result)) compiled = result;
        } catch {
          compiled = null;
        }
      }
      entry = { valid, compiled, cost: null };
      prepared.set(key, entry);
    }
    return entry;
  }

  return {
    async run(document, query, operationName, variables, contextValue) {
      const entry = prepare(document, query, operationName);
      if (!entry.valid) return null;
      const noVariables = !variables || Object.keys(variables).length === 0;
      let cost = noVariables ? entry.cost : null;
      if (cost === null) {
        try {
          cost = estimateCost(schema, document, operationName, variables, limits);
        } catch {
          return null;
        }
        if (cost === null) return null;
        if (noVariables) entry.cost = cost;
      }
      if (cost > limits.maxCost) return null;
      const ok = (result: ExecutionResult) => !result.errors?.length && result.data != null;
      const byGraphqlJs = () => execute({ schema, document, operationName, variableValues: variables, contextValue });
      if (!entry.compiled) {
        const result = await byGraphqlJs();
        return ok(result) ? result : null;
      }
      const compiled = await entry.compiled.query(undefined, contextValue, variables ?? {});
      if (ok(compiled)) return compiled;
      // graphql-jit fails where graphql-js does not on a few documents (e.g. type-graphql's
      // asynchronous resolveType of a union, in `search`): those stay with graphql-js.
      const result = await byGraphqlJs();
      if (!ok(result)) return null;
      entry.compiled = null;
      return result;
    },
  };
}
