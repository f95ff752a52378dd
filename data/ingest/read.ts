/**
 * Readers of the data files: YAML lists and CSV tables, validated with zod. Any problem
 * throws a DataError naming the file, line and column, so a reviewer can go straight to it.
 */
import { createReadStream, readFileSync } from "node:fs";
import { relative } from "node:path";
import { parse as parseCsv } from "csv-parse";
import { LineCounter, parseDocument, isMap, isSeq, type Node } from "yaml";
import type { z } from "zod";
import { DataError } from "./errors.js";

/** Path shown in errors: relative to the working directory, like a compiler's. */
export function displayPath(file: string): string {
  return relative(process.cwd(), file) || file;
}

/**
 * Read a YAML file that holds a list of records and validate each with `schema`.
 * @throws DataError at the offending key or item (YAML syntax errors included).
 */
export function readYamlList<S extends z.ZodType>(file: string, schema: S): z.output<S>[] {
  const lineCounter = new LineCounter();
  const source = readFileSync(file, "utf8");
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const shown = displayPath(file);
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const pos = lineCounter.linePos(error.pos[0]);
    throw new DataError(shown, pos.line, pos.col, `YAML syntax: ${error.message.split("\n")[0]}`);
  }
  if (!isSeq(doc.contents)) throw new DataError(shown, 1, 1, "expected a list of records (each starting with '- ')");
  const items = doc.contents.items;
  const records = doc.toJS() as unknown[];
  return items.map((item, index) => {
    const result = schema.safeParse(records[index]);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    // An unknown key is reported on the record; point at the key itself.
    const path = [...issue.path, ...(issue.code === "unrecognized_keys" ? [issue.keys[0]] : [])] as (string | number)[];
    const node = locate(item as Node, path, issue.code === "unrecognized_keys");
    const pos = lineCounter.linePos(node?.range?.[0] ?? 0);
    const where = path.length > 0 ? `${path.join(".")}: ` : "";
    throw new DataError(shown, pos.line, pos.col, `record ${index + 1}: ${where}${issue.message}`);
  });
}

/** The deepest YAML node along a zod issue path (a missing key points at its record). */
function locate(node: Node, path: (string | number)[], atKey = false): Node | undefined {
  let current: Node | undefined = node;
  for (const [depth, key] of path.entries()) {
    if (isMap(current)) {
      const pair: { key: unknown; value: unknown } | undefined = current.items.find((p: { key: unknown }) => (p.key as { value?: unknown })?.value === key);
      if (!pair) return current;
      current = atKey && depth === path.length - 1 ? (pair.key as Node) : ((pair.value as Node) ?? (pair.key as Node));
    } else if (isSeq(current) && typeof key === "number") {
      current = (current.items[key] as Node) ?? current;
    } else return current;
  }
  return current;
}

/** A validated CSV row with its 1-based line number in the file. */
export interface Located<T> {
  row: T;
  line: number;
}

/**
 * Stream a CSV file with a header row, validating each row with `schema`. Memory stays
 * flat whatever the file's size. Column numbers in errors are 1-based field positions.
 * @throws DataError for a malformed CSV, an unknown or missing column, or an invalid value.
 */
export async function* readCsv<S extends z.ZodType>(file: string, schema: S): AsyncGenerator<Located<z.output<S>>> {
  const shown = displayPath(file);
  const parser = createReadStream(file).pipe(
    parseCsv({ bom: true, columns: false, info: true, relax_column_count: false, skip_empty_lines: true }),
  );
  let header: string[] | undefined;
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const fields = record.record;
      const line = record.info.lines;
      if (!header) {
        header = fields.map((f) => f.trim());
        continue;
      }
      const raw: Record<string, string> = {};
      header.forEach((name, i) => (raw[name] = fields[i]));
      const result = schema.safeParse(raw);
      if (!result.success) {
        const issue = result.error.issues[0];
        const column = String(issue.path[0] ?? "");
        const index = header.indexOf(column);
        const message = index === -1 && issue.code === "unrecognized_keys" ? `unknown column(s) ${issue.keys.join(", ")}` : `${column || "row"}: ${issue.message}`;
        throw new DataError(shown, line, index >= 0 ? index + 1 : 1, message);
      }
      yield { row: result.data, line };
    }
  } catch (error) {
    if (error instanceof DataError) throw error;
    const e = error as { message?: string; lines?: number; code?: string };
    // csv-parse reports the line of malformed input (wrong field count, stray quote).
    throw new DataError(shown, e.lines ?? 1, 1, `CSV: ${e.message ?? String(error)}`);
  }
}

/** Read a whole (small) CSV file into memory. */
export async function readCsvAll<S extends z.ZodType>(file: string, schema: S): Promise<Located<z.output<S>>[]> {
  const rows: Located<z.output<S>>[] = [];
  for await (const row of readCsv(file, schema)) rows.push(row);
  return rows;
}
