/**
 * An error in a data file, located by file, line and column (1-based). Line 0 means the error
 * is about the whole file (missing, empty): the message is then `file: detail`.
 */
export class DataError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(line > 0 ? `${file}:${line}:${column}: ${detail}` : `${file}: ${detail}`);
    this.name = "DataError";
  }
}
