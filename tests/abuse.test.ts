/**
 * Abuse of the public API, against the real server (real data, 127.0.0.1, any free port):
 * every hostile or broken request gets a 4xx (or, where the GraphQL-over-HTTP spec says so,
 * a GraphQL error in a 200) with a code and a message that says what is allowed, and the
 * server still answers /healthz and real queries afterwards. Response times are printed
 * for the record, never asserted.
 */
import { getNullableType, isListType, isObjectType, type GraphQLObjectType } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { portalSchema } from "../api/schema/index.js";
import { buildTestDatabase, gql, GRAPHQL_RESPONSE, read, startServer, type GqlResponse, type TestServer } from "./helpers/server.js";

let api: TestServer;
let dbFile: string;
const timings: [string, number, number][] = [];

beforeAll(async () => {
  dbFile = await buildTestDatabase();
  api = await startServer(dbFile, { responseCache: false });
});
afterAll(async () => {
  if (timings.length) {
    console.log(`abuse suite: response times (ms)\n${timings.map(([name, status, ms]) => `  ${String(ms.toFixed(1)).padStart(7)}  ${status}  ${name}`).join("\n")}`);
  }
  await api?.close();
});

/** Time one request for the record. */
async function timed(name: string, send: () => Promise<GqlResponse>): Promise<GqlResponse> {
  const started = performance.now();
  const response = await send();
  timings.push([name, response.status, performance.now() - started]);
  return response;
}

const strict = { accept: GRAPHQL_RESPONSE };
const post = (body: string, contentType = "application/json", accept = GRAPHQL_RESPONSE) =>
  fetch(`${api.url}/graphql`, { method: "POST", headers: { "content-type": contentType, accept }, body }).then(read);

function expectError(response: GqlResponse, status: number, code: string, phrase: string | RegExp) {
  expect(response.status, response.text.slice(0, 300)).toBe(status);
  expect(response.body?.errors?.[0]?.extensions?.code, response.text.slice(0, 300)).toBe(code);
  if (typeof phrase === "string") expect(response.body.errors[0].message).toContain(phrase);
  else expect(response.body.errors[0].message).toMatch(phrase);
  expect(response.text).not.toMatch(/stacktrace|SQLITE|\bselect\b|node_modules/i);
}

