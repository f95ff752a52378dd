/**
 * CSV files: plain UTF-8 (no byte-order mark, as the data package declares and Frictionless
 * readers expect), CRLF line endings, a header row, RFC 4180 quoting, text in NFC, numbers
 * unformatted (dot decimal, no grouping) and empty cells for missing values. The copy for Excel
 * is the same text after a byte-order mark, without which Excel reads UTF-8 as a legacy code page.
 */
import { stringify } from "csv-stringify/sync";
import type { Field, Row } from "./tables.js";

/** NFC for every string, recursively (JSON records and CSV cells alike). */
export function nfcDeep<T>(value: T): T {
  if (typeof value === "string") return value.normalize("NFC") as T;
  if (Array.isArray(value)) return value.map(nfcDeep) as T;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nfcDeep(v)])) as T;
  return value;
}

/** The UTF-8 byte-order mark that tells Excel (and LibreOffice's import dialog) the encoding. */
export const BOM = "\uFEFF";

/** The copy of a CSV text for Excel. */
export const forExcel = (csv: string): string => `${BOM}${csv}`;

/** The CSV text of rows (no byte-order mark), columns in the order of `fields`. @throws when a row lacks a column or has an extra one. */
export function toCsv(fields: Field[], rows: Row[]): string {
  const columns = fields.map((f) => f.name);
  for (const [index, row] of rows.entries()) {
    const keys = Object.keys(row);
    const missing = columns.filter((c) => !(c in row));
    const extra = keys.filter((k) => !columns.includes(k));
    if (missing.length || extra.length) throw new Error(`Row ${index + 1} does not match its columns (missing: ${missing.join(", ") || "none"}; extra: ${extra.join(", ") || "none"}).`);
    for (const field of fields) {
      const cell = row[field.name];
      if (typeof cell === "number" && !Number.isFinite(cell)) throw new Error(`Row ${index + 1}, column ${field.name}: ${cell} is not a finite number.`);
    }
  }
  return stringify(nfcDeep(rows), {
    header: true,
    columns,
    record_delimiter: "windows",
    cast: { boolean: (value) => (value ? "true" : "false"), number: (value) => String(value) },
  });
}
