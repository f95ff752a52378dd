/**
 * The download files of the portal, generated from the GraphQL API over HTTP into
 * <outDir>/downloads/ (outDir is the built site, site/dist): per indicator a CSV, the same CSV
 * for Excel, a JSON file and a workbook; the whole tables as CSV (and for Excel) and as one
 * workbook, the SQLite file, datapackage.json, catalog.json and one zip.
 * Files and columns: downloads/README.md (copied beside them).
 *
 *   npx tsx downloads/build.ts --out site/dist [--api http://localhost:4000] [--db build/portal.sqlite] [--site-url https://…]
 *
 * Without --api it starts the portal's own server on 127.0.0.1 (any free port) over --db.
 */
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { zipSync, type Zippable } from "fflate";
import { openPortalDatabase } from "../api/db/connect.js";
import { indicatorPath } from "../api/schema/citation/links.js";
import { buildCatalog } from "./catalog.js";
import { createGraphqlClient } from "./client.js";
import { forExcel, nfcDeep, toCsv } from "./csv.js";
import { buildCommuneGeojson, communeMapFile, SHAPES_LICENCE_FILE } from "./geojson.js";
import { buildDataPackage, COMPILATION_LICENSE, tableSchema, type OtherResource, type TabularResource, type WrittenFile } from "./datapackage.js";
import { fetchPortalData, type IndicatorData, type PortalData } from "./portal-data.js";
import {
  areaFields, areaRow, excelCsvPath, indicatorFields, indicatorFile, indicatorRow, observationFields, observationRow, sortObservations,
  sourceFields, sourceRow, targetFields, targetRow, type Field, type IndicatorStats, type Row,
} from "./tables.js";
import { indicatorWorkbook, PORTAL_WORKBOOK, portalWorkbook, type Tables } from "./workbooks.js";
import { toXlsx } from "./xlsx.js";

export const README_FILE = fileURLToPath(new URL("./README.md", import.meta.url));

/** Licence texts copied into downloads/licences/: [file name, source file, title]. */
const LICENCE_FILES: [string, string, string][] = [
  ["LICENSE-vietnamese-provinces-database.txt", fileURLToPath(new URL("../data/geography/LICENSE-vietnamese-provinces-database.txt", import.meta.url)), "MIT licence of the GSO unit lists (thanglequoc/vietnamese-provinces-database)"],
  ["LICENSE-dvhcvn-20250701.txt", fileURLToPath(new URL("../data/geography/LICENSE-dvhcvn-20250701.txt", import.meta.url)), "MIT licence of the 2025 crosswalk (dvhcvn/20250701)"],
  ["LICENSE-vietnam-3d-map.txt", fileURLToPath(new URL("../data/geography/LICENSE-vietnam-3d-map.txt", import.meta.url)), "MIT licence of the 2025 commune shapes, areas and populations (lamngockhuong/vietnam-3d-map)"],
  ["LICENSE-code.txt", fileURLToPath(new URL("../LICENSE", import.meta.url)), "MIT licence of the portal's code; the compilation is CC BY 4.0"],
];

export interface BuildDownloadsOptions {
  /** URL of a running portal server (`http://host:port`) or of its /graphql endpoint. */
  apiUrl: string;
  /** The built site (site/dist): files go to <outDir>/downloads/, which is replaced. */
  outDir: string;
  /** The SQLite file the server reads, copied as downloads/portal.sqlite; its data version must match the API's. Omit to leave it out. */
  dbPath?: string;
  /** Public base URL of the site for download addresses in catalog.json; must be the one the API's permalinks use (its PORTAL_SITE_URL), which is the default. */
  siteUrl?: string;
  log?: (message: string) => void;
}

export interface BuildDownloadsResult {
  /** The downloads folder. */
  dir: string;
  dataVersion: string;
  /** Every file written, relative to `dir`, with size and SHA-256 (the zip last). */
  files: WrittenFile[];
  /** Name of the zip file inside `dir`. */
  zipName: string;
}

/** Media type of the workbooks. */
export const XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Name of the zip of a data version. */
export const zipName = (dataVersion: string) => `thai-nguyen-open-data-${dataVersion}.zip`;