describe("query limits", () => {
  it("refuses depth 30 (QUERY_TOO_COMPLEX, limit 12)", async () => {
    const query = `{ areas { nodes { ${"parent { ".repeat(28)}id${" }".repeat(28)} } } }`;
    const response = await timed("depth 30", () => gql(api, query, strict));
    expectError(response, 400, "QUERY_TOO_COMPLEX", "Query depth is 31; the limit is 12");
    expect(response.body.errors[0].extensions).toMatchObject({ limit: "depth", max: 12, found: 31 });
    // With application/json the same request error comes in a 200, as the spec asks.
    const legacy = await gql(api, query, { accept: "application/json" });
    expectError(legacy, 200, "QUERY_TOO_COMPLEX", "the limit is 12");
  });

  it("refuses 500 aliases (limit 30)", async () => {
    const query = `{ about { ${Array.from({ length: 500 }, (_, i) => `a${i}: builtAt`).join(" ")} } }`;
    expectError(await timed("500 aliases", () => gql(api, query, strict)), 400, "QUERY_TOO_COMPLEX", "Number of aliases is 500; the limit is 30");
  });

  it("refuses a document of more than 2000 tokens before building it", async () => {
    const query = `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: about { dataVersion }`).join(" ")} }`;
    expectError(await timed("500 aliased objects (3000 tokens)", () => gql(api, query, strict)), 400, "QUERY_TOO_COMPLEX", "more than 2000 tokens");
  });

  it("refuses 50 directives (limit 20)", async () => {
    const query = `{ about { dataVersion ${"@include(if: true) ".repeat(50)} } }`;
    expectError(await timed("50 directives", () => gql(api, query, strict)), 400, "QUERY_TOO_COMPLEX", "Number of directives is 50; the limit is 20");
  });

  it("refuses an exponential answer by its estimated cost (sources ↔ indicators, 6 levels)", async () => {
    const query = `{ sources { indicators { sources { indicators { sources { indicators { id } } } } } } }`;
    const response = await timed("cost: sources/indicators x3", () => gql(api, query, strict));
    expectError(response, 400, "QUERY_TOO_COMPLEX", /Estimated query cost is \d+; the limit is 100000/);
    expect(response.body.errors[0].extensions.found).toBeGreaterThan(100_000);
  });

  it("counts `first` given through variables in the cost", async () => {
    const query = `query($n: Int) { areas(first: $n) { nodes { children { children { code name } } } } }`;
    const small = await gql(api, query, { ...strict, variables: { n: 1 } });
    expect(small.status).toBe(200);
    expectError(await timed("cost via variables", () => gql(api, query, { ...strict, variables: { n: 1000 } })), 400, "QUERY_TOO_COMPLEX", "Estimated query cost");
  });

  it("refuses fragment cycles", async () => {
    const query = `query { ...A } fragment A on Query { about { dataVersion } ...B } fragment B on Query { ...A }`;
    expectError(await timed("fragment cycle", () => gql(api, query, strict)), 400, "GRAPHQL_VALIDATION_FAILED", 'Cannot spread fragment "A" within itself');
  });

  it("refuses a fragment explosion (2^20 spreads) without expanding it", async () => {
    const fragments = Array.from({ length: 20 }, (_, i) => `fragment F${i + 1} on Query { ...F${i} ...F${i} }`).join(" ");
    const query = `{ ...F20 } fragment F0 on Query { about { dataVersion } } ${fragments}`;
    const response = await timed("fragment explosion 2^20", () => gql(api, query, strict));
    expect([200, 400]).toContain(response.status);
    // Either refused as too costly, or run once (execution merges repeated spreads).
    if (response.status === 400) expectError(response, 400, "QUERY_TOO_COMPLEX", "Estimated query cost");
    else expect(response.body.data.about.dataVersion).toBe(api.portal.meta.dataVersion);
  });

  it("answers 500 copies of one field (merged into one) and refuses 1900 (quadratic to validate)", async () => {
    const fine = await timed("500 repeated fields", () => gql(api, `{ about { ${"builtAt ".repeat(500)} } }`, strict));
    expect(fine.status).toBe(200);
    expect(fine.body.data.about.builtAt).toBe(api.portal.meta.builtAt);
    const response = await timed("1900 repeated fields", () => gql(api, `{ about { ${"builtAt ".repeat(1900)} } }`, strict));
    expectError(response, 400, "QUERY_TOO_COMPLEX", "repeats too many fields or fragments in one selection");
  });

  it("refuses an introspection bomb but answers the full introspection query", async () => {
    const bomb = `{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }`;
    expectError(await timed("introspection bomb", () => gql(api, bomb, strict)), 400, "GRAPHQL_VALIDATION_FAILED", "Maximum introspection depth exceeded");
    const { getIntrospectionQuery } = await import("graphql");
    const full = await timed("full introspection", () => gql(api, getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true }), strict));
    expect(full.status).toBe(200);
    expect(full.body.data.__schema.queryType.name).toBe("Query");
    // And the GET form of it fits in a URL.
    const get = await gql(api, getIntrospectionQuery(), { method: "GET" });
    expect(get.status).toBe(200);
  });
});

// Reported: 92⁴ ≈ 72 million objects; RSS 401 → 4,426 MiB, then "Reached heap limit".
const fourLevels = `{ area(code:"19") { children { parent { children { parent { children { parent { children { code } } } } } } } } }`;
const threeLevels = `{ area(code:"19") { children { parent { children { parent { children { code } } } } } } }`;

describe("bounded work per request (issue: one 140-byte query killed the server)", () => {

  it("costs every list by its real maximum size, measured from the database", async () => {
    // The merged province has 92 communes; every version ever under it counts (102 rows).
    expect(api.portal.listSizes["Area.children"]).toBeGreaterThanOrEqual(92);
    // The province carries the most values (131 of them at this writing).
    expect(api.portal.listSizes["Area.observations"]).toBeGreaterThan(100);
    // A new list field without a measured size (or a `first`) would be costed as 1,000 items: name it here.
    const schema = await portalSchema();
    const unmeasured = Object.values(schema.getTypeMap())
      .filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith("__") && !type.name.endsWith("Connection"))
      .flatMap((type) => Object.values(type.getFields()).filter((f) => isListType(getNullableType(f.type)) && !f.args.some((a) => a.name === "first")).map((f) => `${type.name}.${f.name}`))
      .filter((coordinate) => !(coordinate in api.portal.listSizes));
    expect(unmeasured).toEqual([]);
  });

  it("refuses the reported four-level query before it runs, while /healthz keeps answering", async () => {
    const before = api.sqlCount();
    const refused = await timed("four levels of children", () => gql(api, fourLevels, strict));
    // Refused before execution: not one SQL statement.
    expect(api.sqlCount()).toBe(before);
    const [responses, health] = await Promise.all([
      Promise.all(Array.from({ length: 20 }, () => gql(api, fourLevels, strict))),
      fetch(`${api.url}/healthz`).then(read),
    ]);
    for (const response of [refused, ...responses]) {
      expectError(response, 400, "QUERY_TOO_COMPLEX", "Estimated query cost");
      expect(response.body.errors[0].extensions).toMatchObject({ limit: "cost", max: 100_000 });
      expect(response.body.errors[0].extensions.found).toBeGreaterThan(92 ** 4);
      expect(response.body.errors[0].message).toContain("areas(level:, withinCode:, asOf:)");
    }
    expect(health.status).toBe(200);
  });

  it("refuses the three-level query (13.4 MB in 1.5–2.5 s before) and the same through fragments and variables", async () => {
    expectError(await timed("three levels", () => gql(api, threeLevels, strict)), 400, "QUERY_TOO_COMPLEX", "Estimated query cost");
    const viaFragments = `query($c: ID!) { area(code: $c) { ...A } } fragment A on Area { children { parent { ...B } } } fragment B on Area { children { parent { children { code } } } }`;
    expectError(await timed("three levels via fragments", () => gql(api, viaFragments, { ...strict, variables: { c: "19" } })), 400, "QUERY_TOO_COMPLEX", "Estimated query cost");
  });

  it("allows one __schema per document (30 aliased copies turned 6.6 KB into 1.5 MB)", async () => {
    const copies = `{ ${Array.from({ length: 30 }, (_, i) => `s${i}: __schema { types { name fields { name } } }`).join(" ")} }`;
    const response = await timed("30 aliased __schema", () => gql(api, copies, strict));
    expectError(response, 400, "QUERY_TOO_COMPLEX", "more than 1 time(s)");
    expect(response.body.errors[0].extensions).toMatchObject({ limit: "schemaIntrospections", max: 1 });
    const once = await gql(api, `{ __schema { types { name } } }`, strict);
    expect(once.status).toBe(200);
  });
});

describe("the answer budget during execution", () => {
  let small: TestServer;
  let unbounded: TestServer;
  beforeAll(async () => {
    // A tiny budget, and a server whose only guard is the time limit (cost and budget off).
    small = await startServer(dbFile, { responseCache: false, limits: { maxAnswerValues: 500 } });
    unbounded = await startServer(dbFile, { responseCache: false, limits: { maxCost: 1e15, maxAnswerValues: 1e15, maxAnswerBytes: 1e12, timeLimitMs: 300 } });
  });
  afterAll(async () => {
    await small?.close();
    await unbounded?.close();
  });

  it("stops a query whose answer outgrows the budget, without running it a second time", async () => {
    const query = `{ areas(first: 300) { nodes { code name } } }`;
    const before = small.sqlCount();
    const response = await gql(small, query, strict);
    expectError(response, 400, "QUERY_TOO_COMPLEX", "more than 500 values");
    expect(response.body.errors[0].extensions).toMatchObject({ limit: "answer", max: 500 });
    expect(response.body.data).toBeUndefined();
    const spent = small.sqlCount() - before;
    // The same query within budget runs the same statements once.
    const fits = await gql(small, `{ areas(first: 100) { nodes { code name } } }`, strict);
    expect(fits.status).toBe(200);
    expect(spent).toBe(small.sqlCount() - before - spent);
    expect(small.logs.some((line) => line.msg === "graphql answer budget exceeded")).toBe(true);
  });

  it("stops CPU-bound work at the time limit: no SQL is issued, so the timer alone could not", async () => {
    // Three levels of children: seconds of pure CPU once the first children are loaded.
    const [response, health] = await Promise.all([gql(unbounded, threeLevels, strict), new Promise((r) => setTimeout(r, 50)).then(() => fetch(`${unbounded.url}/healthz`).then(read))]);
    expect(response.status, response.text.slice(0, 300)).toBe(503);
    expect(response.body.errors[0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "time", max: 300 });
    expect(health.status).toBe(200);
  });
});

describe("bad arguments and variables", () => {
  it("refuses first: 100000 before running anything (BAD_USER_INPUT, 1 to 1000)", async () => {
    const before = api.sqlCount();
    const response = await timed("first: 100000", () => gql(api, `{ observations(first: 100000) { totalCount } }`, strict));
    expectError(response, 400, "BAD_USER_INPUT", '"first" must be between 1 and 1000 (got 100000)');
    expect(api.sqlCount()).toBe(before);
    for (const first of [0, -1, 2147483647]) {
      expectError(await gql(api, `{ areas(first: ${first}) { totalCount } }`, strict), 400, "BAD_USER_INPUT", "must be between 1 and 1000");
    }
  });

  it("refuses a cursor the API did not issue", async () => {
    expectError(await timed("forged cursor", () => gql(api, `{ indicators(after: "'; drop table x; --") { totalCount } }`, strict)), 400, "BAD_USER_INPUT", '"after" is not a cursor of this API');
  });

  it("refuses unknown fields, with a suggestion", async () => {
    const response = await timed("unknown field", () => gql(api, `{ indicators { nodes { nam } } }`, strict));
    expectError(response, 400, "GRAPHQL_VALIDATION_FAILED", 'Cannot query field "nam" on type "Indicator". Did you mean "name"');
  });

  it("refuses variables of the wrong type", async () => {
    const query = `query($n: Int, $id: ID!) { observations(first: $n) { totalCount } indicator(id: $id) { id } }`;
    const response = await timed("wrong variable types", () => gql(api, query, { ...strict, variables: { n: "ten", id: { nested: true } } }));
    expectError(response, 400, "BAD_USER_INPUT", 'Variable "$n" got invalid value "ten"; Int cannot represent non-integer value');
    expectError(await gql(api, `query($d: Date) { areas(asOf: $d) { totalCount } }`, { ...strict, variables: { d: "2024-13-45" } }), 400, "BAD_USER_INPUT", 'Variable "$d" got invalid value');
  });

  it("refuses variables nested deeper than 20 levels", async () => {
    const deep = `${"[".repeat(40_000)}${"]".repeat(40_000)}`;
    const response = await timed("variables nested 40000 deep", () => post(`{"query":"{ about { dataVersion } }","variables":{"a":${deep}}}`));
    expectError(response, 400, "BAD_REQUEST", '"variables" nest more than 20 levels');
  });

  it("refuses an unknown operationName and a document with several unnamed choices", async () => {
    const response = await timed("unknown operationName", () => gql(api, `query A { about { dataVersion } } query B { topics { id } }`, { ...strict, operationName: "C" }));
    expectError(response, 400, "BAD_REQUEST", 'Unknown operationName "C": the document defines "A", "B"');
    expectError(await gql(api, `query A { about { dataVersion } } query B { topics { id } }`, strict), 400, "BAD_REQUEST", 'say which one to run with "operationName"');
  });

  it("refuses syntax errors and garbage, with the position", async () => {
    const response = await timed("syntax error", () => gql(api, "{ indicators { nodes { id }", strict));
    expectError(response, 400, "GRAPHQL_PARSE_FAILED", "Syntax Error");
    expect(response.body.errors[0].locations[0].line).toBe(1);
    expectError(await gql(api, "\u0000\u0001 ☠️ SELECT * FROM observations", strict), 400, "GRAPHQL_PARSE_FAILED", "Syntax Error");
  });
});

describe("bad input that reached SQLite, the cache or the log (issue 9, \"Smaller\")", () => {
  it("refuses a search of 1,000 words as bad input with the limit (SQLite's \"Expression tree is too large\" before)", async () => {
    const words = Array.from({ length: 1000 }, (_, i) => `w${i}`).join(" ");
    for (const query of [`{ areas(search: "${words}") { totalCount } }`, `{ indicators(search: "${words}") { totalCount } }`, `{ search(q: "${words}") { __typename } }`]) {
      const response = await timed("search of 1000 words", () => gql(api, query, strict));
      // A resolver's refusal: a field error in a 200 (GraphQL over HTTP), with data null.
      expectError(response, 200, "BAD_USER_INPUT", /is too long \(4889 characters\); use at most 200/);
    }
    // Short words under the length limit: the word limit (12) holds for every search argument.
    const thirteen = "a b c d e f g h i j k l m";
    expectError(await gql(api, `{ areas(search: "${thirteen}") { totalCount } }`, strict), 200, "BAD_USER_INPUT", '"search" has 13 words; use at most 12');
    expectError(await gql(api, `{ indicators(search: "${thirteen}") { totalCount } }`, strict), 200, "BAD_USER_INPUT", '"search" has 13 words; use at most 12');
    const twelve = await gql(api, `{ areas(search: "xa phu binh a b c d e f g h i") { totalCount } }`, strict);
    expect(twelve.status).toBe(200);
  });

  it("never answers a request from the cache entry of another: a variable 1e400 is not null", async () => {
    const cached = await startServer(dbFile);
    try {
      const query = "query($n: Int) { areas(first: $n) { totalCount } }";
      const body = (n: string) => `{"query":${JSON.stringify(query)},"variables":{"n":${n}}}`;
      const send = (n: string) => fetch(`${cached.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", accept: GRAPHQL_RESPONSE }, body: body(n) }).then(read);
      const withNull = await send("null");
      expect(withNull.status).toBe(200);
      expect(withNull.body.data.areas.totalCount).toBeGreaterThan(400);
      expect((await send("null")).headers.get("x-cache")).toBe("HIT");
      // JSON.parse reads 1e400 as Infinity, which JSON.stringify writes as null: the same cache key before.
      const infinite = await send("1e400");
      expect(infinite.headers.get("x-cache")).toBeNull();
      expectError(infinite, 400, "BAD_USER_INPUT", "Int cannot represent non-integer value: Infinity");
    } finally {
      await cached.close();
    }
  });

  it("counts an alias named __typename like any other (armor let it through uncounted)", async () => {
    const query = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: about { __typename: dataVersion }`).join(" ")} }`;
    const response = await timed("30 aliases + 30 aliased as __typename", () => gql(api, query, strict));
    expectError(response, 400, "QUERY_TOO_COMPLEX", "Number of aliases is 60; the limit is 30");
  });

  it("echoes at most the start of a long value in an error message (a 90 KB argument came back in full)", async () => {
    const long = "x".repeat(90_000);
    const notFound = await timed("90 KB area code", () => gql(api, `{ area(code: "${long}") { code } }`, strict));
    expect(notFound.body.errors[0].extensions.code).toBe("NOT_FOUND");
    const variable = await gql(api, `query($n: Int) { areas(first: $n) { totalCount } }`, { ...strict, variables: { n: long } });
    expect(variable.body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    const operation = await gql(api, `query A { about { dataVersion } }`, { ...strict, operationName: long });
    expect(operation.body.errors[0].extensions.code).toBe("BAD_REQUEST");
    const syntax = await gql(api, `{ about { dataVersion } } ${long}`, strict);
    expect(syntax.body.errors[0].extensions.code).toBe("GRAPHQL_PARSE_FAILED");
    for (const response of [notFound, variable, operation, syntax]) {
      const message: string = response.body.errors[0].message;
      expect(message.length, message.slice(0, 200)).toBeLessThan(1000);
      expect(message).toMatch(/"x{60}…" \(90000 characters\)|characters left out/);
      expect(response.text.length).toBeLessThan(2000);
    }
    // What is wrong and what to do stays in the message.
    expect(notFound.body.errors[0].message).toMatch(/^No area with code "x{60}…" \(90000 characters\)\. Codes are GSO codes/);
    expect(variable.body.errors[0].message).toMatch(/Int cannot represent non-integer value: "x{60}…" \(90000 characters\)/);
  });
});

