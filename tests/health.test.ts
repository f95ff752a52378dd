/**
 * Health that tells the truth, on the real server and real data: /healthz runs a real query
 * (503 with a reason when the database cannot answer), the server follows the file behind its
 * path (a truncated-then-restored file, a new version published by rename) and serves the new
 * version without a restart and without serving the old version's cached answers as the new
 * one, and the start-up check refuses a database whose schema or meta is incomplete.
 */
import { copyFileSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqlite } from "../api/db/sqlite.js";
import { buildDatabase } from "../data/ingest/build.js";
import { DATA_DIR } from "./helpers/portal.js";
import { buildTestDatabase, gql, GRAPHQL_RESPONSE, read, spawnServer, startServer, type TestServer } from "./helpers/server.js";

let dbPath: string;
let dir: string;
const servers: TestServer[] = [];
const spawned: ReturnType<typeof spawnServer>[] = [];

beforeAll(async () => {
  dbPath = await buildTestDatabase();
  dir = mkdtempSync(join(tmpdir(), "portal-health-"));
});
afterAll(async () => {
  for (const server of servers) await server.close().catch(() => {});
  // A server that started although it should not have (the old code) must not outlive the test.
  for (const run of spawned) if (run.child.exitCode === null) run.child.kill("SIGKILL");
});

/** A copy of the test database that this test may change, served with a fast poll. */
async function serveCopy(name: string, options: Parameters<typeof startServer>[1] = {}) {
  const file = join(dir, name);
  copyFileSync(dbPath, file);
  const server = await startServer(file, { databasePollMs: 100, healthCacheMs: 100, ...options });
  servers.push(server);
  return { file, server };
}

const health = async (server: { url: string }) => {
  const start = performance.now();
  const response = await read(await fetch(`${server.url}/healthz`));
  return { ...response, ms: performance.now() - start };
};

/** Poll /healthz until `accept` holds (every 100 ms, at most 20 s). */
async function healthUntil(server: { url: string }, accept: (h: Awaited<ReturnType<typeof health>>) => boolean) {
  let last = await health(server);
  for (const until = Date.now() + 20_000; !accept(last) && Date.now() < until; ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await health(server);
  }
  return last;
}

/** A statement on a version's own connection (not through the test's slowed wrapper). */
const selectOne = (portal: TestServer["portal"]) => new Promise((resolve, reject) => portal.sqlite.raw.get("select 1 as one", (error, row) => (error ? reject(error) : resolve(row))));

const CHO_4_0 = `{ indicator(id: "cho-4-0-markets") { latest { value } } }`;

describe("/healthz runs a real query", () => {
  it("reports what it read: the row counts agree with the build's meta", async () => {
    const { server } = await serveCopy("counts.sqlite");
    const response = await health(server);
    expect(response.status).toBe(200);
    const counts = server.portal.meta.counts;
    expect(response.body).toMatchObject({ status: "ok", database: "ok", checked: { topics: counts.topics, indicators: counts.indicators, areas: counts.areas } });
  });

  it("turns 503 with a reason when the file is truncated in place, and 200 again when it is restored, without a restart", async () => {
    const { file, server } = await serveCopy("truncated.sqlite", { responseCache: false });
    const good = readFileSync(file);
    expect((await health(server)).status).toBe(200);
    writeFileSync(file, good.subarray(0, 8192));
    const broken = await healthUntil(server, (h) => h.status === 503 && h.body.fileRefused !== undefined);
    expect(broken.status).toBe(503);
    expect(broken.body).toMatchObject({ status: "unavailable", database: "unavailable" });
    expect(broken.body.reason).toMatch(/^the database does not answer \(.+\)$/);
    expect(broken.body.fileRefused).toMatch(/^the database file is not a portal database/);
    expect(broken.text).not.toContain(dir);
    writeFileSync(file, good);
    // The same inode answers again at once; the poll then reopens the restored file.
    const restored = await healthUntil(server, (h) => h.status === 200 && h.body.fileRefused === undefined);
    expect(restored.body).toMatchObject({ status: "ok", dataVersion: server.portal.meta.dataVersion });
    expect(restored.body.fileRefused).toBeUndefined();
    expect((await gql(server, CHO_4_0)).body.data.indicator.latest.value).toBe(107);
  });

  it("answers fast while 50 concurrent four-level queries are refused", async () => {
    const { server } = await serveCopy("busy.sqlite");
    const fourLevels = `{ area(code:"19") { children { parent { children { parent { children { parent { children { code } } } } } } } } }`;
    const [refused, check] = await Promise.all([Promise.all(Array.from({ length: 50 }, () => gql(server, fourLevels, { accept: GRAPHQL_RESPONSE }))), new Promise((r) => setTimeout(r, 20)).then(() => health(server))]);
    console.log(`/healthz during 50 refused four-level queries: ${check.ms.toFixed(1)} ms`);
    for (const response of refused) expect(response.body.errors[0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "cost" });
    expect(check.status).toBe(200);
    expect(check.body.checked.areas).toBe(server.portal.meta.counts.areas);
    // 50 distinct documents (another alias each): none is answered from memory.
    const distinct = (i: number) => fourLevels.replace("area(", `a${i}: area(`);
    const [refusedDistinct, checkDistinct] = await Promise.all([Promise.all(Array.from({ length: 50 }, (_, i) => gql(server, distinct(i), { accept: GRAPHQL_RESPONSE }))), new Promise((r) => setTimeout(r, 20)).then(() => health(server))]);
    console.log(`/healthz during 50 distinct refused four-level queries: ${checkDistinct.ms.toFixed(1)} ms`);
    for (const response of refusedDistinct) {
      expect(response.body.errors[0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "cost" });
      expect(response.headers.get("x-cache")).toBeNull();
    }
    expect(checkDistinct.status).toBe(200);
  });
});

