import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import { unzipSync } from "fflate";
import readXlsxFile from "read-excel-file/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPortalServer, type PortalServer } from "../api/server.js";
import { buildDatabase } from "../data/ingest/build.js";
import { buildDownloads, type BuildDownloadsResult } from "../downloads/build.js";
import { significantDigits, toXlsx } from "../downloads/xlsx.js";
import { buildTestPortal, DATA_DIR } from "./helpers/portal.js";

const SITE_URL = "https://data.example.vn";
const MAP_NAME = "thai-nguyen-communes-2025-07-01";
const MAP_FILE = `${MAP_NAME}.geojson`;

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
const BOM = [0xef, 0xbb, 0xbf];
const startsWithBom = (content: Buffer) => content.length >= 3 && BOM.every((b, i) => content[i] === b);
/** Parse a downloaded CSV as its data package declares it (UTF-8, no byte-order mark, header row): every cell a string. */
const rows = (path: string): Record<string, string>[] => parse(bytes(path), { columns: true });
const header = (path: string): string[] => parse(bytes(path), { to_line: 1 })[0];
/** One download per indicator of the catalogue (counted in the database the files were built from). */
const indicatorCount = () => portal.meta.counts.indicators;
const plainCsvs = () => result.files.map((f) => f.path).filter((p) => p.endsWith(".csv") && !p.endsWith("-excel.csv"));

