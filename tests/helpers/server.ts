/**
 * Test helpers for the HTTP server: start the real server (createPortalServer) on 127.0.0.1,
 * any free port, on a database built from the real data/; send GraphQL over HTTP; count or
 * slow down the SQL that reaches SQLite; capture the structured logs.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { createPortalServer, type PortalServer, type PortalServerOptions } from "../../api/server.js";
import { buildTestPortal } from "./portal.js";

export interface TestServer extends PortalServer {
  url: string;
  /** Log lines written by the server (parsed JSON). */
  logs: Record<string, any>[];
  /** Number of SQL statements sent to SQLite since the server started. */
  sqlCount(): number;
  /** Delay every SQL statement by `ms` (0 to stop); makes a request reliably slow. */
  slowSql(ms: number): void;
  /** Make the next SQL statements fail with `message` (an internal error). */
  failSql(message: string | null): void;
}

/** Build the real data into a temporary database file (once per test file). */
export async function buildTestDatabase(): Promise<string> {
  const portal = await buildTestPortal();
  await portal.close();
  return portal.file;
}

/** Start the real server on a database file, listening on 127.0.0.1 port 0. */
export async function startServer(dbPath: string, options: Omit<PortalServerOptions, "dbPath" | "logger"> = {}): Promise<TestServer> {
  const logs: Record<string, any>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) if (line.trim()) logs.push(JSON.parse(line));
      done();
    },
  });
  const server = await createPortalServer({ dbPath, logger: pino({ level: "info" }, sink), ...options });
  // The Kysely dialect calls sqlite.all for every statement: wrapping it counts (or slows) them all.
  const sqlite = server.portal.sqlite;
  const all = sqlite.all.bind(sqlite);
  let count = 0;
  let delayMs = 0;
  let failure: string | null = null;
  sqlite.all = (async (sql: string, params?: readonly unknown[]) => {
    count++;
    if (failure) throw new Error(failure);
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    return all(sql, params);
  }) as typeof sqlite.all;
  const url = await server.listen(0, "127.0.0.1");
  return Object.assign(server, {
    url,
    logs,
    sqlCount: () => count,
    slowSql: (ms: number) => void (delayMs = ms),
    failSql: (message: string | null) => void (failure = message),
  });
}

export interface GqlOptions {
  method?: "GET" | "POST";
  variables?: Record<string, unknown>;
  operationName?: string;
  accept?: string;
  headers?: Record<string, string>;
}

export interface GqlResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body (undefined when empty or not JSON). */
  body: any;
}

/** Send one GraphQL operation over HTTP. */
export async function gql(server: { url: string }, query: string, options: GqlOptions = {}): Promise<GqlResponse> {
  const headers: Record<string, string> = { ...(options.accept ? { accept: options.accept } : {}), ...options.headers };
  let response: Response;
  if (options.method === "GET") {
    const params = new URLSearchParams({ query });
    if (options.variables) params.set("variables", JSON.stringify(options.variables));
    if (options.operationName) params.set("operationName", options.operationName);
    response = await fetch(`${server.url}/graphql?${params}`, { headers });
  } else {
    response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query, variables: options.variables, operationName: options.operationName }),
    });
  }
  return read(response);
}

/** Read a fetch response fully. */
export async function read(response: Response): Promise<GqlResponse> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

export const GRAPHQL_RESPONSE = "application/graphql-response+json";

const REPO = fileURLToPath(new URL("../..", import.meta.url));

export interface SpawnedServer {
  child: ChildProcess;
  exited: Promise<number | null>;
  /** The URL once the server listens (rejects if it exits first). */
  listening: Promise<string>;
  stderr(): string;
  /** Resident memory of the server process, in MiB (Linux /proc). */
  rssMiB(): number;
}

/** Start `npm run serve`'s entry point (api/main.ts) as its own process, on 127.0.0.1 and any free port. */
export function spawnServer(env: Record<string, string>, nodeArgs: string[] = []): SpawnedServer {
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "api/main.ts"], {
    cwd: REPO,
    // NODE_ENV as in production: under "test" some libraries skip their signal handlers.
    // One process unless a test asks for workers: RSS and signals are then this child's.
    env: { ...process.env, NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", PORTAL_WORKERS: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = /"url":"(http:\/\/[^"]+)"/.exec(stderr);
      if (match) resolve(match[1]!);
    };
    child.stderr!.on("data", check);
    void exited.then(() => reject(new Error(`exited before listening: ${stderr}`)));
  });
  listening.catch(() => {}); // start-up failures are asserted through `exited`
  const rssMiB = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? NaN) / 1024;
  return { child, exited, listening, stderr: () => stderr, rssMiB };
}
