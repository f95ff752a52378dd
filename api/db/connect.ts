/**
 * Open the portal database read-only for the API, with a clear error when the file is
 * missing or is not a portal database.
 */
import { existsSync } from "node:fs";
import { Kysely } from "kysely";
import { DDL, type Database } from "./database.js";
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
    // A file of another build (or a damaged one) may lack what the API reads: refuse it now, in one line.
    const incomplete = [...(await schemaProblems(sqlite)), ...metaProblems(meta)];
    if (incomplete.length) {
      await sqlite.close().catch(() => {});
      throw new DatabaseUnavailableError(`${path} is incomplete (${incomplete.slice(0, 4).join("; ")}${incomplete.length > 4 ? `; ${incomplete.length - 4} more` : ""}). Rebuild it with \`npm run data:build\`.`);
    }
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
    if (error instanceof DatabaseUnavailableError) throw error;
    await sqlite.close().catch(() => {});
    // A portal database (its meta reads) whose later pages cannot be read is damaged, not foreign.
    if (metaRead) throw new DatabaseUnavailableError(`${path} is damaged (${(error as Error).message}). Rebuild it with \`npm run data:build\`.`);
    throw new DatabaseUnavailableError(`${path} is not a portal database (${(error as Error).message}). ${hint}`);
  }
}

/** Tables and their columns as the ingest creates them (the DDL run on an empty in-memory database). */
let expectedSchema: Promise<Map<string, string[]>> | undefined;

async function tableColumns(sqlite: SqliteConnection): Promise<Map<string, string[]>> {
  const tables = await sqlite.all<{ name: string }>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name");
  const columns = new Map<string, string[]>();
  for (const { name } of tables) columns.set(name, (await sqlite.all<{ name: string }>(`select name from pragma_table_info(?)`, [name])).map((c) => c.name));
  return columns;
}

/** Tables and columns of api/db/database.ts that the file lacks. */
async function schemaProblems(sqlite: SqliteConnection): Promise<string[]> {
  expectedSchema ??= (async () => {
    const memory = await openSqlite(":memory:", "readwrite");
    try {
      await memory.exec(DDL);
      return await tableColumns(memory);
    } finally {
      await memory.close();
    }
  })();
  const [expected, actual] = await Promise.all([expectedSchema, tableColumns(sqlite)]);
  const missingTables = [...expected.keys()].filter((table) => !actual.has(table));
  const missingColumns = [...expected].flatMap(([table, columns]) => (actual.has(table) ? columns.filter((c) => !actual.get(table)!.includes(c)).map((c) => `${table}.${c}`) : []));
  return [
    ...(missingTables.length ? [`no table ${missingTables.join(", ")}`] : []),
    ...(missingColumns.length ? [`no column ${missingColumns.join(", ")}`] : []),
  ];
}

/** Counts the API and /healthz rely on. */
const REQUIRED_COUNTS = ["topics", "indicators", "sources", "areas", "observations"];

/** What the meta table lacks: data_version, data_hash, built_at and counts (a JSON object with the counts above). */
function metaProblems(meta: Record<string, string>): string[] {
  const problems = ["data_version", "data_hash", "built_at", "counts"].filter((key) => !meta[key]?.trim()).map((key) => `no ${key} in meta`);
  if (meta.counts?.trim()) {
    let counts: unknown;
    try {
      counts = JSON.parse(meta.counts);
    } catch {
      counts = null;
    }
    const missing = counts && typeof counts === "object" ? REQUIRED_COUNTS.filter((key) => !Number.isSafeInteger((counts as Record<string, unknown>)[key])) : REQUIRED_COUNTS;
    if (missing.length) problems.push(`meta counts lack ${missing.join(", ")}`);
  }
  return problems;
}
