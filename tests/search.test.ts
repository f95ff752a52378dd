import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PortalDatabase } from "../api/db/connect.js";
import { rank } from "../api/schema/search/rank.js";
import { buildTestPortal, run, runRaw } from "./helpers/portal.js";

let portal: PortalDatabase;
beforeAll(async () => {
  portal = await buildTestPortal();
});
afterAll(() => portal?.close());

const HIT = `__typename ... on Indicator { id name } ... on Area { id code fullName validTo } ... on Source { id title }`;
const search = async (q: string, first?: number) =>
  (await run(portal, `query ($q: String!, $first: Int) { search(q: $q, first: $first) { ${HIT} } }`, { q, ...(first ? { first } : {}) })).search as any[];
const ids = (hits: any[]) => hits.map((h) => (h.__typename === "Area" ? `area:${h.code}` : `${h.__typename.toLowerCase()}:${h.id}`));

describe("Query.search", () => {
  it("“cho 4.0” finds the Chợ 4.0 indicator first", async () => {
    const hits = await search("cho 4.0");
    expect(ids(hits)[0]).toBe("indicator:cho-4-0-markets");
    expect(hits[0].name).toBe("Số chợ 4.0 (chợ thanh toán không dùng tiền mặt)");
  });

  it("ignores diacritics and case: “THAI NGUYEN”, “Thái Nguyên” and “thai nguyen” give the province first", async () => {
    const upper = await search("THAI NGUYEN");
    expect(upper[0]).toMatchObject({ __typename: "Area", code: "19", fullName: "Tỉnh Thái Nguyên" });
    expect(ids(upper)).toContain("area:164"); // Thành phố Thái Nguyên
    expect(ids(await search("Thái Nguyên"))).toEqual(ids(upper));
    expect(ids(await search("thai nguyen"))).toEqual(ids(upper));
  });

  it("an area appears once per GSO code, however many versions it has", async () => {
    const hits = await search("pho yen", 100);
    const codes = hits.filter((h) => h.__typename === "Area").map((h) => h.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("“nong thon moi” finds the new-rural indicators, ahead of sources", async () => {
    const found = ids(await search("nong thon moi", 100));
    for (const id of ["ntm-communes", "ntm-communes-share", "ntm-advanced-communes", "ntm-model-communes", "ntm-districts"]) expect(found).toContain(`indicator:${id}`);
    const lastIndicator = found.findLastIndex((h) => h.startsWith("indicator:"));
    const firstSource = found.findIndex((h) => h.startsWith("source:"));
    expect(firstSource).toBeGreaterThan(lastIndicator);
    expect(found).toContain("source:bvpl-ntm-2022");
  });

  it("finds districts abolished in 2025 and the commune of the same name", async () => {
    const hits = await search("phu binh");
    expect(hits[0]).toMatchObject({ __typename: "Area", code: "173", fullName: "Huyện Phú Bình" });
    expect(hits.some((h) => h.fullName === "Xã Phú Bình" && h.validTo === null)).toBe(true);
  });

  it("finds indicators by English words and ids", async () => {
    expect(ids(await search("digital economy revenue"))[0]).toBe("indicator:digital-economy-revenue");
    expect(ids(await search("DTI"))).toEqual(expect.arrayContaining(["indicator:dti-rank", "indicator:dti-rank-digital-government"]));
  });

  it("requires every word: a word found nowhere gives no result", async () => {
    expect(await search("cho 4.0 zzzqqq")).toEqual([]);
  });

  it("respects `first`", async () => {
    expect(await search("xa", 3)).toHaveLength(3);
    expect((await search("xa")).length).toBe(20);
  });

  it("refuses an empty query, a query of punctuation and `first` outside 1–100 with BAD_USER_INPUT", async () => {
    for (const [q, first, argument] of [["", 20, "q"], ["  ", 20, "q"], ["…?!", 20, "q"], ["xa", 0, "first"], ["xa", 101, "first"], ["a ".repeat(13), 20, "q"], ["x".repeat(201), 20, "q"]] as const) {
      const result = await runRaw(portal, `query ($q: String!, $first: Int) { search(q: $q, first: $first) { __typename } }`, { q, first });
      expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(result.errors?.[0].extensions?.argument).toBe(argument);
    }
    const empty = await runRaw(portal, `{ search(q: "") { __typename } }`);
    expect(empty.errors?.[0].message).toMatch(/at least one letter or digit/);
  });
});

describe("ranking", () => {
  const candidate = (kind: "indicator" | "area" | "source", id: string, name: string, order = 0) => ({ kind, item: id, names: [name], searchText: name.toLowerCase(), order });

  it("orders whole-word matches by kind: indicators, areas, sources; shorter names first", () => {
    const ranked = rank(
      [candidate("source", "s", "cho thue"), candidate("indicator", "long", "chong cho thue"), candidate("area", "a", "cho"), candidate("indicator", "i", "cho")],
      ["cho"],
      (c) => c.item,
    );
    expect(ranked.map((c) => c.item)).toEqual(["i", "long", "a", "s"]);
  });

  it("ranks a partial-word match after every whole-word match", () => {
    const ranked = rank([candidate("indicator", "partial", "chong"), candidate("source", "whole", "cho")], ["cho"], (c) => c.item);
    expect(ranked.map((c) => c.item)).toEqual(["whole", "partial"]);
  });
});
