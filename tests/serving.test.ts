/**
 * Served like a production web server, on the real built site and the real API: security
 * headers on every answer, brotli and gzip (precompressed static files, API answers compressed
 * once and kept so in the response cache), conditional requests (304), ranges (206, 416),
 * HEAD, 405 for other methods, CORS on downloads and the search index, Cache-Control by kind.
 * Requests go through node:http, which neither adds Accept-Encoding nor decodes.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedSite } from "./helpers/site.js";
import { startServer, type TestServer } from "./helpers/server.js";

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

let server: TestServer;
let siteDir: string;

/** One request exactly as given (no Accept-Encoding unless set; the body is not decoded). */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    // With its length: Node sends a DELETE body unframed otherwise.
    const headers = { ...options.headers, ...(options.body !== undefined ? { "content-length": String(Buffer.byteLength(options.body)) } : {}) };
    const req = request(`${server.url}${path}`, { method: options.method ?? "GET", headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

const decode = (response: RawResponse) => {
  const coding = response.headers["content-encoding"];
  return coding === "br" ? brotliDecompressSync(response.body) : coding === "gzip" ? gunzipSync(response.body) : response.body;
};

const graphqlPath = (query: string) => `/graphql?${new URLSearchParams({ query })}`;
const BIG_QUERY = `{ indicators(first: 100) { nodes { id name nameEn unit { symbol } topic { id name } } } }`;

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

beforeAll(async () => {
  const site = await sharedSite();
  siteDir = site.siteDir;
  server = await startServer(site.dbPath, { siteDir });
}, 900_000);

afterAll(async () => {
  await server?.close();
});

/** One page of each kind, an asset, a download, the search index, the API and an error. */
const SAMPLES = ["/", "/chi-so/cho-4-0-markets/", "/en/", "/api/", "/du-lieu/", "/nope/", "/downloads/observations.csv", "/tim-kiem/chi-muc.json", graphqlPath("{ about { dataVersion } }"), graphqlPath("{ nope }"), "/healthz"];

describe("security headers", () => {
  it("sends nosniff, a Referrer-Policy and a CSP that refuses inline script and framing on every answer but the embeds", async () => {
    for (const path of SAMPLES) {
      const response = await raw(path);
      const csp = String(response.headers["content-security-policy"]);
      expect(response.headers["x-content-type-options"], path).toBe("nosniff");
      expect(response.headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')*;/);
      expect(csp, path).not.toContain("unsafe-inline' ; script");
      expect(csp.split(";").find((d) => d.trim().startsWith("script-src")), path).not.toContain("unsafe");
      expect(csp, path).toContain("object-src 'none'");
      expect(response.headers["x-frame-options"], path).toBe("DENY");
    }
    // Static methods refused, a redirect and Node's own refusals carry them too.
    for (const response of [await raw("/", { method: "DELETE" }), await raw("/chi-so")]) {
      expect(response.headers["x-content-type-options"]).toBe("nosniff");
      expect(String(response.headers["content-security-policy"])).toContain("frame-ancestors 'none'");
    }
  });

  it("lets other sites frame the embed pages only", async () => {
    for (const path of ["/nhung/cho-4-0-markets/", "/en/embed/cho-4-0-markets/"]) {
      const response = await raw(path);
      expect(response.status, path).toBe(200);
      expect(String(response.headers["content-security-policy"]), path).not.toContain("frame-ancestors");
      expect(response.headers["x-frame-options"], path).toBeUndefined();
    }
  });

  it("allows by hash exactly the inline scripts of the built pages (the API explorer's), listed at build time", async () => {
    const page = (await raw("/api/")).body.toString();
    const inline = [...page.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*ld\+json)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(inline.length).toBeGreaterThan(0);
    const csp = String((await raw("/api/")).headers["content-security-policy"]);
    for (const script of inline) expect(csp).toContain(sha256(script));
    const manifest = JSON.parse(readFileSync(join(siteDir, ".csp-script-hashes.json"), "utf8"));
    expect(manifest.scriptHashes).toEqual(expect.arrayContaining(inline.map(sha256)));
    // The manifest is a dotfile: not served.
    expect((await raw("/.csp-script-hashes.json")).status).toBe(404);
  });
});

describe("compression", () => {
  const kinds = [
    ["HTML", "/chi-so/cho-4-0-markets/", "text/html"],
    ["CSS", null, "text/css"],
    ["JSON (search index)", "/tim-kiem/chi-muc.json", "application/json"],
    ["CSV", "/downloads/observations.csv", "text/csv"],
    ["SVG", "/charts/ntm-communes.svg", "image/svg+xml"],
    ["XML", "/sitemap-0.xml", "application/xml"],
  ] as const;

  it("serves HTML, CSS, JSON, CSV, SVG and XML as brotli or gzip, from the files precompressed at build time, with Vary: Accept-Encoding", async () => {
    const css = /href="(\/_astro\/[^"]+\.css)"/.exec((await raw("/")).body.toString())![1]!;
    for (const [kind, samplePath, type] of kinds) {
      const path = samplePath ?? css;
      const identity = await raw(path);
      expect(identity.status, kind).toBe(200);
      expect(String(identity.headers["content-type"]), kind).toContain(type);
      expect(identity.headers["content-encoding"], kind).toBeUndefined();
      expect(String(identity.headers.vary), kind).toContain("Accept-Encoding");
      const file = join(siteDir, path.endsWith("/") ? `${path}index.html` : path);
      for (const [accept, coding, suffix] of [["br, gzip", "br", ".br"], ["gzip, deflate", "gzip", ".gz"]] as const) {
        const encoded = await raw(path, { headers: { "accept-encoding": accept } });
        expect(encoded.headers["content-encoding"], `${kind} ${coding}`).toBe(coding);
        expect(String(encoded.headers["content-type"]), kind).toContain(type);
        expect(String(encoded.headers.vary), kind).toContain("Accept-Encoding");
        expect(Number(encoded.headers["content-length"])).toBe(encoded.body.length);
        expect(encoded.body.length, `${kind} ${coding}`).toBeLessThan(identity.body.length);
        expect(decode(encoded).equals(identity.body), `${kind} ${coding}`).toBe(true);
        // The bytes of the file the build wrote, not compressed per request.
        expect(encoded.body.equals(readFileSync(file + suffix)), `${kind} ${coding}`).toBe(true);
      }
    }
  });

  it("prefers the client's ranking, brotli on a tie, identity when neither is accepted", async () => {
    const path = "/chi-so/cho-4-0-markets/";
    expect((await raw(path, { headers: { "accept-encoding": "gzip, deflate, br" } })).headers["content-encoding"]).toBe("br");
    expect((await raw(path, { headers: { "accept-encoding": "br;q=0.5, gzip" } })).headers["content-encoding"]).toBe("gzip");
    expect((await raw(path, { headers: { "accept-encoding": "deflate" } })).headers["content-encoding"]).toBeUndefined();
  });

  it("compresses API answers once and keeps them compressed in the response cache", async () => {
    const path = graphqlPath(BIG_QUERY);
    const identity = await raw(path);
    expect(identity.status).toBe(200);
    expect(identity.body.length).toBeGreaterThan(4096);
    expect(String(identity.headers.vary)).toBe("Accept, Accept-Encoding");
    const brotli = await raw(path, { headers: { "accept-encoding": "br" } });
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(brotli.body.length).toBeLessThan(identity.body.length / 2);
    expect(decode(brotli).equals(identity.body)).toBe(true);
    const gzip = await raw(path, { headers: { "accept-encoding": "gzip" } });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(decode(gzip).equals(identity.body)).toBe(true);
    // The cache entry holds the identity bytes and both codings; a repeat is the same bytes, without SQL.
    const entry = [...server.responseCache!.values()].find((body) => body.identity.equals(identity.body))!;
    expect(entry.bytes).toBe(identity.body.length + brotli.body.length + gzip.body.length);
    const before = server.sqlCount();
    const again = await raw(path, { headers: { "accept-encoding": "br" } });
    expect(again.headers["x-cache"]).toBe("HIT");
    expect(again.body.equals(brotli.body)).toBe(true);
    expect(server.sqlCount()).toBe(before);
    // POST answers are compressed too.
    const post = await raw("/graphql", { method: "POST", headers: { "content-type": "application/json", "accept-encoding": "gzip" }, body: JSON.stringify({ query: BIG_QUERY }) });
    expect(post.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(decode(post).toString())).toEqual(JSON.parse(identity.body.toString()));
  });

  it("gives each coding of an API answer its own ETag and revalidates any of them with 304", async () => {
    const path = graphqlPath(BIG_QUERY);
    const identity = await raw(path);
    const brotli = await raw(path, { headers: { "accept-encoding": "br" } });
    const tag = String(identity.headers.etag);
    expect(brotli.headers.etag).toBe(`${tag.slice(0, -1)}-br"`);
    const revalidated = await raw(path, { headers: { "accept-encoding": "br", "if-none-match": String(brotli.headers.etag) } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.etag).toBe(brotli.headers.etag);
    expect(String(revalidated.headers.vary)).toBe("Accept, Accept-Encoding");
    // A brotli copy is no use to a client that does not accept brotli: the full answer.
    expect((await raw(path, { headers: { "if-none-match": String(brotli.headers.etag) } })).status).toBe(200);
  });
});

describe("conditional requests, ranges, methods", () => {
  const path = "/chi-so/cho-4-0-markets/";

  it("answers If-None-Match and If-Modified-Since with 304 and no body", async () => {
    const first = await raw(path);
    expect(first.headers.etag).toBeTruthy();
    expect(first.headers["last-modified"]).toBeTruthy();
    const byTag = await raw(path, { headers: { "if-none-match": String(first.headers.etag) } });
    expect(byTag.status).toBe(304);
    expect(byTag.body.length).toBe(0);
    const byDate = await raw(path, { headers: { "if-modified-since": String(first.headers["last-modified"]) } });
    expect(byDate.status).toBe(304);
    expect(byDate.body.length).toBe(0);
    const older = new Date(Date.parse(String(first.headers["last-modified"])) - 86_400_000).toUTCString();
    expect((await raw(path, { headers: { "if-modified-since": older } })).status).toBe(200);
    // The brotli file revalidates by its own tag.
    const brotli = await raw(path, { headers: { "accept-encoding": "br" } });
    expect((await raw(path, { headers: { "accept-encoding": "br", "if-none-match": String(brotli.headers.etag) } })).status).toBe(304);
  });

  it("answers a valid range with 206 and those bytes, an unsatisfiable one (bytes=5-2, past the end) with 416", async () => {
    const file = readFileSync(join(siteDir, "downloads/observations.csv"));
    const part = await raw("/downloads/observations.csv", { headers: { range: "bytes=5-20", "accept-encoding": "br" } });
    expect(part.status).toBe(206);
    expect(part.headers["content-range"]).toBe(`bytes 5-20/${file.length}`);
    expect(part.headers["content-encoding"]).toBeUndefined(); // ranges are of the file itself
    expect(part.body.equals(file.subarray(5, 21))).toBe(true);
    for (const range of ["bytes=5-2", `bytes=${file.length + 10}-`]) {
      const refused = await raw("/downloads/observations.csv", { headers: { range } });
      expect(refused.status, range).toBe(416);
      expect(refused.headers["content-range"], range).toBe(`bytes */${file.length}`);
    }
  });

  it("answers HEAD with the headers of GET and no body", async () => {
    for (const headers of [{}, { "accept-encoding": "br" }] as Record<string, string>[]) {
      const get = await raw(path, { headers });
      const head = await raw(path, { method: "HEAD", headers });
      expect(head.status).toBe(200);
      expect(head.body.length).toBe(0);
      for (const name of ["content-type", "content-length", "content-encoding", "etag", "last-modified", "cache-control", "vary"]) expect(head.headers[name], name).toEqual(get.headers[name]);
    }
  });

  it("refuses TRACE, DELETE, POST and PUT on static paths with 405 and Allow", async () => {
    for (const method of ["TRACE", "DELETE", "POST", "PUT", "PATCH"]) {
      for (const target of [path, "/downloads/observations.csv", "/"]) {
        const response = await raw(target, { method, headers: { "content-type": "text/plain" }, body: method === "TRACE" ? undefined : "x" });
        expect(response.status, `${method} ${target}`).toBe(405);
        expect(response.headers.allow).toBe("GET, HEAD, OPTIONS");
        expect(response.body.toString()).not.toContain("<html");
      }
    }
  });

  it("redirects a folder without its slash, keeping the query", async () => {
    const response = await raw("/chi-so?x=1");
    expect(response.status).toBe(301);
    expect(response.headers.location).toBe("/chi-so/?x=1");
  });
});

describe("CORS and Cache-Control", () => {
  it("lets any origin read the downloads and the search index, not the pages", async () => {
    for (const path of ["/downloads/observations.csv", "/downloads/datapackage.json", "/tim-kiem/chi-muc.json"]) {
      const response = await raw(path, { headers: { origin: "https://elsewhere.example" } });
      expect(response.status, path).toBe(200);
      expect(response.headers["access-control-allow-origin"], path).toBe("*");
      expect(String(response.headers["access-control-expose-headers"])).toContain("etag");
    }
    const preflight = await raw("/downloads/observations.csv", { method: "OPTIONS", headers: { origin: "https://elsewhere.example", "access-control-request-method": "GET", "access-control-request-headers": "range" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-origin"]).toBe("*");
    expect(String(preflight.headers["access-control-allow-headers"])).toContain("range");
    expect((await raw("/chi-so/cho-4-0-markets/", { headers: { origin: "https://elsewhere.example" } })).headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("keeps hashed assets and versioned downloads a year, pages and other files 5 minutes, API GETs 60 s, errors never", async () => {
    const css = /href="(\/_astro\/[^"]+\.css)"/.exec((await raw("/")).body.toString())![1]!;
    expect((await raw(css)).headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    // The zip's name carries the data version (thai-nguyen-open-data-2026-01-01.<hash>.zip).
    const zipName = readdirSync(join(siteDir, "downloads")).find((f) => f.endsWith(".zip"))!;
    expect(zipName).toMatch(/\d{4}-\d{2}-\d{2}\.[0-9a-f]{8}\.zip$/);
    expect((await raw(`/downloads/${zipName}`, { method: "HEAD" })).headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    for (const path of ["/", "/chi-so/cho-4-0-markets/", "/downloads/observations.csv", "/tim-kiem/chi-muc.json"]) expect((await raw(path)).headers["cache-control"], path).toBe("public, max-age=300");
    expect((await raw(graphqlPath(BIG_QUERY))).headers["cache-control"]).toBe("public, max-age=60");
    for (const path of ["/nope/", graphqlPath("{ nope }")]) expect((await raw(path)).headers["cache-control"], path).toBe("no-store");
  });
});
