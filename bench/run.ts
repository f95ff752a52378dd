/**
 * `npm run bench`: load benchmark and scale study of the API, in one run.
 *
 * 1. Builds the real data plus a SYNTHETIC layer (bench/synthetic.ts) at each size, in a child
 *    process whose time and peak memory are recorded (bench/ingest.ts).
 * 2. At each size, loads the read scenarios (bench/scenarios.ts) with autocannon against
 *    `baseline` (the same SQL, bare node:http) and `api` (our server, response cache off);
 *    at the comparison size also `api-cached` (our server as in production).
 * 3. Prints the tables and the goals (PASS/FAIL); writes bench/results.json (comparison) and
 *    bench/scale.json (scale study, merged with earlier runs of other sizes).
 *
 *   npm run bench                      sizes 1e4, 1e5, 1e6; comparison on 1e5; layers; site audit
 *                                      (page weight, Lighthouse; bench/site.ts) when site/dist exists
 *   npm run bench -- --quick           sizes 1e4, 1e5, short runs (< 3 min); exit 1 on a FAIL
 *   npm run bench -- --scale-only --sizes 1e7    one more size, merged into bench/scale.json
 *   npm run bench -- --profile         also write a CPU profile of the `api` server (bench/synthetic/profiles/, git-ignored)
 *
 * Options: --sizes a,b  --compare-size n  --duration s  --warmup s  --connections n  --rounds n
 *          --scale-only  --compare-only  --scenarios a,b (only these)  --no-layers  --no-site
 *          --api-node-flags "<flags>" (node flags of the api servers, e.g. --max-semi-space-size=64)
 *          --keep (keep the synthetic files of sizes ≥ 1e7)
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openSqlite } from "../api/db/sqlite.js";
import { captureSql } from "./capture.js";
import { measure, startServer, type LoadOptions, type Measurement, type RunningServer } from "./load.js";
import { formatLayers, measureLayers } from "./layers.js";
import { summariseProfiles } from "./profile.js";
import { auditSite, reportSite } from "./site.js";
import { scenarios, type Scenario } from "./scenarios.js";
import type { ServerKind } from "./server.js";
import { writeSyntheticLayer } from "./synthetic.js";

const BENCH_DIR = fileURLToPath(new URL(".", import.meta.url));
const SYNTHETIC_DIR = join(BENCH_DIR, "synthetic");
const RESULTS_FILE = join(BENCH_DIR, "results.json");
// A quick run's short scale figures stay out of the recorded study (git-ignored folder).
const SCALE_FILE = process.argv.includes("--quick") ? join(SYNTHETIC_DIR, "scale-quick.json") : join(BENCH_DIR, "scale.json");
const LAYERS_FILE = join(BENCH_DIR, "layers.json");
const SITE_FILE = join(BENCH_DIR, "site.json");
const PROFILE_DIR = join(SYNTHETIC_DIR, "profiles");

/** Node flags of `npm run serve` (package.json), e.g. --max-semi-space-size=64. */
const SERVE_NODE_FLAGS = (JSON.parse(readFileSync(join(BENCH_DIR, "..", "package.json"), "utf8")).scripts.serve as string)
  .split(/\s+/)
  .filter((word, i, words) => word.startsWith("--") && word !== "--import" && words[i - 1] !== "--import");

