/**
 * `npm run test:load [-- --duration 10 --connections 50 --no-cache --workers 1,2]`: autocannon
 * against the real server (api/main.ts in a child process on 127.0.0.1, any free port) with a
 * mix of the site's real queries, once per worker count (default: 1 and one per core, the
 * cluster of `npm run serve`); reports req/s, p50/p99 latency, errors, non-2xx, GraphQL errors
 * and the server's RSS before and after (all its processes), then the throughput ratio of
 * N workers to 1. Exits non-zero on any error, non-2xx or GraphQL error.
 * Database: a fresh build of data/ in a temporary folder (the real data, nothing synthetic).
 */
import "reflect-metadata";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { buildDatabase } from "../../data/ingest/build.js";

const REPO = fileURLToPath(new URL("../..", import.meta.url));

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "30" },
    connections: { type: "string", default: "50" },
    "no-cache": { type: "boolean", default: false },
    workers: { type: "string", default: `1,${availableParallelism()}` },
    flood: { type: "string", default: "20000" },
  },
});
const duration = Number(args.duration);
const connections = Number(args.connections);
const workerCounts = [...new Set(args.workers.split(",").map(Number))];
const floodSockets = Number(args.flood);
if (!(duration > 0 && duration <= 600) || !(connections > 0 && connections <= 1000) || !workerCounts.every((n) => Number.isInteger(n) && n >= 1 && n <= 64) || !(Number.isSafeInteger(floodSockets) && floodSockets >= 0)) {
  console.error("Usage: npm run test:load -- [--duration SECONDS (1–600)] [--connections N (1–1000)] [--no-cache] [--workers 1,4 (worker processes per run)] [--flood IDLE_SOCKETS (default 20000, 0: none)]");
  process.exit(2);
}

const QUERIES = {
  indicatorList: `query IndicatorList { indicators(first: 100) { totalCount nodes { id name nameEn unit { symbol } topic { id } latest { value status period { label } area { code fullName } source { id title } } } } }`,
  series: `query Series($id: ID!) { indicator(id: $id) { id name unit { symbol } observations(includeBreakdowns: true) { value status period { start end label } area { code name } source { id title } } targets { value comparator period { label } } } }`,
  observationPage: `query ObservationPage { observations(first: 1000) { totalCount nodes { id value status period { start end label } area { code name fullName level } source { id title publisher } indicator { id } } pageInfo { hasNextPage endCursor } } }`,
  areaSearch: `query AreaSearch($q: String) { areas(search: $q, first: 50) { totalCount nodes { code fullName level unitType validFrom validTo parent { code name } } } }`,
};

/** The part of autocannon's result this report reads. */
interface LoadResult {
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number };
  throughput: { average: number };
}

function rssKiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { rss: field("VmRSS"), peak: field("VmHWM") };
}
const mib = (kib: number) => `${(kib / 1024).toFixed(1)} MiB`;

async function startServer(dbPath: string, workers: number): Promise<{ child: ChildProcessWithoutNullStreams; url: string; logLines: () => number }> {
  const child = spawn(process.execPath, ["--import", "tsx", "api/main.ts"], {
    cwd: REPO,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", PORTAL_DB: dbPath, LOG_LEVEL: "info", PORTAL_WORKERS: String(workers), PORTAL_RESPONSE_CACHE: args["no-cache"] ? "off" : "on" },
  });
  let pending = "";
  let lines = 0;
  const url = await new Promise<string>((resolve, reject) => {
    // Keep reading stderr (one log line per request) so the server never blocks on a full pipe.
    child.stderr.on("data", (chunk: Buffer) => {
      pending += chunk.toString();
      const parts = pending.split("\n");
      pending = parts.pop() ?? "";
      for (const line of parts) {
        lines++;
        const match = /"url":"(http:\/\/[^"]+)"/.exec(line);
        if (match) resolve(match[1]!);
        if (line.startsWith("Cannot start")) reject(new Error(line));
      }
    });
    child.once("exit", (code) => reject(new Error(`server exited with code ${code}`)));
  });
  return { child, url, logLines: () => lines };
}

