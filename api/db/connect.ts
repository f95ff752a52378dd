/**
 * Open the portal database read-only for the API, with a clear error when the file is
 * missing or is not a portal database.
 */
import { existsSync } from "node:fs";
import { Kysely } from "kysely";
import type { Database } from "./database.js";
import { measureListSizes, type ListSizes } from "./list-sizes.js";
import { loadReferenceData, type ReferenceData } from "./reference.js";
import { Sqlite3Dialect } from "./dialect.js";
import { openSqlite, type SqliteConnection } from "./sqlite.js";

/** What the build recorded about the data: version, hash, build date and counts. */
export interface DataMeta {
  dataVersion: string;
  dataHash: string;
  builtAt: string;
  counts: Record<string, number>;
}

export interface PortalDatabase {
  db: Kysely<Database>;
  sqlite: SqliteConnection;
  meta: DataMeta;
  /** The longest each list of the API can be in this database (for the cost limit). */
  listSizes: ListSizes;
  /** The small tables, in memory (api/db/reference.ts). */
  reference: ReferenceData;
  close(): Promise<void>;
}

/** The database cannot be used: missing, unreadable, or not built by the ingest. */
export class DatabaseUnavailableError extends Error {
  name = "DatabaseUnavailableError";
}

/**
 * Open `path` read-only and read its meta table.
 * @throws DatabaseUnavailableError naming the file and the command that builds it.
 */
export async function openPortalDatabase(path: string): Promise<PortalDatabase> {
  const hint = "Build it with `npm run data:build`.";
  if (!existsSync(path)) throw new DatabaseUnavailableError(`Database file not found: ${path}. ${hint}`);
  let sqlite: SqliteConnection;
  try {
    sqlite = await openSqlite(path, "readonly");
  } catch (error) {
    throw new DatabaseUnavailableError(`Cannot open database ${path}: ${(error as Error).message}. ${hint}`);
  }
  let metaRead = false;
  try {
    const rows = await sqlite.all<{ key: string; value: string }>("select key, value from meta");
    const meta = Object.fromEntries(rows.map((r) => [r.key, r.value]));
    if (!meta.data_version) throw new Error("no data_version in the meta table");
    metaRead = true;
    const listSizes = await measureListSizes(sqlite);
    const db = new Kysely<Database>({ dialect: new Sqlite3Dialect(sqlite) });
    const reference = await loadReferenceData(db);
    return {
      db,
      sqlite,
      listSizes,
      reference,
      meta: { dataVersion: meta.data_version, dataHash: meta.data_hash, builtAt: meta.built_at, counts: JSON.parse(meta.counts ?? "{}") },
      close: () => db.destroy(),
    };
  } catch (error) {
    await sqlite.close().catch(() => {});
    // A portal database (its meta reads) whose later pages cannot be read is damaged, not foreign.
    if (metaRead) throw new DatabaseUnavailableError(`${path} is damaged (${(error as Error).message}). Rebuild it with \`npm run data:build\`.`);
    throw new DatabaseUnavailableError(`${path} is not a portal database (${(error as Error).message}). ${hint}`);
  }
}
