/**
 * The answer budget: what one operation may produce while it executes, enforced as it runs.
 * The cost limit (limits.ts) refuses a query before execution from the real list sizes; this
 * is the second line for anything an estimate could miss. Every list field is wrapped once:
 * before it resolves, the request's deadline is checked (CPU-bound work issues no SQL and
 * never yields to the timer, so the time limit must be checked here too); after, its items
 * times the values each item selects are charged. Past either limit every further list
 * refuses at once, so the rest of the execution is cheap, and the handler answers
 * QUERY_TOO_COMPLEX without running the operation again.
 */
import {
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  isAbstractType,
  isListType,
  isObjectType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type SelectionNode,
} from "graphql";
import type { ListSizes } from "../db/list-sizes.js";
import { tooComplex } from "./limits.js";

/** Shared by every execution attempt of one request (fast path, then Apollo). */
export interface Deadline {
  /** performance.now() after which the operation is abandoned. */
  at: number;
  exceeded: boolean;
}

export class AnswerBudget {
  /** Values charged so far (an object and each field it selects count 1). */
  values = 0;
  /** Why execution was stopped, once it was. */
  exceeded: "values" | "time" | null = null;

  constructor(
    readonly maxValues: number,
    readonly deadline: Deadline,
    readonly timeLimitMs: number,
    /** The database's real list sizes: a list reserves its largest possible length before it runs. */
    readonly listSizes: ListSizes = {},
  ) {}

  /** One error per request, thrown by every list after the stop (a stack trace each would cost more than the lists). */
  private refusal: Error | undefined;

  /** Before a list resolves: refuse when the budget is spent or the time is up. */
  check(): void {
    if (this.refusal) throw this.refusal;
    if (this.deadline.exceeded || performance.now() > this.deadline.at) {
      this.deadline.exceeded = true;
      this.exceeded = "time";
      throw (this.refusal = tooComplex(`Time limit of ${this.timeLimitMs / 1000} s exceeded.`, "time", this.timeLimitMs));
    }
  }

  /**
   * Charge values (negative: give back what a reservation did not use). The time is checked
   * again: a page's lists are all requested in the same tick (DataLoader batches them), so
   * most of the work comes after they were called.
   */
  charge(values: number): void {
    this.check();
    this.values += values;
    if (this.values > this.maxValues) {
      this.exceeded = "values";
      throw (this.refusal = tooComplex(answerTooLargeMessage(this.maxValues), "answer", this.maxValues));
    }
  }
}

export const answerTooLargeMessage = (maxValues: number) =>
  `The answer would hold more than ${maxValues.toLocaleString("en-GB")} values (objects and fields), the limit per request. ` +
  "Ask for fewer items (lower `first`), fewer nested lists or fewer fields, and page through with `after`; bulk data is in the downloads (/du-lieu/).";

const WRAPPED = Symbol("answer-budget");

/**
 * Wrap every list field of the schema (once; the schema is built once per process) so that
 * an execution whose context carries a `budget` is held to it. A list first reserves the
 * most values it can produce (its real maximum length, or `first` when smaller, times the
 * values per item), so a page whose lists are all called in one tick cannot start more work
 * than the budget allows; once resolved it gives back what it did not use. Without a budget
 * (tests calling the schema directly) the fields behave as before.
 */
export function limitListFields(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      if (!isListType(getNullableType(field.type))) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      if ((resolve as { [WRAPPED]?: boolean })[WRAPPED]) continue;
      const coordinate = `${type.name}.${field.name}`;
      const paged = field.args.some((a) => a.name === "first");
      const guarded: typeof resolve = (source, args, context, info) => {
        const budget = (context as { budget?: AnswerBudget } | undefined)?.budget;
        if (!budget) return resolve(source, args, context, info);
        budget.check();
        const perItem = valuesPerItem(info);
        const longest = budget.listSizes[coordinate];
        const first = paged && typeof args.first === "number" ? args.first : Number.POSITIVE_INFINITY;
        const reserved = longest === undefined ? 0 : Math.min(longest, first) * perItem;
        budget.charge(reserved);
        const result = resolve(source, args, context, info);
        if (result instanceof Promise) return result.then((list) => (budget.charge(lengthOf(list) * perItem - reserved), list));
        budget.charge(lengthOf(result) * perItem - reserved);
        return result;
      };
      (guarded as { [WRAPPED]?: boolean })[WRAPPED] = true;
      field.resolve = guarded;
    }
  }
}

const lengthOf = (list: unknown) => (Array.isArray(list) ? list.length : 0);

// graphql-jit passes the same fieldNodes array on every call of a compiled field; graphql-js
// builds a new one per parent object, so its first node (the AST node itself) is the key.
const weights = new WeakMap<object, number>();

/**
 * Values one item of a list produces: 1 for the item, 1 per selected field, and the same for
 * every object selected below it that is not itself a list (lists charge themselves).
 * Fragments count whatever their type condition, so this is an upper bound.
 */
export function valuesPerItem(info: Pick<GraphQLResolveInfo, "fieldNodes" | "returnType" | "schema" | "fragments">): number {
  const key = info.fieldNodes.length === 1 ? info.fieldNodes[0] : info.fieldNodes;
  let weight = weights.get(key);
  if (weight === undefined) {
    const selections = info.fieldNodes.flatMap((node) => node.selectionSet?.selections ?? []);
    weight = selectionValues(info.schema, getNamedType(info.returnType), selections, info.fragments, 0);
    weights.set(key, weight);
  }
  return weight;
}

function selectionValues(schema: GraphQLSchema, type: GraphQLNamedType, selections: readonly SelectionNode[], fragments: Record<string, FragmentDefinitionNode>, depth: number): number {
  let values = 1;
  // Validation forbids fragment cycles; the depth limit (12) keeps real documents far below this.
  if (depth > 64) return values;
  for (const selection of selections) {
    if (selection.kind === Kind.FIELD) {
      values += 1;
      const fieldType = selection.selectionSet ? fieldTypeOn(schema, type, selection.name.value) : undefined;
      if (fieldType && !isListType(getNullableType(fieldType))) {
        values += selectionValues(schema, getNamedType(fieldType), selection.selectionSet!.selections, fragments, depth + 1) - 1;
      }
    } else {
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value];
      if (!fragment) continue;
      const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
      values += selectionValues(schema, condition ?? type, fragment.selectionSet.selections, fragments, depth + 1) - 1;
    }
  }
  return values;
}

/** A field's type on an object type, or on any possible type of an abstract one. */
function fieldTypeOn(schema: GraphQLSchema, type: GraphQLNamedType, name: string): GraphQLOutputType | undefined {
  if (isObjectType(type)) return type.getFields()[name]?.type;
  if (isAbstractType(type)) {
    for (const possible of schema.getPossibleTypes(type)) {
      const found = possible.getFields()[name]?.type;
      if (found) return found;
    }
  }
  return undefined;
}
