/**
 * `npm start` / `npm run serve`: serve the site and the API on PORT (default 4000).
 * Database: PORTAL_DB or build/portal.sqlite; site: site/dist. Logs: JSON lines on stderr
 * (LOG_LEVEL, default info). PORTAL_RESPONSE_CACHE=off executes every operation (for load tests).
 * PORTAL_API_MAX_AGE: seconds caches may reuse a successful GET (default 60).
 * PORTAL_WORKERS: server processes (default one per core, api/cluster.ts; 1 runs in this process).
 * SIGTERM/SIGINT: stop accepting, finish in-flight requests (every worker), exit 0.
 * A missing or damaged database: one line on stderr and exit code 1.
 */
import "reflect-metadata";
import cluster from "node:cluster";
import { fileURLToPath } from "node:url";
import { runPrimary, workerCount } from "./cluster.js";
import { DatabaseUnavailableError } from "./db/connect.js";
import { ConfigurationError, connectionLimitsFromEnv, wholeNumberFromEnv } from "./http/connections.js";
import { createLogger } from "./http/log.js";
import type { createPortalServer as CreatePortalServer } from "./server.js";

const dbPath = process.env.PORTAL_DB ?? fileURLToPath(new URL("../build/portal.sqlite", import.meta.url));
const siteDir = fileURLToPath(new URL("../site/dist", import.meta.url));
const port = Number(process.env.PORT ?? 4000);
const host = process.env.HOST ?? "0.0.0.0";
const logger = createLogger();

function maxAgeFromEnv(value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 0) {
    console.error(`Cannot start the portal: PORTAL_API_MAX_AGE must be a whole number of seconds (0 or more), not "${value}".`);
    process.exit(1);
  }
  return seconds;
}

let workers: number;
try {
  workers = workerCount(process.env.PORTAL_WORKERS);
} catch (error) {
  console.error(`Cannot start the portal: ${(error as Error).message}`);
  process.exit(1);
}
// The primary only supervises (it never returns here); workers and a single process serve.
if (cluster.isPrimary && workers > 1) await runPrimary(workers, logger);
const { createPortalServer } = await import("./server.js");

let portal: Awaited<ReturnType<typeof CreatePortalServer>>;
try {
  portal = await createPortalServer({
    dbPath, siteDir, logger, responseCache: process.env.PORTAL_RESPONSE_CACHE !== "off",
    apiMaxAgeSeconds: maxAgeFromEnv(process.env.PORTAL_API_MAX_AGE),
    connections: connectionLimitsFromEnv(),
    databasePollMs: wholeNumberFromEnv("PORTAL_DB_POLL_MS", 0),
    healthCacheMs: wholeNumberFromEnv("PORTAL_HEALTH_CACHE_MS", 0),
  });
} catch (error) {
  if (error instanceof DatabaseUnavailableError || error instanceof ConfigurationError) {
    console.error(`Cannot start the portal: ${error.message}`);
    process.exit(1);
  }
  console.error(`Cannot start the portal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
}

try {
  const url = await portal.listen(port, host);
  // A worker's own line says workerUrl: the primary writes "url" once every worker listens.
  logger.info({ [cluster.isWorker ? "workerUrl" : "url"]: url, pid: process.pid, dataVersion: portal.portal.meta.dataVersion, limits: portal.limits, connections: portal.connectionLimits }, `Portal (data ${portal.portal.meta.dataVersion}) at ${url}/ — API at ${url}/graphql`);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(code === "EADDRINUSE" ? `Cannot start the portal: port ${port} is in use; set PORT to another port.` : `Cannot start the portal: ${(error as Error).message}`);
  await portal.close().catch(() => {});
  process.exit(1);
}

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "stopping: finishing in-flight requests");
  try {
    await portal.close();
    logger.info("stopped");
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, "shutdown failed");
    process.exit(1);
  }
}
process.once("SIGTERM", () => void stop("SIGTERM"));
process.once("SIGINT", () => void stop("SIGINT"));
