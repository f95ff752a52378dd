/**
 * The HTTP server: the static site at `/` (api/http/static.ts), the GraphQL API at `/graphql`
 * (GET and POST, api/http/graphql-handler.ts), `/healthz` for monitors. One port, plain
 * node:http, security headers on every answer (api/http/headers.ts), one structured log line
 * per request, graceful shutdown.
 */
// Before any type-graphql class is evaluated (limits.ts imports the page arguments).
import "reflect-metadata";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { ApolloServer } from "@apollo/server";
import type { PortalDatabase } from "./db/connect.js";
import { openLiveDatabase, type LiveDatabase } from "./db/live-database.js";
import { createApollo, type ApiContext } from "./graphql.js";
import { guardConnections, httpServerOptions, DEFAULT_CONNECTION_LIMITS, type ConnectionLimits, type ConnectionStats } from "./http/connections.js";
import { createResponseCache, CACHE_CONTROL_NONE, type ResponseCache, type ResponseCacheOptions } from "./http/cache.js";
import { createGraphqlHandler } from "./http/graphql-handler.js";
import { createHealthHandler } from "./http/health.js";
import { createSecurityHeaders, readCspManifest } from "./http/headers.js";
import { createStaticSite, fixedPage } from "./http/static.js";
import { DEFAULT_LIMITS, type Limits } from "./http/limits.js";
import { queryForLog, requestIdFor, silentLogger, type Logger } from "./http/log.js";
import { send, sendError, type RequestLogFields } from "./http/respond.js";

export interface PortalServerOptions {
  /** SQLite file built by `npm run data:build`. */
  dbPath: string;
  /** Built static site (site/dist); optional so the API can run alone. */
  siteDir?: string;
  /** Structured logger (pino). Default: silent, except internal errors, which go to `log` or stderr. */
  logger?: Logger;
  /** Also told about internal errors (kept for callers such as the site build). */
  log?: (message: string, error?: unknown) => void;
  /** In-memory response cache: on by default; `false` executes every operation (benchmarks compare both). */
  responseCache?: boolean | ResponseCacheOptions;
  /** Override limits (tests use a short time limit). */
  limits?: Partial<Limits>;
  /** Override connection timeouts and limits (api/http/connections.ts; `npm run serve` reads them from the environment). */
  connections?: Partial<ConnectionLimits>;
  /** How often the database file is looked at for a new version (ms; 0: never). Default 2,000. */
  databasePollMs?: number;
  /** How long /healthz reuses its database check (ms). Default 1,000. */
  healthCacheMs?: number;
  /** Freshness of successful API GETs in caches, seconds (default 60; see api/http/cache.ts). */
  apiMaxAgeSeconds?: number;
}

export interface PortalServer {
  server: Server;
  /** The database version new requests get (it changes when a new file is published at dbPath). */
  readonly portal: PortalDatabase;
  database: LiveDatabase;
  apollo: ApolloServer<ApiContext>;
  limits: Limits;
  connectionLimits: ConnectionLimits;
  /** Connections open now and refused since start (over a connection limit). */
  connectionStats(): ConnectionStats;
  /** null when created with responseCache: false. */
  responseCache: ResponseCache | null;
  /** Listen on `port` (0 = any free port); resolves with the URL. */
  listen(port: number, host?: string): Promise<string>;
  /** Stop accepting connections, let in-flight requests finish (at most `graceMs`), then release everything. */
  close(graceMs?: number): Promise<void>;
}

/** Longest wait for in-flight requests at shutdown: the time limit of one operation plus a margin. */
const shutdownGraceMs = (limits: Limits) => limits.timeLimitMs + 2_000;

/**
 * Create the portal server.
 * @throws DatabaseUnavailableError when the database is missing, not a portal database, or corrupt.
 */
