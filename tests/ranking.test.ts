/**
 * Maps, rankings, coverage and headline values (api/schema/ranking, data/ingest/derived.ts),
 * through the real schema on the real data: the census of 2019 by district and commune, the
 * 92 communes of 2025 with their shapes, the census carried to the communes of 2025.
 */
import "reflect-metadata";
import { Kysely } from "kysely";
import { graphql, parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PortalDatabase } from "../api/db/connect.js";
import type { Database } from "../api/db/database.js";
import { Sqlite3Dialect } from "../api/db/dialect.js";
import { estimateCost, DEFAULT_LIMITS } from "../api/http/limits.js";
import { loadReferenceData } from "../api/db/reference.js";
import { createContext } from "../api/schema/context.js";
import { portalSchema } from "../api/schema/index.js";
import { buildTestPortal, run } from "./helpers/portal.js";

let portal: PortalDatabase & { file: string };
beforeAll(async () => {
  portal = await buildTestPortal();
});
afterAll(() => portal?.close());

const sum = (values: { value: number | null }[]) => values.reduce((total, v) => total + (v.value ?? 0), 0);

describe("every area of a level for one period (a map, a ranking)", () => {
  it("the 9 districts' census population of 2019: Đại Từ 171,703, third of 9, 13.3 % of the province; together 1,286,751", async () => {
    const data = await run(portal, `{ indicator(id: "population") { areaValues(level: DISTRICT) { level withinCode period { end label } withValue areaCount
      values { areaCode value status rank { position of level withinCode } shareOfParent parentValue area { name level } source { id } } } } }`);
    const set = data.indicator.areaValues;
    expect(set).toMatchObject({ level: "DISTRICT", withinCode: "19", period: { end: "2019-04-01" }, withValue: 9, areaCount: 9 });
    expect(sum(set.values)).toBe(1_286_751);
    const daiTu = set.values.find((v: any) => v.areaCode === "171");
    expect(daiTu).toMatchObject({ value: 171_703, rank: { position: 3, of: 9, level: "DISTRICT", withinCode: "19" }, parentValue: 1_286_751, area: { name: "Đại Từ" } });
    expect(daiTu.shareOfParent).toBeCloseTo((171_703 / 1_286_751) * 100, 10);
    // In rank order: TP Thái Nguyên 340,403 first, Võ Nhai 68,080 last.
    expect(set.values.map((v: any) => v.areaCode)).toEqual(["164", "172", "171", "173", "168", "169", "167", "165", "170"]);
    expect(set.values.at(-1)).toMatchObject({ value: 68_080, rank: { position: 9 } });
  });

  it("the 180 communes of 2019 in one query, ranked in the province and within their district; Đại Từ's 30 sum to 171,703", async () => {
    const data = await run(portal, `{ indicator(id: "population") { areaValues(level: COMMUNE, periodEnd: "2019-04-01") { withValue areaCount
      values { areaCode value rank { position of } rankInParent { position of withinCode } shareOfParent area { parentCode validFrom } } } } }`);
    const { values, withValue, areaCount } = data.indicator.areaValues;
    expect([values.length, withValue, areaCount]).toEqual([180, 180, 180]);
    expect(sum(values)).toBe(1_286_751);
    expect(values[0].rank).toEqual({ position: 1, of: 180 });
    const daiTu = values.filter((v: any) => v.area.parentCode === "171");
    expect(daiTu).toHaveLength(30);
    expect(sum(daiTu)).toBe(171_703);
    expect(daiTu.map((v: any) => v.rankInParent.position).sort((a: number, b: number) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(daiTu.every((v: any) => v.rankInParent.of === 30 && v.rankInParent.withinCode === "171")).toBe(true);
    expect(daiTu.reduce((s: number, v: any) => s + v.shareOfParent, 0)).toBeCloseTo(100, 8);
    // The census units of 2019-04-01, two of them merged away before 2020 (Vinh Sơn, Kim Sơn).
    expect(values.map((v: any) => v.areaCode)).toEqual(expect.arrayContaining(["05524", "05557"]));
  });

  it("the 92 communes of 2025 with their natural area: 92 of 92, summing to the 8,375.27 km² the ingest computes", async () => {
    const data = await run(portal, `{ indicator(id: "land-area") { areaValues(level: COMMUNE) { period { end } withValue areaCount values { value status area { validFrom } } } } }`);
    const set = data.indicator.areaValues;
    expect(set).toMatchObject({ period: { end: "2025-07-01" }, withValue: 92, areaCount: 92 });
    expect(sum(set.values)).toBeCloseTo(8375.27, 2);
    expect(set.values.every((v: any) => v.area.validFrom === "2025-07-01")).toBe(true);
  });

  it("lists the areas without a value (MISSING) after the ranked ones, so a map can show the gap", async () => {
    const data = await run(portal, `{ indicator(id: "ntm-district-recognition-year") { areaValues(level: DISTRICT, periodEnd: "2023-12-31") { withValue areaCount values { areaCode value status rank { position of } } } } }`);
    const { values, withValue, areaCount } = data.indicator.areaValues;
    expect([withValue, areaCount, values.length]).toEqual([2, 9, 9]);
    expect(values.slice(0, 2).map((v: any) => v.areaCode).sort()).toEqual(["167", "171"]); // Định Hóa and Đại Từ, for 2023
    expect(values.slice(2).every((v: any) => v.status === "MISSING" && v.value === null && v.rank === null)).toBe(true);
  });

  it("is null for a level the indicator has no value at, and `coverage` says which levels and periods exist", async () => {
    const data = await run(portal, `{ indicator(id: "population") { none: areaValues(level: COMMUNE, periodEnd: "2024-01-01") { withValue }
      coverage { level withinCode period { end } harmonisedTo areasWithValue areaCount } } }`);
    expect(data.indicator.none).toBeNull();
    expect(data.indicator.coverage).toEqual(expect.arrayContaining([
      { level: "COMMUNE", withinCode: "19", period: { end: "2019-04-01" }, harmonisedTo: null, areasWithValue: 180, areaCount: 180 },
      { level: "COMMUNE", withinCode: "19", period: { end: "2019-04-01" }, harmonisedTo: "2025-07-01", areasWithValue: 44, areaCount: 92 },
      { level: "DISTRICT", withinCode: "19", period: { end: "2019-04-01" }, harmonisedTo: null, areasWithValue: 9, areaCount: 9 },
    ]));
  });
});

describe("the 2019 census carried to the communes of 2025 (harmonised)", () => {
  it("gives 44 of the 92 communes a value, refuses the others with the reason, and keeps the sum of the whole predecessors", async () => {
    const data = await run(portal, `{ indicator(id: "population") { areaValues(level: COMMUNE, harmonisedTo: "2025-07-01") { harmonisedTo withValue areaCount
      values { areaCode value status harmonisedTo area { name validFrom } harmonisation { harmonisedTo noteEn noteVi components { value area { code validFrom } } } } } } }`);
    const set = data.indicator.areaValues;
    expect(set).toMatchObject({ harmonisedTo: "2025-07-01", withValue: 44, areaCount: 92 });
    // Vạn Xuân (05890): Đồng Tiến, Tiên Phong, Nam Tiến and Tân Hương went into it whole.
    const vanXuan = set.values.find((v: any) => v.areaCode === "05890");
    expect(vanXuan).toMatchObject({ value: 67_834, status: "COMPUTED", harmonisedTo: "2025-07-01", area: { name: "Vạn Xuân", validFrom: "2025-07-01" } });
    expect(vanXuan.harmonisation.components.map((c: any) => [c.area.code, c.value])).toEqual([["05878", 33_711], ["05884", 16_235], ["05890", 8_310], ["05893", 9_578]]);
    expect(vanXuan.harmonisation.components.every((c: any) => c.area.validFrom === "2019-04-01")).toBe(true);
    expect(sum(vanXuan.harmonisation.components)).toBe(vanXuan.value);
    const refused = set.values.filter((v: any) => v.status === "NOT_COMPARABLE");
    expect(refused).toHaveLength(48);
    expect(refused.every((v: any) => v.value === null && v.harmonisation.noteEn.length > 20 && v.harmonisation.noteVi.length > 20)).toBe(true);
  });
});

describe("an area's values, ranks and shares", () => {
  it("Đại Từ: every latest value with its rank among the 9 districts and its share of the province", async () => {
    const data = await run(portal, `{ area(code: "171") { values { indicator { id } value period { end } rank { position of } shareOfParent harmonisedTo } } }`);
    const population = data.area.values.find((v: any) => v.indicator.id === "population");
    expect(population).toMatchObject({ value: 171_703, period: { end: "2019-04-01" }, rank: { position: 3, of: 9 }, harmonisedTo: null });
    expect(population.shareOfParent).toBeCloseTo(13.34, 2);
    // One latest value per indicator (per harmonisation).
    const keys = data.area.values.map((v: any) => `${v.indicator.id}|${v.harmonisedTo}`);
    expect(new Set(keys).size).toBe(keys.length);
    const all = await run(portal, `{ area(code: "171") { values(indicatorId: "ntm-communes", latestOnly: false) { value period { label } } } }`);
    expect(all.area.values.length).toBeGreaterThanOrEqual(1);
  });
});

describe("headline values", () => {
  it("the latest period first, then the most reliable source; the rule is stated and disagreement counted", async () => {
    const data = await run(portal, `{ indicator(id: "population") { latest { value period { end } } headline { rule sourcesForPeriod distinctValues observation { value } } } }`);
    expect(data.indicator.latest).toEqual({ value: 1_286_751, period: { end: "2019-04-01" } });
    expect(data.indicator.headline).toMatchObject({ sourcesForPeriod: 2, distinctValues: 1, observation: { value: 1_286_751 } });
    expect(data.indicator.headline.rule).toMatch(/latest period end.*most reliable source/);
  });

  it("among two values of the same period, the more reliable source's leads (the cause of two 'latest' values on one page)", async () => {
    // Two sources give Bắc Kạn's and the province's figures for the merger; pick a pair from the data itself.
    const rows = await portal.sqlite.all<{ indicator_id: string; area_code: string; period_end: string }>(
      `select o.indicator_id, o.area_code, o.period_end from observations o where o.breakdown_id is null
       group by o.indicator_id, o.area_code, o.period_end having count(distinct o.source_id) > 1 and count(distinct o.value) > 1 limit 1`);
    expect(rows.length).toBe(1);
    const { indicator_id, area_code, period_end } = rows[0];
    const levels = ["official", "primary", "secondary", "weak"];
    const candidates = await portal.sqlite.all<{ key: string; reliability_level: string; period_end: string }>(
      `select o.key, s.reliability_level, o.period_end from observations o join sources s on s.id = o.source_id
       where o.indicator_id = ? and o.area_code = ? and o.breakdown_id is null order by o.period_end desc`, [indicator_id, area_code]);
    const data = await run(portal, `query($i: ID!, $a: ID!) { indicator(id: $i) { latest(areaCode: $a) { id period { end } source { id } } headline(areaCode: $a) { distinctValues } } }`, { i: indicator_id, a: area_code });
    const latestEnd = candidates[0].period_end;
    const best = Math.min(...candidates.filter((c) => c.period_end === latestEnd).map((c) => levels.indexOf(c.reliability_level)));
    const chosen = candidates.find((c) => c.key === data.indicator.latest.id)!;
    expect(chosen.period_end).toBe(latestEnd);
    expect(levels.indexOf(chosen.reliability_level)).toBe(best);
    if (latestEnd === period_end) expect(data.indicator.headline.distinctValues).toBeGreaterThan(1);
  });
});

describe("shapes of the 2025 communes", () => {
  it("92 shapes with their unit, a GeoJSON geometry and the attribution to print under a map", async () => {
    const data = await run(portal, `{ areaShapes { asOf count attributionVi attributionEn source { id licence } shapes { areaCode geometry centre area { name validFrom } } } }`);
    const collection = data.areaShapes;
    expect(collection).toMatchObject({ asOf: "2025-07-01", count: 92 });
    expect(collection.shapes).toHaveLength(92);
    expect(collection.attributionVi).toMatch(/không phải địa giới pháp lý/);
    expect(collection.attributionEn).toMatch(/MIT/);
    const vanLang = collection.shapes.find((s: any) => s.areaCode === "05665");
    expect(vanLang.area.validFrom).toBe("2025-07-01");
    expect(["Polygon", "MultiPolygon"]).toContain(vanLang.geometry.type);
    expect(vanLang.centre).toHaveLength(2);
    const one = await run(portal, `{ area(code: "05665") { shape { areaCode geometry } } old: area(code: "171") { shape { areaCode } } }`);
    expect(one.area.shape.geometry.type).toBe(vanLang.geometry.type);
    expect(one.old.shape).toBeNull();
  });
});

describe("cost and batching", () => {
  it("a map of 180 communes with names, parents, sources and observations costs the same SQL statements as a map of 9 districts, and is within the cost limit", async () => {
    let statements = 0;
    const db = new Kysely<Database>({ dialect: new Sqlite3Dialect(portal.sqlite), log: () => void statements++ });
    const query = (level: string) => `{ indicator(id: "population") { areaValues(level: ${level}, periodEnd: "2019-04-01") {
      values { value rank { position of } area { name parent { name } } source { title } observation { id note } } } } }`;
    const countOf = async (level: string) => {
      statements = 0;
      const result = await graphql({ schema: await portalSchema(), source: query(level), contextValue: createContext(db, portal.meta) });
      expect(result.errors).toBeUndefined();
      return statements;
    };
    const districts = await countOf("DISTRICT");
    expect(await countOf("COMMUNE")).toBe(districts);
    const cost = estimateCost(await portalSchema(), parse(query("COMMUNE")), undefined, {}, portal.listSizes)!;
    expect(cost).toBeGreaterThan(180);
    expect(cost).toBeLessThan(DEFAULT_LIMITS.maxCost);
  });

  it("reads an indicator's coverage once per database: the second map of it is one SQL statement (its values), with the same answer", async () => {
    let statements = 0;
    const db = new Kysely<Database>({ dialect: new Sqlite3Dialect(portal.sqlite), log: () => void statements++ });
    const reference = await loadReferenceData(db);
    const query = `{ indicator(id: "population") { coverage { level period { end } } areaValues(level: COMMUNE, periodEnd: "2019-04-01") { withValue values { value rank { position } } } } }`;
    const answers: unknown[] = [];
    const counts: number[] = [];
    for (let i = 0; i < 2; i++) {
      statements = 0;
      const result = await graphql({ schema: await portalSchema(), source: query, contextValue: createContext(db, portal.meta, reference) });
      expect(result.errors).toBeUndefined();
      answers.push(result.data);
      counts.push(statements);
    }
    expect(counts).toEqual([2, 1]);
    expect(answers[1]).toEqual(answers[0]);
    expect((answers[0] as any).indicator.areaValues.withValue).toBe(180);
  });
});

describe("counts checked against the portal's own unit lists", () => {
  it("flags the article's 109 of 137 xã for 2023 (the lists give 126 by then), and the share computed over it; 108 of 126 at the end of 2023 passes", async () => {
    const data = await run(portal, `{ share: indicator(id: "ntm-communes-share") { observations(areaCode: "19") { value period { label } flags { kind expected onDate noteEn noteVi } } }
      count: indicator(id: "rural-communes") { observations(areaCode: "19") { value period { label } flags { expected } } } }`);
    const share2023 = data.share.observations.find((o: any) => o.period.label === "2023");
    expect(share2023.value).toBeCloseTo((109 / 137) * 100, 10);
    expect(share2023.flags).toEqual([expect.objectContaining({ kind: "UNIT_COUNT", expected: 126, onDate: "2023-12-31" })]);
    expect(share2023.flags[0].noteVi).toMatch(/126 xã vào ngày 31\/12\/2023, không phải 137/);
    expect(data.share.observations.find((o: any) => o.period.label === "cuối 2023").flags).toEqual([]);
    const counts = Object.fromEntries(data.count.observations.map((o: any) => [o.period.label, o.flags.map((f: any) => f.expected)]));
    expect(counts["2023"]).toEqual([126]);
    expect(counts["cuối 2023"]).toEqual([]);
  });
});