describe("HTTP-level abuse", () => {
  it("refuses a 10 MB body with 413, declared or streamed", async () => {
    const big = `{"query":"${"x".repeat(10 * 1024 * 1024)}"}`;
    expectError(await timed("10 MB body", () => post(big)), 413, "PAYLOAD_TOO_LARGE", "the limit is 102400 bytes (100 KiB)");
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 160; i++) controller.enqueue(new TextEncoder().encode("y".repeat(65_536)));
        controller.close();
      },
    });
    const streamed = await timed("10 MB streamed body (no Content-Length)", () =>
      fetch(`${api.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: chunks, duplex: "half" } as RequestInit).then(read),
    );
    expectError(streamed, 413, "PAYLOAD_TOO_LARGE", "more than 102400 bytes");
  });

  it("refuses a batched array (400)", async () => {
    const batch = JSON.stringify(Array.from({ length: 100 }, () => ({ query: "{ about { dataVersion } }" })));
    expectError(await timed("batched array of 100", () => post(batch)), 400, "BAD_REQUEST", "Batched requests (a JSON array of 100 operations) are not supported");
  });

  it("refuses invalid JSON and bodies of the wrong shape (400)", async () => {
    expectError(await timed("invalid JSON", () => post(`{"query": "{ about { dataVersion } }"`)), 400, "BAD_REQUEST", "The body is not valid JSON");
    expectError(await post(`"just a string"`), 400, "BAD_REQUEST", 'a JSON object with a "query" string');
    expectError(await post(`{"query": 42}`), 400, "BAD_REQUEST", 'non-empty "query" string');
    expectError(await post(`{"query": "{ about { dataVersion } }", "variables": "{\\"a\\":1}"}`), 400, "BAD_REQUEST", '"variables" must be a JSON object');
    expectError(await post(``), 400, "BAD_REQUEST", "The body is not valid JSON");
  });

  it("refuses a wrong content type (415)", async () => {
    expectError(await timed("wrong content type", () => post(`{"query":"{ about { dataVersion } }"}`, "text/plain")), 415, "BAD_REQUEST", "Content-Type: application/json");
    expectError(await post(`query=%7Babout%7BdataVersion%7D%7D`, "application/x-www-form-urlencoded"), 415, "BAD_REQUEST", "Content-Type: application/json");
    expectError(await post(`{"query":"{ about { dataVersion } }"}`, "application/json; charset=latin1"), 415, "BAD_REQUEST", 'Charset "latin1" is not supported');
  });

  it("refuses a huge GET query string: 414 over 16 KiB, 431 over Node's 32 KiB header limit", async () => {
    const url = (bytes: number) => `${api.url}/graphql?query=${encodeURIComponent("{ about { dataVersion } }")}${"%20".repeat(Math.ceil(bytes / 3))}`;
    const long = await timed("GET query string 20 KB", () => fetch(url(20_000)).then(read));
    expectError(long, 414, "BAD_REQUEST", "GET requests allow 16384. Send long queries with POST");
    const huge = await timed("GET query string 1 MB", () => fetch(url(1_000_000)).then(read));
    expectError(huge, 431, "BAD_REQUEST", "exceed 32768 bytes");
  });

  it("refuses repeated parameters, bad JSON in GET variables, and a wrong Accept", async () => {
    const q = encodeURIComponent("{ about { dataVersion } }");
    expectError(await fetch(`${api.url}/graphql?query=${q}&query=${q}`).then(read), 400, "BAD_REQUEST", 'The "query" parameter appears 2 times');
    expectError(await fetch(`${api.url}/graphql?query=${q}&variables=%7Bnope`).then(read), 400, "BAD_REQUEST", 'The "variables" parameter is not valid JSON');
    expectError(await fetch(`${api.url}/graphql?query=${q}`, { headers: { accept: "image/png" } }).then(read), 406, "BAD_REQUEST", "Accept");
    expectError(await fetch(`${api.url}/graphql`, { method: "DELETE" }).then(read), 405, "BAD_REQUEST", "use GET");
  });

  it("closes a connection whose headers never finish (slowloris) with 408", async () => {
    const { connect } = await import("node:net");
    const { port } = new URL(api.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), "127.0.0.1", () => socket.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: "));
      let text = "";
      socket.on("data", (chunk) => (text += chunk));
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
    expect(answer).toContain('"code":"BAD_REQUEST"');
  }, 30_000);

  it("takes a client that hangs up in the middle of its body calmly (no server error logged)", async () => {
    const { connect } = await import("node:net");
    const { port } = new URL(api.url);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), "127.0.0.1", () => {
        socket.write("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"query\":");
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on("close", () => resolve());
      socket.on("error", reject);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(api.logs.filter((l) => l.level >= 50)).toEqual([]);
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
  });

  it("answers a request that is not HTTP with 400 and keeps serving", async () => {
    const { connect } = await import("node:net");
    const { port } = new URL(api.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), "127.0.0.1", () => socket.write("GARBAGE \u0000 NOT HTTP\r\n\r\n"));
      let text = "";
      socket.on("data", (chunk) => (text += chunk));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    expect(answer).toContain('"code":"BAD_REQUEST"');
    // Valid HTTP with a URL that does not parse.
    const badUrl = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), "127.0.0.1", () => socket.write("GET http://[ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
      let text = "";
      socket.on("data", (chunk) => (text += chunk));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    expect(badUrl).toMatch(/^HTTP\/1\.1 400 /);
    expect(badUrl).toContain("The request URL cannot be parsed");
  });
});

describe("after the abuse", () => {
  it("still answers /healthz and real queries", async () => {
    const health = await read(await fetch(`${api.url}/healthz`));
    expect(health.status).toBe(200);
    expect(health.body.status).toBe("ok");
    const real = await gql(api, `{ indicator(id: "cho-4-0-markets") { latest { value } } }`);
    expect(real.body.data.indicator.latest.value).toBe(107);
  });
});
