/**
 * SYNTHETIC benchmark data: made-up monthly values of made-up indicators over the real
 * commune codes of data/geography, for the scale study and the load benchmark only.
 * Everything is labelled: indicator ids start with `synthetic-`, the one source is
 * `synthetic-benchmark` ("SYNTHETIC ..."), the topic is `synthetic`. It is written outside
 * data/ (bench/synthetic/ is git-ignored) and only reaches a database through the
 * `extraCatalogueDir` / `extraObservationFiles` options of buildDatabase, never through
 * `npm run data:build`.
 *
 * Shape: each synthetic indicator has one value per month (MONTHS months from 2023-01) for the
 * province (19) and every commune code that appears in any GSO unit list; the size grows by
 * adding indicators, so a query about one indicator sees the same rows at every size.
 *
 *   npx tsx bench/synthetic.ts --size 1e6 --out bench/synthetic/1e6
 */
import { createWriteStream, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify";
import { stringify as toYaml } from "yaml";

export const DATA_DIR = fileURLToPath(new URL("../data", import.meta.url));
export const SYNTHETIC_SOURCE = "synthetic-benchmark";
export const PROVINCE_CODE = "19";
/** Monthly periods per indicator and area: 2023-01 .. 2025-12. */
export const MONTHS = 36;
const FIRST_YEAR = 2023;

/** Every commune code of the GSO unit lists in data/geography, sorted (real codes, no invented ones). */
export function realCommuneCodes(dataDir = DATA_DIR): string[] {
  return unitListRows(dataDir)
    .filter((r) => r.level === "commune")
    .map((r) => r.code)
    .filter((code, i, all) => all.indexOf(code) === i)
    .sort();
}

/** Commune codes of the most recent unit list (the communes as they are now). */
export function currentCommuneCodes(dataDir = DATA_DIR): string[] {
  const dir = join(dataDir, "geography");
  const latest = readdirSync(dir).filter((f) => /units-\d{4}-\d{2}-\d{2}\.csv$/.test(f)).sort((a, b) => a.slice(-14).localeCompare(b.slice(-14))).at(-1)!;
  return readUnitList(join(dir, latest)).filter((r) => r.level === "commune").map((r) => r.code).sort();
}

function unitListRows(dataDir: string) {
  const dir = join(dataDir, "geography");
  return readdirSync(dir).filter((f) => /units-\d{4}-\d{2}-\d{2}\.csv$/.test(f)).flatMap((f) => readUnitList(join(dir, f)));
}

function readUnitList(file: string): { code: string; level: string }[] {
  return parse(readFileSync(file), { columns: true, bom: true, skip_empty_lines: true });
}

export const syntheticIndicatorId = (n: number) => `synthetic-${String(n).padStart(4, "0")}`;

/** Areas of every synthetic indicator: the province, then each commune code. */
export function syntheticAreas(dataDir = DATA_DIR): string[] {
  return [PROVINCE_CODE, ...realCommuneCodes(dataDir)];
}

/** The day the 92 communes of the merged province began (the latest unit list's date). */
const MERGER = "2025-07-01";

/**
 * Areas with a value in a month: from the merger only the province and the communes of the
 * latest list, before it every other commune code too. A map of one date then holds the
 * communes of that date (92), as a real one does, not every code that ever existed (288).
 */
export function syntheticAreasOfMonth(monthEnd: string, dataDir = DATA_DIR): string[] {
  return monthEnd >= MERGER ? [PROVINCE_CODE, ...currentCommuneCodes(dataDir)] : syntheticAreas(dataDir);
}

/** Observations of one whole synthetic indicator. */
export function syntheticRowsPerIndicator(dataDir = DATA_DIR): number {
  const current = new Set(syntheticAreasOfMonth(MERGER, dataDir));
  return syntheticMonths().reduce((sum, month) => sum + (month.end >= MERGER ? current.size : syntheticAreas(dataDir).length), 0);
}

export interface SyntheticLayer {
  /** Folder for BuildOptions.extraCatalogueDir. */
  catalogueDir: string;
  /** File for BuildOptions.extraObservationFiles. */
  observationsFile: string;
  observations: number;
  indicators: number;
}

/** Write `size` synthetic observations (CSV, streamed: memory stays flat) and their catalogue into `outDir`. */
export async function writeSyntheticLayer(outDir: string, size: number, dataDir = DATA_DIR): Promise<SyntheticLayer> {
  const indicators = Math.max(1, Math.ceil(size / syntheticRowsPerIndicator(dataDir)));
  const catalogueDir = join(outDir, "catalogue");
  mkdirSync(catalogueDir, { recursive: true });
  writeFileSync(join(catalogueDir, "topics.yaml"), header + toYaml([{
    id: "synthetic", name: "SYNTHETIC – dữ liệu giả lập cho đo hiệu năng", nameEn: "SYNTHETIC – benchmark data",
    description: "Dữ liệu giả lập, không có thật, chỉ dùng để đo hiệu năng.", descriptionEn: "Made-up data for benchmarks only; not real, never published.",
  }]));
  writeFileSync(join(catalogueDir, "sources.yaml"), header + toYaml([{
    id: SYNTHETIC_SOURCE, title: "SYNTHETIC benchmark data (dữ liệu giả lập) – not real", titleEn: "SYNTHETIC benchmark data – not real",
    publisher: "bench/synthetic.ts (generated)", kind: "DATASET", reliability: "weak", url: null, published: null,
    licence: "Sinh ra để đo hiệu năng; không phải dữ liệu", licenceEn: "Generated for benchmarks; not data",
    note: "Sinh bởi bench/synthetic.ts để đo tải và quy mô. Không bao giờ được công bố.",
    noteEn: "Generated by bench/synthetic.ts for load and scale benchmarks. Never shipped.",
  }]));
  writeFileSync(join(catalogueDir, "indicators.yaml"), header + toYaml(Array.from({ length: indicators }, (_, i) => ({
    id: syntheticIndicatorId(i + 1), topic: "synthetic", unit: "count",
    name: `SYNTHETIC chỉ tiêu giả lập ${i + 1}`, nameEn: `SYNTHETIC benchmark indicator ${i + 1}`,
    description: "Giá trị giả lập theo tháng cho mỗi xã; không có thật.", descriptionEn: "Made-up monthly values per commune; not real.",
  }))));
  const observationsFile = join(outDir, "observations.csv");
  await pipeline(
    Readable.from(rows(size, dataDir)),
    stringify({ header: true, columns: ["indicator", "area_code", "period_start", "period_end", "period_label", "period_basis", "breakdown", "value", "status", "source", "note_vi", "note_en"] }),
    createWriteStream(observationsFile),
  );
  return { catalogueDir, observationsFile, observations: size, indicators };
}

const header = "# SYNTHETIC benchmark catalogue generated by bench/synthetic.ts: not real data, never shipped.\n";

/** The monthly periods of every synthetic series, oldest first. */
export function syntheticMonths(): { start: string; end: string; label: string }[] {
  return Array.from({ length: MONTHS }, (_, m) => {
    const year = FIRST_YEAR + Math.floor(m / 12);
    const month = (m % 12) + 1;
    const mm = String(month).padStart(2, "0");
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return { start: `${year}-${mm}-01`, end: `${year}-${mm}-${last}`, label: `${year}-${mm}` };
  });
}

/** The rows, indicator by indicator, area by area, month by month; values from a seeded generator. */
function* rows(size: number, dataDir: string): Generator<string[]> {
  const random = mulberry32(20260101);
  const months = syntheticMonths();
  const current = new Set(syntheticAreasOfMonth(MERGER, dataDir));
  let emitted = 0;
  for (let indicator = 1; emitted < size; indicator++) {
    const id = syntheticIndicatorId(indicator);
    for (const area of syntheticAreas(dataDir)) {
      for (const month of months) {
        if (month.end >= MERGER && !current.has(area)) continue;
        if (emitted++ >= size) return;
        yield [id, area, month.start, month.end, month.label, "reference", "", String(Math.floor(random() * 1000)), "reported", SYNTHETIC_SOURCE, "", ""];
      }
    }
  }
}

/** Small seeded PRNG (mulberry32) so every run writes the same file. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string) => process.argv[process.argv.indexOf(name) + 1];
  if (!process.argv.includes("--size") || !process.argv.includes("--out")) {
    console.error("usage: tsx bench/synthetic.ts --size 1e6 --out bench/synthetic/1e6");
    process.exit(2);
  }
  const layer = await writeSyntheticLayer(arg("--out"), Number(arg("--size")));
  console.error(`SYNTHETIC layer: ${layer.observations} observations of ${layer.indicators} indicators in ${arg("--out")}`);
}
