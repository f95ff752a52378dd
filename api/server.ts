/**
 * The HTTP server: the static site at `/` (api/http/static.ts), the GraphQL API at `/graphql`
 * (GET and POST, api/http/graphql-handler.ts), `/healthz` for monitors. One port, plain
 * node:http, security headers on every answer (api/http/headers.ts), one structured log line
 * per request, graceful shutdown.
 */
// Before any type-graphql class is evaluated (limits.ts imports the page arguments).
import "reflect-metadata";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { ApolloServer } from "@apollo/server";
import { DatabaseUnavailableError, openPortalDatabase, type PortalDatabase } from "./db/connect.js";
import { createApollo, type ApiContext } from "./graphql.js";
import { createResponseCache, CACHE_CONTROL_NONE, type ResponseCache, type ResponseCacheOptions } from "./http/cache.js";
import { errorBody } from "./http/errors.js";
import { createGraphqlHandler } from "./http/graphql-handler.js";
import { createSecurityHeaders, RAW_SECURITY_HEADERS, readCspManifest } from "./http/headers.js";
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
  /** Freshness of successful API GETs in caches, seconds (default 60; see api/http/cache.ts). */
  apiMaxAgeSeconds?: number;
}

export interface PortalServer {
  server: Server;
  portal: PortalDatabase;
  apollo: ApolloServer<ApiContext>;
  limits: Limits;
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
  const portal = await openPortalDatabase(options.dbPath);
  try {
    await checkIntegrity(portal, options.dbPath);
  } catch (error) {
    await portal.close().catch(() => {});
    throw error;
  }
  const apollo = await createApollo({ limits, logger, onInternalError });
  const responseCache = options.responseCache === false ? null : createResponseCache(options.responseCache === true ? {} : options.responseCache);
  const handleGraphql = createGraphqlHandler({ apollo, portal, limits, cache: responseCache, logger, maxAgeSeconds: options.apiMaxAgeSeconds });
  const siteDir = options.siteDir && existsSync(options.siteDir) ? options.siteDir : undefined;
  const notFoundPage = siteDir && existsSync(join(siteDir, "404.html")) ? fixedPage(join(siteDir, "404.html")) : null;
  const site = siteDir ? createStaticSite(siteDir, { notFound: (req, res, url) => siteNotFound(req, res, url) }) : null;
  const securityHeaders = createSecurityHeaders(readCspManifest(siteDir));
  let closing = false;

  // Slow clients: headers within 10 s, the whole request within 30 s, checked every 2 s (Node's default: 30 s).
  const server = createServer({ maxHeaderSize: limits.maxHeaderBytes, requestTimeout: 30_000, headersTimeout: 10_000, connectionsCheckingInterval: 2_000 }, async (req, res) => {
    const started = process.hrtime.bigint();
    const requestId = requestIdFor(req);
    const fields: RequestLogFields = {};
    // Node accepts absolute URLs in the request line; some do not parse ("GET http://[ HTTP/1.1").
    const url = URL.canParse(req.url ?? "/", "http://localhost") ? new URL(req.url ?? "/", "http://localhost") : null;
    res.setHeader("x-request-id", requestId);
    securityHeaders(res, url?.pathname ?? "/");
    if (closing) res.setHeader("connection", "close");
    res.once("finish", () => {
      // During shutdown a connection whose last request just finished is idle: end it now.
      if (closing) setImmediate(() => server.closeIdleConnections());
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

  // Requests Node refuses before our handler (a URL or headers over maxHeaderSize, bad HTTP)
  // still get the API's error shape instead of a bare status line.
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || (socket as Socket & { _httpMessage?: unknown })._httpMessage) return void socket.destroy();
    const [status, reason, message] =
      error.code === "HPE_HEADER_OVERFLOW"
        ? [431, "Request Header Fields Too Large", `The request line and headers exceed ${limits.maxHeaderBytes} bytes. GET URLs may carry at most ${limits.maxQueryStringBytes} bytes of query string: send long queries with POST.`]
        : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
          ? [408, "Request Timeout", "The request was not received in time."]
          : [400, "Bad Request", "The request is not valid HTTP."];
    const body = errorBody(message, "BAD_REQUEST");
    socket.end(`HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\ncache-control: no-store\r\n${RAW_SECURITY_HEADERS}connection: close\r\n\r\n${body}`);
  });

  async function health(res: ServerResponse) {
    let database = "ok";
    try {
      await portal.sqlite.all("select 1");
    } catch {
      database = "unavailable";
    }
    const status = closing ? "shutting-down" : database === "ok" ? "ok" : "unavailable";
    send(res, status === "ok" ? 200 : 503, "application/json; charset=utf-8", JSON.stringify({ status, dataVersion: portal.meta.dataVersion, dataHash: portal.meta.dataHash, builtAt: portal.meta.builtAt, database }), { "cache-control": CACHE_CONTROL_NONE });
  }

  async function siteNotFound(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (notFoundPage) return notFoundPage(req, res, 404);
    send(res, 404, "text/plain; charset=utf-8", `Not found: ${url.pathname}`, { "cache-control": CACHE_CONTROL_NONE });
  }

  let closed: Promise<void> | undefined;
  return {
    server,
    portal,
    apollo,
    limits,
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
        // close() stops accepting, ends idle keep-alive connections and waits for in-flight
        // requests; connections still open after the grace period are cut.
        const stopped = new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        await stopped;
        clearTimeout(force);
        await apollo.stop();
        await portal.close();
      })()),
  };
}

/**
 * A truncated or damaged file may still open and have a meta table: check every page now
 * (quick_check reads the whole file once; milliseconds for the portal database) rather
 * than fail on the first query that reaches a bad page.
 */
async function checkIntegrity(portal: PortalDatabase, path: string) {
  let rows: Record<string, unknown>[];
  try {
    rows = await portal.sqlite.all("pragma quick_check");
  } catch (error) {
    throw new DatabaseUnavailableError(`${path} is damaged (${(error as Error).message}). Rebuild it with \`npm run data:build\`.`);
  }
  const problems = rows
    .map((r) => String(Object.values(r)[0]))
    .filter((v) => v !== "ok")
    .map((v) => v.replace(/\*\*\* in database \w+ \*\*\*/, "").replace(/\s+/g, " ").trim());
  if (problems.length) throw new DatabaseUnavailableError(`${path} is damaged (${problems.slice(0, 2).join("; ")}). Rebuild it with \`npm run data:build\`.`);
}