async function post(url: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: any; errors?: { message: string }[] };
  if (response.status !== 200 || body.errors) throw new Error(`warm-up failed: ${response.status} ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** RSS of a process and its children (the cluster's workers). */
function treeRssKiB(pid: number): { rss: number; peak: number } {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  return [pid, ...children].map(rssKiB).reduce((a, b) => ({ rss: a.rss + b.rss, peak: a.peak + b.peak }));
}

/** One load run against a server of `workers` processes: its req/s, and whether anything failed. */
async function runLoad(dbPath: string, workers: number): Promise<{ rate: number; failed: boolean }> {
  const server = await startServer(dbPath, workers);
  let failed = false;
  let requestsPerSecond = 0;
  try {
    // Real ids and names for the variables, and a check that every query works.
    const ids: string[] = (await post(server.url, `{ indicators(first: 1000) { nodes { id } } }`)).indicators.nodes.map((n: { id: string }) => n.id);
    const names: string[] = [...new Set<string>((await post(server.url, `{ areas(first: 1000) { nodes { name } } }`)).areas.nodes.map((n: { name: string }) => n.name))];
    for (const [name, query] of Object.entries(QUERIES)) await post(server.url, query, name === "series" ? { id: ids[0] } : name === "areaSearch" ? { q: names[0] } : {});
    const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;
    const json = { "content-type": "application/json" };
    const before = treeRssKiB(server.child.pid!);

    const options = {
      url: server.url,
      connections,
      duration,
      requests: [
        { method: "POST", path: "/graphql", headers: json, body: JSON.stringify({ query: QUERIES.indicatorList }) },
        {
          method: "POST",
          path: "/graphql",
          headers: json,
          setupRequest: (request: any) => ({ ...request, body: JSON.stringify({ query: QUERIES.series, variables: { id: pick(ids) } }) }),
        },
        { method: "POST", path: "/graphql", headers: json, body: JSON.stringify({ query: QUERIES.observationPage }) },
        {
          method: "GET",
          setupRequest: (request: any) => ({ ...request, path: `/graphql?${new URLSearchParams({ query: QUERIES.areaSearch, variables: JSON.stringify({ q: pick(names) }) })}` }),
        },
      ],
      // A GraphQL error in a 200 counts as a failure too (autocannon's "mismatches").
      verifyBody: (body: string) => body.startsWith('{"data"') && !body.includes('"errors"'),
    };
    const result = (await autocannon(options as never)) as unknown as LoadResult;

    const after = treeRssKiB(server.child.pid!);
    const report = {
      machine: `${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}, loopback; server and autocannon (one thread) on the same machine`,
      settings: `${workers} server process${workers > 1 ? "es (node:cluster)" : ""}, ${connections} connections, ${duration} s, response cache ${args["no-cache"] ? "off" : "on"}, 4 queries in turn (indicator list with latest values, one indicator's series, observations page of 1000 with areas and sources, area search by GET)`,
      requests: result.requests.total,
      "req/s (mean)": result.requests.average,
      "latency p50 (ms)": result.latency.p50,
      "latency p99 (ms)": result.latency.p99,
      "latency max (ms)": result.latency.max,
      "throughput (MiB/s)": Number((result.throughput.average / 1024 / 1024).toFixed(1)),
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      "GraphQL errors": result.mismatches,
      "server RSS before": mib(before.rss),
      "server RSS after": mib(after.rss),
      "server RSS peak": mib(after.peak),
      "server log lines": server.logLines(),
    };
    console.log(`\nLoad test (npm run test:load), ${workers} worker${workers > 1 ? "s" : ""}`);
    for (const [key, value] of Object.entries(report)) console.log(`  ${key.padEnd(20)} ${value}`);
    failed = result.errors > 0 || result.timeouts > 0 || result.non2xx > 0 || result.mismatches > 0 || result.requests.total === 0;
    if (failed) console.error("\nFAILED: errors, timeouts, non-2xx answers or GraphQL errors under load.");
    requestsPerSecond = result.requests.average;
  } finally {
    server.child.kill("SIGTERM");
    const code = await new Promise<number | string | null>((resolve) => (server.child.exitCode !== null ? resolve(server.child.exitCode) : server.child.once("exit", (c, signal) => resolve(c ?? signal))));
    if (code !== 0) {
      console.error(`server exited with code ${code} after SIGTERM`);
      failed = true;
    }
  }
  return { rate: requestsPerSecond, failed };
}

