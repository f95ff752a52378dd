/**
 * Readers of the data files: YAML lists and CSV tables, validated with zod. Any problem
 * throws a DataError naming the file, line and column, so a reviewer can go straight to it.
 */
import { createReadStream } from "node:fs";
import { relative } from "node:path";
import { pipeline } from "node:stream";
import { parse as parseCsv } from "csv-parse";
import { LineCounter, parseDocument, isAlias, isMap, isPair, isScalar, isSeq, visit, type Document, type Node } from "yaml";
import { z } from "zod";
import { DataError } from "./errors.js";
import { CheckedTextStream, checkReadable, readDataText } from "./text.js";

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
  const shown = displayPath(file);
  const source = readDataText(file, shown);
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: false });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const pos = lineCounter.linePos(error.pos[0]);
    throw new DataError(shown, pos.line, pos.col, `YAML syntax: ${error.message.split("\n")[0]}`);
  }
  checkPlainYaml(doc, shown, lineCounter);
  if (!isSeq(doc.contents)) throw new DataError(shown, 1, 1, "expected a list of records (each starting with '- ')");
  const items = doc.contents.items;
  if (items.length === 0) throw new DataError(shown, 1, 1, "an empty list: expected at least one record");
  const records = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) as unknown[];
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

/** More aliases than this in one file are refused (a "billion laughs" expands a few lines into gigabytes). */
export const MAX_YAML_ALIASES = 16;
/** Keys that would change an object's prototype or shadow its methods once read. */
const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Data YAML is plain: no tags (`!!js/function`, `!custom`), no merge keys (`<<`), no reserved keys,
 * at most MAX_YAML_ALIASES aliases. Checked on the parsed tree, before anything is expanded.
 */
function checkPlainYaml(doc: Document, shown: string, lineCounter: LineCounter) {
  const fail = (node: { range?: [number, number, number] | null } | null | undefined, message: string): never => {
    const pos = lineCounter.linePos(node?.range?.[0] ?? 0);
    throw new DataError(shown, pos.line, pos.col, message);
  };
  if (doc.warnings.length > 0) {
    const pos = lineCounter.linePos(doc.warnings[0].pos[0]);
    throw new DataError(shown, pos.line, pos.col, `YAML: ${doc.warnings[0].message.split("\n")[0]}`);
  }
  let aliases = 0;
  visit(doc, {
    Alias(_, node) {
      if (++aliases > MAX_YAML_ALIASES) fail(node, `more than ${MAX_YAML_ALIASES} YAML aliases (*name): write the values out`);
    },
    Pair(_, pair) {
      const key = pair.key as Node | null;
      if (!isScalar(key)) return fail(isAlias(key) || isMap(key) || isSeq(key) ? key : null, "a YAML key must be a plain name");
      if (key.value === "<<") fail(key, "YAML merge keys (<<) are not allowed: write the keys out");
      if (RESERVED_KEYS.has(String(key.value))) fail(key, `"${String(key.value)}" is a reserved name, not a field`);
    },
    Node(_, node) {
      if (!isPair(node) && (node as { tag?: string }).tag) fail(node, `YAML tags (${(node as { tag?: string }).tag}) are not allowed: write a plain value`);
    },
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

/** The columns a CSV schema declares (a zod object, possibly refined). */
function columnsOf(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  throw new Error("readCsv: the schema of a CSV file is a zod object");
}

/**
 * The header must name exactly the schema's columns (in any order): an unknown, duplicate or
 * missing column is refused at its position, and a reserved name (`__proto__`) is unknown.
 */
function checkHeader(shown: string, line: number, header: string[], columns: string[]) {
  const seen = new Map<string, number>();
  header.forEach((name, index) => {
    if (seen.has(name)) throw new DataError(shown, line, index + 1, `duplicate column "${name}" (also column ${seen.get(name)! + 1})`);
    seen.set(name, index);
    if (!columns.includes(name)) throw new DataError(shown, line, index + 1, `unknown column "${name}": the columns are ${columns.join(", ")}`);
  });
  const missing = columns.filter((c) => !seen.has(c));
  if (missing.length > 0) throw new DataError(shown, line, 1, `missing column(s) ${missing.join(", ")}: the columns are ${columns.join(", ")}`);
}

/**
 * Stream a CSV file with a header row, validating each row with `schema`. Memory stays
 * flat whatever the file's size. Column numbers in errors are 1-based field positions (or, for a
 * character no data file may hold, the character's position in its line).
 * @throws DataError for a missing or empty file, a header without rows, text that is not clean
 * UTF-8, a malformed CSV, an unknown, duplicate or missing column, or an invalid value.
 */
export async function* readCsv<S extends z.ZodType>(file: string, schema: S): AsyncGenerator<Located<z.output<S>>> {
  const shown = displayPath(file);
  checkReadable(file, shown);
  const columns = columnsOf(schema);
  // pipeline, not pipe: an error of any stage (invalid UTF-8) ends the parser's iteration with it.
  const parser = pipeline(
    createReadStream(file),
    new CheckedTextStream(shown),
    parseCsv({ columns: false, info: true, relax_column_count: false, skip_empty_lines: true }),
    () => {},
  );
  let header: string[] | undefined;
  let rows = 0;
  let headerLine = 1;
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const fields = record.record;
      const line = record.info.lines;
      if (!header) {
        header = fields.map((f) => f.trim());
        headerLine = line;
        checkHeader(shown, line, header, columns);
        continue;
      }
      // No prototype: a field name can never reach Object.prototype.
      const raw: Record<string, string> = Object.create(null);
      header.forEach((name, i) => (raw[name] = fields[i]));
      const result = schema.safeParse({ ...raw });
      if (!result.success) {
        const issue = result.error.issues[0];
        const column = String(issue.path[0] ?? "");
        const index = header.indexOf(column);
        const message = index === -1 && issue.code === "unrecognized_keys" ? `unknown column(s) ${issue.keys.join(", ")}` : `${column || "row"}: ${issue.message}`;
        throw new DataError(shown, line, index >= 0 ? index + 1 : 1, message);
      }
      rows++;
      yield { row: result.data, line };
    }
  } catch (error) {
    if (error instanceof DataError) throw error;
    const e = error as { message?: string; lines?: number; code?: string };
    // csv-parse reports the line of malformed input (wrong field count, stray quote).
    throw new DataError(shown, e.lines ?? 1, 1, `CSV: ${e.message ?? String(error)}`);
  }
  if (!header) throw new DataError(shown, 0, 0, `empty file: expected the header (${columns.join(",")}) and at least one row`);
  if (rows === 0) throw new DataError(shown, headerLine, 1, "a header and no rows: a data file holds at least one row (delete the file instead)");
}

/** Read a whole (small) CSV file into memory. */
export async function readCsvAll<S extends z.ZodType>(file: string, schema: S): Promise<Located<z.output<S>>[]> {
  const rows: Located<z.output<S>>[] = [];
  for await (const row of readCsv(file, schema)) rows.push(row);
  return rows;
}
