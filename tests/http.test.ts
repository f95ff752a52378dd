/**
 * GraphQL over HTTP on the real server (real data, 127.0.0.1, any free port): GET links and
 * POST, both media types and their status codes, CORS, caching by data version (ETag, 304,
 * response cache), DataLoader batching counted in SQL statements, request ids, logs,
 * health, time limit, graceful shutdown and start-up failures of `npm run serve`.
 */
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestDatabase, gql, GRAPHQL_RESPONSE, read, spawnServer, startServer, type TestServer } from "./helpers/server.js";

const CHO_4_0 = `{ indicator(id: "cho-4-0-markets") { latest { value period { label } source { id } } } }`;
const REPO = fileURLToPath(new URL("..", import.meta.url));

let dbPath: string;
let api: TestServer;
let uncached: TestServer;

beforeAll(async () => {
  dbPath = await buildTestDatabase();
  api = await startServer(dbPath);
  uncached = await startServer(dbPath, { responseCache: false });
});
afterAll(async () => {
  await api?.close();
  await uncached?.close();
});

describe("GraphQL over HTTP", () => {
  it("answers a plain GET link (curl -g '.../graphql?query={indicators{totalCount}}')", async () => {
    const response = await read(await fetch(`${api.url}/graphql?query={indicators{totalCount}}`));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.body).toEqual({ data: { indicators: { totalCount: api.portal.meta.counts.indicators } } });
    expect(api.portal.meta.counts.indicators).toBeGreaterThan(30);
  });

  it("answers POST with a JSON body, with the real figure (107 Chợ 4.0 markets, 2023, thi-dua-2023)", async () => {
    const response = await gql(api, CHO_4_0);
    expect(response.status).toBe(200);
    expect(response.body.data.indicator.latest).toEqual({ value: 107, period: { label: "2023" }, source: { id: "thi-dua-2023" } });
  });

  it("runs GET with variables and operationName", async () => {
    const query = `query A { about { dataVersion } } query B($id: ID!) { indicator(id: $id) { id unit { id } } }`;
    const response = await gql(api, query, { method: "GET", variables: { id: "cho-4-0-markets" }, operationName: "B" });
    expect(response.body).toEqual({ data: { indicator: { id: "cho-4-0-markets", unit: { id: "count" } } } });
  });

  it("negotiates the media type: graphql-response+json when accepted and ranked first, else application/json", async () => {
    const cases: [string | undefined, string][] = [
      [undefined, "application/json"],
      ["*/*", "application/json"],
      ["application/json", "application/json"],
      [GRAPHQL_RESPONSE, GRAPHQL_RESPONSE],
      [`${GRAPHQL_RESPONSE}, application/json;q=0.9`, GRAPHQL_RESPONSE],
      [`application/json, ${GRAPHQL_RESPONSE};q=0.5`, "application/json"],
      ["text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/json"],
    ];
    for (const [accept, expected] of cases) {
      const response = await gql(api, "{ about { dataVersion } }", { method: "GET", accept });
      expect(response.status, String(accept)).toBe(200);
      expect(response.headers.get("content-type"), String(accept)).toBe(`${expected}; charset=utf-8`);
      expect(response.body.data.about.dataVersion).toBe(api.portal.meta.dataVersion);
    }
    const refused = await gql(api, "{ about { dataVersion } }", { accept: "text/csv" });
    expect(refused.status).toBe(406);
    expect(refused.body.errors[0].message).toContain("application/graphql-response+json nor application/json");
  });

  it("uses the spec's status codes per media type: request errors 400 with graphql-response+json, 200 with application/json", async () => {
    const invalid = "{ indicators { nope } }";
    const strict = await gql(api, invalid, { accept: GRAPHQL_RESPONSE });
    expect(strict.status).toBe(400);
    expect(strict.body.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(strict.body.data).toBeUndefined();
    const legacy = await gql(api, invalid, { accept: "application/json" });
    expect(legacy.status).toBe(200);
    expect(legacy.body).toEqual(strict.body);
    // A field error during execution has data (null here): 200 for both.
    for (const accept of [GRAPHQL_RESPONSE, "application/json"]) {
      const notFound = await gql(api, `{ indicator(id: "no-such-indicator") { id } }`, { accept });
      expect(notFound.status).toBe(200);
      expect(notFound.body.data).toEqual({ indicator: null });
      expect(notFound.body.errors[0].extensions.code).toBe("NOT_FOUND");
      expect(notFound.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("refuses a batched array with 400 and says why", async () => {
    const response = await read(
      await fetch(`${api.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify([{ query: "{ about { dataVersion } }" }, { query: "{ topics { id } }" }]) }),
    );
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe("BAD_REQUEST");
    expect(response.body.errors[0].message).toContain("Batched requests (a JSON array of 2 operations) are not supported");
  });

  it("answers 405 to a mutation sent with GET, and to other methods", async () => {
    const get = await gql(api, "mutation { anything }", { method: "GET" });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect(get.body.errors[0].message).toContain("GET runs queries only");
    const put = await read(await fetch(`${api.url}/graphql`, { method: "PUT" }));
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, POST, OPTIONS");
    // By POST, a mutation is simply not in the schema.
    const post = await gql(api, "mutation { anything }", { accept: GRAPHQL_RESPONSE });
    expect(post.status).toBe(400);
    expect(post.body.errors[0]).toEqual({ message: "This API is read-only: it has no mutations. Send a query.", extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
  });

  it("sends a browser opening /graphql to the API page, and tells a client without a query what to send", async () => {
    const browser = await fetch(`${api.url}/graphql`, { headers: { accept: "text/html,*/*;q=0.8" }, redirect: "manual" });
    expect(browser.status).toBe(302);
    expect(browser.headers.get("location")).toBe("/api/");
    const client = await read(await fetch(`${api.url}/graphql`));
    expect(client.status).toBe(400);
    expect(client.body.errors[0].message).toContain('Missing the "query" parameter');
  });
});

describe("CORS", () => {
  it("opens GET and POST to every origin, and answers the OPTIONS preflight", async () => {
    const origin = { origin: "https://journalist.example" };
    const get = await gql(api, "{ about { dataVersion } }", { method: "GET", headers: origin });
    const post = await gql(api, "{ about { dataVersion } }", { headers: origin });
    for (const response of [get, post]) {
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expect(response.headers.get("access-control-expose-headers")).toContain("x-request-id");
    }
    const preflight = await fetch(`${api.url}/graphql`, {
      method: "OPTIONS",
      headers: { ...origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")).toBe("GET, POST, OPTIONS");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("content-type");
    expect(await preflight.text()).toBe("");
  });
});

describe("caching by data version", () => {
  it("gives a successful GET an ETag and public Cache-Control, and answers a matching If-None-Match with 304 and no body", async () => {
    const query = "{ topics { id name } }";
    const first = await gql(api, query, { method: "GET" });
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    expect(first.headers.get("cache-control")).toBe("public, max-age=60");
    expect(first.headers.get("vary")).toBe("Accept, Accept-Encoding");
    const before = api.sqlCount();
    const revalidated = await fetch(`${api.url}/graphql?${new URLSearchParams({ query })}`, { headers: { "if-none-match": etag } });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe("");
    expect(revalidated.headers.get("etag")).toBe(etag);
    expect(api.sqlCount()).toBe(before);
    // A stale or foreign ETag gets the full answer.
    const stale = await fetch(`${api.url}/graphql?${new URLSearchParams({ query })}`, { headers: { "if-none-match": '"not-this-one"' } });
    expect(stale.status).toBe(200);
  });

  it("derives the ETag from data version and normalised request: spacing does not matter, variables and media type do", async () => {
    const etag = async (query: string, options: Parameters<typeof gql>[2] = {}) => (await gql(api, query, { method: "GET", ...options })).headers.get("etag");
    const base = await etag("query Q($id: ID!) { indicator(id: $id) { id } }", { variables: { id: "cho-4-0-markets" } });
    expect(await etag("query Q($id: ID!) {\n  indicator(id: $id) {\n    id # the id\n  }\n}", { variables: { id: "cho-4-0-markets" } })).toBe(base);
    expect(await etag("query Q($id: ID!) { indicator(id: $id) { id } }", { variables: { id: "ntm-communes" } })).not.toBe(base);
    expect(await etag("query Q($id: ID!) { indicator(id: $id) { id } }", { variables: { id: "cho-4-0-markets" }, accept: GRAPHQL_RESPONSE })).not.toBe(base);
    expect(base).toContain(""); // a string
  });

  it("sends no-store and no ETag on errors and on POST", async () => {
    const error = await gql(api, "{ nope }", { method: "GET" });
    expect(error.headers.get("cache-control")).toBe("no-store");
    expect(error.headers.get("etag")).toBeNull();
    const post = await gql(api, "{ about { builtAt } }");
    expect(post.status).toBe(200);
    expect(post.headers.get("cache-control")).toBe("no-store");
    expect(post.headers.get("etag")).toBeNull();
  });

  it("serves a repeated operation (GET or POST) from the response cache, without SQL, with the same body", async () => {
    const query = `{ observations(first: 20) { nodes { id value area { code } source { id } } } }`;
    const miss = await gql(api, query);
    expect(miss.headers.get("x-cache")).toBe("MISS");
    const before = api.sqlCount();
    const hitPost = await gql(api, query);
    const hitGet = await gql(api, query.replace(/\s+/g, " "), { method: "GET" });
    expect(api.sqlCount()).toBe(before);
    for (const hit of [hitPost, hitGet]) {
      expect(hit.headers.get("x-cache")).toBe("HIT");
      expect(hit.text).toBe(miss.text);
    }
    expect(miss.body.data.observations.nodes).toHaveLength(20);
  });

  it("refuses a query over the cost limit with exactly the error Apollo's cost plugin gives, without running it through Apollo", async () => {
    const query = `{ b: area(code:"19") { children { parent { children { parent { children { code } } } } } } }`;
    const viaHttp = await gql(uncached, query, { accept: GRAPHQL_RESPONSE });
    const viaApollo = await uncached.apollo.executeOperation({ query }, { contextValue: { listSizes: uncached.portal.listSizes } as never });
    expect(viaApollo.body.kind).toBe("single");
    const apolloErrors = (viaApollo.body as { singleResult: { errors?: unknown[] } }).singleResult.errors;
    expect(viaHttp.status).toBe(400);
    expect(viaHttp.body).toEqual({ errors: apolloErrors });
    expect(viaHttp.body.errors[0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "cost", max: 100_000 });
  });

  it("answers a repeated refusal decided before execution (cost, validation) from memory, with the same error and each media type's status; one at the time limit is tried again", async () => {
    const fourLevels = `{ area(code:"19") { children { parent { children { parent { children { parent { children { code } } } } } } } } }`;
    for (const [query, code] of [[fourLevels, "QUERY_TOO_COMPLEX"], ["{ area(code: \"19\") { noSuchField } }", "GRAPHQL_VALIDATION_FAILED"]] as const) {
      const first = await gql(api, query, { accept: GRAPHQL_RESPONSE });
      const again = await gql(api, query, { accept: GRAPHQL_RESPONSE });
      expect([first.status, first.body.errors[0].extensions.code, first.headers.get("x-cache")]).toEqual([400, code, null]);
      expect([again.status, again.headers.get("x-cache"), again.headers.get("cache-control")]).toEqual([400, "HIT", "no-store"]);
      expect(again.text).toBe(first.text);
      // application/json: the same request error in a 200, kept apart from the 400.
      await gql(api, query);
      const legacy = await gql(api, query, { method: "GET" });
      expect([legacy.status, legacy.headers.get("x-cache"), legacy.body.errors[0].extensions.code]).toEqual([200, "HIT", code]);
    }
    const slow = await startServer(dbPath, { limits: { timeLimitMs: 150 } });
    try {
      slow.slowSql(600);
      const query = "{ observations(first: 3) { totalCount } }";
      for (let i = 0; i < 2; i++) {
        const timedOut = await gql(slow, query);
        expect([timedOut.status, timedOut.headers.get("x-cache"), timedOut.body.errors[0].extensions.limit]).toEqual([503, null, "time"]);
      }
      slow.slowSql(0);
      expect((await gql(slow, query)).body.data.observations.totalCount).toBe(slow.portal.meta.counts.observations);
    } finally {
      await slow.close();
    }
  });

  it("answers the same with responseCache: false, executing every time", async () => {
    const query = `{ indicators(first: 5) { nodes { id latest { value } } } }`;
    const cached = await gql(api, query);
    const first = await gql(uncached, query);
    const before = uncached.sqlCount();
    const second = await gql(uncached, query);
    expect(uncached.sqlCount()).toBeGreaterThan(before);
    expect(first.text).toBe(cached.text);
    expect(second.text).toBe(cached.text);
    expect(second.headers.get("x-cache")).toBeNull();
    expect(uncached.responseCache).toBeNull();
    // ETag and 304 work without the response cache too.
    const get = await gql(uncached, query, { method: "GET" });
    const revalidated = await fetch(`${uncached.url}/graphql?${new URLSearchParams({ query })}`, { headers: { "if-none-match": get.headers.get("etag")! } });
    expect(revalidated.status).toBe(304);
  });

  it("bounds the response cache by entries and bytes", () => {
    const cache = api.responseCache!;
    expect(cache.max).toBe(1000);
    expect(cache.maxSize).toBe(64 * 1024 * 1024);
  });
});

describe("DataLoader batching", () => {
  it("reads a page of N observations with indicator, unit, area and source in a constant number of SQL statements", async () => {
    const query = `query Page($n: Int) { observations(first: $n) { totalCount nodes { value indicator { id name unit { symbol } } area { code name } source { id title } } } }`;
    const count = async (n: number) => {
      const before = uncached.sqlCount();
      const response = await gql(uncached, query, { variables: { n } });
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data.observations.nodes).toHaveLength(n);
      return uncached.sqlCount() - before;
    };
    await count(5); // the query text's first run (graphql-js); later runs are compiled (graphql-jit)
    const five = await count(5);
    const fifty = await count(50);
    // One more item must not mean one more statement (45 more would be one per row). A loader's
    // batch can split in two when the SQL it waits for completes in separate callbacks, which a
    // busy machine makes likelier: a margin of 2, far below the 45 of a query per row.
    expect(fifty).toBeLessThanOrEqual(five + 2);
    // Page and count, then one statement per loader (indicator, unit, area versions, source): 6 today.
    expect(five).toBeLessThanOrEqual(7);
  });
});

describe("DataLoader batching of indicator lists", () => {
  it("reads N indicators with their series, latest value, targets, sources and unit in a constant number of SQL statements", async () => {
    const query = `query List($n: Int) { indicators(first: $n) { nodes { id unit { id } topic { id } latest { value } targets { value } sources { id }
      observations(areaCode: "19") { value source { id } area { code } } } } }`;
    const count = async (n: number) => {
      const before = uncached.sqlCount();
      const response = await gql(uncached, query, { variables: { n } });
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data.indicators.nodes).toHaveLength(n);
      return uncached.sqlCount() - before;
    };
    await count(3); // the query text's first run (graphql-js); later runs are compiled (graphql-jit)
    const three = await count(3);
    const thirty = await count(30);
    // As above: a margin of 2 for a batch split by timing, far below the 27 × 6 of one query per row.
    expect(thirty).toBeLessThanOrEqual(three + 2);
  });
});

describe("operations", () => {
  it("answers /healthz with status and data version", async () => {
    const response = await read(await fetch(`${api.url}/healthz`));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: "ok", dataVersion: api.portal.meta.dataVersion, dataHash: api.portal.meta.dataHash, database: "ok" });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("answers an unknown path with 404 in the error shape", async () => {
    const response = await read(await fetch(`${api.url}/no/such/page`));
    expect(response.status).toBe(404);
    expect(response.body.errors[0].extensions.code).toBe("NOT_FOUND");
    expect(response.body.errors[0].message).toContain("The API is at /graphql");
  });

  it("gives every response an x-request-id, and keeps a client's own id", async () => {
    const a = await gql(api, "{ about { dataVersion } }");
    const b = await gql(api, "{ about { dataVersion } }");
    expect(a.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.headers.get("x-request-id")).not.toBe(a.headers.get("x-request-id"));
    const own = await gql(api, "{ about { dataVersion } }", { headers: { "x-request-id": "proxy-1234abcd" } });
    expect(own.headers.get("x-request-id")).toBe("proxy-1234abcd");
    const health = await fetch(`${api.url}/healthz`);
    expect(health.headers.get("x-request-id")).toBeTruthy();
  });

  it("masks an internal error: no SQL, no stack, the request id in the answer and in the log", async () => {
    const server = await startServer(dbPath, { responseCache: false, log: () => {} });
    try {
      server.failSql("SQLITE_IOERR: disk I/O error in select * from observations where secret = 1");
      const response = await gql(server, "{ observations(first: 3) { totalCount } }");
      server.failSql(null);
      expect(response.status).toBe(200);
      const error = response.body.errors[0];
      expect(error.extensions.code).toBe("INTERNAL_SERVER_ERROR");
      expect(error.message).toBe("Internal server error. The problem has been logged; please try again later.");
      expect(error.extensions.requestId).toBe(response.headers.get("x-request-id"));
      expect(response.text).not.toMatch(/SQLITE|select|stack|\.ts:/i);
      const logged = server.logs.find((l) => l.msg === "graphql internal error");
      expect(logged?.reqId).toBe(error.extensions.requestId);
      expect(logged?.err?.message).toContain("SQLITE_IOERR");
    } finally {
      await server.close();
    }
  });

  it("logs one structured line per request: request id, method, path, operation name, status, duration, query cut at 500 chars", async () => {
    const long = `query LongOne { about { ${"dataVersion ".repeat(100)} } }`;
    const response = await gql(api, long);
    const id = response.headers.get("x-request-id");
    const line = api.logs.find((l) => l.reqId === id && l.msg === "request");
    expect(line).toMatchObject({ method: "POST", path: "/graphql", operationName: "LongOne", status: 200 });
    expect(typeof line!.durationMs).toBe("number");
    expect(line!.query.length).toBeLessThan(560);
    expect(line!.query).toContain(`(${long.replace(/\s+/g, " ").trim().length} chars)`);
  });

  it("answers 503 with QUERY_TOO_COMPLEX past the time limit, then keeps serving", async () => {
    const server = await startServer(dbPath, { responseCache: false, limits: { timeLimitMs: 150 } });
    try {
      server.slowSql(600);
      const slow = await gql(server, "{ observations(first: 10) { totalCount } }");
      expect(slow.status).toBe(503);
      expect(slow.body.errors[0].extensions.code).toBe("QUERY_TOO_COMPLEX");
      expect(slow.body.errors[0].message).toContain("did not finish within 0.15 s, the time limit per request");
      expect(slow.headers.get("cache-control")).toBe("no-store");
      server.slowSql(0);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const fast = await gql(server, "{ observations(first: 10) { totalCount } }");
      expect(fast.status).toBe(200);
      expect(fast.body.data.observations.totalCount).toBe(server.portal.meta.counts.observations);
    } finally {
      await server.close();
    }
  });

  it("shuts down gracefully: in-flight requests finish, new connections are refused", async () => {
    const server = await startServer(dbPath, { responseCache: false });
    server.slowSql(150);
    const inFlight = gql(server, "{ observations(first: 2) { totalCount } }");
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = server.close();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(response.body.data.observations.totalCount).toBe(server.portal.meta.counts.observations);
    await closed;
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});

describe("npm run serve (api/main.ts)", () => {
  const serve = spawnServer;

  it("stops on SIGTERM with exit code 0, even with an idle keep-alive connection open", async () => {
    const run = serve({ PORTAL_DB: dbPath });
    const url = await run.listening;
    const response = await gql({ url }, "{ about { dataVersion } }");
    expect(response.status).toBe(200);
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
    expect(run.stderr()).toContain('"msg":"stopped"');
  });

  it("exits with code 1 and one clear line when the database is missing, garbage, truncated or damaged", async () => {
    const dir = mkdtempSync(join(tmpdir(), "portal-bad-db-"));
    const garbage = join(dir, "garbage.sqlite");
    writeFileSync(garbage, "this is not a database ".repeat(500));
    const truncated = join(dir, "truncated.sqlite");
    copyFileSync(dbPath, truncated);
    writeFileSync(truncated, readFileSync(truncated).subarray(0, 8192));
    const damaged = join(dir, "damaged.sqlite");
    const bytes = readFileSync(dbPath);
    const page = Math.floor(bytes.length / 2 / 4096) * 4096;
    writeFileSync(damaged, Buffer.concat([bytes.subarray(0, page), Buffer.alloc(4096, 0x5a), bytes.subarray(page + 4096)]));
    const cases: [string, RegExp][] = [
      [join(dir, "missing.sqlite"), /Database file not found: .*missing\.sqlite\. Build it with `npm run data:build`/],
      [garbage, /garbage\.sqlite is not a portal database \(SQLITE_NOTADB/],
      [truncated, /truncated\.sqlite is not a portal database \(SQLITE_CORRUPT/],
      // Opens and has its meta table, but a page in the middle is garbage: found by the start-up check.
      [damaged, /damaged\.sqlite is damaged \(.+\)\. Rebuild it with `npm run data:build`/],
    ];
    await Promise.all(
      cases.map(async ([file, expected]) => {
        const run = serve({ PORTAL_DB: file });
        expect(await run.exited, file).toBe(1);
        const lines = run.stderr().trim().split("\n");
        expect(lines, run.stderr()).toHaveLength(1);
        expect(lines[0]).toMatch(/^Cannot start the portal: /);
        expect(lines[0]).toMatch(expected);
      }),
    );
  });
});
