/**
 * The text of a data file, refused unless it is what a reviewer sees in a pull request: the file
 * exists, is UTF-8 (not silently repaired to U+FFFD), holds no control characters (NUL, escape,
 * C1) and no invisible characters that change how a line reads (bidi overrides, line separators),
 * and is not empty. Every refusal names the file, line and column.
 */
import { readFileSync, statSync } from "node:fs";
import { Transform, type TransformCallback } from "node:stream";
import { DataError } from "./errors.js";

/**
 * Characters no data file may hold: C0 controls except tab, LF and CR; DEL and the C1 controls;
 * U+FFFD (the mark of an earlier failed decoding); a byte-order mark after the start; the
 * line and paragraph separators; bidirectional overrides and isolates ("Trojan Source").
 */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFEFF\uFFFD\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

function describe(char: string): string {
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  if (char === "\u0000") return `a NUL character (${code})`;
  if (char === "\uFFFD") return `a replacement character (${code}: text damaged by an earlier wrong decoding)`;
  if (char === "\uFEFF") return `a byte-order mark (${code}) inside the text`;
  if (char <= "\u009F") return `a control character (${code})`;
  return `an invisible formatting character (${code})`;
}

/** 1-based line and column of `index` in `text`, continuing from `start` (the position of text[0]). */
function positionOf(text: string, index: number, start = { line: 1, column: 1 }): { line: number; column: number } {
  let newlines = 0;
  let last = -1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) {
    newlines++;
    last = i;
  }
  return newlines === 0 ? { line: start.line, column: start.column + index } : { line: start.line + newlines, column: index - last };
}

/** A missing path, a folder or an unreadable file, as a DataError naming the file. */
function unreadable(shown: string, error: unknown): DataError {
  const code = (error as { code?: string }).code;
  const reason = code === "ENOENT" ? "missing file" : code === "EISDIR" ? "a folder where a file is expected" : `cannot be read (${code ?? String(error)})`;
  return new DataError(shown, 0, 0, reason);
}

/** The first forbidden character of `text` as a DataError, if any. */
function checkCharacters(shown: string, text: string, start?: { line: number; column: number }): void {
  const found = FORBIDDEN.exec(text);
  if (!found) return;
  const { line, column } = positionOf(text, found.index, start);
  throw new DataError(shown, line, column, `${describe(found[0])}: data files hold printable UTF-8 text only`);
}

/** Invalid UTF-8 in `bytes` (decoded from `start`) as a DataError at the first bad sequence. */
function invalidUtf8(shown: string, bytes: Uint8Array, start?: { line: number; column: number }): DataError {
  const lenient = new TextDecoder("utf-8").decode(bytes);
  const { line, column } = positionOf(lenient, Math.max(0, lenient.indexOf("\uFFFD")), start);
  return new DataError(shown, line, column, "invalid UTF-8 (save the file as UTF-8)");
}

/**
 * The whole text of a (small) data file, checked. The byte-order mark at the start, if any, is
 * dropped. @throws DataError for a missing, empty, non-UTF-8 or control-character file.
 */
export function readDataText(file: string, shown: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw unreadable(shown, error);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw invalidUtf8(shown, bytes);
  }
  checkCharacters(shown, text);
  if (text.trim() === "") throw new DataError(shown, 0, 0, bytes.length === 0 ? "empty file (0 bytes)" : "empty file (only white space)");
  return text;
}

/** Fail early (before a stream is opened) for a path that is missing or not a file. */
export function checkReadable(file: string, shown: string): void {
  try {
    if (!statSync(file).isFile()) throw Object.assign(new Error("not a file"), { code: "EISDIR" });
  } catch (error) {
    throw unreadable(shown, error);
  }
}

/** Length of an incomplete UTF-8 sequence at the end of `bytes` (0 when it ends on a character boundary). */
function incompleteTail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

/**
 * A stream of checked text from a stream of bytes (for large CSV files: memory stays flat). It
 * decodes strictly, chunk by chunk, carrying a character cut between two chunks to the next.
 */
export class CheckedTextStream extends Transform {
  private carry: Uint8Array = new Uint8Array(0);
  private position = { line: 1, column: 1 };
  private first = true;
  private readonly decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

  constructor(private readonly shown: string) {
    super({ readableObjectMode: false, decodeStrings: true, encoding: "utf8" });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      const bytes = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
      const tail = incompleteTail(bytes);
      this.carry = bytes.subarray(bytes.length - tail);
      this.pushText(bytes.subarray(0, bytes.length - tail));
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    if (this.carry.length) return done(invalidUtf8(this.shown, this.carry, this.position));
    done();
  }

  private pushText(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    let text: string;
    try {
      text = this.decoder.decode(bytes);
    } catch {
      throw invalidUtf8(this.shown, bytes, this.position);
    }
    if (this.first && text.startsWith("\uFEFF")) {
      text = text.slice(1);
    }
    this.first = false;
    checkCharacters(this.shown, text, this.position);
    this.position = positionOf(text, text.length, this.position);
    this.push(text);
  }
}
