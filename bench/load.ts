/**
 * Load generation with autocannon, plus exact latency percentiles: autocannon's histogram
 * keeps whole milliseconds, so each response time (a float, from its 'response' event)
 * is kept here as well.
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import type { ServerKind } from "./server.js";

export interface Measurement {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  requests: number;
}

export interface LoadOptions {
  connections: number;
  /** Seconds measured. */
  duration: number;
  /** Seconds of load before measuring (JIT, caches, SQLite pages). */
  warmup: number;
}

/** Load `url` with GET requests and measure throughput and latency. @throws on any error or non-2xx answer. */
export async function measure(url: string, options: LoadOptions): Promise<Measurement> {
  if (options.warmup > 0) await run(url, options.connections, options.warmup);
  return run(url, options.connections, options.duration);
}

async function run(url: string, connections: number, duration: number): Promise<Measurement> {
  const times: number[] = [];
  const started = performance.now();
  const instance = autocannon({ url, connections, duration, method: "GET" });
  instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
  });
  const result = await instance;
  const elapsed = (performance.now() - started) / 1000;
  if (result.errors || result.non2xx || result.timeouts) {
    throw new Error(`${url}: ${result.errors} errors, ${result.non2xx} non-2xx answers, ${result.timeouts} timeouts`);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return { rps: times.length / (result.duration || elapsed), p50_ms: at(0.5), p99_ms: at(0.99), requests: times.length };
}

export interface RunningServer {
  kind: ServerKind;
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

const SERVER = fileURLToPath(new URL("./server.ts", import.meta.url));

/** Start a benchmark server (bench/server.ts) as a child process; `execArgv` adds node flags (e.g. --cpu-prof). */
export function startServer(kind: ServerKind, dbPath: string, execArgv: string[] = []): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const child = fork(SERVER, [kind, dbPath], { execArgv: ["--import", "tsx", ...execArgv], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${kind} server did not start within 120 s`));
    }, 120_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} server exited with code ${code} before it was ready`));
    });
    child.once("message", (message: { url: string }) => {
      clearTimeout(timer);
      child.removeAllListeners("exit");
      resolve({
        kind,
        url: message.url,
        child,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
            child.once("exit", () => {
              clearTimeout(kill);
              done();
            });
            child.kill("SIGTERM");
          }),
      });
    });
  });
}
