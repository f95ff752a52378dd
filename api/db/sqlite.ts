/**
 * A promise wrapper around the `sqlite3` package: the one place that talks to the driver.
 * Used by the Kysely dialect (API, read-only) and by the ingest (writes).
 */
import sqlite3 from "sqlite3";

export type SqliteMode = "readonly" | "readwrite";

/** An open SQLite database with promise-returning helpers. */
export interface SqliteConnection {
  readonly raw: sqlite3.Database;
  all<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  run(sql: string, params?: readonly unknown[]): Promise<{ changes: number; lastID: number }>;
  exec(sql: string): Promise<void>;
  prepare(sql: string): Promise<PreparedStatement>;
  close(): Promise<void>;
}

/** A prepared statement, for bulk inserts in the ingest. */
export interface PreparedStatement {
  run(params: readonly unknown[]): Promise<void>;
  finalize(): Promise<void>;
}

/**
 * Open a database file. "readonly" fails when the file does not exist (the API must never
 * create an empty database); "readwrite" creates it.
 * @throws Error with the driver's message (e.g. SQLITE_CANTOPEN) when the file cannot be opened.
 */
export function openSqlite(path: string, mode: SqliteMode): Promise<SqliteConnection> {
  const flags =
    mode === "readonly" ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE;
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, flags, (error) => {
      if (error) reject(error);
      else resolve(wrap(db));
    });
  });
}

function wrap(db: sqlite3.Database): SqliteConnection {
  return {
    raw: db,
    all: (sql, params = []) =>
      new Promise((resolve, reject) =>
        db.all(sql, params as unknown[], (error, rows) => (error ? reject(error) : resolve(rows as never))),
      ),
    run: (sql, params = []) =>
      new Promise((resolve, reject) =>
        db.run(sql, params as unknown[], function (this: sqlite3.RunResult, error) {
          if (error) reject(error);
          else resolve({ changes: this.changes, lastID: this.lastID });
        }),
      ),
    exec: (sql) => new Promise((resolve, reject) => db.exec(sql, (error) => (error ? reject(error) : resolve()))),
    prepare: (sql) =>
      new Promise((resolve, reject) => {
        const statement: sqlite3.Statement = db.prepare(sql, (error) => {
          if (error) return reject(error);
          resolve({
            run: (params) =>
              new Promise((res, rej) => statement.run(params as unknown[], (err) => (err ? rej(err) : res()))),
            finalize: () => new Promise((res) => statement.finalize(() => res())),
          });
        });
      }),
    close: () => new Promise((resolve, reject) => db.close((error) => (error ? reject(error) : resolve()))),
  };
}
