/**
 * What a query document costs to keep in memory, for the caches keyed by query text
 * (graphql-handler.ts: parsed documents; fast-execute.ts: validated and compiled ones).
 * Measured on this schema with Node 20 (heap after GC, 100 distinct documents of 83 to 188
 * fields): a parsed document takes about 0.65 KiB per field node; graphql-jit's compiled
 * query about 5.5 KiB per field it executes, fragments expanded where they are spread.
 * Text length alone said 40 times too little: 1,300 distinct 9 KB documents took 4 GiB.
 */
import { Kind, visit, type DocumentNode, type SelectionSetNode } from "graphql";

/** Bytes a parsed document and its printed text take (a margin above the measurement). */
export const PARSED_BYTES_PER_FIELD = 1024;
/** Bytes graphql-jit's code takes per executed field (a margin above the measurement). */
export const COMPILED_BYTES_PER_FIELD = 6 * 1024;
/** Above this many executed fields a document is not compiled (graphql-js runs it instead). */
export const MAX_COMPILED_FIELDS = 2_000;

/** Field nodes written in the document (the size of its syntax tree). */
export function fieldNodeCount(document: DocumentNode): number {
  let fields = 0;
  visit(document, { Field: () => void fields++ });
  return fields;
}

/**
 * Fields the operations execute, each fragment counted once per spread (graphql-jit compiles
 * a spread fragment again at every place it is spread). Memoised per fragment, so a document
 * whose expansion is exponential is counted in linear time; capped at Number.MAX_SAFE_INTEGER.
 */
export function executedFieldCount(document: DocumentNode): number {
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [])));
  const memo = new Map<string, number>();
  const inProgress = new Set<string>();
  const count = (set: SelectionSetNode | undefined): number => {
    let total = 0;
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) total += 1 + count(selection.selectionSet);
      else if (selection.kind === Kind.INLINE_FRAGMENT) total += count(selection.selectionSet);
      else {
        const name = selection.name.value;
        // A cycle is a validation error; count it as nothing here.
        if (inProgress.has(name)) continue;
        if (!memo.has(name)) {
          inProgress.add(name);
          memo.set(name, count(fragments.get(name)));
          inProgress.delete(name);
        }
        total += memo.get(name)!;
      }
      if (total > Number.MAX_SAFE_INTEGER) return Number.MAX_SAFE_INTEGER;
    }
    return total;
  };
  return document.definitions.reduce((sum, d) => Math.min(Number.MAX_SAFE_INTEGER, sum + (d.kind === Kind.OPERATION_DEFINITION ? count(d.selectionSet) : 0)), 0);
}
