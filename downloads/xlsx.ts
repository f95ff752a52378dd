/**
 * Workbooks (.xlsx) written from the same columns (Field) and rows as the CSV files, so that a
 * spreadsheet keeps what it loses from a CSV: codes and ids are text cells (06 and 058 stay),
 * values are number cells with the exact value as text beside any that has more than 15
 * significant digits (spreadsheets keep 15), dates are date cells, text is NFC. Every table has a
 * bold, frozen header row and columns sized to their content.
 *
 * Writer: write-excel-file. It is released often, asks for Node ≥ 18 and depends only on fflate
 * (already ours, for the zip), and writes typed cells, number and text formats, column widths and
 * frozen rows, which is all we need. The others: exceljs has had no stable release after 4.4.0
 * and pulls deprecated packages (unzipper → fstream, rimraf 2, glob 7); xlsx-populate has been
 * unmaintained for years; SheetJS's npm package stays at 0.18.5 (newer ones are published outside
 * the npm registry).
 */
import { unzipSync, zipSync, type Zippable } from "fflate";
import writeXlsxFile, { type Cell as XlsxCell, type SheetData } from "write-excel-file/node";
import type { Cell, Field, Row } from "./tables.js";

/** Significant digits a spreadsheet keeps of a number (Excel's limit; LibreOffice shows no more). */
export const SPREADSHEET_DIGITS = 15;
/** Suffix of the text column beside a number column: the exact value where the number cell would be rounded. */
export const EXACT_SUFFIX = "_exact";
/** Characters one cell holds at most (Excel's limit). */
const MAX_CELL_CHARS = 32_767;
const WIDTH = { min: 6, max: 60, date: 12 };
const DATE_FORMAT = "yyyy-mm-dd";
/** Text format: a cell edited later stays text (Excel would otherwise turn "06" typed back in into 6). */
const TEXT_FORMAT = "@";
/** Whole numbers with grouping (shown with the reader's own separators): 357000000000000 would otherwise show as 3.57E+14. */
const INTEGER_FORMAT = "#,##0";

/** A table: one header row (the field names) and one row per record, typed by the fields. */
export interface TableSheet {
  name: string;
  fields: Field[];
  rows: Row[];
}

/** A sheet of lines such as "about": cells as given (text or dates), bold lines where asked. */
export interface NotesSheet {
  name: string;
  lines: NoteLine[];
  /** Column widths in characters. */
  widths: number[];
}

export interface NoteLine {
  cells: (string | Date | null)[];
  bold?: boolean;
}

export type Sheet = TableSheet | NotesSheet;

/** Significant digits of the shortest text that reads back as the same number (JavaScript's, as in the CSV). */
export function significantDigits(value: number): number {
  const mantissa = Math.abs(value).toExponential().split("e")[0]!;
  return mantissa.replace(".", "").length;
}

/** The exact value as text where a spreadsheet would round the number cell; null otherwise. */
export function exactText(value: number): string | null {
  return significantDigits(value) > SPREADSHEET_DIGITS ? String(value) : null;
}

/** A date cell from `YYYY-MM-DD` (midnight UTC, so the serial number is a whole day). */
function dateOf(text: string, where: () => string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!date || date.toISOString().slice(0, 10) !== text) throw new Error(`${where()}: "${text}" is not a date (YYYY-MM-DD).`);
  return date;
}

function textCell(value: string, where: () => string): XlsxCell {
  const text = value.normalize("NFC");
  if (text.length > MAX_CELL_CHARS) throw new Error(`${where()}: ${text.length} characters; a spreadsheet cell holds at most ${MAX_CELL_CHARS}.`);
  return { value: text, type: String, format: TEXT_FORMAT };
}

interface Column {
  name: string;
  /** Characters the cell shows, for the width. */
  cell: (row: Row, where: () => string) => { cell: XlsxCell; chars: number };
}

const empty = { cell: null, chars: 0 };

