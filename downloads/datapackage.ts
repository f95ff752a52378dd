/**
 * datapackage.json: a Frictionless Data Package (v1 spec, readable by v2 tools) describing
 * every file of the downloads folder: path, format, media type, encoding, size, SHA-256 and,
 * for CSV files, the Table Schema (field names, types, descriptions, units, keys).
 */
import { PORTAL_NAME } from "../api/schema/citation/citation.js";
import type { PortalData } from "./portal-data.js";
import type { Field, TableSchema } from "./tables.js";

export interface WrittenFile {
  /** Path relative to the downloads folder, with forward slashes. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface TabularResource {
  name: string;
  path: string;
  title: string;
  description: string;
  schema: TableSchema;
}

export interface OtherResource {
  name: string;
  path: string;
  title: string;
  description: string;
  format: string;
  mediatype: string;
  encoding?: string;
  /** Where a file's licence differs from the package's (the shapes' MIT licence). */
  licenses?: { name: string; path?: string | null; title: string }[];
}

/** How the CSV files are written (csv.ts): fields are never padded, so readers must not strip leading spaces. */
export const CSV_DIALECT = { delimiter: ",", lineTerminator: "\r\n", quoteChar: '"', doubleQuote: true, skipInitialSpace: false, header: true } as const;

export const COMPILATION_LICENSE = {
  name: "CC-BY-4.0",
  path: "https://creativecommons.org/licenses/by/4.0/",
  title: "Creative Commons Attribution 4.0 International (the portal's compilation; each source keeps its own licence: see sources.csv)",
};

export function buildDataPackage(options: {
  data: PortalData;
  siteUrl: string;
  files: Map<string, WrittenFile>;
  tabular: TabularResource[];
  other: OtherResource[];
}): object {
  const { data, siteUrl, files } = options;
  const fileInfo = (path: string) => {
    const file = files.get(path);
    if (!file) throw new Error(`datapackage.json lists ${path}, which was not written.`);
    return { bytes: file.bytes, hash: `sha256:${file.sha256}` };
  };
  const topics = [...new Map(data.indicators.map((i) => [i.topic.id, i.topic])).values()];
  return {
    profile: "data-package",
    name: "thai-nguyen-open-data",
    id: `${siteUrl}/downloads/datapackage.json`,
    title: `${PORTAL_NAME.en} (${PORTAL_NAME.vi})`,
    description:
      "Public indicators of Thái Nguyên province (Vietnam) compiled from the sources listed, with their administrative units and targets. " +
      "Values are in base units (counts, percent 0–100, VND, km², ranks), unformatted. See README.md for every file and column.",
    version: data.about.dataVersion,
    created: `${data.about.builtAt}T00:00:00Z`,
    homepage: `${siteUrl}/`,
    keywords: [...topics.map((t) => t.name), ...topics.map((t) => t.nameEn), "Thái Nguyên", "open data"],
    licenses: [COMPILATION_LICENSE],
    contributors: [{ title: `${PORTAL_NAME.vi} / ${PORTAL_NAME.en}`, role: "publisher", path: `${siteUrl}/` }],
    sources: data.sources.map((s) => ({ title: `${s.title} (${s.publisher})`, ...(s.url ? { path: s.url } : {}) })),
    resources: [
      ...options.tabular.map((r) => ({
        name: r.name, path: r.path, profile: "tabular-data-resource", title: r.title, description: r.description,
        format: "csv", mediatype: "text/csv", encoding: "utf-8", ...fileInfo(r.path), dialect: CSV_DIALECT, schema: r.schema,
      })),
      ...options.other.map((r) => ({ ...r, profile: "data-resource", ...fileInfo(r.path) })),
    ],
  };
}

/** The Table Schema of a CSV with the portal's missing-value convention (empty cell). */
export function tableSchema(fields: Field[], keys: Pick<TableSchema, "primaryKey" | "foreignKeys"> = {}): TableSchema {
  return { fields, ...keys, missingValues: [""] };
}
