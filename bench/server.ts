/**
 * One benchmark server, run as a child process (so the load generator never shares its
 * event loop) on 127.0.0.1, any free port. It sends `{ url }` to its parent over IPC.
 *
 *   baseline    the SQL our API runs for each scenario (captured once at start-up), replayed
 *               through the same driver (api/db/sqlite.ts) and sent as JSON over bare
 *               node:http: GET /s/<scenario>. The floor.
 *   api         our server (api/server.ts) with its response cache off.
 *   api-cached  our server as it runs in production (cache on).
 * Both log as api/main.ts does (a JSON line per request on stderr).
 *
 * SIGTERM closes the server and exits normally, so `--cpu-prof` can write its profile.
 */
import "reflect-metadata";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { openSqlite } from "../api/db/sqlite.js";
import { createLogger } from "../api/http/log.js";
import { createPortalServer } from "../api/server.js";
import { captureSql } from "./capture.js";
import { scenarios } from "./scenarios.js";

export type ServerKind = "baseline" | "api" | "api-cached";

const [kind, dbPath, only] = process.argv.slice(2) as [ServerKind, string, string | undefined];

async function startBaseline(): Promise<{ url: string; close(): Promise<void> }> {
  const chosen = scenarios().filter((s) => !only || only.split(",").includes(s.name));
  const captured = await captureSql(dbPath, Object.fromEntries(chosen.map((s) => [s.name, s.query])));
  const sqlite = await openSqlite(dbPath, "readonly");
  const server = createServer(async (req, res) => {
    const operation = captured[(req.url ?? "").replace(/^\/s\//, "")];
    if (!operation) {
      res.statusCode = 404;
      return res.end();
    }
    try {
      const results: unknown[] = [];
      for (const { sql, params } of operation.statements) results.push(await sqlite.all(sql, params));
      res.setHeader("content-type", "application/json; charset=utf-8");
      res.end(JSON.stringify({ data: results }));
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await sqlite.close();
    },
  };
}

async function startApi(responseCache: boolean) {
  // As api/main.ts runs it: one JSON log line per request on stderr (the parent sends it to a file).
  const portal = await createPortalServer({ dbPath, responseCache, logger: createLogger() });
  const url = await portal.listen(0, "127.0.0.1");
  return { url, close: () => portal.close() };
}

const server = kind === "baseline" ? await startBaseline() : await startApi(kind === "api-cached");
process.send?.({ url: server.url });
const stop = async () => {
  await server.close().catch(() => {});
  process.exit(0);
};
process.once("SIGTERM", () => void stop());
process.once("disconnect", () => void stop());