describe("a new data version published by rename", () => {
  let next: string;
  beforeAll(async () => {
    // The same data built on another day: another data version (and builtAt), the same figures.
    next = join(dir, "next.sqlite");
    await buildDatabase({ dataDir: DATA_DIR, outFile: next, buildDate: "2026-02-02" });
  });

  it("is served without a restart, never mixed with the old one in an answer, and the old one is closed when its last request ends", async () => {
    const { file, server } = await serveCopy("published.sqlite");
    const old = server.portal;
    const about = `{ about { dataVersion builtAt } }`;
    const before = await gql(server, about, { method: "GET" });
    expect(before.body.data.about.builtAt).toBe("2026-01-01");
    // A slow request on the old version (every SQL statement of it waits 4 s; the time limit is 10 s).
    server.slowSql(4000);
    const statements = server.sqlCount();
    const inFlight = gql(server, `{ about { dataVersion builtAt } observations(first: 2) { totalCount nodes { id } } indicators(first: 3) { totalCount } }`);
    // Publish once the request runs on the old version (its first statement has been sent).
    while (server.sqlCount() === statements) await new Promise((resolve) => setTimeout(resolve, 10));
    copyFileSync(next, `${file}.tmp`);
    renameSync(`${file}.tmp`, file);
    // (Watched in the process: /healthz on the old version would wait for the slowed statements too.)
    for (const until = Date.now() + 20_000; server.portal === old && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.portal.meta.builtAt).toBe("2026-02-02");
    // Still open while its request runs.
    expect(await selectOne(old)).toEqual({ one: 1 });
    const switched = await health(server);
    expect(switched.body).toMatchObject({ status: "ok", builtAt: "2026-02-02" });
    const slow = await inFlight;
    expect(slow.status).toBe(200);
    expect(slow.body.data.about).toEqual({ dataVersion: old.meta.dataVersion, builtAt: "2026-01-01" });
    expect(slow.body.data.observations.totalCount).toBe(old.meta.counts.observations);
    // Closed once its last request ended.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(selectOne(old)).rejects.toThrow(/SQLITE_MISUSE: Database is closed/);
    // The cached answer and ETag of the old version are not served as the new one.
    const after = await gql(server, about, { method: "GET" });
    expect(after.body.data.about.builtAt).toBe("2026-02-02");
    expect(after.headers.get("x-cache")).toBe("MISS");
    expect(after.headers.get("etag")).not.toBe(before.headers.get("etag"));
  });

  it("keeps serving the old version when the published file is incomplete, and says so", async () => {
    const { file, server } = await serveCopy("bad-publish.sqlite");
    const incomplete = join(dir, "incomplete.sqlite");
    copyFileSync(next, incomplete);
    const db = await openSqlite(incomplete, "readwrite");
    await db.exec("drop table area_values");
    await db.close();
    renameSync(incomplete, file);
    const refused = await healthUntil(server, (h) => h.body?.fileRefused !== undefined);
    expect(refused.status).toBe(200);
    expect(refused.body.builtAt).toBe("2026-01-01");
    expect(refused.body.fileRefused).toMatch(/^the database file is incomplete \(no table area_values\)/);
    expect((await gql(server, CHO_4_0)).body.data.indicator.latest.value).toBe(107);
  });
});

describe("the start-up check (npm run serve)", () => {
  it("refuses a database whose schema or meta is incomplete, with one clear line", async () => {
    const cases: [string, string, RegExp][] = [
      ["no-table.sqlite", "drop table observation_flags", /no-table\.sqlite is incomplete \(no table observation_flags\)\. Rebuild it with `npm run data:build`\.$/],
      ["no-column.sqlite", "alter table observations drop column note_vi", /no-column\.sqlite is incomplete \(no column observations\.note_vi\)\./],
      ["no-built-at.sqlite", "delete from meta where key = 'built_at'", /no-built-at\.sqlite is incomplete \(no built_at in meta\)\./],
      ["bad-counts.sqlite", "update meta set value = '{\"topics\": 8}' where key = 'counts'", /bad-counts\.sqlite is incomplete \(meta counts lack indicators, sources, areas, observations\)\./],
    ];
    await Promise.all(
      cases.map(async ([name, sql, expected]) => {
        const file = join(dir, name);
        copyFileSync(dbPath, file);
        const db = await openSqlite(file, "readwrite");
        await db.exec(sql);
        await db.close();
        const run = spawnServer({ PORTAL_DB: file });
        spawned.push(run);
        expect(await run.exited, name).toBe(1);
        const lines = run.stderr().trim().split("\n");
        expect(lines, run.stderr()).toHaveLength(1);
        expect(lines[0]).toMatch(/^Cannot start the portal: /);
        expect(lines[0]).toMatch(expected);
      }),
    );
  }, 120_000);
});
