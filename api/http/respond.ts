/**
 * Writing responses: the one error shape, CORS for the API, and the per-request log fields
 * that handlers fill in (operation name, cache outcome).
 */
import type { ServerResponse } from "node:http";
import { CACHE_CONTROL_NONE } from "./cache.js";
import { errorBody, type HttpError } from "./errors.js";
import { APPLICATION_JSON, type MediaType } from "./media.js";

/** What a handler tells the request log line. */
export interface RequestLogFields {
  operationName?: string;
  cache?: "hit" | "miss" | "off" | "not-modified";
  query?: string;
  errorCodes?: string[];
}

/** Open CORS: the API is public, read-only and uses no cookies, so any origin may read it. */
export function setCors(res: ServerResponse) {
  res.setHeader("access-control-allow-origin", "*");
  res.setHeader("access-control-allow-methods", "GET, POST, OPTIONS");
  res.setHeader("access-control-allow-headers", "content-type, accept, if-none-match, x-request-id");
  res.setHeader("access-control-expose-headers", "etag, x-request-id, x-cache");
  res.setHeader("access-control-max-age", "86400");
}

export function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer, headers: Record<string, string> = {}) {
  res.statusCode = status;
  for (const [key, value] of Object.entries(headers)) res.setHeader(key, value);
  res.setHeader("content-type", contentType);
  res.setHeader("content-length", Buffer.byteLength(body));
  res.end(body);
}

/** An error in the one shape, never cached. */
export function sendError(res: ServerResponse, status: number, code: string, message: string, options: { mediaType?: MediaType; headers?: Record<string, string>; extensions?: Record<string, unknown> } = {}) {
  send(res, status, `${options.mediaType ?? APPLICATION_JSON}; charset=utf-8`, errorBody(message, code, options.extensions), {
    "cache-control": CACHE_CONTROL_NONE,
    ...options.headers,
  });
}

export function sendHttpError(res: ServerResponse, error: HttpError, mediaType?: MediaType) {
  sendError(res, error.status, error.code, error.message, { mediaType, headers: error.headers });
}
