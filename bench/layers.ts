/**
 * Where the time of one request goes, layer by layer, in one process and one request at a
 * time (no HTTP, no concurrency): the mean milliseconds of each scenario through
 *
 *   sql        the statements the API sends (captured), through the driver (api/db/sqlite.ts)
 *   sql+json   the same plus JSON.stringify of the rows: the baseline server's work
 *   execute    graphql-js execute() of the parsed, validated query on our schema and
 *              resolvers (type-graphql, DataLoaders, Kysely) plus JSON.stringify of the answer
 *   apollo     Apollo Server's executeOperation as the API configures it (limits, cost,
 *              plugins) plus JSON.stringify
 *   handler    what the HTTP handler adds before Apollo: parse, print (normalised request),
 *              two SHA-256 (ETag, cache key)
 *
 *   npx tsx bench/layers.ts [database] [iterations]   (default bench/synthetic/1e5/portal.sqlite, 200)
 */
import "reflect-metadata";
import { fileURLToPath } from "node:url";
import { execute, parse, validate } from "graphql";
import { openPortalDatabase } from "../api/db/connect.js";
import { openSqlite } from "../api/db/sqlite.js";
import { createApollo, type ApiContext } from "../api/graphql.js";
import { cacheKey, etagFor, normaliseRequest } from "../api/http/cache.js";
import { AnswerBudget } from "../api/http/answer-budget.js";
import { DEFAULT_LIMITS, parseWithLimit } from "../api/http/limits.js";
import { silentLogger } from "../api/http/log.js";
import { createContext } from "../api/schema/context.js";
import { portalSchema } from "../api/schema/index.js";
import { captureSql } from "./capture.js";
import { scenarios } from "./scenarios.js";

export interface LayerTimes {
  scenario: string;
  sql: number;
  "sql+json": number;
  execute: number;
  apollo: number;
  handler: number;
  responseBytes: number;
}

async function timeIt(iterations: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(50, iterations); i++) await fn();
  const started = performance.now();
  for (let i = 0; i < iterations; i++) await fn();
  return (performance.now() - started) / iterations;
}

export async function measureLayers(dbPath: string, iterations = 200): Promise<LayerTimes[]> {
  const list = scenarios();
  const captured = await captureSql(dbPath, Object.fromEntries(list.map((s) => [s.name, s.query])));
  const sqlite = await openSqlite(dbPath, "readonly");
  const portal = await openPortalDatabase(dbPath);
  const schema = await portalSchema();
  const apollo = await createApollo({ logger: silentLogger() });
  const results: LayerTimes[] = [];
  try {
    for (const scenario of list) {
      const statements = captured[scenario.name].statements;
      const replay = async () => {
        const rows: unknown[] = [];
        for (const { sql, params } of statements) rows.push(await sqlite.all(sql, params));
        return rows;
      };
      const document = parse(scenario.query);
      if (validate(schema, document).length) throw new Error(`${scenario.name}: invalid query`);
      let responseBytes = 0;
      const context = (): ApiContext => {
        const deadline = { at: performance.now() + DEFAULT_LIMITS.timeLimitMs, exceeded: false };
        const budget = new AnswerBudget(DEFAULT_LIMITS.maxAnswerValues, deadline, DEFAULT_LIMITS.timeLimitMs, portal.listSizes);
        return { ...createContext(portal.db, portal.meta, portal.reference), requestId: "bench", deadline, budget, listSizes: portal.listSizes };
      };
      results.push({
        scenario: scenario.name,
        sql: await timeIt(iterations, replay),
        "sql+json": await timeIt(iterations, async () => JSON.stringify({ data: await replay() })),
        execute: await timeIt(iterations, async () => {
          const result = await execute({ schema, document, contextValue: context() });
          responseBytes = Buffer.byteLength(JSON.stringify(result));
        }),
        apollo: await timeIt(iterations, async () => {
          const response = await apollo.executeOperation({ query: scenario.query }, { contextValue: context() });
          if (response.body.kind !== "single" || response.body.singleResult.errors) throw new Error(`${scenario.name}: errors`);
          JSON.stringify(response.body.singleResult);
        }),
        handler: await timeIt(iterations, async () => {
          const normalised = normaliseRequest(parseWithLimit(scenario.query, DEFAULT_LIMITS.maxTokens), undefined, undefined);
          etagFor(portal.meta.dataHash, "application/json", normalised);
          cacheKey(portal.meta.dataHash, normalised);
        }),
        responseBytes,
      });
    }
  } finally {
    await apollo.stop();
    await portal.close();
    await sqlite.close();
  }
  return results;
}

export function formatLayers(rows: LayerTimes[]): string {
  const header = ["scenario", "sql", "sql+json", "execute", "apollo", "handler", "answer KB"];
  const lines = rows.map((r) => [r.scenario, ...[r.sql, r["sql+json"], r.execute, r.apollo, r.handler].map((n) => n.toFixed(2)), (r.responseBytes / 1024).toFixed(1)]);
  const table = [header, ...lines];
  const widths = header.map((_, i) => Math.max(...table.map((r) => r[i].length)));
  return table.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ")).join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const db = process.argv[2] ?? fileURLToPath(new URL("./synthetic/1e5/portal.sqlite", import.meta.url));
  const rows = await measureLayers(db, Number(process.argv[3] ?? 200));
  console.log(`Mean ms per request, one at a time, in one process (${db}):`);
  console.log(formatLayers(rows));
}