/** Generate every download file from the API. @throws on an API error, a data-version mismatch or a file that cannot be written. */
export async function buildDownloads(options: BuildDownloadsOptions): Promise<BuildDownloadsResult> {
  const log = options.log ?? (() => {});
  const client = createGraphqlClient(options.apiUrl);
  const data = await fetchPortalData(client);
  const dataVersion = data.about.dataVersion;
  const siteUrl = siteUrlOf(data, options.siteUrl);
  log(`downloads: read ${data.indicators.length} indicators, ${data.observations.length} observations, ${data.areas.length} areas, ${data.sources.length} sources from ${client.endpoint} (data ${dataVersion})`);

  const dir = join(resolve(options.outDir), "downloads");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "indicators"), { recursive: true });
  const files = new Map<string, WrittenFile>();
  const record = (path: string, content: Buffer) => {
    if (files.has(path)) throw new Error(`Two download files would be written to ${path}.`);
    files.set(path, { path, bytes: content.length, sha256: createHash("sha256").update(content).digest("hex") });
  };
  const write = (path: string, content: string | Buffer) => {
    const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    writeFileSync(join(dir, path), bytes);
    record(path, bytes);
  };
  const writeJson = (path: string, value: unknown) => write(path, `${JSON.stringify(nfcDeep(value), null, 2)}\n`);

  // Tables.
  const unitIds = [...new Set(data.indicators.map((i) => i.unit.id))].sort();
  const order = new Map(data.indicators.map((i, index) => [i.id, index]));
  const observations = sortObservations(data.observations, order);
  const stats = indicatorStats(data, observations);
  const obsFields = observationFields(data.enums, unitIds);
  const fks = {
    indicator: { fields: "indicator_id", reference: { resource: "indicators", fields: "id" } },
    source: { fields: "source_id", reference: { resource: "sources", fields: "id" } },
  };
  const tabular: TabularResource[] = [];
  const other: OtherResource[] = [];
  const modified = new Date(`${data.about.builtAt}T00:00:00Z`);
  // Each table as plain UTF-8 CSV (the data package's tabular resource) and the same text for Excel.
  const table = (name: string, path: string, title: string, description: string, fields: Field[], rows: Row[], keys: Parameters<typeof tableSchema>[1] = {}) => {
    const csv = toCsv(fields, rows);
    write(path, csv);
    tabular.push({ name, path, title, description, schema: tableSchema(fields, keys) });
    write(excelCsvPath(path), forExcel(csv));
    other.push({
      name: `${name}-excel`, path: excelCsvPath(path), title: `${title} (CSV for Excel)`,
      description: `The text of ${path} after a UTF-8 byte-order mark, so that Excel shows Vietnamese letters when the file is opened. Spreadsheets read codes such as 06 as numbers and keep 15 significant digits: the workbooks (.xlsx) keep both; programs read ${path}.`,
      format: "csv", mediatype: "text/csv", encoding: "utf-8",
    });
    return { fields, rows };
  };
  const workbook = async (name: string, path: string, title: string, description: string, sheets: Parameters<typeof toXlsx>[0]) => {
    write(path, await toXlsx(sheets, modified));
    other.push({ name, path, title, description, format: "xlsx", mediatype: XLSX_MEDIA_TYPE });
  };

  const tables: Tables = {
    observations: table("observations", "observations.csv", "All observations", "Every value of every indicator, tidy long format (one value per row), including shares computed by the portal and broken-down values.",
      obsFields, observations.map((o) => observationRow(o, dataVersion)), { primaryKey: "observation_id", foreignKeys: [fks.indicator, fks.source] }),
    indicators: table("indicators", "indicators.csv", "Indicators (catalogue)", "What each indicator measures, its unit, topic, sources, files and how to cite it.",
      indicatorFields(data.enums), data.indicators.map((i) => indicatorRow(i, stats.get(i.id)!, dataVersion)), { primaryKey: "id" }),
    areas: table("areas", "areas.csv", "Administrative units", "Province, district- and commune-level units of Thái Nguyên (and Bắc Kạn, merged in 2025), one row per version with its validity.",
      areaFields(data.enums), data.areas.map((a) => areaRow(a, dataVersion)), { primaryKey: "id", foreignKeys: [fks.source] }),
    sources: table("sources", "sources.csv", "Sources", "Where every value comes from: publication, publisher, address, date, licence.",
      sourceFields(data.enums), data.sources.map((s) => sourceRow(s, dataVersion)), { primaryKey: "id" }),
    targets: table("targets", "targets.csv", "Targets", "Targets set for indicators: a value to reach (or exceed) by the end of a period.",
      targetFields(data.enums, unitIds), data.indicators.flatMap((i) => i.targets.map((t) => targetRow(i, t, dataVersion))), { foreignKeys: [fks.indicator, fks.source] }),
  };

  await workbook("workbook", PORTAL_WORKBOOK, "All tables (Excel workbook)",
    "One sheet per table (observations, indicators, areas, sources, targets) and an about sheet: codes as text, values as numbers (with the exact value as text where it has more than 15 significant digits), dates as dates.",
    portalWorkbook(data, tables, siteUrl));

  // Per indicator: its CSV (and for Excel), its JSON and its workbook.
  for (const indicator of data.indicators) {
    const rows = observations.filter((o) => o.indicator.id === indicator.id).map((o) => observationRow(o, dataVersion));
    const fields = withUnit(obsFields, indicator);
    table(`indicator-${indicator.id}`, indicatorFile(indicator.id, "csv"), indicator.nameEn, `${indicator.name} / ${indicator.nameEn}. ${indicator.descriptionEn}`,
      fields, rows, { primaryKey: "observation_id", foreignKeys: [fks.indicator, fks.source] });
    writeJson(indicatorFile(indicator.id, "json"), indicatorJson(indicator, rows, data, stats.get(indicator.id)!));
    other.push({ name: `indicator-${indicator.id}-json`, path: indicatorFile(indicator.id, "json"), title: `${indicator.nameEn} (JSON)`, description: "The indicator's metadata, citation, targets and values (the rows of its CSV as records).", format: "json", mediatype: "application/json", encoding: "utf-8" });
    const targets = tables.targets.rows.filter((t) => t.indicator_id === indicator.id);
    await workbook(`indicator-${indicator.id}-xlsx`, indicatorFile(indicator.id, "xlsx"), `${indicator.nameEn} (Excel workbook)`,
      "Sheets observations (the rows of its CSV), targets and about (definition, unit, sources, licence, data version, citation); codes as text, values as numbers, dates as dates.",
      indicatorWorkbook(indicator, data, { name: "observations", fields, rows }, { name: "targets", fields: tables.targets.fields, rows: targets }));
  }

  // The communes of the map's date with their latest values, in GeoJSON for GIS tools.
  const communeMap = data.communeMap;
  if (communeMap) {
    const path = communeMapFile(communeMap.shapes.asOf);
    const geojson = buildCommuneGeojson({ map: communeMap, indicators: data.indicators, dataVersion, siteUrl });
    // Compact: coordinates one per line would make the file three times larger.
    write(path, `${JSON.stringify(nfcDeep(geojson))}\n`);
    other.push({
      name: path.replace(/\.geojson$/, ""), path, title: `The ${geojson.features.length} commune-level units of ${communeMap.shapes.asOf} with their latest values (GeoJSON)`,
      description: `One feature per unit: its simplified shape (WGS 84, RFC 7946 winding), code, names and type, and its latest value per indicator with period, status and source id (the most reliable source's). ${communeMap.shapes.attributionEn}`,
      format: "geojson", mediatype: "application/geo+json", encoding: "utf-8",
      licenses: [{ name: "MIT", path: communeMap.shapes.source.licenceUrl, title: `The shapes: ${communeMap.shapes.source.licence} (${SHAPES_LICENCE_FILE})` }, COMPILATION_LICENSE],
    });
  }

  // The database itself, checked to be the one the API serves.
  if (options.dbPath) {
    const portal = await openPortalDatabase(options.dbPath);
    const fileVersion = portal.meta.dataVersion;
    await portal.close();
    if (fileVersion !== dataVersion) throw new Error(`${options.dbPath} holds data ${fileVersion} but the API serves ${dataVersion}: pass the database the server reads.`);
    copyFileSync(options.dbPath, join(dir, "portal.sqlite"));
    record("portal.sqlite", readFileSync(join(dir, "portal.sqlite")));
    other.push({ name: "portal-sqlite", path: "portal.sqlite", title: "The portal database (SQLite)", description: "The SQLite database the API reads: every table, for SQL queries (e.g. with Datasette or the sqlite3 shell).", format: "sqlite", mediatype: "application/vnd.sqlite3" });
  }
  write("README.md", readFileSync(README_FILE));
  other.push({ name: "readme", path: "README.md", title: "Data dictionary", description: "Every file and column of the downloads.", format: "md", mediatype: "text/markdown", encoding: "utf-8" });
  // The licence texts travel with the data (the MIT licences of the unit lists require it).
  mkdirSync(join(dir, "licences"), { recursive: true });
  for (const [name, file, title] of LICENCE_FILES) {
    write(`licences/${name}`, readFileSync(file));
    other.push({ name: `licence-${name.replace(/\.txt$/, "").toLowerCase()}`, path: `licences/${name}`, title, description: "Licence text.", format: "txt", mediatype: "text/plain", encoding: "utf-8" });
  }

  writeJson("datapackage.json", buildDataPackage({ data, siteUrl, files, tabular, other }));
  const portalFiles = [
    { path: PORTAL_WORKBOOK, title: "All tables (Excel workbook)" },
    ...[
      { path: "observations.csv", title: "All observations" },
      { path: "indicators.csv", title: "Indicators" },
      { path: "areas.csv", title: "Administrative units" },
      { path: "sources.csv", title: "Sources" },
      { path: "targets.csv", title: "Targets" },
    ].flatMap((f) => [{ path: f.path, title: `${f.title} (CSV)` }, { path: excelCsvPath(f.path), title: `${f.title} (CSV for Excel, with a byte-order mark)` }]),
    { path: "datapackage.json", title: "Frictionless Data Package (JSON)" },
    ...(files.has("portal.sqlite") ? [{ path: "portal.sqlite", title: "SQLite database" }] : []),
  ];
  const communeMapEntry = communeMap && { path: communeMapFile(communeMap.shapes.asOf), asOf: communeMap.shapes.asOf, count: communeMap.shapes.count, source: communeMap.shapes.source };
  writeJson("catalog.json", buildCatalog({ data, siteUrl, files, stats, portalFiles, communeMap: communeMapEntry }));

  // Everything in one zip, in a folder named after the data version; dated with the build date so the same data gives the same zip.
  const folder = `thai-nguyen-open-data-${dataVersion}`;
  const entries: Zippable = {};
  for (const path of [...files.keys()].sort()) entries[`${folder}/${path}`] = [readFileSync(join(dir, path)), { mtime: modified }];
  const zip = zipName(dataVersion);
  write(zip, Buffer.from(zipSync(entries, { level: 9 })));
  log(`downloads: wrote ${files.size} files to ${dir}`);
  return { dir, dataVersion, files: [...files.values()], zipName: zip };
}

