/**
 * Scale: the queries behind the benchmark scenarios (bench/scenarios.ts) must find their
 * observations through an index, never by reading the whole observations table, or their
 * cost grows with the database (issue #6). Checked with EXPLAIN QUERY PLAN on the SQL the
 * API really sends (captured at the driver), on the real data plus a small SYNTHETIC layer
 * (bench/synthetic.ts, written to a temporary folder). No timings here: see `npm run bench`.
 */
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqlite, type SqliteConnection } from "../api/db/sqlite.js";
import { buildDatabase } from "../data/ingest/build.js";
import { captureSql, type CapturedOperation, type CapturedStatement } from "../bench/capture.js";
import { scenarios } from "../bench/scenarios.js";
import { syntheticRowsPerIndicator, writeSyntheticLayer } from "../bench/synthetic.js";
import { DATA_DIR } from "./helpers/portal.js";

let dir: string;
let dbFile: string;
let db: SqliteConnection;
let captured: Record<string, CapturedOperation>;
const list = scenarios();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "portal-scale-"));
  // Two whole synthetic indicators: enough rows for ANALYZE to tell the indexes apart.
  const layer = await writeSyntheticLayer(join(dir, "layer"), 2 * syntheticRowsPerIndicator());
  dbFile = join(dir, "portal.sqlite");
  await buildDatabase({ dataDir: DATA_DIR, outFile: dbFile, buildDate: "2026-01-01", extraCatalogueDir: layer.catalogueDir, extraObservationFiles: [layer.observationsFile] });
  captured = await captureSql(dbFile, Object.fromEntries(list.map((s) => [s.name, s.query])));
  db = await openSqlite(dbFile, "readonly");
});
afterAll(() => db?.close());

/** Names the tables that grow with the data go by in a statement (observations, area_values, and their aliases). */
function observationNames(sql: string): Set<string> {
  const names = new Set(["observations", "area_values"]);
  for (const match of sql.matchAll(/"?(?:observations|area_values)"?\s+(?:as\s+)?"?([a-z_]\w*)"?/gi)) {
    if (!/^(where|order|group|limit|inner|left|join|on|union|select|from)$/i.test(match[1])) names.add(match[1]);
  }
  return names;
}

/** Plan lines that read one of those tables without an index ("SCAN observations"). */
async function fullScans(connection: SqliteConnection, statement: CapturedStatement): Promise<string[]> {
  const plan = await connection.all<{ detail: string }>(`explain query plan ${statement.sql}`, statement.params);
  const names = observationNames(statement.sql);
  return plan
    .map((row) => row.detail)
    .filter((detail) => {
      const scan = /^SCAN (\S+)/.exec(detail);
      return scan !== null && names.has(scan[1]) && !/USING (COVERING )?INDEX/.test(detail);
    });
}

describe("the benchmark scenarios on real data plus a synthetic layer", () => {
  it.each(list.map((s) => s.name))("%s answers with rows and reads observations only through indexes", async (name) => {
    const operation = captured[name];
    expect(list.find((s) => s.name === name)!.rows(operation.data)).toBeGreaterThan(0);
    const touching = operation.statements.filter((s) => /observations|area_values/i.test(s.sql));
    for (const statement of operation.statements) {
      expect({ sql: statement.sql, scans: await fullScans(db, statement) }).toEqual({ sql: statement.sql, scans: [] });
    }
    // Every scenario but the search reads observations (a map, its derived area_values): the check above must have had something to check.
    if (name !== "search") expect(touching.length).toBeGreaterThan(0);
  });

  it("the check catches a dropped index: without the observation indexes the same SQL scans the table", async () => {
    const copy = join(dir, "no-index.sqlite");
    copyFileSync(dbFile, copy);
    const writable = await openSqlite(copy, "readwrite");
    try {
      const indexes = await writable.all<{ name: string }>("select name from sqlite_master where type = 'index' and tbl_name = 'observations' and sql is not null");
      expect(indexes.length).toBeGreaterThan(0);
      for (const { name } of indexes) await writable.exec(`drop index "${name}"`);
      const statements = Object.values(captured).flatMap((o) => o.statements).filter((s) => /observations/i.test(s.sql));
      const scans = (await Promise.all(statements.map((s) => fullScans(writable, s)))).flat();
      expect(scans.length).toBeGreaterThan(0);
      expect(scans.some((s) => s.startsWith("SCAN observations"))).toBe(true);
    } finally {
      await writable.close();
    }
  });
});
