/**
 * Load generation with autocannon, plus exact latency percentiles: autocannon's histogram
 * keeps whole milliseconds, so each response time (a float, from its 'response' event)
 * is kept here as well.
 */
import { fork, type ChildProcess } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import type { ServerKind } from "./server.js";

export interface Measurement {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  requests: number;
  /** Share of the machine's CPU used by other processes during the run (0–1): the noise. */
  otherCpu: number;
}

export interface LoadOptions {
  connections: number;
  /** Seconds measured. */
  duration: number;
  /** Seconds of load before measuring (JIT, caches, SQLite pages). */
  warmup: number;
}

/**
 * Load `url` with GET requests and measure throughput and latency. The machine is shared:
 * when other processes used more than `maxOtherCpu` of it during a run, the run is repeated
 * (up to `attempts` times) and the quietest kept. @throws on any error or non-2xx answer.
 */
export async function measure(url: string, options: LoadOptions & { serverPid: number; maxOtherCpu?: number; attempts?: number }): Promise<Measurement> {
  if (options.warmup > 0) await run(url, options.connections, options.warmup, options.serverPid);
  let best: Measurement | undefined;
  for (let attempt = 0; attempt < (options.attempts ?? 3); attempt++) {
    const m = await run(url, options.connections, options.duration, options.serverPid);
    if (!best || m.otherCpu < best.otherCpu) best = m;
    if (m.otherCpu <= (options.maxOtherCpu ?? 0.15)) break;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  return best!;
}

/** CPU time (ms) of the whole machine (busy) and of the given processes, from /proc. */
function cpuSnapshot(pids: number[]): { machine: number; mine: number } {
  const tick = 10; // USER_HZ = 100 on Linux
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = fields;
  const machine = (user + nice + system + irq + softirq + steal) * tick;
  let mine = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const after = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      mine += (Number(after[11]) + Number(after[12])) * tick; // utime, stime
    } catch {
      // the process is gone
    }
  }
  return { machine, mine };
}

async function run(url: string, connections: number, duration: number, serverPid: number): Promise<Measurement> {
  const pids = [process.pid, serverPid];
  const before = cpuSnapshot(pids);
  const times: number[] = [];
  const started = performance.now();
  const instance = autocannon({ url, connections, duration, method: "GET" });
  instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
  });
  const result = await instance;
  const elapsed = (performance.now() - started) / 1000;
  const after = cpuSnapshot(pids);
  const otherCpu = Math.max(0, (after.machine - before.machine - (after.mine - before.mine)) / (elapsed * 1000 * cpus().length));
  if (result.errors || result.non2xx || result.timeouts) {
    throw new Error(`${url}: ${result.errors} errors, ${result.non2xx} non-2xx answers, ${result.timeouts} timeouts`);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return { rps: times.length / (result.duration || elapsed), p50_ms: at(0.5), p99_ms: at(0.99), requests: times.length, otherCpu };
}

export interface RunningServer {
  kind: ServerKind;
  url: string;
  child: ChildProcess;
  /** Seconds from spawn to listening (includes the API's integrity check of the database). */
  startSeconds: number;
  stop(): Promise<void>;
}

const SERVER = fileURLToPath(new URL("./server.ts", import.meta.url));

/**
 * Start a benchmark server (bench/server.ts) as a child process; `execArgv` adds node flags
 * (e.g. --cpu-prof); `scenarioNames` limits what the baseline prepares. Its stderr (the
 * request log) goes to `logFile`.
 */
export function startServer(kind: ServerKind, dbPath: string, logFile: string, execArgv: string[] = [], scenarioNames: string[] = []): Promise<RunningServer> {
  const started = performance.now();
  mkdirSync(dirname(logFile), { recursive: true });
  const log = openSync(logFile, "w");
  return new Promise((resolve, reject) => {
    const child = fork(SERVER, [kind, dbPath, scenarioNames.join(",")], { execArgv: ["--import", "tsx", ...execArgv], stdio: ["ignore", "inherit", log, "ipc"] });
    closeSync(log);
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${kind} server did not start within 15 min; see ${logFile}`));
    }, 900_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} server exited with code ${code} before it was ready:\n${readFileSync(logFile, "utf8").slice(-3000)}`));
    });
    child.once("message", (message: { url: string }) => {
      clearTimeout(timer);
      child.removeAllListeners("exit");
      resolve({
        kind,
        url: message.url,
        child,
        startSeconds: (performance.now() - started) / 1000,
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