/**
 * A flood of idle sockets that never send or read, from 127.0.0.2 (the per-address limit holds
 * them), while one client on 127.0.0.1 sends normal requests: their latency, and how many
 * sockets the server holds (its open file descriptors). Fails when a normal request fails.
 */
async function flood(url: string, pid: number): Promise<boolean> {
  const port = Number(new URL(url).port);
  const fds = () => readdirSync(`/proc/${pid}/fd`).length;
  const before = fds();
  const held: Socket[] = [];
  let refused = 0;
  const started = performance.now();
  // In waves: a refused socket is closed by the server at once, which frees this process's descriptor too.
  for (let opened = 0; opened < floodSockets; opened += 1000) {
    await Promise.all(Array.from({ length: Math.min(1000, floodSockets - opened) }, () => new Promise<void>((resolve) => {
      const socket = connect({ port, host: "127.0.0.1", localAddress: "127.0.0.2" });
      socket.on("error", () => {});
      socket.once("connect", () => {
        held.push(socket);
        setTimeout(resolve, 0);
      });
      socket.once("close", () => {
        refused++;
        resolve();
      });
    })));
  }
  const floodMs = performance.now() - started;
  const latencies: number[] = [];
  let failures = 0;
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    const response = await fetch(`${url}/graphql?query=${encodeURIComponent("{ about { dataVersion } }")}`, { signal: AbortSignal.timeout(10_000) }).catch(() => null);
    if (response?.status !== 200) failures++;
    await response?.text();
    latencies.push(performance.now() - start);
  }
  latencies.sort((a, b) => a - b);
  console.log(`\nFlood: ${floodSockets} idle sockets from 127.0.0.2 in ${(floodMs / 1000).toFixed(1)} s: the server closed ${refused} at once and holds the rest (its file descriptors +${fds() - before}; per-address limit ${Math.max(256, connections + 16)})`);
  console.log(`  normal requests from 127.0.0.1 meanwhile: 20, failed ${failures}, latency p50 ${latencies[10]!.toFixed(1)} ms, max ${latencies[19]!.toFixed(1)} ms`);
  for (const socket of held) socket.destroy();
  if (failures) console.error("\nFAILED: normal requests failed during the flood of idle sockets.");
  return failures === 0;
}

const dir = mkdtempSync(join(tmpdir(), "portal-load-"));
const dbPath = join(dir, "portal.sqlite");
await buildDatabase({ dataDir: join(REPO, "data"), outFile: dbPath });
const runs = new Map<number, { rate: number; failed: boolean }>();
for (const workers of workerCounts) runs.set(workers, await runLoad(dbPath, workers));
const single = runs.get(1)?.rate;
console.log(`\nWorkers (mean req/s${single ? ", ratio to 1 worker" : ""})`);
for (const [workers, { rate, failed }] of runs) console.log(`  ${String(workers).padEnd(3)} ${rate.toFixed(1).padStart(9)} req/s${single ? `  ×${(rate / single).toFixed(2)}` : ""}${failed ? "  (with failures)" : ""}`);
let floodPassed = true;
if (floodSockets > 0) {
  const server = await startServer(dbPath, 1);
  floodPassed = await flood(server.url, server.child.pid!);
  server.child.kill("SIGTERM");
}
process.exit([...runs.values()].some((run) => run.failed) || !floodPassed ? 1 : 0);
