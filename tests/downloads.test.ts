import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPortalServer, type PortalServer } from "../api/server.js";
import { buildDatabase } from "../data/ingest/build.js";
import { buildDownloads, type BuildDownloadsResult } from "../downloads/build.js";
import { buildTestPortal, DATA_DIR } from "./helpers/portal.js";

const SITE_URL = "https://data.example.vn";

let portal: Awaited<ReturnType<typeof buildTestPortal>>;
let server: PortalServer;
let apiUrl: string;
let result: BuildDownloadsResult;
let dir: string;
const siteUrlBefore = process.env.PORTAL_SITE_URL;

beforeAll(async () => {
  // The in-process API writes permalinks from PORTAL_SITE_URL; the downloads must use the same site.
  process.env.PORTAL_SITE_URL = SITE_URL;
  portal = await buildTestPortal();
  server = await createPortalServer({ dbPath: portal.file, log: () => {} });
  apiUrl = await server.listen(0, "127.0.0.1");
  result = await buildDownloads({ apiUrl, outDir: mkdtempSync(join(tmpdir(), "portal-downloads-")), dbPath: portal.file, siteUrl: SITE_URL });
  dir = result.dir;
});
afterAll(async () => {
  if (siteUrlBefore === undefined) delete process.env.PORTAL_SITE_URL;
  else process.env.PORTAL_SITE_URL = siteUrlBefore;
  await server?.close();
  await portal?.close();
});

const bytes = (path: string) => readFileSync(join(dir, path));
/** Parse a downloaded CSV as a spreadsheet or a program would: header row, every cell a string. */
const rows = (path: string): Record<string, string>[] => parse(bytes(path), { bom: true, columns: true });
const header = (path: string): string[] => parse(bytes(path), { bom: true, to_line: 1 })[0];

