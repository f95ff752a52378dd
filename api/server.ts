/**
 * The HTTP server: the static site at `/`, the GraphQL API at `/graphql` (GET and POST),
 * `/healthz` for monitors. One port, plain node:http.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { existsSync } from "node:fs";
import { HeaderMap, type ApolloServer } from "@apollo/server";
import sirv from "sirv";
import { openPortalDatabase, type PortalDatabase } from "./db/connect.js";
import { createApollo } from "./graphql.js";
import { createContext, type Context } from "./schema/context.js";

export interface PortalServerOptions {
  /** SQLite file built by `npm run data:build`. */
  dbPath: string;
  /** Built static site (site/dist); optional so the API can run alone. */
  siteDir?: string;
  /** Where errors are logged (default: stderr). */
  log?: (message: string, error?: unknown) => void;
}

export interface PortalServer {
  server: Server;
  portal: PortalDatabase;
  apollo: ApolloServer<Context>;
  /** Listen on `port` (0 = any free port); resolves with the URL. */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 100 * 1024;

/** Create the portal server. @throws DatabaseUnavailableError when the database is missing or invalid. */
export async function createPortalServer(options: PortalServerOptions): Promise<PortalServer> {
  const log = options.log ?? ((message, error) => console.error(message, error ?? ""));
  const portal = await openPortalDatabase(options.dbPath);
  const apollo = await createApollo((error) => log("graphql internal error", error));
  const site = options.siteDir && existsSync(options.siteDir) ? sirv(options.siteDir, { etag: true, dev: false }) : null;

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (url.pathname === "/graphql" || url.pathname === "/graphql/") return await handleGraphql(req, res, url);
      if (url.pathname === "/healthz") return sendJson(res, 200, { status: "ok", dataVersion: portal.meta.dataVersion });
      if (site) {
        return site(req, res, () => {
          res.statusCode = 404;
          res.setHeader("content-type", "text/plain; charset=utf-8");
          res.end(`Not found: ${url.pathname}`);
        });
      }
      sendJson(res, 404, { error: `Not found: ${url.pathname}. The API is at /graphql.` });
    } catch (error) {
      log("request failed", error);
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: "Internal server error.", extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
      else res.end();
    }
  });

  async function handleGraphql(req: IncomingMessage, res: ServerResponse, url: URL) {
    res.setHeader("access-control-allow-origin", "*");
    res.setHeader("access-control-allow-methods", "GET, POST, OPTIONS");
    res.setHeader("access-control-allow-headers", "content-type, accept, if-none-match");
    if (req.method === "OPTIONS") {
      res.statusCode = 204;
      return res.end();
    }
    if (req.method === "GET" && !url.searchParams.has("query") && !url.searchParams.has("extensions")) {
      // A browser opening /graphql gets the explorer page of the site.
      res.statusCode = 302;
      res.setHeader("location", "/api/");
      return res.end();
    }
    let body: unknown = undefined;
    if (req.method === "POST") {
      const text = await readBody(req);
      if (text === null) return sendJson(res, 413, { errors: [{ message: `Request body larger than ${MAX_BODY_BYTES} bytes.`, extensions: { code: "PAYLOAD_TOO_LARGE" } }] });
      try {
        body = text.length ? JSON.parse(text) : undefined;
      } catch {
        return sendJson(res, 400, { errors: [{ message: "The body is not valid JSON.", extensions: { code: "BAD_REQUEST" } }] });
      }
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? "GET").toUpperCase(), headers, search: url.search, body },
      context: async () => createContext(portal.db, portal.meta),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === "complete") return res.end(response.body.string);
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  return {
    server,
    portal,
    apollo,
    listen: (port, host = "0.0.0.0") =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          const address = server.address();
          const actual = typeof address === "object" && address ? address.port : port;
          resolve(`http://${host === "0.0.0.0" ? "localhost" : host}:${actual}`);
        });
      }),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
      await portal.close();
    },
  };
}

function sendJson(res: ServerResponse, status: number, value: unknown) {
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.end(JSON.stringify(value));
}

/** Read a request body as UTF-8; null when it exceeds MAX_BODY_BYTES. */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
