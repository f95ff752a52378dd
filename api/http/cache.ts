/**
 * Caching by data version: the database is read-only and its content hash (meta.dataHash)
 * changes with every data build, so an answer is fully determined by the hash and the
 * normalised request. That gives the ETag of a GET and the key of the in-memory response
 * cache (an LRU bounded by entries and by bytes), shared by GET and POST.
 */
import { createHash } from "node:crypto";
import { print, type DocumentNode } from "graphql";
import { LRUCache } from "lru-cache";
import type { ContentCoding, EncodedBody } from "./compress.js";

/**
 * Default freshness of a successful GET, in seconds: browsers and shared caches may reuse it
 * this long, then revalidate with the ETag. It is also the longest a cache may go on serving
 * an answer of the previous data version after a new one is published (each labelled by its
 * own ETag; revalidation never turns an old answer into a new one: the ETag holds the data hash).
 */
export const DEFAULT_API_MAX_AGE_SECONDS = 60;

/** `Cache-Control` of a successful GET. */
export const cacheControlOk = (maxAgeSeconds: number) => (maxAgeSeconds > 0 ? `public, max-age=${Math.floor(maxAgeSeconds)}` : "public, no-cache");
/** Everything else (errors, POST, 304 aside): never stored. */
export const CACHE_CONTROL_NONE = "no-store";

export interface ResponseCacheOptions {
  /** Most entries kept (default 1000). */
  maxEntries?: number;
  /** Most bytes of response bodies kept (default 64 MiB). */
  maxBytes?: number;
}

/**
 * JSON with object keys sorted, so {a,b} and {b,a} are one request. Two different values never
 * print the same: a number JSON cannot hold (`1e400` parses to Infinity, which JSON.stringify
 * writes as `null`) is written as `Infinity`, `-Infinity` or `NaN`, tokens no JSON value prints
 * as; anything else JSON.stringify would drop or turn into null (a function, a symbol) is refused.
 */
export function stableJson(value: unknown): string {
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function" || typeof value === "symbol") throw new TypeError(`stableJson: a ${typeof value} has no JSON form`);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The request as the answer depends on it: printed document (spacing and comments do not matter), operation name, variables. */
export function normaliseRequest(document: DocumentNode | string, operationName: string | undefined, variables: Record<string, unknown> | undefined): string {
  // A string is the document already printed.
  return stableJson({ query: typeof document === "string" ? document : print(document), operationName: operationName ?? null, variables: variables ?? {} });
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("base64url");

/** Key of the response cache: data version and normalised request. */
export function cacheKey(dataHash: string, normalised: string): string {
  return sha256(`${dataHash}\n${normalised}`);
}

/** Strong ETag: data version, media type and normalised request (the body differs by nothing else). */
export function etagFor(dataHash: string, mediaType: string, normalised: string): string {
  return `"${sha256(`${dataHash}\n${mediaType}\n${normalised}`).slice(0, 32)}"`;
}

/** Strong ETag of one coding of a representation: `"<tag>-br"`; identity keeps the tag. */
export function etagForCoding(etag: string, coding: ContentCoding): string {
  return coding === "identity" ? etag : `${etag.slice(0, -1)}-${coding}"`;
}

/**
 * The ETag in If-None-Match that names `etag` in a coding this client accepts now, or null.
 * Every coding decodes to the same bytes, so a copy in any accepted coding is still valid.
 */
export function matchingEtag(header: string | undefined, etag: string, accepted: Set<ContentCoding>): string | null {
  if (!header) return null;
  for (const raw of header.split(",")) {
    const tag = raw.trim().replace(/^W\//, "");
    if (tag === "*") return etag;
    for (const coding of accepted) if (tag === etagForCoding(etag, coding)) return tag;
  }
  return null;
}

/** The in-memory cache of successful response bodies (UTF-8 bytes and each coding sent so far), by cacheKey. */
export function createResponseCache(options: ResponseCacheOptions = {}) {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  return new LRUCache<string, EncodedBody>({
    max: options.maxEntries ?? 1000,
    maxSize: maxBytes,
    // One answer may take at most an eighth of the cache, so a few big pages cannot flush it.
    maxEntrySize: Math.max(1, Math.floor(maxBytes / 8)),
    sizeCalculation: (body) => Math.max(1, body.bytes),
  });
}

export type ResponseCache = ReturnType<typeof createResponseCache>;