describe("CSV files", () => {
  it("are plain UTF-8 without a byte-order mark, with CRLF line endings and NFC text", () => {
    const csvs = plainCsvs();
    expect(csvs.length).toBe(5 + indicatorCount());
    for (const path of csvs) {
      const raw = bytes(path);
      expect(startsWithBom(raw), `${path} starts with a byte-order mark`).toBe(false);
      const text = raw.toString("utf8");
      expect(text.startsWith("indicator_id,") || text.startsWith("id,"), path).toBe(true);
      expect(text.endsWith("\r\n"), path).toBe(true);
      expect(/[^\r]\n/.test(text), `${path} has a bare LF`).toBe(false);
      expect(text === text.normalize("NFC"), `${path} is not NFC`).toBe(true);
    }
  });

  it("each has a copy for Excel (<name>-excel.csv): the same bytes after the UTF-8 byte-order mark", () => {
    const copies = result.files.map((f) => f.path).filter((p) => p.endsWith("-excel.csv")).sort();
    expect(copies).toEqual(plainCsvs().map((p) => p.replace(/\.csv$/, "-excel.csv")).sort());
    for (const copy of copies) {
      const raw = bytes(copy);
      expect(startsWithBom(raw), copy).toBe(true);
      expect(raw.subarray(3).equals(bytes(copy.replace(/-excel\.csv$/, ".csv"))), copy).toBe(true);
    }
    expect(parse(bytes("areas-excel.csv"), { bom: true, columns: true })).toEqual(rows("areas.csv"));
  });

  it("ntm-communes.csv holds the new-rural communes: districts (Định Hóa 22, Đồng Hỷ 8, Đại Từ 25, Phú Bình 19), then the province: 88 (end 2018), 109 (2022-H1 and 2023), 108 (end 2023), 118 (2024)", () => {
    const all = rows("indicators/ntm-communes.csv");
    expect(all.filter((r) => r.area_code !== "19").map((r) => [r.area_code, r.period_label, r.value, r.source_id])).toEqual([
      ["167", "cuối 2023", "22", "vov-dinh-hoa-2024"],
      ["169", "2020", "8", "congly-dong-hy"],
      ["171", "2024–2025", "25", "langngheviet-dai-tu"],
      ["173", "24/11/2022", "19", "moc-phu-binh-2022"],
    ]);
    const ntm = all.filter((r) => r.area_code === "19");
    expect(ntm.map((r) => [r.period_label, r.value, r.source_id])).toEqual([
      ["cuối 2018", "88", "vietnamnet-ntm-2019"],
      ["2022-H1", "109", "bvpl-ntm-2022"],
      ["2023", "109", "thi-dua-2023"],
      ["cuối 2023", "108", "tothethao-ntm-2025"],
      ["2024", "118", "vietnamnet-thai-nguyen-2024"],
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
    expect(all.some((r) => r.value === "137")).toBe(false);
  });

  it("rural-communes.csv holds the province's denominator 137 (2022-H1 and 2023), 126 (end 2023 and 2024) and the districts' own", () => {
    const all = rows("indicators/rural-communes.csv");
    expect(all.filter((r) => r.area_code === "19").map((r) => [r.period_label, r.value])).toEqual([["2022-H1", "137"], ["2023", "137"], ["cuối 2023", "126"], ["2024", "126"]]);
    expect(all.filter((r) => r.area_code !== "19").map((r) => [r.area_code, r.period_label, r.value])).toEqual([
      ["167", "cuối 2023", "22"], ["169", "2020", "13"], ["171", "2024–2025", "25"], ["172", "11/8/2019", "14"], ["173", "24/11/2022", "19"], ["173", "5/2025", "19"],
    ]);
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

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const isTabular = (r: { profile: string }) => r.profile === "tabular-data-resource";

describe("datapackage.json", () => {
  const pkg = () => JSON.parse(bytes("datapackage.json").toString("utf8"));

  it("describes the package: version = data version, created, licences, sources", () => {
    const p = pkg();
    expect(p).toMatchObject({ name: "thai-nguyen-open-data", version: result.dataVersion, created: "2026-01-01T00:00:00Z", profile: "data-package" });
    expect(p.licenses[0]).toMatchObject({ name: "CC-BY-4.0", path: "https://creativecommons.org/licenses/by/4.0/" });
    expect(p.sources).toHaveLength(portal.meta.counts.sources);
    for (const s of p.sources) expect(typeof s.title).toBe("string");
  });

  it("every resource path exists with its size, SHA-256 and media type; tabular headers equal the schema's field names", () => {
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
      const extension = r.path.split(".").pop();
      const types: Record<string, string> = { csv: "text/csv", json: "application/json", geojson: "application/geo+json", xlsx: XLSX_TYPE, sqlite: "application/vnd.sqlite3", md: "text/markdown", txt: "text/plain" };
      expect(r.mediatype, r.path).toBe(types[extension]);
      expect(r.format, r.path).toBe(extension);
      if (isTabular(r)) {
        expect(r).toMatchObject({ mediatype: "text/csv", encoding: "utf-8", dialect: { delimiter: ",", lineTerminator: "\r\n", quoteChar: '"', skipInitialSpace: false, header: true } });
        expect(startsWithBom(content), `${r.path} starts with a byte-order mark but says utf-8`).toBe(false);
        expect(header(r.path)).toEqual(r.schema.fields.map((f: SchemaField) => f.name));
        for (const f of r.schema.fields as SchemaField[]) {
          expect(["string", "number", "integer", "boolean", "date"]).toContain(f.type);
          expect(f.description.length, `${r.name}.${f.name}`).toBeGreaterThan(10);
        }
      } else {
        expect(r.profile, r.path).toBe("data-resource");
      }
    }
    const tabular = p.resources.filter(isTabular).map((r: { path: string }) => r.path).sort();
    expect(tabular).toEqual(plainCsvs().sort());
    // The copies for Excel and the workbooks are listed as files, not as tables to parse.
    const listed = new Set(p.resources.map((r: { path: string }) => r.path));
    for (const path of [...plainCsvs().map((c) => c.replace(/\.csv$/, "-excel.csv")), "thai-nguyen-open-data.xlsx", "indicators/cho-4-0-markets.xlsx"]) expect(listed.has(path), path).toBe(true);
    expect(p.resources.filter((r: { format: string }) => r.format === "xlsx")).toHaveLength(1 + indicatorCount());
    expect(names).toContain("portal-sqlite");
  });

  it("declares codes and ids as strings, values as numbers, dates as dates", () => {
    const fields = (name: string) => new Map<string, string>(pkg().resources.find((r: { name: string }) => r.name === name).schema.fields.map((f: SchemaField) => [f.name, f.type]));
    const observations = fields("observations");
    for (const f of ["indicator_id", "area_code", "source_id", "observation_id", "breakdown_id"]) expect(observations.get(f), f).toBe("string");
    expect(observations.get("value")).toBe("number");
    expect([observations.get("period_start"), observations.get("period_end")]).toEqual(["date", "date"]);
    const areas = fields("areas");
    expect([areas.get("id"), areas.get("code"), areas.get("parent_code"), areas.get("valid_from"), areas.get("valid_to")]).toEqual(["string", "string", "string", "date", "date"]);
    expect(fields("targets").get("value")).toBe("number");
    expect(fields("sources").get("snapshot_date")).toBe("date");
    // Publication dates are as precise as known (2023, 2025-06, 2025-06-16): text, not a date.
    expect(fields("sources").get("published")).toBe("string");
    expect(fields("indicators").get("observation_count")).toBe("integer");
  });

  it("the data satisfy the schemas: types, required, enums, unique and primary keys", () => {
    for (const r of pkg().resources.filter(isTabular)) {
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
    for (const r of p.resources.filter(isTabular)) {
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
    // The whole portal, the map of the communes, then one per indicator.
    expect(datasets).toHaveLength(2 + portal.meta.counts.indicators);
    for (const d of datasets) {
      expect(d["@type"]).toBe("dcat:Dataset");
      if (d["dct:identifier"] !== MAP_NAME) expect(d["dct:license"]).toEqual({ "@id": "https://creativecommons.org/licenses/by/4.0/" });
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
    const iana = "https://www.iana.org/assignments/media-types/";
    const distributions = (d: { "dcat:distribution": Record<string, { "@id": string } | string>[] }) =>
      d["dcat:distribution"].map((x) => [(x["dcat:downloadURL"] as { "@id": string })["@id"].slice(`${SITE_URL}/downloads/`.length), x["dct:format"], (x["dcat:mediaType"] as { "@id": string })["@id"].slice(iana.length)]);
    expect(distributions(cho)).toEqual([
      ["indicators/cho-4-0-markets.xlsx", "XLSX", XLSX_TYPE],
      ["indicators/cho-4-0-markets.csv", "CSV", "text/csv"],
      ["indicators/cho-4-0-markets-excel.csv", "CSV", "text/csv"],
      ["indicators/cho-4-0-markets.json", "JSON", "application/json"],
    ]);
    expect(cho["dcat:distribution"][2]["dct:title"]).toContain("CSV for Excel");
    expect(cho["dct:source"]).toContainEqual(expect.objectContaining({ "dct:identifier": "thi-dua-2023" }));
    const all = distributions(datasets[0]);
    expect(all[0]).toEqual(["thai-nguyen-open-data.xlsx", "XLSX", XLSX_TYPE]);
    for (const table of ["observations", "indicators", "areas", "sources", "targets"]) {
      expect(all).toContainEqual([`${table}.csv`, "CSV", "text/csv"]);
      expect(all).toContainEqual([`${table}-excel.csv`, "CSV", "text/csv"]);
    }
  });
});

describe("below the province: every area with a value, at every level", () => {
  const census = () => rows("indicators/population.csv").filter((r) => r.source_id === "gso-census-2019-communes" && r.period_end === "2019-04-01");

  it("population.csv holds the 2019 census of all 180 commune-level units, the 9 district totals and the province total computed from them", () => {
    const byLevel = new Map<string, number>();
    for (const r of census()) byLevel.set(`${r.area_level} ${r.status}`, (byLevel.get(`${r.area_level} ${r.status}`) ?? 0) + 1);
    expect(Object.fromEntries(byLevel)).toEqual({ "COMMUNE REPORTED": 180, "DISTRICT COMPUTED": 9, "PROVINCE COMPUTED": 1 });
    const daiTu = census().filter((r) => r.area_code === "171");
    expect(daiTu.map((r) => [r.area_name, r.area_level, r.area_unit_type, r.value, r.unit, r.status])).toEqual([["Huyện Đại Từ", "DISTRICT", "HUYEN", "171703", "person", "COMPUTED"]]);
    // Its 30 communes sum to it; the province is 1,286,751, beside Wikipedia's published total.
    const communes = census().filter((r) => r.area_level === "COMMUNE" && rows("areas.csv").some((a) => a.code === r.area_code && a.parent_code === "171" && a.valid_from <= "2019-04-01" && (a.valid_to === "" || a.valid_to >= "2019-04-01")));
    expect(communes).toHaveLength(30);
    expect(communes.reduce((sum, r) => sum + Number(r.value), 0)).toBe(171703);
    expect(rows("indicators/population.csv").filter((r) => r.area_code === "19" && r.period_end === "2019-04-01").map((r) => [r.value, r.source_id, r.status]))
      .toEqual([["1286751", "gso-census-2019-communes", "COMPUTED"], ["1286751", "wikipedia-thai-nguyen", "REPORTED"]]);
    // Vinh Sơn (merged away before 2020) is there with its census value, as a commune.
    expect(census().filter((r) => r.area_code === "05524").map((r) => [r.area_name, r.area_unit_type, r.value])).toEqual([["Xã Vinh Sơn", "XA", "2797"]]);
  });

  it("every observation names its area's level and type, and the JSON file has the same rows", () => {
    const all = rows("observations.csv");
    expect(all.filter((r) => r.area_level === "").map((r) => r.observation_id)).toEqual([]);
    const levels = new Set(all.map((r) => r.area_level));
    expect([...levels].sort()).toEqual(["COMMUNE", "DISTRICT", "PROVINCE"]);
    expect(all.filter((r) => r.area_code === "19").every((r) => r.area_level === "PROVINCE" && r.area_unit_type === "TINH")).toBe(true);
    const json = JSON.parse(bytes("indicators/population.json").toString("utf8"));
    const record = json.observations.find((o: Record<string, unknown>) => o.area_code === "171" && o.source_id === "gso-census-2019-communes" && o.period_end === "2019-04-01");
    expect(record).toMatchObject({ area_name: "Huyện Đại Từ", area_level: "DISTRICT", area_unit_type: "HUYEN", value: 171703, status: "COMPUTED" });
    expect(json.observations).toHaveLength(rows("indicators/population.csv").length);
  });
});

describe(MAP_FILE, () => {
  type MapFeature = { type: string; id: string; properties: Record<string, string | number | null>; geometry: { type: string; coordinates: number[][][] | number[][][][] } };
  const map = () => JSON.parse(bytes(MAP_FILE).toString("utf8")) as { type: string; features: MapFeature[]; attribution: { vi: string; en: string }; licenses: { name: string; file?: string }[]; source: { id: string }; data_version: string; fields: { name: string }[] };
  const feature = (code: string) => map().features.find((f) => f.id === code)!;

  it("holds the 92 commune-level units of 2025-07-01, one feature each with its GSO code, names and type", () => {
    const m = map();
    expect(m.type).toBe("FeatureCollection");
    expect(m.features).toHaveLength(92);
    const codes = m.features.map((f) => f.properties.code);
    expect(new Set(codes).size).toBe(92);
    for (const f of m.features) {
      expect(f.type).toBe("Feature");
      expect(f.id).toBe(f.properties.code);
      expect(f.properties.code).toMatch(/^\d{5}$/);
      expect(["PHUONG", "XA"]).toContain(f.properties.unit_type);
      expect(["Polygon", "MultiPolygon"]).toContain(f.geometry.type);
    }
    expect(feature("05443").properties).toMatchObject({ name: "Phan Đình Phùng", full_name: "Phường Phan Đình Phùng", unit_type: "PHUONG", valid_from: "2025-07-01" });
  });

  it("carries each unit's latest values with period, status and source id; a harmonised 2019 census where every predecessor went in whole, null where one was split", () => {
    expect(feature("05443").properties).toMatchObject({
      land_area: 14.73, land_area_period_end: "2025-07-01", land_area_status: "REPORTED", land_area_source_id: "vietnam-3d-map-wards-2025",
      population_reorganisation_scale: 111482, population_reorganisation_scale_source_id: "vietnam-3d-map-wards-2025",
      population_density_reorganisation_status: "COMPUTED",
      // Part of Gia Sàng went into Phan Đình Phùng: no harmonised census value.
      population_harmonised: null, population_harmonised_source_id: null,
    });
    expect(feature("05443").properties.population_density_reorganisation).toBeCloseTo(111482 / 14.73, 6);
    // Thịnh Đán, Phúc Hà and Quyết Thắng went whole into Phường Quyết Thắng: 14220 + 3996 + 17252.
    expect(feature("05455").properties).toMatchObject({ population_harmonised: 35468, population_harmonised_period_end: "2019-04-01", population_harmonised_status: "COMPUTED", population_harmonised_source_id: "gso-census-2019-communes" });
    expect(map().features.filter((f) => f.properties.population_harmonised !== null)).toHaveLength(44);
    const described = new Set(map().fields.map((f) => f.name));
    for (const name of Object.keys(feature("05455").properties)) expect(described.has(name), name).toBe(true);
  });

  it("names the shapes' source, attribution and licences in the file, and ships the MIT licence text beside it", () => {
    const m = map();
    expect(m.data_version).toBe(result.dataVersion);
    expect(m.source.id).toBe("vietnam-3d-map-wards-2025");
    expect(m.attribution.vi).toContain("lamngockhuong/vietnam-3d-map");
    expect(m.attribution.vi).toContain("không phải địa giới pháp lý");
    expect(m.attribution.en).toContain("Simplified for display, not legal boundaries.");
    expect(m.licenses.map((l) => l.name)).toEqual(["MIT", "CC-BY-4.0"]);
    expect(m.licenses[0].file).toBe("licences/LICENSE-vietnam-3d-map.txt");
    expect(bytes("licences/LICENSE-vietnam-3d-map.txt").toString("utf8")).toContain("Copyright (c) 2025 Lam Ngoc Khuong");
  });

  it("winds exterior rings counter-clockwise and holes clockwise (RFC 7946), unlike the API's d3 order", () => {
    // Twice the signed area in the lon/lat plane: positive for a counter-clockwise ring.
    const signedArea = (ring: number[][]) => ring.reduce((sum, [x1, y1], i) => { const [x2, y2] = ring[(i + 1) % ring.length]; return sum + x1 * y2 - x2 * y1; }, 0);
    let rings = 0;
    for (const f of map().features) {
      const polygons = (f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates) as number[][][][];
      for (const polygon of polygons) polygon.forEach((ring, i) => {
        rings++;
        expect(Math.sign(signedArea(ring)), `${f.id} ring ${i}`).toBe(i === 0 ? 1 : -1);
      });
    }
    expect(rings).toBeGreaterThanOrEqual(92);
  });

  it("is listed in datapackage.json with its licences and in catalog.json as a dataset of its own", () => {
    const pkg = JSON.parse(bytes("datapackage.json").toString("utf8"));
    const resource = pkg.resources.find((r: { path: string }) => r.path === MAP_FILE);
    expect(resource).toMatchObject({ name: MAP_NAME, format: "geojson", mediatype: "application/geo+json", profile: "data-resource", bytes: bytes(MAP_FILE).length });
    expect(resource.licenses.map((l: { name: string }) => l.name)).toEqual(["MIT", "CC-BY-4.0"]);
    expect(pkg.resources.some((r: { path: string }) => r.path === "licences/LICENSE-vietnam-3d-map.txt")).toBe(true);
    const catalog = JSON.parse(bytes("catalog.json").toString("utf8"));
    const dataset = catalog["dcat:dataset"].find((d: { "dct:identifier": string }) => d["dct:identifier"] === MAP_NAME);
    expect(dataset["dct:license"]).toEqual([{ "@id": expect.stringContaining("vietnam-3d-map") }, { "@id": "https://creativecommons.org/licenses/by/4.0/" }]);
    expect(dataset["dcat:distribution"]).toHaveLength(1);
    expect(dataset["dcat:distribution"][0]).toMatchObject({ "dct:format": "GEOJSON", "dcat:mediaType": { "@id": "https://www.iana.org/assignments/media-types/application/geo+json" } });
    expect(dataset["dct:source"]).toMatchObject({ "dct:identifier": "vietnam-3d-map-wards-2025" });
  });
});

/** The Frictionless Data JavaScript library (npm `datapackage`, frictionlessdata/datapackage-js); it has no types of its own. */
interface FrictionlessResource {
  name: string;
  tabular: boolean;
  descriptor: { path: string; profile: string };
  read(options: { keyed: true; cast?: boolean; relations?: boolean }): Promise<Record<string, unknown>[]>;
}
interface FrictionlessPackage {
  valid: boolean;
  errors: Error[];
  resources: FrictionlessResource[];
  getResource(name: string): FrictionlessResource | null;
}
const { Package } = createRequire(import.meta.url)("datapackage") as { Package: { load(descriptor: string, options: { strict: boolean }): Promise<FrictionlessPackage> } };
/** A date the library cast (moment, local midnight) as YYYY-MM-DD. */
const localDay = (value: unknown) => {
  expect(value).toBeInstanceOf(Date);
  const d = value as Date;
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

describe("read by a Frictionless reader (datapackage, the Frictionless Data JavaScript library)", () => {
  let frictionless: FrictionlessPackage;
  beforeAll(async () => {
    // strict: the descriptor must validate against the Data Package profile; only tabular-data-resources are tables.
    frictionless = await Package.load(join(dir, "datapackage.json"), { strict: true });
  });

  it("finds the descriptor valid against the Data Package profiles", () => {
    expect(frictionless.errors).toEqual([]);
    expect(frictionless.valid).toBe(true);
  });

  it("reads all 42 tabular resources with their schemas, casting every cell and checking keys and foreign keys (a byte-order mark breaks the header)", async () => {
    const tabular = frictionless.resources.filter((r) => r.tabular);
    expect(tabular.map((r) => r.descriptor.path).sort()).toEqual(plainCsvs().sort());
    for (const r of tabular) {
      const records = await r.read({ keyed: true, cast: true, relations: true });
      expect(records, r.name).toHaveLength(rows(r.descriptor.path).length);
    }
  });

  it("reads codes as text, values as numbers and dates as dates", async () => {
    const areas = await frictionless.getResource("areas")!.read({ keyed: true, cast: true });
    const bacKan = areas.find((a) => a.id === "06@2025-03-01")!;
    expect(bacKan).toMatchObject({ code: "06", full_name: "Tỉnh Bắc Kạn", level: "PROVINCE" });
    expect(localDay(bacKan.valid_from)).toBe("2025-03-01");
    expect(areas.find((a) => a.code === "058")).toMatchObject({ parent_code: "06", full_name: "Thành phố Bắc Kạn" });
    const share = await frictionless.getResource("indicator-ntm-advanced-communes-share")!.read({ keyed: true, cast: true });
    const end2023 = share.find((o) => o.period_label === "cuối 2023" && o.area_code === "19")!;
    expect(end2023).toMatchObject({ value: 13.492063492063492, area_code: "19", status: "COMPUTED" });
    expect(localDay(end2023.period_end)).toBe("2023-12-31");
  });
});

/** A workbook read with read-excel-file (not the library that wrote it): sheet name → rows of cells. */
const workbook = async (path: string) => new Map((await readXlsxFile(join(dir, path))).map((s) => [s.sheet, s.data as unknown[][]]));
const records = (data: unknown[][]) => {
  const [head, ...body] = data;
  return body.map((row) => Object.fromEntries((head as string[]).map((name, i) => [name, row[i] ?? null])));
};
const resource = (name: string) => JSON.parse(bytes("datapackage.json").toString("utf8")).resources.find((r: { name: string }) => r.name === name);
const utcDay = (value: unknown) => {
  expect(value).toBeInstanceOf(Date);
  return (value as Date).toISOString().slice(0, 10);
};

/** A sheet holds the rows of a CSV, typed as its Table Schema says, with `<number>_exact` beside each number column. */
function expectSheetOfCsv(sheet: unknown[][], resourceName: string) {
  const r = resource(resourceName);
  const fields = r.schema.fields as SchemaField[];
  const csv = rows(r.path);
  expect(sheet[0]).toEqual(fields.flatMap((f) => (f.type === "number" ? [f.name, `${f.name}_exact`] : [f.name])));
  const cells = records(sheet);
  expect(cells, r.path).toHaveLength(csv.length);
  cells.forEach((cell, i) => {
    for (const f of fields) {
      const text = csv[i]![f.name]!;
      const got = cell[f.name];
      const where = `${r.path} row ${i + 2} ${f.name}`;
      if (text === "") expect(got, where).toBeNull();
      else if (f.type === "string") expect(got, where).toBe(text);
      else if (f.type === "date") expect(utcDay(got), where).toBe(text);
      else if (f.type === "boolean") expect(got, where).toBe(text === "true");
      else expect(got, where).toBe(Number(text));
      if (f.type === "number") expect(cell[`${f.name}_exact`], where).toBe(text !== "" && significantDigits(Number(text)) > 15 ? text : null);
    }
  });
}

describe("workbooks (.xlsx), read with read-excel-file", () => {
  it("one per indicator: its values (the rows of its CSV, typed), its targets and an about sheet", async () => {
    for (const indicator of rows("indicators.csv")) {
      const sheets = await workbook(`indicators/${indicator.id}.xlsx`);
      expect([...sheets.keys()], indicator.id).toEqual(["observations", "targets", "about"]);
      expectSheetOfCsv(sheets.get("observations")!, `indicator-${indicator.id}`);
      const targets = records(sheets.get("targets")!);
      expect(targets.map((t) => t.value), indicator.id).toEqual(rows("targets.csv").filter((t) => t.indicator_id === indicator.id).map((t) => Number(t.value)));
    }
  });

  it("one for everything: each table as a sheet, typed as its schema says, and an about sheet", async () => {
    const sheets = await workbook("thai-nguyen-open-data.xlsx");
    expect([...sheets.keys()]).toEqual(["observations", "indicators", "areas", "sources", "targets", "about"]);
    for (const name of ["observations", "indicators", "areas", "sources", "targets"]) expectSheetOfCsv(sheets.get(name)!, name);
  });

  it("area code 06 reads back as the text 06, not 6 (and 058 as 058, every code as in areas.csv)", async () => {
    const areas = records((await workbook("thai-nguyen-open-data.xlsx")).get("areas")!);
    expect(areas.map((a) => a.code)).toEqual(rows("areas.csv").map((a) => a.code));
    expect(areas.filter((a) => String(a.code).startsWith("0")).length).toBeGreaterThan(295);
    expect(areas.find((a) => a.id === "06@2025-03-01")).toMatchObject({ code: "06", full_name: "Tỉnh Bắc Kạn" });
    expect(areas.find((a) => a.code === "058")).toMatchObject({ parent_code: "06", full_name: "Thành phố Bắc Kạn" });
    const inBacKan = rows("observations.csv").find((o) => o.area_code === "06")!;
    const values = records((await workbook(`indicators/${inBacKan.indicator_id}.xlsx`)).get("observations")!);
    expect(values.find((v) => v.observation_id === inBacKan.observation_id)).toMatchObject({ area_code: "06", area_name: "Tỉnh Bắc Kạn" });
  });

  it("a 17-digit share keeps every digit in value_exact beside its number cell; values a spreadsheet keeps whole have none", async () => {
    const values = records((await workbook("indicators/ntm-advanced-communes-share.xlsx")).get("observations")!);
    const end2023 = values.find((v) => v.period_label === "cuối 2023" && v.area_code === "19")!;
    expect(end2023.value).toBe(13.492063492063492);
    expect(end2023.value_exact).toBe("13.492063492063492");
    expect(significantDigits(13.492063492063492)).toBe(17);
    // 8.02919708029197 has 15 significant digits: the number cell holds it whole.
    expect(values.find((v) => v.period_label === "2022-H1")).toMatchObject({ value: 8.02919708029197, value_exact: null });
    const revenue = records((await workbook("indicators/digital-economy-revenue.xlsx")).get("observations")!)[0]!;
    expect(revenue).toMatchObject({ value: 357000000000000, value_exact: null, unit: "vnd" });
  });

  it("dates are date cells and Vietnamese text is intact (NFC)", async () => {
    const sheets = await workbook("thai-nguyen-open-data.xlsx");
    const observations = records(sheets.get("observations")!);
    expect(observations[0]!.period_start).toBeInstanceOf(Date);
    for (const [name, data] of sheets) for (const row of data) for (const cell of row) if (typeof cell === "string") expect(cell === cell.normalize("NFC"), `${name}: ${cell}`).toBe(true);
    expect(observations.some((o) => o.area_name === "Tỉnh Thái Nguyên")).toBe(true);
    expect(records(sheets.get("sources")!).find((s) => s.id === "bvpl-ntm-2022")).toMatchObject({ publisher: "Báo Bảo vệ pháp luật" });
  });

  it("the about sheet holds the definition, unit, sources, licence and data version", async () => {
    const about = (await workbook("indicators/cho-4-0-markets.xlsx")).get("about")!;
    const line = (label: string) => about.find((row) => String(row[0]).startsWith(label)) ?? [];
    const indicator = rows("indicators.csv").find((i) => i.id === "cho-4-0-markets")!;
    expect(about[0]![0]).toBe(indicator.name);
    expect(line("Định nghĩa")).toEqual(expect.arrayContaining([indicator.description, indicator.description_en]));
    expect(String(line("Đơn vị")[1])).toContain(indicator.unit_name);
    expect(line("Phiên bản dữ liệu")[1]).toBe(result.dataVersion);
    expect(utcDay(line("Ngày xây dựng")[1])).toBe("2026-01-01");
    expect(String(line("Giấy phép")[1])).toContain("CC BY 4.0");
    expect(line("Trích dẫn")[1]).toBe(indicator.citation);
    const sourcesAt = about.findIndex((row) => String(row[0]).startsWith("Nguồn"));
    const source = rows("sources.csv").find((s) => s.id === "thi-dua-2023")!;
    expect(about.slice(sourcesAt + 2).map((row) => row.slice(0, 3))).toEqual([[source.id, source.title, source.publisher]]);
    expect(about.slice(sourcesAt + 2)[0]).toContain(source.licence);
  });

  it("freezes the header row and sizes the columns to their content", () => {
    const entries = unzipSync(new Uint8Array(bytes("indicators/ntm-communes.xlsx")));
    const sheet = Buffer.from(entries["xl/worksheets/sheet1.xml"]!).toString("utf8");
    expect(sheet).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    const widths = [...sheet.matchAll(/<col min="(\d+)" max="\1" width="([\d.]+)"/g)].map((m) => Number(m[2]));
    const columns = header("indicators/ntm-communes.csv").flatMap((f) => (f === "value" ? [f, "value_exact"] : [f]));
    expect(widths).toHaveLength(columns.length);
    for (const w of widths) {
      expect(w).toBeGreaterThanOrEqual(6);
      expect(w).toBeLessThanOrEqual(60);
    }
    const width = (name: string) => widths[columns.indexOf(name)]!;
    expect(width("note")).toBeGreaterThan(width("unit"));
    expect(width("period_start")).toBeGreaterThanOrEqual("period_start".length);
  });

  it("the same sheets give the same bytes, dated with the build date rather than the clock", async () => {
    const sheets = [{ name: "t", fields: [{ name: "code", type: "string" as const, description: "A code." }], rows: [{ code: "06" }] }];
    const first = await toXlsx(sheets, new Date("2026-01-01T00:00:00Z"));
    await new Promise((done) => setTimeout(done, 2100)); // zip times have a 2-second resolution
    expect((await toXlsx(sheets, new Date("2026-01-01T00:00:00Z"))).equals(first)).toBe(true);
    await expect(toXlsx([{ ...sheets[0]!, rows: [{ code: 6 }] }], new Date())).rejects.toThrow(/Sheet t, row 2, column code: 6 is not a string/);
  });
});

const soffice = ["soffice", "libreoffice"].find((command) => (process.env.PATH ?? "").split(delimiter).some((d) => d && existsSync(join(d, command))));
if (!soffice) console.warn("tests/downloads.test.ts: LibreOffice tests skipped: neither soffice nor libreoffice is on PATH (Debian: apt-get install libreoffice-calc-nogui).");
/** LibreOffice's CSV filter options: comma, double quote, UTF-8 (76), first line 1. */
const LO_CSV = "Text - txt - csv (StarCalc):44,34,76,1";

describe.skipIf(!soffice)(`read by LibreOffice${soffice ? "" : " (skipped: soffice is not on PATH)"}`, () => {
  let out: string;
  /** `soffice --headless --convert-to`, each run with its own profile so that runs do not wait on one another. */
  const convertOnce = (inputs: string[], to: string, infilter?: string) =>
    promisify(execFile)(soffice!, [
      `-env:UserInstallation=${pathToFileURL(mkdtempSync(join(tmpdir(), "lo-profile-"))).href}`, "--headless", "--norestore",
      ...(infilter ? [`--infilter=${infilter}`] : []), "--convert-to", to, "--outdir", out, ...inputs,
    ], { timeout: 80_000 });
  // On a busy machine LibreOffice itself sometimes aborts while starting on a fresh profile
  // ("Fatal exception: Signal 6"): that is its crash, not a file it cannot read, so it is run
  // again (once); a file it cannot read fails the assertions below, never here.
  const convert = async (inputs: string[], to: string, infilter?: string) => {
    try {
      return await convertOnce(inputs, to, infilter);
    } catch (error) {
      if (!/Fatal exception|terminate called/.test(String((error as { stderr?: string }).stderr ?? ""))) throw error;
      return await convertOnce(inputs, to, infilter);
    }
  };
  const converted = (name: string): Record<string, string>[] => parse(readFileSync(join(out, name)), { bom: true, columns: true, relax_column_count: true });

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), "portal-libreoffice-"));
    const input = mkdtempSync(join(tmpdir(), "portal-libreoffice-in-"));
    const xlsx = ["thai-nguyen-open-data.xlsx", "indicators/ntm-advanced-communes-share.xlsx"].map((path) => {
      const copy = join(input, path.split("/").pop()!);
      copyFileSync(join(dir, path), copy);
      return copy;
    });
    // One after the other: one LibreOffice at a time on a busy machine.
    // Every sheet (-1) to its own CSV, values as stored rather than as formatted.
    await convert(xlsx, `csv:${LO_CSV},,0,false,true,false,false,false,-1`);
    // The CSV for Excel, opened as the data page tells LibreOffice users: character set Unicode (UTF-8).
    await convert([join(dir, "areas-excel.csv")], `csv:${LO_CSV}`, LO_CSV);
  }, 300_000);

  it("reads the workbook's codes 06 and 058 as text, Vietnamese names intact, dates as dates", () => {
    const areas = converted("thai-nguyen-open-data-areas.csv");
    expect(areas.map((a) => a.code)).toEqual(rows("areas.csv").map((a) => a.code));
    expect(areas.find((a) => a.id === "06@2025-03-01")).toMatchObject({ code: "06", full_name: "Tỉnh Bắc Kạn", valid_from: "2025-03-01" });
    expect(areas.find((a) => a.code === "058")).toMatchObject({ parent_code: "06" });
    expect(areas.find((a) => a.code === "19")).toMatchObject({ full_name: "Tỉnh Thái Nguyên" });
  });

  it("reads a 17-digit share exactly from value_exact", () => {
    const end2023 = converted("ntm-advanced-communes-share-observations.csv").find((v) => v.period_label === "cuối 2023" && v.area_code === "19")!;
    expect(end2023.value_exact).toBe("13.492063492063492");
    expect(Number(end2023.value)).toBeCloseTo(13.492063492063492, 12);
  });

  it("reads Thái Nguyên from the CSV for Excel told it is UTF-8, the byte-order mark not in the first column's name", () => {
    const areas = converted("areas-excel.csv");
    expect(Object.keys(areas[0]!)[0]).toBe("id");
    expect(areas).toHaveLength(rows("areas.csv").length);
    expect(areas.find((a) => a.id === "19@2019-04-01")).toMatchObject({ name: "Thái Nguyên", full_name: "Tỉnh Thái Nguyên" });
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
    for (const path of ["observations.csv", "portal.sqlite", "datapackage.json", "README.md", "indicators/cho-4-0-markets.csv", "licences/LICENSE-vietnamese-provinces-database.txt", "licences/LICENSE-dvhcvn-20250701.txt", "licences/LICENSE-vietnam-3d-map.txt", "licences/LICENSE-code.txt", MAP_FILE]) {
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