/** The site's base URL as the API's permalinks give it; a different `wanted` one would mix two sites in the files. */
function siteUrlOf(data: PortalData, wanted: string | undefined): string {
  const sample = data.indicators[0];
  const fromApi = sample ? sample.permalink.slice(0, -indicatorPath(sample.id, "vi").length) : undefined;
  const site = (wanted ?? fromApi ?? "").replace(/\/+$/, "");
  if (!site) throw new Error("The API lists no indicator, so the site's address is unknown: pass siteUrl.");
  if (fromApi !== undefined && fromApi !== site) {
    throw new Error(`The API's permalinks use ${fromApi} but the downloads were asked for ${site}: start the API with PORTAL_SITE_URL=${site}.`);
  }
  return site;
}

/** Per indicator: how many values and the span of their periods. */
function indicatorStats(data: PortalData, observations: PortalData["observations"]): Map<string, IndicatorStats> {
  const stats = new Map<string, IndicatorStats>(data.indicators.map((i) => [i.id, { observationCount: 0, firstPeriodStart: null, lastPeriodEnd: null }]));
  for (const o of observations) {
    const s = stats.get(o.indicator.id);
    if (!s) throw new Error(`Observation ${o.id} refers to indicator ${o.indicator.id}, which the API did not list.`);
    s.observationCount += 1;
    if (!s.firstPeriodStart || o.period.start < s.firstPeriodStart) s.firstPeriodStart = o.period.start;
    if (!s.lastPeriodEnd || o.period.end > s.lastPeriodEnd) s.lastPeriodEnd = o.period.end;
  }
  return stats;
}