export async function createPortalServer(options: PortalServerOptions): Promise<PortalServer> {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const logger = options.logger ?? silentLogger();
  const onInternalError = options.log ?? (options.logger ? undefined : (message: string, error?: unknown) => console.error(message, error ?? ""));
  const database = await openLiveDatabase(options.dbPath, {
    pollMs: options.databasePollMs,
    onEvent: (event) => (event.kind === "reopened" ? logger.info(event, "database reopened") : logger.error(event, "database file refused")),
  });
  const apollo = await createApollo({ limits, logger, onInternalError });
  const responseCache = options.responseCache === false ? null : createResponseCache(options.responseCache === true ? {} : options.responseCache);
  const handleGraphql = createGraphqlHandler({ apollo, database, limits, cache: responseCache, logger, maxAgeSeconds: options.apiMaxAgeSeconds });
  const siteDir = options.siteDir && existsSync(options.siteDir) ? options.siteDir : undefined;
  const notFoundPage = siteDir && existsSync(join(siteDir, "404.html")) ? fixedPage(join(siteDir, "404.html")) : null;
  const site = siteDir ? createStaticSite(siteDir, { notFound: (req, res, url) => siteNotFound(req, res, url) }) : null;
  const securityHeaders = createSecurityHeaders(readCspManifest(siteDir));
  const connectionLimits: ConnectionLimits = { ...DEFAULT_CONNECTION_LIMITS, ...options.connections };
  let closing = false;

  // Slow clients and idle connections: timeouts of api/http/connections.ts.
  const server = createServer({ maxHeaderSize: limits.maxHeaderBytes, ...httpServerOptions(connectionLimits) }, async (req, res) => {
    const started = process.hrtime.bigint();
    const requestId = requestIdFor(req);
    const fields: RequestLogFields = {};
    connections.track(req, res);
    // Node accepts absolute URLs in the request line; some do not parse ("GET http://[ HTTP/1.1").
    const url = URL.canParse(req.url ?? "/", "http://localhost") ? new URL(req.url ?? "/", "http://localhost") : null;
    res.setHeader("x-request-id", requestId);
    securityHeaders(res, url?.pathname ?? "/");
    res.once("finish", () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info(
        { reqId: requestId, method: req.method, path: url?.pathname ?? req.url?.slice(0, 200), operationName: fields.operationName, status: res.statusCode, durationMs: Math.round(durationMs * 10) / 10, cache: fields.cache, errorCodes: fields.errorCodes, query: queryForLog(fields.query) },
        "request",
      );
    });
    try {
      if (!url) return sendError(res, 400, "BAD_REQUEST", "The request URL cannot be parsed.");
      if (url.pathname === "/graphql" || url.pathname === "/graphql/") return await handleGraphql(req, res, url, requestId, fields);
      if (url.pathname === "/healthz") return await health(res);
      if (site) return await site(req, res, url);
      sendError(res, 404, "NOT_FOUND", `Not found: ${url.pathname}. The API is at /graphql, the health check at /healthz.`);
    } catch (error) {
      logger.error({ reqId: requestId, err: error }, "request failed");
      onInternalError?.("request failed", error);
      if (!res.headersSent) sendError(res, 500, "INTERNAL_SERVER_ERROR", "Internal server error. The problem has been logged; please try again later.", { extensions: { requestId } });
      else res.end();
    }
  });

  // Requests Node refuses before our handler (a URL or headers over maxHeaderSize, bad HTTP,
  // a timeout) still get the API's error shape instead of a bare status line.
  const connections = guardConnections(server, connectionLimits, limits);
  server.on("clientError", connections.onClientError);

  const health = createHealthHandler({ database, cacheMs: options.healthCacheMs, connections: connections.stats, shuttingDown: () => closing });

  async function siteNotFound(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (notFoundPage) return notFoundPage(req, res, 404);
    send(res, 404, "text/plain; charset=utf-8", `Not found: ${url.pathname}`, { "cache-control": CACHE_CONTROL_NONE });
  }

  let closed: Promise<void> | undefined;
  return {
    server,
    get portal() {
      return database.current();
    },
    database,
    apollo,
    limits,
    connectionLimits,
    connectionStats: connections.stats,
    responseCache,
    listen: (port, host = "0.0.0.0") =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          const address = server.address();
          const actual = typeof address === "object" && address ? address.port : port;
          resolve(`http://${host === "0.0.0.0" ? "localhost" : host}:${actual}`);
        });
      }),
    close: (graceMs = shutdownGraceMs(limits)) =>
      (closed ??= (async () => {
        closing = true;
        // Stop accepting, answer what arrived, close idle keep-alive connections; cut the rest after the grace period.
        await connections.drain(graceMs);
        await apollo.stop();
        await database.close();
      })()),
  };
}