/** Goals (issue #6). */
const GOALS = { apiVsBaseline: 0.5, cachedVsBaseline: 1.5, p50Growth: 2, mapVsSeries: 3 };

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const option = (name: string, fallback: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const quick = flag("--quick");
const sizes = option("--sizes", quick ? "1e4,1e5" : "1e4,1e5,1e6").split(",").map(Number);
const compareSize = Number(option("--compare-size", "1e5"));
const scaleOnly = flag("--scale-only");
const compareOnly = flag("--compare-only");
const load: LoadOptions = {
  connections: Number(option("--connections", "8")),
  duration: Number(option("--duration", quick ? "2" : "5")),
  warmup: Number(option("--warmup", quick ? "0.5" : "1")),
};
const rounds = Number(option("--rounds", quick ? "1" : "3"));

export interface ResultRow {
  scenario: string;
  server: ServerKind;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  /** Rows of the answer (scenario.rows; for the baseline, rows of its SQL results). */
  rows?: number;
  /** Share of the machine's CPU other processes used during the run (noise). */
  other_cpu?: number;
}

interface SizeResult {
  size: number;
  observations: number;
  indicators: number;
  ingest_s: number;
  ingest_max_rss_mb: number;
  db_mb: number;
  csv_mb: number;
  /** Start-up of the API server (opening the database, its integrity check, the schema). */
  api_start_s: number;
  /** SQL time of `observations(first: 100)` without filters (its count(*) reads every row). */
  unfiltered_page_sql_ms: number;
  measured_at: string;
  results: ResultRow[];
}

const label = (size: number) => size.toExponential().replace("+", "").replace(/\.0+e/, "e");

async function main() {
  const started = performance.now();
  const only = option("--scenarios", "");
  const list = scenarios().filter((s) => !only || only.split(",").includes(s.name));
  const measuredSizes = compareOnly ? [compareSize] : scaleOnly ? sizes : [...new Set([...sizes, compareSize])].sort((a, b) => a - b);
  console.log(`Benchmark: sizes ${measuredSizes.map(label).join(", ")}; comparison on ${scaleOnly ? "-" : label(compareSize)}; ${load.connections} connections, ${load.duration} s per run (+${load.warmup} s warm-up), ${rounds} round(s)`);
  console.log(machine());

  const scale: SizeResult[] = [];
  let comparison: ResultRow[] = [];
  for (const size of measuredSizes) {
    const dir = join(SYNTHETIC_DIR, label(size));
    const layer = await ensureLayer(dir, size);
    const dbPath = join(dir, "portal.sqlite");
    process.stdout.write(`\n[${label(size)}] ingest (real data + ${layer.observations} SYNTHETIC observations, ${layer.indicators} indicators) ... `);
    const ingest = await runIngest(dir, dbPath);
    console.log(`${ingest.seconds.toFixed(1)} s, peak RSS ${ingest.maxRssMb.toFixed(0)} MB, database ${mb(statSync(dbPath).size).toFixed(1)} MB`);
    const unfilteredMs = await unfilteredPageSqlMs(dbPath);
    const compare = !scaleOnly && size === compareSize;
    const kinds: ServerKind[] = compare ? ["baseline", "api", "api-cached"] : ["baseline", "api"];
    const { results, apiStartSeconds } = await measureAll(list, kinds, dbPath, compare ? rounds : 1);
    if (compare) comparison = results;
    scale.push({
      size, observations: ingest.counts.observations, indicators: ingest.counts.indicators, ingest_s: round(ingest.seconds, 1),
      ingest_max_rss_mb: round(ingest.maxRssMb, 0), db_mb: round(mb(statSync(dbPath).size), 1), csv_mb: round(mb(statSync(layer.observationsFile).size), 1), api_start_s: round(apiStartSeconds, 1),
      unfiltered_page_sql_ms: round(unfilteredMs, 2),
      measured_at: new Date().toISOString(), results: results.filter((r) => r.server !== "api-cached"),
    });
    if (size >= 1e7 && !flag("--keep")) rmSync(dir, { recursive: true, force: true });
  }

  let failed = false;
  if (comparison.length) {
    writeFileSync(RESULTS_FILE, JSON.stringify(comparison.map(({ other_cpu: _noise, ...row }) => row), null, 2) + "\n");
    printComparison(list, comparison);
    failed = checkComparisonGoals(list, comparison) || failed;
  }
  if (!compareOnly) {
    const merged = mergeScale(scale);
    printScale(list, merged);
    // Goals compare sizes measured in this run only (the table above also shows earlier runs').
    failed = checkScaleGoals(list, scale) || failed;
  }
  if (comparison.length && !quick && !flag("--no-layers")) {
    // One request at a time in one process: what each layer costs (see bench/layers.ts).
    const layers = await measureLayers(join(SYNTHETIC_DIR, label(compareSize), "portal.sqlite"));
    writeFileSync(LAYERS_FILE, JSON.stringify(layers, null, 2) + "\n");
    console.log(`\nLayers: mean ms per request, one at a time, in one process (${label(compareSize)})\n${formatLayers(layers)}`);
  }
  if (!quick && !scaleOnly && !flag("--no-site")) {
    const site = await auditSite({ lighthouse: true });
    if (!("todo" in site)) writeFileSync(SITE_FILE, JSON.stringify(site, null, 2) + "\n");
    const report = reportSite(site);
    console.log(`\n${report.text}`);
    failed = report.failed || failed;
  }
  if (flag("--profile")) console.log("\n" + summariseProfiles(PROFILE_DIR));
  console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(0)} s. Results: ${RESULTS_FILE}, ${SCALE_FILE}`);
  if (failed) {
    console.log("At least one goal FAILED.");
    process.exitCode = 1;
  }
}

/** The synthetic layer of a size: reuse the files when an earlier run wrote the same size. */
async function ensureLayer(dir: string, size: number) {
  const manifest = join(dir, "layer.json");
  if (existsSync(manifest)) {
    const layer = JSON.parse(readFileSync(manifest, "utf8"));
    if (layer.observations === size && existsSync(layer.observationsFile)) return layer as Awaited<ReturnType<typeof writeSyntheticLayer>>;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.stdout.write(`\n[${label(size)}] writing SYNTHETIC layer ... `);
  const t = performance.now();
  const layer = await writeSyntheticLayer(dir, size);
  process.stdout.write(`${((performance.now() - t) / 1000).toFixed(1)} s`);
  writeFileSync(manifest, JSON.stringify(layer, null, 2));
  return layer;
}

/** Build the database in a child process; its own peak RSS is what the ingest costs in memory. */
function runIngest(dir: string, dbPath: string): Promise<{ seconds: number; maxRssMb: number; counts: Record<string, number> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(BENCH_DIR, "ingest.ts"), dir, dbPath], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`ingest of ${dir} exited with code ${code}`));
      const result = JSON.parse(out.trim().split("\n").at(-1)!);
      resolve({ seconds: result.ms / 1000, maxRssMb: result.maxRssKb / 1024, counts: result.counts });
    });
  });
}

/**
 * The SQL our API sends for the first page of all observations, unfiltered (a bulk
 * download's first request), replayed through the driver: mean ms of 5 runs. Its
 * count(*) for totalCount reads the whole table, so this grows with the database.
 */
async function unfilteredPageSqlMs(dbPath: string): Promise<number> {
  const { page } = await captureSql(dbPath, { page: "{ observations(first: 100) { nodes { id value } } }" });
  const sqlite = await openSqlite(dbPath, "readonly");
  try {
    const run = async () => {
      for (const { sql, params } of page.statements) await sqlite.all(sql, params);
    };
    await run();
    const started = performance.now();
    for (let i = 0; i < 5; i++) await run();
    return (performance.now() - started) / 5;
  } finally {
    await sqlite.close();
  }
}

/** Measure every scenario on every server; with several rounds, keep the median round of each pair. */
async function measureAll(list: Scenario[], kinds: ServerKind[], dbPath: string, roundCount: number): Promise<{ results: ResultRow[]; apiStartSeconds: number }> {
  const servers: RunningServer[] = [];
  try {
    for (const kind of kinds) {
      const profile = flag("--profile") && kind === "api" ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : [];
      // The node flags of `npm run serve` (measure what production runs), then e.g.
      // --api-node-flags=--max-semi-space-size=128 to try another setting.
      if (kind !== "baseline") profile.push(...SERVE_NODE_FLAGS, ...option("--api-node-flags", "").split(" ").filter(Boolean));
      const server = await startServer(kind, dbPath, join(SYNTHETIC_DIR, "logs", `${kind}.log`), profile, list.map((s) => s.name));
      console.log(`  ${kind} server ready in ${server.startSeconds.toFixed(1)} s`);
      servers.push(server);
    }
    const answerRows = new Map<string, number>();
    for (const server of servers) for (const [name, rows] of await checkAnswers(server, list)) answerRows.set(`${name}|${server.kind}`, rows);
    const samples = new Map<string, Measurement[]>();
    for (let r = 0; r < roundCount; r++) {
      for (const scenario of list) {
        // Servers take turns within a scenario so that noise from other work on the machine
        // touches all of them alike.
        for (const server of servers) {
          const m = await measure(urlOf(server, scenario), { ...load, serverPid: server.child.pid!, attempts: quick ? 1 : 4 });
          const key = `${scenario.name}|${server.kind}`;
          samples.set(key, [...(samples.get(key) ?? []), m]);
          process.stdout.write(`  ${scenario.name.padEnd(18)} ${server.kind.padEnd(10)} ${m.rps.toFixed(0).padStart(6)} req/s  p50 ${m.p50_ms.toFixed(2)} ms  p99 ${m.p99_ms.toFixed(2)} ms  (other processes: ${(m.otherCpu * 100).toFixed(0)}% CPU)\n`);
        }
      }
    }
    const results = list.flatMap((scenario) =>
      servers.map((server) => {
        const runs = samples.get(`${scenario.name}|${server.kind}`)!.sort((a, b) => a.rps - b.rps);
        const m = runs[Math.floor(runs.length / 2)];
        return { scenario: scenario.name, server: server.kind, rps: round(m.rps, 0), p50_ms: round(m.p50_ms, 2), p99_ms: round(m.p99_ms, 2), rows: answerRows.get(`${scenario.name}|${server.kind}`), other_cpu: round(m.otherCpu, 2) };
      }),
    );
    return { results, apiStartSeconds: servers.find((s) => s.kind === "api")!.startSeconds };
  } finally {
    for (const server of servers) await server.stop();
  }
}

const urlOf = (server: RunningServer, scenario: Scenario) =>
  server.kind === "baseline" ? `${server.url}/s/${scenario.name}` : `${server.url}/graphql?query=${encodeURIComponent(scenario.query)}`;

/** Each scenario must answer with rows (no errors, nothing empty) before it is timed; returns the rows per scenario. */
async function checkAnswers(server: RunningServer, list: Scenario[]): Promise<Map<string, number>> {
  const counted = new Map<string, number>();
  for (const scenario of list) {
    const response = await fetch(urlOf(server, scenario));
    const body = (await response.json()) as { data?: any; errors?: { message: string }[] };
    if (!response.ok || body.errors?.length) throw new Error(`${server.kind} ${scenario.name}: HTTP ${response.status} ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
    const rows = server.kind === "baseline" ? (body.data as unknown[][]).reduce((n, r) => n + r.length, 0) : scenario.rows(body.data);
    if (!(rows > 0)) throw new Error(`${server.kind} ${scenario.name}: the answer has no rows`);
    counted.set(scenario.name, rows);
  }
  return counted;
}