/** The observation fields of one indicator's file: `value` names its unit (description and custom `unit` property). */
function withUnit(fields: Field[], indicator: IndicatorData): Field[] {
  const u = indicator.unit;
  return fields.map((f) =>
    f.name === "value"
      ? { ...f, description: `${indicator.nameEn}, unformatted (dot decimal, no grouping), in ${u.nameEn} (${u.name}${u.symbol ? `, ${u.symbol}` : ""}; kind ${u.kind}).`, unit: { ...u } }
      : f,
  );
}

/** indicators/<id>.json: metadata, citation, sources, targets and the CSV's rows as records. */
function indicatorJson(indicator: IndicatorData, rows: Row[], data: PortalData, stats: IndicatorStats) {
  const sourceIds = new Set(indicator.sources.map((s) => s.id));
  return {
    data_version: data.about.dataVersion,
    license: COMPILATION_LICENSE,
    indicator: {
      id: indicator.id, name: indicator.name, name_en: indicator.nameEn, description: indicator.description, description_en: indicator.descriptionEn,
      topic: { id: indicator.topic.id, name: indicator.topic.name, name_en: indicator.topic.nameEn },
      unit: { id: indicator.unit.id, symbol: indicator.unit.symbol, name: indicator.unit.name, name_en: indicator.unit.nameEn, kind: indicator.unit.kind },
      higher_is_better: indicator.higherIsBetter, numerator_id: indicator.numerator?.id ?? null, denominator_id: indicator.denominator?.id ?? null,
      observation_count: stats.observationCount, first_period_start: stats.firstPeriodStart, last_period_end: stats.lastPeriodEnd,
      permalink: indicator.permalink, permalink_en: indicator.permalinkEn, citation: indicator.citation, citation_en: indicator.citationEn,
    },
    sources: data.sources.filter((s) => sourceIds.has(s.id)).map((s) => ({ id: s.id, title: s.title, title_en: s.titleEn, publisher: s.publisher, url: s.url, published: s.published, licence: s.licenceEn, licence_vi: s.licenceVi })),
    targets: indicator.targets.map((t) => targetRow(indicator, t, data.about.dataVersion)),
    observations: rows,
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      out: { type: "string" },
      api: { type: "string" },
      db: { type: "string", default: "build/portal.sqlite" },
      "site-url": { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help || !values.out) {
    console.error("Usage: tsx downloads/build.ts --out <site/dist> [--api <server URL>] [--db build/portal.sqlite] [--site-url <public site URL>]");
    process.exit(values.help ? 0 : 2);
  }
  const log = (message: string) => console.error(message);
  let close = async () => {};
  let apiUrl = values.api;
  if (!apiUrl) {
    // The in-process API writes permalinks from PORTAL_SITE_URL: give it the same site address.
    if (values["site-url"]) process.env.PORTAL_SITE_URL = values["site-url"];
    await import("reflect-metadata");
    const { createPortalServer } = await import("../api/server.js");
    const server = await createPortalServer({ dbPath: values.db!, log: (message, error) => console.error(message, error ?? "") });
    apiUrl = await server.listen(0, "127.0.0.1");
    close = () => server.close();
  }
  try {
    const result = await buildDownloads({ apiUrl, outDir: values.out, dbPath: values.db, siteUrl: values["site-url"], log });
    console.error(`downloads: ${result.dir}/${result.zipName}`);
  } finally {
    await close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`downloads: ${(error as Error).message}`);
    process.exit(1);
  });
}
