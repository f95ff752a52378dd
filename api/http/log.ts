/**
 * Structured logs (pino, JSON lines on stderr) and request ids. One line per request:
 * request id, method, path, operation name, status, duration in ms, cache hit or miss.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { pino, type Logger } from "pino";

export type { Logger };

/** Longest query text written to a log line. */
export const MAX_LOGGED_QUERY_CHARS = 500;

/** A logger writing JSON lines to stderr at `level` (LOG_LEVEL, default info). */
export function createLogger(level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({ level, base: { service: "portal-api" } }, pino.destination({ fd: 2, sync: true }));
}

/** A logger that writes nothing. */
export const silentLogger = (): Logger => pino({ level: "silent" });

/** The client's X-Request-Id when it is a short token (a proxy's id), else a new UUID. */
export function requestIdFor(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && /^[A-Za-z0-9._:-]{8,64}$/.test(given) ? given : randomUUID();
}

/** A query for a log line: spaces collapsed, cut at MAX_LOGGED_QUERY_CHARS. */
export function queryForLog(query: string | undefined): string | undefined {
  if (!query) return undefined;
  const flat = query.replace(/\s+/g, " ").trim();
  return flat.length > MAX_LOGGED_QUERY_CHARS ? `${flat.slice(0, MAX_LOGGED_QUERY_CHARS)}… (${flat.length} chars)` : flat;
}
