/**
 * Behind a real shared cache: Debian's nginx as a caching reverse proxy in front of two API
 * processes (api/main.ts), all started and stopped here; nginx runs as an unprivileged user
 * with its config, pid, logs, temp files and cache in a temporary folder. Shows that GET
 * answers are cached and revalidated with the ETag (304), that POST and errors are not
 * cached, that each coding and media type is its own cached copy, and that after a switch
 * to a database of another data version no answer of the old version is served as the new one.
 * Skipped, with a message, where /usr/sbin/nginx is missing (apt-get install nginx).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDatabase } from "../data/ingest/build.js";
import { DATA_DIR } from "./helpers/portal.js";
import { spawnServer, type SpawnedServer } from "./helpers/server.js";

const NGINX = "/usr/sbin/nginx";
const hasNginx = existsSync(NGINX);
if (!hasNginx) console.warn(`nginx tests skipped: ${NGINX} is missing (install Debian's nginx: apt-get install nginx).`);

/** Seconds the API lets caches reuse an answer (short, so the test can wait it out). */
const MAX_AGE = 2;
const QUERY = `{ about { dataVersion builtAt } indicators(first: 60) { nodes { id name unit { symbol } } } }`;
const PATH = `/graphql?${new URLSearchParams({ query: QUERY })}`;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** The decoded body parsed (undefined when not JSON). */
  json: any;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!hasNginx)("behind nginx as a shared cache (two API processes)", () => {
  let work: string;
  let nginx: ChildProcess | undefined;
  let nginxPort: number;
  let apiPorts: number[];
  let apis: SpawnedServer[] = [];
  /** Data versions of the two databases (the same files built on two dates). */
  const versions: string[] = [];
  const databases: string[] = [];

  /** One request to nginx, exactly as given (node:http adds no Accept-Encoding and decodes nothing). */
  const ask = (path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
    new Promise<Answer>((resolve, reject) => {
      const headers = { ...options.headers, ...(options.body !== undefined ? { "content-length": String(Buffer.byteLength(options.body)) } : {}) };
      const req = request({ host: "127.0.0.1", port: nginxPort, path, method: options.method ?? "GET", headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const body = Buffer.concat(chunks);
          const coding = res.headers["content-encoding"];
          const decoded = coding === "br" ? brotliDecompressSync(body) : coding === "gzip" ? gunzipSync(body) : body;
          let json: unknown;
          try {
            json = decoded.length ? JSON.parse(decoded.toString()) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode!, headers: res.headers, body, json });
        });
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(options.body);
    });

  /** Requests that reached the API processes (their request log lines) since `since` (ms), by path prefix. */
  const upstreamRequests = (since = 0, prefix = "/graphql") =>
    apis.flatMap((api) =>
      api
        .stderr()
        .split("\n")
        .filter((line) => line.includes('"msg":"request"'))
        .map((line) => JSON.parse(line) as { time: number; method: string; path: string; status: number })
        .filter((entry) => entry.time >= since && entry.path.startsWith(prefix)),
    );

  async function startApis(dbPath: string) {
    apis = apiPorts.map((port) => spawnServer({ PORTAL_DB: dbPath, PORT: String(port), PORTAL_API_MAX_AGE: String(MAX_AGE) }));
    await Promise.all(apis.map((api) => api.listening));
  }

  async function stopApis() {
    for (const api of apis) api.child.kill("SIGTERM");
    const codes = await Promise.all(apis.map((api) => api.exited));
    expect(codes).toEqual(apis.map(() => 0));
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "portal-nginx-"));
    for (const [index, buildDate] of ["2026-01-01", "2026-01-02"].entries()) {
      const outFile = join(work, `portal-${index}.sqlite`);
      versions.push((await buildDatabase({ dataDir: DATA_DIR, outFile, buildDate })).dataVersion);
      databases.push(outFile);
    }
    nginxPort = await freePort();
    apiPorts = [await freePort(), await freePort()];
    await startApis(databases[0]!);

    const dir = join(work, "nginx");
    mkdirSync(dir);
    writeFileSync(
      join(dir, "nginx.conf"),
      `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log notice;
events { worker_connections 256; }
http {
  log_format cache '$request_method $request_uri $status $upstream_cache_status $upstream_status';
  access_log ${dir}/access.log cache;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=portal:10m max_size=100m inactive=10m use_temp_path=off;
  upstream portal_api {
    server 127.0.0.1:${apiPorts[0]} max_fails=0;
    server 127.0.0.1:${apiPorts[1]} max_fails=0;
  }
  server {
    listen 127.0.0.1:${nginxPort};
    location / {
      proxy_pass http://portal_api;
      proxy_http_version 1.1;
      proxy_cache portal;
      # Expired copies are revalidated with If-None-Match (the API's ETag), not fetched again.
      proxy_cache_revalidate on;
      proxy_cache_lock on;
      add_header X-Cache-Status $upstream_cache_status always;
    }
  }
}
`,
    );
    // Not as root: as nobody where the test runs as root (CI), else as the user running it.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      for (const path of [work, dir]) chmodSync(path, 0o755);
      chownSync(dir, 65534, 65534);
    }
    const check = spawnSync(NGINX, ["-t", "-p", dir, "-e", join(dir, "error.log"), "-c", join(dir, "nginx.conf")], { encoding: "utf8", ...(asRoot ? { uid: 65534, gid: 65534 } : {}) });
    expect(check.status, check.stderr).toBe(0);
    nginx = spawn(NGINX, ["-p", dir, "-e", join(dir, "error.log"), "-c", join(dir, "nginx.conf")], { stdio: ["ignore", "ignore", "pipe"], ...(asRoot ? { uid: 65534, gid: 65534 } : {}) });
    for (let i = 0; ; i++) {
      const answer = await ask("/healthz").catch(() => null);
      if (answer?.status === 200) break;
      if (i > 100 || nginx.exitCode !== null) throw new Error(`nginx did not start: ${readFileSync(join(dir, "error.log"), "utf8")}`);
      await sleep(100);
    }
  }, 600_000);

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      nginx.kill("SIGQUIT");
      await new Promise((resolve) => nginx!.once("exit", resolve));
    }
    for (const api of apis) if (api.child.exitCode === null) api.child.kill("SIGTERM");
    await Promise.all(apis.map((api) => api.exited));
    if (work) rmSync(work, { recursive: true, force: true });
  }, 120_000);

  it("runs nginx as an unprivileged user with everything in its temporary folder", () => {
    const status = readFileSync(`/proc/${nginx!.pid}/status`, "utf8");
    expect(Number(/Uid:\s+(\d+)/.exec(status)![1])).not.toBe(0);
    expect(existsSync(join(work, "nginx", "nginx.pid"))).toBe(true);
  });

  it("caches a GET answer, serves it again without asking the API, and answers the client's If-None-Match with 304", async () => {
    const before = Date.now();
    const first = await ask(PATH);
    expect(first.status).toBe(200);
    expect(first.json.data.about.dataVersion).toBe(versions[0]);
    expect(first.headers["x-cache-status"]).toBe("MISS");
    expect(first.headers["cache-control"]).toBe(`public, max-age=${MAX_AGE}`);
    expect(first.headers.vary).toBe("Accept, Accept-Encoding");
    const etag = String(first.headers.etag);
    const second = await ask(PATH);
    expect(second.headers["x-cache-status"]).toBe("HIT");
    expect(second.body.equals(first.body)).toBe(true);
    expect(second.headers.etag).toBe(etag);
    const revalidated = await ask(PATH, { headers: { "if-none-match": etag } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    await sleep(500); // the request log lines
    expect(upstreamRequests(before)).toHaveLength(1);
  });

  it("revalidates an expired copy with the API's ETag: the API answers 304 without running the query", async () => {
    await ask(PATH);
    await sleep((MAX_AGE + 1) * 1000);
    const before = Date.now();
    const answer = await ask(PATH);
    expect(answer.status).toBe(200);
    expect(answer.headers["x-cache-status"]).toBe("REVALIDATED");
    expect(answer.json.data.about.dataVersion).toBe(versions[0]);
    await sleep(500);
    const asked = upstreamRequests(before);
    expect(asked.map((entry) => entry.status)).toEqual([304]);
  });

  it("keeps one copy per coding and media type: a client never gets a coding it did not accept", async () => {
    const identity = await ask(PATH);
    const brotli = await ask(PATH, { headers: { "accept-encoding": "br" } });
    const gzip = await ask(PATH, { headers: { "accept-encoding": "gzip" } });
    const graphqlJson = await ask(PATH, { headers: { accept: "application/graphql-response+json" } });
    expect(identity.headers["content-encoding"]).toBeUndefined();
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(String(graphqlJson.headers["content-type"])).toContain("application/graphql-response+json");
    expect(String(identity.headers["content-type"])).toContain("application/json");
    for (const answer of [brotli, gzip, graphqlJson]) expect(answer.json).toEqual(identity.json);
    expect((await ask(PATH, { headers: { "accept-encoding": "br" } })).headers["x-cache-status"]).toBe("HIT");
    expect((await ask(PATH)).headers["content-encoding"]).toBeUndefined();
  });

  it("does not cache POST answers or errors", async () => {
    const before = Date.now();
    const post = () => ask("/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: QUERY }) });
    const posts = [await post(), await post()];
    for (const answer of posts) {
      expect(answer.status).toBe(200);
      expect(answer.json.data.about.dataVersion).toBe(versions[0]);
      expect(answer.headers["cache-control"]).toBe("no-store");
      expect(answer.headers["x-cache-status"] ?? "").not.toBe("HIT");
    }
    const errorPath = `/graphql?${new URLSearchParams({ query: "{ nope }" })}`;
    const errors = [await ask(errorPath), await ask(errorPath)];
    for (const answer of errors) {
      expect(answer.json.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
      expect(answer.headers["cache-control"]).toBe("no-store");
      expect(answer.headers["x-cache-status"]).not.toBe("HIT");
    }
    const missing = [await ask("/graphql?query="), await ask("/graphql?query=")];
    for (const answer of missing) expect(answer.headers["x-cache-status"]).not.toBe("HIT");
    // All six reached the API.
    await sleep(500);
    expect(upstreamRequests(before)).toHaveLength(6);
  });

  it("spreads requests over both API processes", () => {
    for (const api of apis) expect(api.stderr()).toContain('"msg":"request"');
  });

  it("after a switch to another data version serves no answer of the old version as the new one", async () => {
    const variants: Record<string, string>[] = [{}, { "accept-encoding": "br" }, { "accept-encoding": "gzip" }, { accept: "application/graphql-response+json" }];
    const oldTags = new Set<string>();
    for (const headers of variants) {
      const answer = await ask(PATH, { headers });
      expect(answer.json.data.about.dataVersion).toBe(versions[0]);
      oldTags.add(String(answer.headers.etag));
    }
    const lastOldAnswer = Date.now();

    // The switch: both API processes restart on the rebuilt database (same files, another build date).
    await stopApis();
    await startApis(databases[1]!);
    // Within max-age a cache may still hand out the old copy (labelled old by its ETag and body); after it, never.
    await sleep(Math.max(0, (MAX_AGE + 1) * 1000 - (Date.now() - lastOldAnswer)));
    for (const headers of variants) {
      const answer = await ask(PATH, { headers });
      const label = JSON.stringify(headers);
      expect(answer.status, label).toBe(200);
      expect(answer.json.data.about.dataVersion, label).toBe(versions[1]);
      // nginx revalidated its old copy with the old ETag; the new API answered in full (EXPIRED), not 304 (REVALIDATED).
      expect(answer.headers["x-cache-status"], label).toBe("EXPIRED");
      expect(oldTags.has(String(answer.headers.etag)), label).toBe(false);
    }
    await sleep(500); // the request log lines
    expect(upstreamRequests().map((entry) => entry.status)).toEqual(variants.map(() => 200));
    // A client holding the old answer asks with its ETag: it gets the new answer, not 304.
    const client = await ask(PATH, { headers: { "if-none-match": [...oldTags][0]! } });
    expect(client.status).toBe(200);
    expect(client.json.data.about.dataVersion).toBe(versions[1]);
    expect(versions[0]).not.toBe(versions[1]);
  }, 300_000);
});
