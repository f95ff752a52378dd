/**
 * The static site (site/dist), served with `send` (pillarjs): ETag and Last-Modified with 304
 * for If-None-Match and If-Modified-Since, Range (206, 416 for an unsatisfiable one, If-Range),
 * HEAD; other methods 405 with Allow. This module adds what `send` leaves to its caller: the
 * precompressed .br/.gz files the site build writes (chosen by Accept-Encoding), Cache-Control
 * by kind of file, CORS on the downloads and the search index, media types with charsets.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";
import { contentType as mimeContentType } from "mime-types";
import send from "send";
import { appendVary, COMPRESSIBLE_EXTENSIONS, EncodedBody, chooseCoding, negotiateCoding, setCodingHeaders, type ContentCoding } from "./compress.js";
import { CACHE_CONTROL_NONE } from "./cache.js";

/** Hashed build assets (Astro's /_astro/<name>.<hash>.<ext>): the name changes with the content. */
export const CACHE_CONTROL_IMMUTABLE = "public, max-age=31536000, immutable";
/** Pages and unversioned files: caches may keep them 5 minutes, then revalidate (ETag, Last-Modified). */
export const CACHE_CONTROL_SHORT = "public, max-age=300";

const ALLOW = "GET, HEAD, OPTIONS";

/** A data version in a file name (thai-nguyen-open-data-2026-12-01.f9696956.zip): that file never changes. */
const VERSIONED_NAME = /\d{4}-\d{2}-\d{2}\.[0-9a-f]{8}/;

export function cacheControlFor(pathname: string): string {
  if (pathname.startsWith("/_astro/")) return CACHE_CONTROL_IMMUTABLE;
  if (pathname.startsWith("/downloads/") && VERSIONED_NAME.test(pathname.slice(pathname.lastIndexOf("/") + 1))) return CACHE_CONTROL_IMMUTABLE;
  return CACHE_CONTROL_SHORT;
}

/** Files other sites' browser apps may read: the downloads and the search index. */
export const isCorsPath = (pathname: string) => pathname.startsWith("/downloads/") || pathname === "/tim-kiem/chi-muc.json";

/**
 * Media types `send` (mime-types) gives without a charset or does not know: text is UTF-8
 * (the -excel CSVs start with a BOM), the schema is plain text a browser shows.
 */
const STATIC_TYPES: Record<string, string> = {
  ".csv": "text/csv; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".geojson": "application/geo+json; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".graphql": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".svg": "image/svg+xml; charset=utf-8",
  ".sqlite": "application/vnd.sqlite3",
  ".zip": "application/zip",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export function staticContentType(path: string): string | undefined {
  const ext = extname(path).toLowerCase();
  return STATIC_TYPES[ext] ?? (mimeContentType(ext) || undefined);
}

/** `/a/b/index.html` → the codings whose file (`…html.br`, `…html.gz`) the build wrote. */
function findPrecompressed(root: string): Map<string, ContentCoding[]> {
  const found = new Map<string, ContentCoding[]>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && /\.(br|gz)$/.test(entry.name)) {
        const original = path.slice(0, -3);
        if (!existsSync(original)) continue;
        const key = `/${relative(root, original).split(sep).join("/")}`;
        found.set(key, [...(found.get(key) ?? []), entry.name.endsWith(".br") ? "br" : "gzip"]);
      }
    }
  };
  walk(root);
  return found;
}

export interface StaticSiteOptions {
  /** Answer for a path with no file (the site's 404 page). */
  notFound(req: IncomingMessage, res: ServerResponse, url: URL): void | Promise<void>;
}

export type StaticSite = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

