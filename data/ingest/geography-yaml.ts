/**
 * Positions in a YAML list file, for errors found after validation (a count that does not match,
 * a change the unit lists contradict): `locate(index, "units", 2, "code")` → line and column.
 */
import { readFileSync } from "node:fs";
import { isMap, isSeq, LineCounter, parseDocument, type Node } from "yaml";

export interface Position {
  line: number;
  column: number;
}

/** A locator for the items of a YAML list file (already validated by readYamlList). */
export function yamlLocator(file: string): (index: number, ...path: (string | number)[]) => Position {
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(file, "utf8"), { lineCounter });
  const items = isSeq(doc.contents) ? doc.contents.items : [];
  return (index, ...path) => {
    let node = items[index] as Node | undefined;
    for (const key of path) {
      let next: Node | undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
        next = (pair?.value as Node | undefined) ?? (pair?.key as Node | undefined);
      } else if (isSeq(node) && typeof key === "number") next = node.items[key] as Node | undefined;
      if (!next) break;
      node = next;
    }
    const pos = lineCounter.linePos(node?.range?.[0] ?? 0);
    return { line: pos.line, column: pos.col };
  };
}