function printComparison(list: Scenario[], rows: ResultRow[]) {
  console.log(`\nComparison (real data + ${label(compareSize)} SYNTHETIC observations; median of ${rounds} round(s); ratio = req/s ÷ baseline req/s)`);
  const table = [["scenario", "server", "req/s", "p50 ms", "p99 ms", "ratio"]];
  for (const scenario of list) {
    const base = rows.find((r) => r.scenario === scenario.name && r.server === "baseline")!;
    for (const r of rows.filter((r) => r.scenario === scenario.name)) {
      table.push([r.scenario, r.server, String(r.rps), r.p50_ms.toFixed(2), r.p99_ms.toFixed(2), (r.rps / base.rps).toFixed(2)]);
    }
  }
  console.log(formatTable(table));
  if (!readFileSync(fileURLToPath(new URL("../api/server.ts", import.meta.url)), "utf8").includes("responseCache")) {
    console.log("NOTE: api/server.ts has no `responseCache` option yet: `api` and `api-cached` are the same server.");
  }
}

function checkComparisonGoals(list: Scenario[], rows: ResultRow[]): boolean {
  let failed = false;
  const goal = (server: ServerKind, min: number) => {
    const misses: string[] = [];
    for (const scenario of list) {
      const base = rows.find((r) => r.scenario === scenario.name && r.server === "baseline")!.rps;
      const rps = rows.find((r) => r.scenario === scenario.name && r.server === server)!.rps;
      if (rps < min * base) misses.push(`${scenario.name} ${(rps / base).toFixed(2)}×`);
    }
    console.log(`${misses.length ? "FAIL" : "PASS"}  ${server} ≥ ${min}× baseline throughput in every scenario${misses.length ? `: below in ${misses.join(", ")}` : ""}`);
    failed ||= misses.length > 0;
  };
  console.log("\nGoals");
  goal("api", GOALS.apiVsBaseline);
  goal("api-cached", GOALS.cachedVsBaseline);
  return failed;
}