describe("CSV files", () => {
  it("start with the UTF-8 byte-order mark, use CRLF line endings and NFC text", () => {
    const csvs = result.files.map((f) => f.path).filter((p) => p.endsWith(".csv"));
    expect(csvs.length).toBe(5 + 47);
    for (const path of csvs) {
      const raw = bytes(path);
      expect([...raw.subarray(0, 3)], path).toEqual([0xef, 0xbb, 0xbf]);
      const text = raw.toString("utf8");
      expect(text.endsWith("\r\n"), path).toBe(true);
      expect(/[^\r]\n/.test(text), `${path} has a bare LF`).toBe(false);
      expect(text === text.normalize("NFC"), `${path} is not NFC`).toBe(true);
    }
  });

  it("ntm-communes.csv holds the new-rural communes: 88 (end 2018), 109 (2022-H1 and 2023), 108 (end 2023)", () => {
    const ntm = rows("indicators/ntm-communes.csv");
    expect(ntm.map((r) => [r.period_label, r.value, r.source_id])).toEqual([
      ["cuối 2018", "88", "vietnamnet-ntm-2019"],
      ["2022-H1", "109", "bvpl-ntm-2022"],
      ["2023", "109", "thi-dua-2023"],
      ["cuối 2023", "108", "tothethao-ntm-2025"],
    ]);
    expect(ntm[1]).toMatchObject({
      indicator_id: "ntm-communes", indicator_name: "Số xã đạt chuẩn nông thôn mới", indicator_name_en: "Communes meeting the new-rural standard",
      area_code: "19", area_name: "Tỉnh Thái Nguyên", area_name_en: "Thai Nguyen Province", period_start: "2022-01-01", period_end: "2022-06-30",
      period_basis: "REFERENCE", unit: "count", status: "REPORTED", breakdown_id: "", source_title: "Thái Nguyên có 109 xã đạt chuẩn nông thôn mới",
      source_publisher: "Báo Bảo vệ pháp luật", data_version: result.dataVersion,
    });
    expect(ntm[1].source_url).toMatch(/^https:\/\/baovephapluat\.vn\//);
    expect(ntm[1].permalink).toBe(`${SITE_URL}/chi-so/ntm-communes/#obs-${ntm[1].observation_id}`);
    // The denominator 137 is another indicator's value, in its own file.
    expect(ntm.some((r) => r.value === "137")).toBe(false);
  });

  it("rural-communes.csv holds the denominator 137 (2022-H1 and 2023) and 126 (end 2023)", () => {
    expect(rows("indicators/rural-communes.csv").map((r) => [r.period_label, r.value])).toEqual([["2022-H1", "137"], ["2023", "137"], ["cuối 2023", "126"]]);
  });

  it("ntm-communes-share.csv holds the computed share 109/137 unrounded, marked COMPUTED", () => {
    const h1 = rows("indicators/ntm-communes-share.csv").find((r) => r.period_label === "2022-H1")!;
    expect(h1.status).toBe("COMPUTED");
    expect(Number(h1.value)).toBeCloseTo((109 / 137) * 100, 10);
    expect(h1.value).toMatch(/^79\.56\d+$/);
  });

  it("values are unformatted so spreadsheets parse them: 2255, 107, 357000000000000", () => {
    expect(rows("indicators/community-digital-teams.csv")[0]).toMatchObject({ value: "2255", period_label: "2023", source_id: "thi-dua-2023" });
    expect(rows("indicators/cho-4-0-markets.csv")[0]).toMatchObject({ value: "107", period_label: "2023" });
    expect(rows("indicators/digital-economy-revenue.csv")[0]).toMatchObject({ value: "357000000000000", unit: "vnd", status: "ESTIMATE", period_label: "2023-H1" });
    for (const r of rows("observations.csv")) expect(r.value).toMatch(/^-?\d+(\.\d+)?$/);
  });

  it("observations.csv holds every value once, and each indicator file holds exactly its rows", async () => {
    const all = rows("observations.csv");
    const counts = JSON.parse(readFileSync(join(dir, "datapackage.json"), "utf8"));
    expect(counts.version).toBe(result.dataVersion);
    expect(all).toHaveLength(portal.meta.counts.observations);
    expect(new Set(all.map((r) => r.observation_id)).size).toBe(all.length);
    const catalogue = rows("indicators.csv");
    expect(catalogue).toHaveLength(portal.meta.counts.indicators);
    let total = 0;
    for (const indicator of catalogue) {
      const own = rows(indicator.csv_path);
      expect(own.every((r) => r.indicator_id === indicator.id)).toBe(true);
      expect(own).toHaveLength(Number(indicator.observation_count));
      expect(own).toEqual(all.filter((r) => r.indicator_id === indicator.id));
      total += own.length;
    }
    expect(total).toBe(all.length);
  });

  it("broken-down values carry their part: em-communes-ntm 72 = 32 + 27 + 13", () => {
    const parts = rows("indicators/em-communes-ntm.csv").map((r) => [r.breakdown_id, r.value]);
    expect(parts).toEqual([["", "72"], ["khu-vuc-i", "32"], ["khu-vuc-ii", "27"], ["khu-vuc-iii", "13"]]);
  });

  it("areas.csv keeps GSO codes as text (06 = Bắc Kạn) and every version", () => {
    const areas = rows("areas.csv");
    expect(areas).toHaveLength(portal.meta.counts.areas);
    expect(areas.find((a) => a.code === "06")).toMatchObject({ level: "PROVINCE", full_name: "Tỉnh Bắc Kạn" });
    expect(areas.find((a) => a.code === "173")).toMatchObject({ full_name: "Huyện Phú Bình", valid_to: "2025-06-30" });
  });

  it("sources.csv and targets.csv hold the real sources and targets", () => {
    const sources = rows("sources.csv");
    expect(sources).toHaveLength(portal.meta.counts.sources);
    expect(sources.find((s) => s.id === "bvpl-ntm-2022")).toMatchObject({ publisher: "Báo Bảo vệ pháp luật", kind: "NEWS" });
    const targets = rows("targets.csv");
    expect(targets).toHaveLength(portal.meta.counts.targets);
    expect(targets.filter((t) => t.indicator_id === "ntm-communes-share").map((t) => [t.period_label, t.comparator, t.value])).toEqual([
      ["2019", "EQ", "70"], ["2025", "GT", "97"], ["2025", "GT", "97"],
    ]);
  });
});

describe("indicator JSON files", () => {
  it("hold the metadata, citation and the CSV's rows as typed records", () => {
    const json = JSON.parse(bytes("indicators/cho-4-0-markets.json").toString("utf8"));
    expect(json.data_version).toBe(result.dataVersion);
    expect(json.indicator).toMatchObject({ id: "cho-4-0-markets", unit: { id: "count", kind: "COUNT" }, observation_count: 1 });
    expect(json.indicator.citation).toContain(`phiên bản dữ liệu ${result.dataVersion}`);
    expect(json.observations).toHaveLength(1);
    expect(json.observations[0]).toMatchObject({ value: 107, breakdown_id: null, source_id: "thi-dua-2023" });
    expect(Object.keys(json.observations[0])).toEqual(header("indicators/cho-4-0-markets.csv"));
    expect(json.sources.map((s: { id: string }) => s.id)).toEqual(["thi-dua-2023"]);
  });
});

interface SchemaField {
  name: string;
  type: string;
  description: string;
  constraints?: { required?: boolean; unique?: boolean; enum?: string[] };
  unit?: { id: string };
}

describe("datapackage.json", () => {
  const pkg = () => JSON.parse(bytes("datapackage.json").toString("utf8"));

  it("describes the package: version = data version, created, licences, sources", () => {
    const p = pkg();
    expect(p).toMatchObject({ name: "thai-nguyen-open-data", version: result.dataVersion, created: "2026-01-01T00:00:00Z", profile: "data-package" });
    expect(p.licenses[0]).toMatchObject({ name: "CC-BY-4.0", path: "https://creativecommons.org/licenses/by/4.0/" });
    expect(p.sources).toHaveLength(portal.meta.counts.sources);
    for (const s of p.sources) expect(typeof s.title).toBe("string");
  });

  it("every resource path exists with its size and SHA-256; CSV headers equal the schema's field names", () => {
    const p = pkg();
    const names = new Set<string>();
    for (const r of p.resources) {
      expect(r.name).toMatch(/^[a-z0-9._-]+$/);
      expect(names.has(r.name), `duplicate resource ${r.name}`).toBe(false);
      names.add(r.name);
      expect(existsSync(join(dir, r.path)), r.path).toBe(true);
      const content = bytes(r.path);
      expect(r.bytes).toBe(content.length);
      expect(r.hash).toBe(`sha256:${createHash("sha256").update(content).digest("hex")}`);
      if (r.format === "csv") {
        expect(r).toMatchObject({ profile: "tabular-data-resource", mediatype: "text/csv", encoding: "utf-8", dialect: { lineTerminator: "\r\n", header: true } });
        expect(header(r.path)).toEqual(r.schema.fields.map((f: SchemaField) => f.name));
        for (const f of r.schema.fields as SchemaField[]) {
          expect(["string", "number", "integer", "boolean", "date"]).toContain(f.type);
          expect(f.description.length, `${r.name}.${f.name}`).toBeGreaterThan(10);
        }
      }
    }
    expect(p.resources.filter((r: { format: string }) => r.format === "csv")).toHaveLength(5 + 47);
    expect(names).toContain("portal-sqlite");
  });

  it("the data satisfy the schemas: types, required, enums, unique and primary keys", () => {
    for (const r of pkg().resources.filter((x: { format: string }) => x.format === "csv")) {
      const data = rows(r.path);
      for (const f of r.schema.fields as SchemaField[]) {
        const cells = data.map((row) => row[f.name]);
        const present = cells.filter((c) => c !== "");
        if (f.constraints?.required) expect(present.length, `${r.path}: ${f.name} is required`).toBe(cells.length);
        if (f.constraints?.enum) for (const c of present) expect(f.constraints.enum, `${r.path}: ${f.name}`).toContain(c);
        if (f.constraints?.unique) expect(new Set(present).size, `${r.path}: ${f.name} unique`).toBe(present.length);
        const valid = { number: /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/, integer: /^-?\d+$/, boolean: /^(true|false)$/, date: /^\d{4}-\d{2}-\d{2}$/, string: /^/s }[f.type]!;
        for (const c of present) expect(c, `${r.path}: ${f.name}`).toMatch(valid);
      }
      const keys = [r.schema.primaryKey ?? []].flat() as string[];
      if (keys.length) expect(new Set(data.map((row) => keys.map((k) => row[k]).join("|"))).size).toBe(data.length);
    }
  });

  it("foreign keys resolve: every indicator_id and source_id exists", () => {
    const p = pkg();
    const byName = new Map(p.resources.map((r: { name: string }) => [r.name, r]));
    for (const r of p.resources.filter((x: { format: string }) => x.format === "csv")) {
      for (const fk of r.schema.foreignKeys ?? []) {
        const target = byName.get(fk.reference.resource) as { path: string } | undefined;
        expect(target, `${r.name} → ${fk.reference.resource}`).toBeDefined();
        const allowed = new Set(rows(target!.path).map((row) => row[fk.reference.fields]));
        for (const row of rows(r.path)) if (row[fk.fields]) expect(allowed.has(row[fk.fields]), `${r.path}: ${fk.fields} ${row[fk.fields]}`).toBe(true);
      }
    }
  });

  it("an indicator's value field names its unit", () => {
    const revenue = pkg().resources.find((r: { name: string }) => r.name === "indicator-digital-economy-revenue");
    const value = revenue.schema.fields.find((f: SchemaField) => f.name === "value");
    expect(value.unit).toMatchObject({ id: "vnd", kind: "CURRENCY" });
    expect(value.description).toContain("Vietnamese dong (VND)");
  });
});

describe("catalog.json (DCAT)", () => {
  it("lists one dataset per indicator plus the whole portal, with distributions that exist", () => {
    const catalog = JSON.parse(bytes("catalog.json").toString("utf8"));
    expect(catalog["@type"]).toBe("dcat:Catalog");
    expect(catalog["@context"]).toMatchObject({ dcat: "http://www.w3.org/ns/dcat#", dct: "http://purl.org/dc/terms/" });
    expect(catalog["dcat:version"]).toBe(result.dataVersion);
    const datasets = catalog["dcat:dataset"];
    expect(datasets).toHaveLength(1 + portal.meta.counts.indicators);
    for (const d of datasets) {
      expect(d["@type"]).toBe("dcat:Dataset");
      expect(d["dct:license"]).toEqual({ "@id": "https://creativecommons.org/licenses/by/4.0/" });
      expect(d["dcat:version"]).toBe(result.dataVersion);
      expect(d["dct:modified"]).toEqual({ "@value": "2026-01-01", "@type": "xsd:date" });
      expect(d["dct:publisher"]["foaf:name"]).toContainEqual({ "@value": "Cổng dữ liệu mở Thái Nguyên", "@language": "vi" });
      for (const dist of d["dcat:distribution"]) {
        const url: string = dist["dcat:downloadURL"]["@id"];
        expect(url.startsWith(`${SITE_URL}/downloads/`)).toBe(true);
        const path = url.slice(`${SITE_URL}/downloads/`.length);
        expect(Number(dist["dcat:byteSize"]["@value"])).toBe(bytes(path).length);
      }
    }
    const cho = datasets.find((d: { "dct:identifier": string }) => d["dct:identifier"] === "cho-4-0-markets");
    expect(cho["dcat:distribution"].map((x: { "dct:format": string }) => x["dct:format"])).toEqual(["CSV", "JSON"]);
    expect(cho["dct:source"]).toContainEqual(expect.objectContaining({ "dct:identifier": "thi-dua-2023" }));
  });
});

describe("the zip", () => {
  it("is named after the data version and holds every file, byte for byte", () => {
    expect(result.zipName).toBe(`thai-nguyen-open-data-${result.dataVersion}.zip`);
    const entries = unzipSync(new Uint8Array(bytes(result.zipName)));
    const folder = `thai-nguyen-open-data-${result.dataVersion}/`;
    const inZip = Object.keys(entries).map((name) => name.slice(folder.length)).sort();
    const written = result.files.map((f) => f.path).filter((p) => p !== result.zipName).sort();
    expect(inZip).toEqual(written);
    for (const path of ["observations.csv", "portal.sqlite", "datapackage.json", "README.md", "indicators/cho-4-0-markets.csv", "licences/LICENSE-vietnamese-provinces-database.txt", "licences/LICENSE-dvhcvn-20250701.txt", "licences/LICENSE-code.txt"]) {
      expect(Buffer.from(entries[folder + path]).equals(bytes(path)), path).toBe(true);
    }
    const onDisk = [...readdirSync(dir), ...["indicators", "licences"].flatMap((sub) => readdirSync(join(dir, sub)).map((f) => `${sub}/${f}`))]
      .filter((f) => f !== "indicators" && f !== "licences")
      .sort();
    expect(onDisk).toEqual([...written, result.zipName].sort());
  });
});

describe("the data dictionary", () => {
  it("downloads/README.md documents every column of every table", () => {
    const readme = readFileSync(new URL("../downloads/README.md", import.meta.url), "utf8");
    const pkg = JSON.parse(bytes("datapackage.json").toString("utf8"));
    for (const name of ["observations", "indicators", "areas", "sources", "targets"]) {
      const resource = pkg.resources.find((r: { name: string }) => r.name === name);
      const section = readme.split(/^## /m).find((s) => s.startsWith(name === "observations" ? "observations.csv" : `${name}.csv`))!;
      expect(section, name).toBeDefined();
      for (const f of resource.schema.fields) expect(section, `${name}.${f.name}`).toContain(`| \`${f.name}\` |`);
    }
  });
});

describe("failures are clear", () => {
  it("refuses a database whose data version differs from the API's", async () => {
    const other = join(mkdtempSync(join(tmpdir(), "portal-other-")), "portal.sqlite");
    await buildDatabase({ dataDir: DATA_DIR, outFile: other, buildDate: "2025-12-31" });
    await expect(buildDownloads({ apiUrl, outDir: mkdtempSync(join(tmpdir(), "portal-downloads-")), dbPath: other })).rejects.toThrow(/holds data 2025-12-31\..* but the API serves 2026-01-01\./);
  });

  it("refuses a site address other than the one the API's permalinks use", async () => {
    await expect(buildDownloads({ apiUrl, outDir: mkdtempSync(join(tmpdir(), "portal-downloads-")), siteUrl: "https://elsewhere.example" })).rejects.toThrow(
      `The API's permalinks use ${SITE_URL} but the downloads were asked for https://elsewhere.example`,
    );
  });

  it("names the API address when it cannot be reached", async () => {
    const closed = await createPortalServer({ dbPath: portal.file, log: () => {} });
    const url = await closed.listen(0, "127.0.0.1");
    await closed.close();
    await expect(buildDownloads({ apiUrl: url, outDir: mkdtempSync(join(tmpdir(), "portal-downloads-")) })).rejects.toThrow(/Cannot reach the API at http:\/\/127\.0\.0\.1:\d+\/graphql/);
  });
});
