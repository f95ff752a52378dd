/**
 * `/healthz`: tells the truth about the data. It runs a real query against the database being
 * served (row counts of three tables and the last observation, compared with the counts the
 * build recorded in meta), cached for a short time so that a monitor polling every second, or
 * many of them, costs one cheap query. 503 with a JSON reason when the database cannot answer
 * (a file truncated in place: "no such table"), 503 during shutdown. A file at the path that
 * was refused (incomplete, damaged) is reported beside the version still served.
 */
import type { ServerResponse } from "node:http";
import type { PortalDatabase } from "../db/connect.js";
import type { LiveDatabase } from "../db/live-database.js";
import { CACHE_CONTROL_NONE } from "./cache.js";
import type { ConnectionStats } from "./connections.js";
import { send } from "./respond.js";

export interface HealthOptions {
  database: LiveDatabase;
  /** How long one check's result is reused (ms). Default 1,000. */
  cacheMs?: number;
  connections: () => ConnectionStats;
  shuttingDown: () => boolean;
}

interface Check {
  ok: boolean;
  /** What the query found (on success). */
  rows?: Record<string, number>;
  reason?: string;
}

/** The counts /healthz reads, and how many the build recorded. */
const HEALTH_SQL = "select (select count(*) from topics) as topics, (select count(*) from indicators) as indicators, (select count(*) from areas) as areas, (select max(id) from observations) as lastObservation";

async function checkDatabase(portal: PortalDatabase): Promise<Check> {
  let row: Record<string, number> | undefined;
  try {
    row = (await portal.sqlite.all<Record<string, number>>(HEALTH_SQL))[0];
  } catch (error) {
    return { ok: false, reason: `the database does not answer (${(error as Error).message.replace(/^SQLITE_\w+: /, "")})` };
  }
  const counts = portal.meta.counts;
  const differing = (["topics", "indicators", "areas"] as const).filter((key) => row?.[key] !== counts[key]);
  if (differing.length) return { ok: false, reason: `the database differs from its meta: ${differing.map((k) => `${row?.[k] ?? "no"} ${k}, meta says ${counts[k]}`).join("; ")}` };
  if ((counts.observations ?? 0) > 0 && row?.lastObservation == null) return { ok: false, reason: "the database has no observations though its meta counts them" };
  return { ok: true, rows: { topics: row!.topics!, indicators: row!.indicators!, areas: row!.areas! } };
}

/** The /healthz handler. */
export function createHealthHandler({ database, cacheMs = 1_000, connections, shuttingDown }: HealthOptions) {
  let cached: { portal: PortalDatabase; at: number; check: Promise<Check> } | null = null;

  function check(portal: PortalDatabase): Promise<Check> {
    // Keyed by the version object: a switch is checked at once.
    if (cached && cached.portal === portal && performance.now() - cached.at < cacheMs) return cached.check;
    const result = checkDatabase(portal).then((outcome) => {
      // A database that stopped answering may have been replaced in a way the poll has not seen yet.
      if (!outcome.ok) void database.checkNow();
      return outcome;
    });
    cached = { portal, at: performance.now(), check: result };
    return result;
  }

  return async function health(res: ServerResponse) {
    const portal = database.current();
    const outcome = await check(portal);
    const refused = database.refusedReason();
    const status = shuttingDown() ? "shutting-down" : outcome.ok ? "ok" : "unavailable";
    const body = {
      status,
      dataVersion: portal.meta.dataVersion,
      dataHash: portal.meta.dataHash,
      builtAt: portal.meta.builtAt,
      database: outcome.ok ? "ok" : "unavailable",
      ...(outcome.ok ? { checked: outcome.rows } : { reason: outcome.reason }),
      // The file now at the path, when it is not the one served.
      ...(refused ? { fileRefused: refused } : {}),
      connections: connections(),
    };
    send(res, status === "ok" ? 200 : 503, "application/json; charset=utf-8", JSON.stringify(body), { "cache-control": CACHE_CONTROL_NONE });
  };
}