function mergeScale(fresh: SizeResult[]): SizeResult[] {
  const earlier: SizeResult[] = existsSync(SCALE_FILE) ? JSON.parse(readFileSync(SCALE_FILE, "utf8")) : [];
  const merged = [...earlier.filter((e) => !fresh.some((f) => f.size === e.size)), ...fresh].sort((a, b) => a.size - b.size);
  writeFileSync(SCALE_FILE, JSON.stringify(merged, null, 2) + "\n");
  return merged;
}

function printScale(list: Scenario[], sizesMeasured: SizeResult[]) {
  console.log("\nScale: ingest (child process) and database");
  console.log(formatTable([
    ["observations", "indicators", "CSV MB", "ingest s", "rows/s", "peak RSS MB", "database MB", "API start s", "unfiltered page SQL ms", "measured"],
    ...sizesMeasured.map((s) => [String(s.observations), String(s.indicators), s.csv_mb.toFixed(1), s.ingest_s.toFixed(1),
      (s.observations / s.ingest_s).toFixed(0), String(s.ingest_max_rss_mb), s.db_mb.toFixed(1), (s.api_start_s ?? NaN).toFixed(1),
      (s.unfiltered_page_sql_ms ?? NaN).toFixed(2), s.measured_at.slice(0, 10)]),
  ]));
  console.log("\nScale: p50 / p99 ms of each scenario (api = our server, cache off; baseline = same SQL, bare HTTP)");
  const table = [["scenario", "server", ...sizesMeasured.map((s) => label(s.size))]];
  for (const scenario of list) {
    for (const server of ["baseline", "api"] as const) {
      table.push([scenario.name, server, ...sizesMeasured.map((s) => {
        const r = s.results.find((x) => x.scenario === scenario.name && x.server === server);
        return r ? `${r.p50_ms.toFixed(2)} / ${r.p99_ms.toFixed(2)}` : "-";
      })]);
    }
  }
  console.log(formatTable(table));
}

