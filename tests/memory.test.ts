/**
 * Memory bounded by bytes that are measured: the caches keyed by query text hold at most
 * their stated size whatever documents arrive. Reported: 1,300 distinct valid 9 KB documents
 * took a server from 193 to 4,124 MiB in 110 s (each compiled document ≈ 3 MiB, counted as
 * 8 × its text). The server runs as its own process (api/main.ts) so that its resident memory
 * is its own.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestDatabase, gql, spawnServer, type SpawnedServer } from "./helpers/server.js";

/** RSS the server must stay under while flooded (README "Memory"). */
const RSS_CEILING_MIB = 600;

let server: SpawnedServer;
let url: string;

beforeAll(async () => {
  server = spawnServer({ PORTAL_DB: await buildTestDatabase() });
  url = await server.listening;
});
afterAll(async () => {
  server?.child.kill("SIGTERM");
  await server?.exited;
});

/**
 * A valid document like the reported ones (9 KB, about 1,500 tokens, 1,000 fields), distinct by
 * its operation name. Its lists are empty (no name has "zzzq", no period ends after 2999), so
 * each request costs what the caches keep (parsing, validation, compilation) and not a big
 * answer; every list has `first: 1`, so the estimate stays under the cost limit however the
 * data grows.
 */
function maximalDocument(i: number): string {
  const source = "source { id title titleEn publisher kind url published publishedNote licence licenceUrl locator snapshotDate reliability note }";
  const area = "code name fullName nameEn fullNameEn level unitType validFrom validTo validityNote parentCode";
  const indicatorFields = "id name nameEn description descriptionEn higherIsBetter unit { id symbol name nameEn kind } topic { id name nameEn description descriptionEn }";
  const observation = `id value status note period { start end label basis } ${source} area { ${area} parent { ${area} } } indicator { ${indicatorFields} }`;
  const indicator = `${indicatorFields} latest { ${observation} }`;
  const blocks = Array.from({ length: 4 }, (_, k) => `
    i${k}: indicators(first: 1, search: "zzzq") { totalCount nodes { ${indicator} } }
    o${k}: observations(first: 1, from: "2999-01-01") { totalCount nodes { ${observation} } }
    a${k}: areas(first: 1, search: "zzzq") { totalCount nodes { ${area} parent { ${area} } observations(first: 1) { ${observation} } ${source} } }`);
  return `query Flood${i} { ${blocks.join(" ")} }`;
}

const total = () => 2_000;

describe("a flood of distinct maximal documents", () => {
  it(`keeps the server under ${RSS_CEILING_MIB} MiB for 2,000 distinct valid documents of 9 KB, and it keeps answering`, async () => {
    const first = await gql({ url }, maximalDocument(-1 + 0 * total()).replace("Flood-1", "FloodFirst"), { method: "POST" });
    expect(first.status, first.text.slice(0, 300)).toBe(200);
    expect(first.body.errors).toBeUndefined();
    const start = server.rssMiB();
    let peak = start;
    const count = total();
    let next = 0;
    // Four clients at a time, like a scripted attacker.
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (next < count) {
        const response = await gql({ url }, maximalDocument(next++), { method: "POST" });
        expect(response.status).toBe(200);
        if (next % 100 === 0) peak = Math.max(peak, server.rssMiB());
      }
    }));
    peak = Math.max(peak, server.rssMiB());
    // Then documents that come twice, so that each is compiled (graphql-jit: megabytes each).
    for (let i = 0; i < 150; i++) {
      for (const _ of [1, 2]) expect((await gql({ url }, maximalDocument(count + i), { method: "POST" })).status).toBe(200);
      if (i % 10 === 0) peak = Math.max(peak, server.rssMiB());
    }
    peak = Math.max(peak, server.rssMiB());
    console.log(`memory flood: ${count} distinct documents of ${maximalDocument(0).length} characters, then 150 twice; RSS ${start.toFixed(0)} → peak ${peak.toFixed(0)} MiB`);
    expect(peak).toBeLessThan(RSS_CEILING_MIB);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
  }, 600_000);
});
