/**
 * What journalists and researchers rely on beyond the pages (issue #4): one value reachable by
 * the id in its permalink (Query.observation), and files served with the media types that make
 * browsers and spreadsheets open them right (CSV as UTF-8, the schema as text, SQLite, zip).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestDatabase, startServer, type TestServer } from "./helpers/server.js";
import { buildTestPortal, run, runRaw } from "./helpers/portal.js";

describe("Query.observation: the value behind a permalink", () => {
  let portal: Awaited<ReturnType<typeof buildTestPortal>>;
  beforeAll(async () => {
    portal = await buildTestPortal();
  });
  afterAll(async () => {
    await portal?.close();
  });

  it("returns the value, its sentence and its permalink by the id after #obs-", async () => {
    const { indicator } = await run(portal, `{ indicator(id: "cho-4-0-markets") { observations { id permalink } } }`);
    const [{ id, permalink }] = indicator.observations;
    expect(permalink).toBe(`http://localhost:4000/chi-so/cho-4-0-markets/#obs-${id}`);
    const anchor = permalink.split("#obs-")[1];
    const { observation } = await run(portal, `query($id: ID!) { observation(id: $id) { id value fact en: fact(lang: EN) permalink indicator { id } source { id } } }`, { id: anchor });
    expect(observation).toMatchObject({ id, value: 107, permalink, indicator: { id: "cho-4-0-markets" } });
    expect(observation.fact).toContain("Tỉnh Thái Nguyên có 107 chợ 4.0 (công bố năm 2023, không nêu kỳ số liệu;");
    expect(observation.en).toContain("Thái Nguyên Province had 107 Chợ 4.0 digital markets (published 2023, period not stated;");
  });

  it("answers NOT_FOUND, with where ids come from, for an id no value has", async () => {
    const result = await runRaw(portal, `{ observation(id: "no-such-value") { value } }`);
    expect(result.data).toEqual({ observation: null });
    expect(result.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    expect(result.errors?.[0].message).toContain('No observation with id "no-such-value"');
    expect(result.errors?.[0].message).toContain("#obs-");
  });
});

describe("static files are served with their media types", () => {
  let server: TestServer;
  let siteDir: string;

  beforeAll(async () => {
    siteDir = mkdtempSync(join(tmpdir(), "portal-types-"));
    mkdirSync(join(siteDir, "downloads/indicators"), { recursive: true });
    mkdirSync(join(siteDir, "charts"));
    const files: Record<string, string | Buffer> = {
      "index.html": "<!doctype html><title>x</title>",
      "schema.graphql": "type Query { about: About! }\n",
      "robots.txt": "User-agent: *\n",
      "downloads/observations.csv": "\uFEFFindicator_id,area_name\r\ncho-4-0-markets,Tỉnh Thái Nguyên\r\n",
      "downloads/indicators/cho-4-0-markets.json": '{"data_version":"x"}\n',
      "downloads/catalog.json": "{}\n",
      "downloads/thai-nguyen-communes-2025-07-01.geojson": '{"type":"FeatureCollection","features":[]}\n',
      "downloads/README.md": "# Downloads\n",
      "downloads/portal.sqlite": Buffer.from("SQLite format 3\0"),
      "downloads/thai-nguyen-open-data-x.zip": Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]),
      "charts/x.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>',
      "charts/x.png": Buffer.from([0x89, 0x50, 0x4e, 0x47]),
    };
    for (const [path, content] of Object.entries(files)) writeFileSync(join(siteDir, path), content);
    server = await startServer(await buildTestDatabase(), { siteDir });
  });

  afterAll(async () => {
    await server?.close();
    if (siteDir) rmSync(siteDir, { recursive: true, force: true });
  });

  const typeOf = async (path: string) => {
    const response = await fetch(`${server.url}${path}`);
    await response.arrayBuffer();
    expect(response.status, path).toBe(200);
    return response.headers.get("content-type");
  };

  it("sends CSV as UTF-8 text/csv, JSON, Markdown and the schema as UTF-8 text", async () => {
    expect(await typeOf("/downloads/observations.csv")).toBe("text/csv; charset=utf-8");
    expect(await typeOf("/downloads/indicators/cho-4-0-markets.json")).toBe("application/json; charset=utf-8");
    expect(await typeOf("/downloads/catalog.json")).toBe("application/json; charset=utf-8");
    expect(await typeOf("/downloads/thai-nguyen-communes-2025-07-01.geojson")).toBe("application/geo+json; charset=utf-8");
    expect(await typeOf("/downloads/README.md")).toBe("text/markdown; charset=utf-8");
    expect(await typeOf("/schema.graphql")).toBe("text/plain; charset=utf-8");
    expect(await typeOf("/robots.txt")).toBe("text/plain; charset=utf-8");
  });

  it("sends the database as application/vnd.sqlite3, the zip as application/zip, charts as SVG and PNG", async () => {
    expect(await typeOf("/downloads/portal.sqlite")).toBe("application/vnd.sqlite3");
    expect(await typeOf("/downloads/thai-nguyen-open-data-x.zip")).toBe("application/zip");
    expect(await typeOf("/charts/x.svg")).toBe("image/svg+xml; charset=utf-8");
    expect(await typeOf("/charts/x.png")).toBe("image/png");
    expect(await typeOf("/")).toBe("text/html; charset=utf-8");
  });

  it("keeps the bytes of a CSV as written (byte-order mark and Vietnamese letters)", async () => {
    const body = Buffer.from(await (await fetch(`${server.url}/downloads/observations.csv`)).arrayBuffer());
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.toString("utf8")).toContain("Tỉnh Thái Nguyên");
  });

  it("sends a browser opening /graphql to the API page, while a client without a query gets the spec's 400", async () => {
    const browser = await fetch(`${server.url}/graphql`, { headers: { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" }, redirect: "manual" });
    expect(browser.status).toBe(302);
    expect(browser.headers.get("location")).toBe("/api/");
    const client = await fetch(`${server.url}/graphql`, { headers: { accept: "application/graphql-response+json" } });
    expect(client.status).toBe(400);
  });
});