function checkScaleGoals(list: Scenario[], sizesMeasured: SizeResult[]): boolean {
  const small = sizesMeasured.find((s) => s.size === 1e4);
  const big = sizesMeasured.find((s) => s.size === 1e6) ?? (quick ? sizesMeasured.find((s) => s.size === 1e5) : undefined);
  const largest = sizesMeasured.at(-1)!;
  console.log("\nScale goals");
  const smallest = sizesMeasured[0];
  let memoryFailed = false;
  if (largest !== smallest) {
    const growth = largest.ingest_max_rss_mb / smallest.ingest_max_rss_mb;
    console.log(`${growth <= 1.5 ? "PASS" : "FAIL"}  ingest memory flat: peak RSS ${smallest.ingest_max_rss_mb} MB at ${label(smallest.size)}, ${largest.ingest_max_rss_mb} MB at ${label(largest.size)} (${growth.toFixed(2)}×, goal ≤ 1.5×)`);
    memoryFailed = growth > 1.5;
  }
  if (!small || !big) {
    console.log("(p50 growth goal needs sizes 1e4 and 1e6)");
    return memoryFailed;
  }
  const misses: string[] = [];
  const worst: string[] = [];
  for (const scenario of list) {
    const a = small.results.find((r) => r.scenario === scenario.name && r.server === "api")!;
    const b = big.results.find((r) => r.scenario === scenario.name && r.server === "api")!;
    // A question whose answer grows with the synthetic layer (the area page: one value per
    // indicator, and the layer of 1e6 has more indicators than that of 1e4) is compared per row answered.
    const perRow = a.rows !== undefined && b.rows !== undefined && b.rows > a.rows;
    const growth = perRow ? (b.p50_ms / b.rows!) / (a.p50_ms / a.rows!) : b.p50_ms / a.p50_ms;
    worst.push(`${scenario.name} ${growth.toFixed(2)}×${perRow ? ` per row (${a.rows} → ${b.rows} rows; ${(b.p50_ms / a.p50_ms).toFixed(2)}× per answer)` : ""}`);
    if (growth > GOALS.p50Growth) misses.push(scenario.name);
  }
  const indicative = big.size !== 1e6 ? ` (indicative: ${label(big.size)} instead of 1e6)` : "";
  console.log(`${misses.length ? "FAIL" : "PASS"}  api p50 at ${label(big.size)} within ${GOALS.p50Growth}× of p50 at 1e4${indicative}: ${worst.join(", ")}`);
  // Issue "Below the province": a map (every commune of one indicator on one date) within 3× of one series.
  const p50 = (name: string) => big.results.find((r) => r.scenario === name && r.server === "api")?.p50_ms;
  const map = p50("map");
  const series = p50("series");
  let mapFailed = false;
  if (map !== undefined && series !== undefined) {
    const ratio = map / series;
    mapFailed = ratio > GOALS.mapVsSeries && big.size === 1e6;
    console.log(`${ratio <= GOALS.mapVsSeries ? "PASS" : "FAIL"}  map p50 within ${GOALS.mapVsSeries}× of the series' at ${label(big.size)}${indicative}: ${map.toFixed(2)} ms vs ${series.toFixed(2)} ms (${ratio.toFixed(2)}×)`);
  }
  // The goal is about 1e6; a quick run only shows the trend.
  return memoryFailed || mapFailed || (misses.length > 0 && big.size === 1e6);
}

function machine(): string {
  const cpu = readFileSync("/proc/cpuinfo", "utf8").match(/model name\s*:\s*(.*)/)?.[1] ?? "unknown CPU";
  const memKb = Number(readFileSync("/proc/meminfo", "utf8").match(/MemTotal:\s*(\d+)/)?.[1] ?? 0);
  const cores = readFileSync("/proc/cpuinfo", "utf8").match(/^processor\s*:/gm)?.length ?? 0;
  return `Machine: ${cores} cores, ${cpu}, ${(memKb / 1024 / 1024).toFixed(1)} GiB RAM, node ${process.version}`;
}

function formatTable(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r, n) => {
    const line = r.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
    return n === 0 ? `${line}\n${widths.map((w) => "-".repeat(w)).join("  ")}` : line;
  }).join("\n");
}

const mb = (bytes: number) => bytes / 1024 / 1024;
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

await main();
