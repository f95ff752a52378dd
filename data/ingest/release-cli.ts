/**
 * `npm run data:release`: record the values of the database just built (build/portal.sqlite, or
 * PORTAL_DB) as a published version, data/releases/<data_version>.csv, to commit with the data.
 * The next builds list what changed since it (the "What's new" page, the feed, the API's
 * `dataVersions`). `--version <v>` names the record otherwise (a version published earlier,
 * rebuilt from its commit: `git archive <commit> | tar -x`, its own data:build, then this).
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openSqlite } from "../../api/db/sqlite.js";
import { releaseRows, writeRelease } from "./releases.js";

const dbFile = resolve(process.env.PORTAL_DB ?? fileURLToPath(new URL("../../build/portal.sqlite", import.meta.url)));
const releasesDir = resolve(process.env.PORTAL_DATA_DIR ?? fileURLToPath(new URL("..", import.meta.url)), "releases");
const flag = process.argv.indexOf("--version");

const db = await openSqlite(dbFile, "readonly");
try {
  const version = flag > 0 ? process.argv[flag + 1] : (await db.all<{ value: string }>("select value from meta where key = 'data_version'"))[0]?.value;
  if (!version) throw new Error(`${dbFile} has no data version: build it first (npm run data:build)`);
  const rows = await releaseRows(db);
  const file = writeRelease(releasesDir, version, rows);
  console.error(`data:release: ${file} (${rows.length} values)`);
} catch (error) {
  console.error(`data:release failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
