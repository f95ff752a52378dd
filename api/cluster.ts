/**
 * One server process per core (node:cluster): the primary only forks workers, replaces one
 * that dies and, on SIGTERM or SIGINT, tells every worker to drain (each finishes its
 * in-flight requests, as a single process does) and exits when all have. Workers share
 * nothing but the listening port: each opens the database and keeps its own caches.
 * A worker that exits before it ever listened (a missing database, a port in use) stops the
 * whole server with its exit code instead of being restarted in a loop.
 */
import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";
import type { Logger } from "./http/log.js";

/** PORTAL_WORKERS, else one per core. */
export function workerCount(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return availableParallelism();
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 256) throw new Error(`PORTAL_WORKERS must be a whole number from 1 to 256, not "${value}".`);
  return count;
}

/** Shortest time between two restarts of one worker slot: a worker that keeps dying is not restarted in a busy loop. */
const RESTART_DELAY_MS = 1_000;

/** Run the primary: fork `count` workers of this same entry point and supervise them. Never resolves: the primary exits when its workers have. */
export function runPrimary(count: number, logger: Logger): Promise<never> {
  let stopping = false;
  let exitCode = 0;
  let announced = false;
  const alive = new Set<Worker>();
  const listening = new Set<Worker>();
  const everListened = new WeakSet<Worker>();

  const finish = () => {
    logger.info({ exitCode }, "all workers stopped");
    process.exit(exitCode);
  };

  const fork = () => {
    const worker = cluster.fork();
    alive.add(worker);
    worker.once("listening", (address) => {
      everListened.add(worker);
      listening.add(worker);
      if (!announced && listening.size === count) {
        announced = true;
        const host = address.address === "0.0.0.0" || !address.address ? "localhost" : address.address;
        const url = `http://${host}:${address.port}`;
        // The line a single process writes once it listens (scripts and tests wait for "url").
        logger.info({ url, workers: count, pid: process.pid }, `Portal: ${count} worker processes at ${url}/`);
      }
    });
    worker.once("exit", (code, signal) => {
      alive.delete(worker);
      listening.delete(worker);
      if (stopping) {
        // A worker that did not drain cleanly makes the primary's exit non-zero.
        if (code !== 0) exitCode = code || 1;
        if (alive.size === 0) finish();
        return;
      }
      if (!everListened.has(worker)) {
        // It could not start, so neither could a replacement: stop the others and report.
        logger.error({ pid: worker.process.pid, code, signal }, "a worker exited before listening: stopping");
        exitCode = code || 1;
        stopping = true;
        for (const other of alive) other.process.kill("SIGTERM");
        if (alive.size === 0) finish();
        return;
      }
      logger.warn({ pid: worker.process.pid, code, signal }, "worker died: starting another");
      setTimeout(() => {
        if (!stopping) fork();
      }, RESTART_DELAY_MS);
    });
  };

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, workers: alive.size }, "stopping: every worker finishes its in-flight requests");
    if (alive.size === 0) return finish();
    for (const worker of alive) worker.process.kill("SIGTERM");
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));

  for (let i = 0; i < count; i++) fork();
  return new Promise<never>(() => {});
}