/** The columns of a table sheet: one per field, plus `<name>_exact` (text) right after every number field. */
function columnsOf(fields: Field[]): Column[] {
  return fields.flatMap((field): Column[] => {
    const read = (row: Row, where: () => string, wanted: string): Cell => {
      const value = row[field.name];
      if (value === undefined) throw new Error(`${where()}: no value for column ${field.name}.`);
      if (value !== null && value !== "" && typeof value !== wanted) throw new Error(`${where()}: ${JSON.stringify(value)} is not a ${field.type}.`);
      return value === "" ? null : value;
    };
    switch (field.type) {
      case "string":
        return [{ name: field.name, cell: (row, where) => {
          const value = read(row, where, "string") as string | null;
          return value === null ? empty : { cell: textCell(value, where), chars: value.length };
        } }];
      case "date":
        return [{ name: field.name, cell: (row, where) => {
          const value = read(row, where, "string") as string | null;
          return value === null ? empty : { cell: { value: dateOf(value, where), type: Date, format: DATE_FORMAT }, chars: WIDTH.date };
        } }];
      case "boolean":
        return [{ name: field.name, cell: (row, where) => {
          const value = read(row, where, "boolean") as boolean | null;
          return value === null ? empty : { cell: { value, type: Boolean }, chars: 5 };
        } }];
      case "integer":
      case "number": {
        const number = (row: Row, where: () => string) => {
          const value = read(row, where, "number") as number | null;
          if (value !== null && !Number.isFinite(value)) throw new Error(`${where()}: ${value} is not a finite number.`);
          return value;
        };
        const numberColumn: Column = { name: field.name, cell: (row, where) => {
          const value = number(row, where);
          if (value === null) return empty;
          const whole = Number.isInteger(value);
          const digits = String(value).length;
          return { cell: { value, type: Number, ...(whole ? { format: INTEGER_FORMAT } : {}) }, chars: whole ? digits + Math.floor((digits - 1) / 3) : digits };
        } };
        if (field.type === "integer") return [numberColumn];
        const exactColumn: Column = { name: `${field.name}${EXACT_SUFFIX}`, cell: (row, where) => {
          const value = number(row, where);
          const exact = value === null ? null : exactText(value);
          return exact === null ? empty : { cell: textCell(exact, where), chars: exact.length };
        } };
        return [numberColumn, exactColumn];
      }
    }
  });
}

const clampWidth = (chars: number) => Math.min(WIDTH.max, Math.max(WIDTH.min, chars));

function tableData(sheet: TableSheet): { data: SheetData; widths: number[] } {
  const columns = columnsOf(sheet.fields);
  const widths = columns.map((c) => c.name.length + 3); // bold header
  const data: SheetData = [columns.map((c) => ({ value: c.name, type: String, fontWeight: "bold" as const }))];
  sheet.rows.forEach((row, index) => {
    data.push(columns.map((column, c) => {
      const { cell, chars } = column.cell(row, () => `Sheet ${sheet.name}, row ${index + 2}, column ${column.name}`);
      widths[c] = Math.max(widths[c]!, chars + 2);
      return cell;
    }));
  });
  return { data, widths: widths.map(clampWidth) };
}

function notesData(sheet: NotesSheet): SheetData {
  return sheet.lines.map((line, index) =>
    line.cells.map((value, c) => {
      const where = () => `Sheet ${sheet.name}, row ${index + 1}, column ${c + 1}`;
      const style = line.bold ? { fontWeight: "bold" as const } : {};
      if (value === null || value === "") return null;
      if (value instanceof Date) return { value, type: Date, format: DATE_FORMAT, ...style };
      return { ...(textCell(value, where) as object), ...style };
    }),
  );
}

/** Sheet names as Excel allows them: 1–31 characters, none of : \ / ? * [ ], unique. */
function checkSheetNames(sheets: Sheet[]) {
  const seen = new Set<string>();
  for (const { name } of sheets) {
    if (!name || name.length > 31 || /[:\\/?*[\]]/.test(name)) throw new Error(`"${name}" cannot name a sheet (1–31 characters, none of : \\ / ? * [ ]).`);
    if (seen.has(name.toLowerCase())) throw new Error(`Two sheets are named "${name}".`);
    seen.add(name.toLowerCase());
  }
}

/**
 * The .xlsx file of the sheets, in order (the first opens first). `modified` dates the parts
 * inside, so that the same data gives the same bytes (the writer stamps the current time).
 * @throws on a value that does not fit its column's type, an over-long cell or a bad sheet name.
 */
export async function toXlsx(sheets: Sheet[], modified: Date): Promise<Buffer> {
  checkSheetNames(sheets);
  const written = await writeXlsxFile(
    sheets.map((sheet) => {
      const name = sheet.name.normalize("NFC");
      if ("fields" in sheet) {
        const { data, widths } = tableData(sheet);
        return { sheet: name, data, columns: widths.map((width) => ({ width })), stickyRowsCount: 1 };
      }
      return { sheet: name, data: notesData(sheet), columns: sheet.widths.map((width) => ({ width })) };
    }),
    { fontFamily: "Calibri", fontSize: 11 },
  ).toBuffer();
  const parts = unzipSync(new Uint8Array(written));
  const entries: Zippable = {};
  for (const [path, content] of Object.entries(parts)) entries[path] = [content, { mtime: modified }];
  return Buffer.from(zipSync(entries));
}