export function createStaticSite(root: string, options: StaticSiteOptions): StaticSite {
  const precompressed = findPrecompressed(root);

  return (req, res, url) =>
    new Promise<void>((resolve, reject) => {
      const method = (req.method ?? "GET").toUpperCase();
      const pathname = url.pathname;
      if (isCorsPath(pathname)) {
        res.setHeader("access-control-allow-origin", "*");
        res.setHeader("access-control-expose-headers", "etag, last-modified, content-range, accept-ranges, content-length");
      }
      if (method === "OPTIONS") {
        res.statusCode = 204;
        res.setHeader("allow", ALLOW);
        if (isCorsPath(pathname)) {
          res.setHeader("access-control-allow-methods", ALLOW);
          res.setHeader("access-control-allow-headers", "range, if-none-match, if-modified-since, if-range");
          res.setHeader("access-control-max-age", "86400");
        }
        res.setHeader("content-length", "0");
        return void res.end(resolve);
      }
      if (method !== "GET" && method !== "HEAD") {
        const body = `Method ${method} is not allowed on ${pathname}: the site is static (GET or HEAD). The API is at /graphql.\n`;
        res.statusCode = 405;
        res.setHeader("allow", ALLOW);
        res.setHeader("cache-control", CACHE_CONTROL_NONE);
        res.setHeader("content-type", "text/plain; charset=utf-8");
        res.setHeader("content-length", Buffer.byteLength(body));
        return void res.end(body, resolve);
      }

      let file: string | null;
      try {
        file = decodeURIComponent(pathname) + (pathname.endsWith("/") ? "index.html" : "");
      } catch {
        file = null; // send answers 400
      }
      const type = file ? staticContentType(file) : undefined;
      if (type) res.setHeader("content-type", type);
      if (file && COMPRESSIBLE_EXTENSIONS.has(extname(file).toLowerCase())) appendVary(res, "Accept-Encoding");
      // A range is of the identity bytes, so resumed downloads work whatever the coding.
      const available = file && !req.headers.range ? precompressed.get(file) : undefined;
      const coding: ContentCoding = available ? preferredOf(req, available) : "identity";
      if (coding !== "identity") setCodingHeaders(res, coding);
      res.setHeader("cache-control", cacheControlFor(pathname));

      const sendPath = coding === "identity" ? pathname : `${pathname}${pathname.endsWith("/") ? "index.html" : ""}${coding === "br" ? ".br" : ".gz"}`;
      const stream = send(req, sendPath, { root, index: ["index.html"], dotfiles: "ignore", etag: true, lastModified: true, cacheControl: false, acceptRanges: true });
      stream.on("directory", () => {
        // /chi-so/x → /chi-so/x/ (send's own redirect would replace the security headers).
        const location = `${pathname}/${url.search}`;
        clearContentHeaders(res);
        res.statusCode = 301;
        res.setHeader("location", location);
        res.setHeader("content-type", "text/plain; charset=utf-8");
        const body = `Moved to ${location}\n`;
        res.setHeader("content-length", Buffer.byteLength(body));
        res.end(body, resolve);
      });
      stream.on("error", (error: Error & { status?: number; statusCode?: number; headers?: Record<string, string> }) => {
        clearContentHeaders(res);
        const status = error.status ?? error.statusCode ?? 500;
        if (status === 404) return void Promise.resolve(options.notFound(req, res, url)).then(resolve, reject);
        res.statusCode = status;
        for (const [key, value] of Object.entries(error.headers ?? {})) res.setHeader(key, value);
        res.setHeader("cache-control", CACHE_CONTROL_NONE);
        res.setHeader("content-type", "text/plain; charset=utf-8");
        const body = status === 416 ? `Range ${req.headers.range} is outside the file (${res.getHeader("content-range")}).\n` : `${error.message}\n`;
        res.setHeader("content-length", Buffer.byteLength(body));
        res.end(req.method === "HEAD" ? undefined : body, resolve);
      });
      stream.on("end", resolve);
      res.once("close", resolve);
      stream.pipe(res);
    });
}

/** The client's preferred coding among those written for this file (ties to brotli; identity always possible). */
function preferredOf(req: IncomingMessage, available: ContentCoding[]): ContentCoding {
  if (!req.headers["accept-encoding"]) return "identity";
  return (negotiateCoding(req.headers["accept-encoding"], [...available, "identity"]) as ContentCoding | undefined) ?? "identity";
}
const CODING_ORDER: ContentCoding[] = ["br", "gzip", "identity"];

function clearContentHeaders(res: ServerResponse) {
  for (const name of ["content-encoding", "content-type", "content-length", "content-range", "etag", "last-modified", "cache-control"]) res.removeHeader(name);
}

/** A fixed page (the 404 page) in the coding the client prefers, compressed once per coding. */
export function fixedPage(path: string): (req: IncomingMessage, res: ServerResponse, status: number) => Promise<void> {
  let body = EncodedBody.of(readFileSync(path));
  const type = staticContentType(path) ?? "text/html; charset=utf-8";
  return async (req, res, status) => {
    const wanted = chooseCoding(req);
    if (!body.has(wanted)) body = await body.withCoding(wanted);
    const { coding, body: bytes } = body.pick(wanted);
    res.statusCode = status;
    res.setHeader("content-type", type);
    res.setHeader("cache-control", CACHE_CONTROL_NONE);
    setCodingHeaders(res, coding);
    res.setHeader("content-length", bytes.length);
    res.end(req.method === "HEAD" ? undefined : bytes);
  };
}
