/**
 * "What's new" per data version (issue 11, item 4): the build diffs the data with the previous
 * published version's record (data/releases/<version>.csv, written by `npm run data:release`),
 * and the API lists the versions and their added, changed and removed values. The first record
 * is the data as of commit 8cbf08c (67 values, built by that commit's own ingest).
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPortalDatabase, type PortalDatabase } from "../api/db/connect.js";
import { buildDatabase } from "../data/ingest/build.js";
import { DATA_DIR, run } from "./helpers/portal.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const FIRST = "2026-11-30.13c16d75";

function copyOfData(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "portal-releases-")), "data");
  cpSync(DATA_DIR, dir, { recursive: true, filter: (src) => !src.includes(join("data", "ingest")) });
  return dir;
}

async function build(dir: string, buildDate = "2026-12-05"): Promise<PortalDatabase & { file: string }> {
  const file = join(mkdtempSync(join(tmpdir(), "portal-releases-db-")), "portal.sqlite");
  await buildDatabase({ dataDir: dir, outFile: file, buildDate });
  return Object.assign(await openPortalDatabase(file), { file });
}

const VERSIONS = `{ dataVersions { version publishedOn previousVersion current released valuesCount added changed removed
  changes { kind observationId indicatorId areaCode periodLabel sourceId oldValue newValue oldStatus newStatus indicator { id } } } }`;

describe("the version history of the real data", () => {
  let portal: PortalDatabase & { file: string };
  beforeAll(async () => {
    portal = await build(DATA_DIR);
  }, 120_000);
  afterAll(async () => portal?.close());

  it("starts with the record of commit 8cbf08c and compares the data being built with it", async () => {
    expect(readdirSync(join(DATA_DIR, "releases"))).toContain(`${FIRST}.csv`);
    const { dataVersions } = await run(portal, VERSIONS);
    const current = dataVersions[0];
    const first = dataVersions[dataVersions.length - 1];
    expect(first).toMatchObject({ version: FIRST, publishedOn: "2026-11-30", previousVersion: null, current: false, released: true, valuesCount: 67, added: 0, changed: 0, removed: 0, changes: [] });
    expect(current).toMatchObject({ version: portal.meta.dataVersion, current: true, released: false, previousVersion: FIRST });
    expect(current.valuesCount).toBe(current.changes.filter((c: any) => c.kind !== "REMOVED").length + 67 - current.removed - current.changed);
    // The seed article's figures are unchanged: not listed.
    expect(current.changes.some((c: any) => c.indicatorId === "cho-4-0-markets" && c.sourceId === "thi-dua-2023")).toBe(false);
    // The merger report's population moved to its own indicator (quy mô dân số): three values removed, kept under the new id.
    const removed = current.changes.filter((c: any) => c.kind === "REMOVED");
    expect(removed.map((c: any) => [c.indicatorId, c.areaCode, c.oldValue, c.newValue])).toEqual([
      ["population", "06", 365318, null], ["population", "19", 1434171, null], ["population", "19", 1799489, null],
    ]);
    expect(current.changes.filter((c: any) => c.kind === "ADDED" && c.indicatorId === "population-reorganisation-scale" && c.sourceId === "vietnamvn-merger-2025").map((c: any) => c.newValue).sort())
      .toEqual(expect.arrayContaining([365318, 1434171]));
    expect(current.added).toBe(current.changes.filter((c: any) => c.kind === "ADDED").length);
  });
});

describe("npm run data:release, then a revision", () => {
  it("records a version without changing it, and the next build lists a corrected value as CHANGED", async () => {
    const dir = copyOfData();
    const before = await build(dir, "2026-12-05");
    const version = before.meta.dataVersion;
    await before.close();
    await promisify(execFile)(process.execPath, ["--import", "tsx", "data/ingest/release-cli.ts"], { cwd: ROOT, env: { ...process.env, PORTAL_DB: before.file, PORTAL_DATA_DIR: dir } });
    const record = readFileSync(join(dir, "releases", `${version}.csv`), "utf8");
    expect(record.split("\n")[0]).toBe("indicator,area_code,period_start,period_end,period_label,breakdown,source,value,status");
    expect(record).toContain("cho-4-0-markets,19,2023-01-01,2023-12-31,2023,,thi-dua-2023,107,REPORTED");
    // Recording a version does not change it (data/releases is not part of the data hash): it is released now, one entry, still compared with the first.
    const again = await build(dir, "2026-12-05");
    expect(again.meta.dataVersion).toBe(version);
    const released = (await run(again, VERSIONS)).dataVersions;
    expect(released.map((v: any) => [v.version, v.current, v.released, v.previousVersion])).toEqual([[version, true, true, FIRST], [FIRST, false, true, null]]);
    await again.close();

    // A correction: 107 markets → 108, and a status.
    const seed = join(dir, "facts/observations/province-seed.csv");
    writeFileSync(seed, readFileSync(seed, "utf8").replace(",107,reported,thi-dua-2023,", ",108,estimate,thi-dua-2023,"));
    const next = await build(dir, "2026-12-06");
    const { dataVersions } = await run(next, VERSIONS);
    expect(dataVersions.map((v: any) => v.version)).toEqual([next.meta.dataVersion, version, FIRST]);
    expect(dataVersions[0]).toMatchObject({ previousVersion: version, added: 0, changed: 1, removed: 0, released: false });
    expect(dataVersions[0].changes).toEqual([expect.objectContaining({
      kind: "CHANGED", indicatorId: "cho-4-0-markets", areaCode: "19", periodLabel: "2023", sourceId: "thi-dua-2023",
      oldValue: 107, newValue: 108, oldStatus: "REPORTED", newStatus: "ESTIMATE", indicator: { id: "cho-4-0-markets" },
    })]);
    const changed = await run(next, `{ dataVersion(version: "${next.meta.dataVersion}") { changes(kind: ADDED) { observationId } } }`);
    expect(changed.dataVersion.changes).toEqual([]);
    await next.close();
  }, 300_000);
});
