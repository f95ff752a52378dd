/**
 * Geography: the units of Thái Nguyên by date through the 2025 reorganisation, built by the real
 * ingest from the real unit lists, changes and crosswalk (data/geography), read through the API.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { graphql } from "graphql";
import { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PortalDatabase } from "../api/db/connect.js";
import type { Database } from "../api/db/database.js";
import { Sqlite3Dialect } from "../api/db/dialect.js";
import { createContext } from "../api/schema/context.js";
import { portalSchema } from "../api/schema/index.js";
import { buildDatabase } from "../data/ingest/build.js";
import { DataError } from "../data/ingest/errors.js";
import { buildTestPortal, DATA_DIR, run } from "./helpers/portal.js";

let portal: PortalDatabase;
beforeAll(async () => {
  portal = await buildTestPortal();
});
afterAll(() => portal?.close());

/** Number of units matching filters (totalCount of areas). */
async function count(filters: string): Promise<number> {
  return (await run(portal, `{ areas(${filters}, first: 1) { totalCount } }`)).areas.totalCount;
}
const communesOfProvince = (date: string, extra = "") => count(`withinCode: "19", level: COMMUNE, asOf: "${date}"${extra}`);

describe("commune-level units of Thái Nguyên by date", () => {
  it("178 in 2020–2021 (137 xã, 32 phường, 9 thị trấn), as the news article's “109 of 137 xã” and “178 kênh cấp xã”", async () => {
    for (const date of ["2020-01-01", "2021-06-30", "2022-04-09"]) expect(await communesOfProvince(date)).toBe(178);
    expect(await communesOfProvince("2021-06-30", ", unitType: XA")).toBe(137);
    expect(await communesOfProvince("2021-06-30", ", unitType: PHUONG")).toBe(32);
    expect(await communesOfProvince("2021-06-30", ", unitType: THI_TRAN")).toBe(9);
  });

  it("178 from 2022-04-10 with Phổ Yên a city (128 xã, 41 phường, 9 thị trấn), 177 from 2023-04-10, 172 on 2025-03-01, 92 from 2025-07-01", async () => {
    expect(await communesOfProvince("2022-04-10")).toBe(178);
    expect(await communesOfProvince("2022-10-01", ", unitType: XA")).toBe(128);
    expect(await communesOfProvince("2022-10-01", ", unitType: PHUONG")).toBe(41);
    expect(await communesOfProvince("2023-04-09")).toBe(178);
    expect(await communesOfProvince("2023-04-10")).toBe(177);
    expect(await communesOfProvince("2025-03-01")).toBe(172);
    expect(await communesOfProvince("2025-03-01", ", unitType: XA")).toBe(121);
    expect(await communesOfProvince("2025-03-01", ", unitType: THI_TRAN")).toBe(10);
    expect(await communesOfProvince("2025-06-30")).toBe(172);
    expect(await communesOfProvince("2025-07-01")).toBe(92);
    expect(await communesOfProvince("2025-07-01", ", unitType: XA")).toBe(77);
    expect(await communesOfProvince("2025-07-01", ", unitType: PHUONG")).toBe(15);
  });

  it("9 district-level units until 2025-06-30 (Phổ Yên a thị xã until 2022-04-09), none from 2025-07-01; Bắc Kạn 8 and 108 before the merger", async () => {
    expect(await count(`parentCode: "19", level: DISTRICT, asOf: "2021-06-30"`)).toBe(9);
    expect(await count(`parentCode: "19", level: DISTRICT, asOf: "2021-06-30", unitType: THI_XA`)).toBe(1);
    expect(await count(`parentCode: "19", level: DISTRICT, asOf: "2025-06-30"`)).toBe(9);
    expect(await count(`withinCode: "19", level: DISTRICT, asOf: "2025-07-01"`)).toBe(0);
    expect(await count(`parentCode: "06", level: DISTRICT, asOf: "2025-03-01"`)).toBe(8);
    expect(await count(`withinCode: "06", level: COMMUNE, asOf: "2025-03-01"`)).toBe(108);
    expect(await count(`withinCode: "06", asOf: "2025-07-01"`)).toBe(0);
  });

  it("agrees with the article's figures in the observations: 137 rural communes and 178 commune-level channels are the 2020–2021 state; 126 xã at the end of 2023", async () => {
    const value = async (indicator: string, source: string) =>
      (await run(portal, `{ observations(indicatorId: "${indicator}", sourceId: "${source}") { nodes { value } } }`)).observations.nodes[0].value;
    expect(await value("rural-communes", "thi-dua-2023")).toBe(137);
    expect(await communesOfProvince("2021-06-30", ", unitType: XA")).toBe(await value("rural-communes", "thi-dua-2023"));
    expect(await value("data-network-channels-commune", "thi-dua-2023")).toBe(178);
    expect(await communesOfProvince("2021-06-30")).toBe(await value("data-network-channels-commune", "thi-dua-2023"));
    expect(await communesOfProvince("2023-12-31", ", unitType: XA")).toBe(await value("rural-communes", "tothethao-ntm-2025"));
  });

  it("180 on 2019-04-01, the census date (139 xã, 32 phường, 9 thị trấn); 178 from 2020-01-01", async () => {
    expect(await communesOfProvince("2019-04-01")).toBe(180);
    expect(await communesOfProvince("2019-12-31")).toBe(180);
    expect(await communesOfProvince("2019-04-01", ", unitType: XA")).toBe(139);
    expect(await communesOfProvince("2019-04-01", ", unitType: PHUONG")).toBe(32);
    expect(await communesOfProvince("2019-04-01", ", unitType: THI_TRAN")).toBe(9);
    expect(await communesOfProvince("2020-01-01")).toBe(178);
    expect(await count(`parentCode: "165", level: COMMUNE, asOf: "2019-04-01"`)).toBe(11);
    expect(await count(`parentCode: "167", level: COMMUNE, asOf: "2019-04-01"`)).toBe(24);
    expect(await count(`parentCode: "167", level: COMMUNE, asOf: "2020-01-01"`)).toBe(23);
  });

  it("has nothing before 2019-04-01, where the geography starts", async () => {
    expect(await count(`asOf: "2019-03-31"`)).toBe(0);
    expect((await run(portal, `{ area(code: "19", asOf: "2019-03-31") { id } }`)).area).toBeNull();
  });
});

describe("communes per district in 2021 (parentCode + asOf)", () => {
  it("Phú Bình 20 (19 xã), Đại Từ 30, Thái Nguyên city 32; Đại Từ 29 after 2023-04-10", async () => {
    expect(await count(`parentCode: "173", level: COMMUNE, asOf: "2021-06-30"`)).toBe(20);
    expect(await count(`parentCode: "173", level: COMMUNE, asOf: "2021-06-30", unitType: XA`)).toBe(19);
    expect(await count(`parentCode: "171", level: COMMUNE, asOf: "2021-06-30"`)).toBe(30);
    expect(await count(`parentCode: "164", level: COMMUNE, asOf: "2021-06-30"`)).toBe(32);
    expect(await count(`parentCode: "171", level: COMMUNE, asOf: "2023-04-10"`)).toBe(29);
    expect(await count(`parentCode: "19", level: COMMUNE, asOf: "2025-07-01"`)).toBe(92);
  });

  it("Area.children gives the same, on a date or on the version's last day", async () => {
    const data = await run(portal, `{ area(code: "173", asOf: "2021-06-30") { fullName children(asOf: "2021-06-30") { code } } latest: area(code: "19") { children { code level } } }`);
    expect(data.area.fullName).toBe("Huyện Phú Bình");
    expect(data.area.children).toHaveLength(20);
    expect(data.latest.children).toHaveLength(92);
    expect(data.latest.children.every((c: { level: string }) => c.level === "COMMUNE")).toBe(true);
  });
});

const CHANGE = `date dateNote kind partial note source { id } area { id code fullName unitType validFrom validTo }`;

describe("versions and succession", () => {
  it("05869 was Xã Hồng Tiến until 2022-04-09 and Phường Hồng Tiến from 2022-04-10 (Resolution 469/NQ-UBTVQH15): a new version, not an overwrite", async () => {
    const data = await run(portal, `{ before: area(code: "05869", asOf: "2022-04-09") { id fullName unitType validFrom validTo validityNote wentInto { ${CHANGE} } }
      after: area(code: "05869", asOf: "2022-04-10") { id fullName unitType validFrom validTo parent(asOf: "2022-04-10") { fullName } formedFrom { ${CHANGE} } } }`);
    expect(data.before).toMatchObject({ id: "05869@2019-04-01", fullName: "Xã Hồng Tiến", unitType: "XA", validFrom: "2019-04-01", validTo: "2022-04-09" });
    expect(data.before.validityNote).toMatch(/earlier history is not covered/);
    expect(data.before.wentInto).toEqual([expect.objectContaining({
      date: "2022-04-10", dateNote: null, kind: "TYPE_CHANGE", partial: false, source: { id: "nq-469-2022" },
      area: expect.objectContaining({ id: "05869@2022-04-10", fullName: "Phường Hồng Tiến", unitType: "PHUONG" }),
    })]);
    expect(data.after).toMatchObject({ id: "05869@2022-04-10", validFrom: "2022-04-10", validTo: "2025-06-30", parent: { fullName: "Thành phố Phổ Yên" } });
    expect(data.after.formedFrom.map((c: any) => c.area.id)).toEqual(["05869@2019-04-01"]);
  });

  it("Phổ Yên (172) was a thị xã until 2022-04-09, then a thành phố; its communes' parent follows the date", async () => {
    const data = await run(portal, `{ old: area(code: "172", asOf: "2021-01-01") { fullName fullNameEn unitType validTo source { id } }
      new: area(code: "172", asOf: "2022-04-10") { fullName unitType validFrom validTo }
      commune: area(code: "05860", asOf: "2021-01-01") { early: parent(asOf: "2021-01-01") { fullName } late: parent { fullName } } }`);
    expect(data.old).toEqual({ fullName: "Thị xã Phổ Yên", fullNameEn: "Pho Yen Town", unitType: "THI_XA", validTo: "2022-04-09", source: { id: "nq-469-2022" } });
    expect(data.new).toEqual({ fullName: "Thành phố Phổ Yên", unitType: "THANH_PHO_THUOC_TINH", validFrom: "2022-04-10", validTo: "2025-06-30" });
    expect(data.commune).toEqual({ early: { fullName: "Thị xã Phổ Yên" }, late: { fullName: "Thành phố Phổ Yên" } });
  });

  it("2023-04-10: Hóa Thượng and Quân Chu (05851) became thị trấn; the older thị trấn Quân Chu (05764) merged into 05851", async () => {
    const data = await run(portal, `{ hoa: area(code: "05692", asOf: "2023-04-10") { fullName validFrom }
      old: area(code: "05764", asOf: "2023-04-09") { validTo wentInto { ${CHANGE} } }
      quanChu: area(code: "05851", asOf: "2023-04-10") { fullName formedFrom { kind area { id fullName } } } }`);
    expect(data.hoa).toEqual({ fullName: "Thị trấn Hóa Thượng", validFrom: "2023-04-10" });
    expect(data.old.validTo).toBe("2023-04-09");
    expect(data.old.wentInto).toEqual([expect.objectContaining({ date: "2023-04-10", kind: "MERGE", partial: false, area: expect.objectContaining({ id: "05851@2023-04-10" }) })]);
    expect(data.quanChu.fullName).toBe("Thị trấn Quân Chu");
    expect(data.quanChu.formedFrom.map((c: any) => [c.kind, c.area.id, c.area.fullName])).toEqual([
      ["MERGE", "05764@2019-04-01", "Thị trấn Quân Chu"],
      ["TYPE_CHANGE", "05851@2019-04-01", "Xã Quân Chu"],
    ]);
  });

  it("changes between 2022-10-01 and 2025-03-01 are recorded at the 2025-03-01 list and say that the exact date is unknown", async () => {
    const data = await run(portal, `{ choChu: area(code: "05569", asOf: "2025-03-01") { fullName validFrom validityNote validityNoteVi formedFrom { ${CHANGE} } }
      vanTho: area(code: "05839") { fullName validTo validityNote wentInto { kind } } }`);
    expect(data.choChu.fullName).toBe("Thị trấn Chợ Chu");
    expect(data.choChu.validFrom).toBe("2025-03-01");
    expect(data.choChu.validityNote).toMatch(/between 1 October 2022 and 1 March 2025: recorded from 1 March 2025 \(the exact date is not known to the portal\)/);
    expect(data.choChu.validityNoteVi).toMatch(/trong khoảng từ 01\/10\/2022 đến 01\/03\/2025: ghi từ ngày 01\/03\/2025 \(cổng dữ liệu không biết ngày chính xác\)/);
    const byId = Object.fromEntries(data.choChu.formedFrom.map((c: any) => [c.area.id, c]));
    expect(byId["05569@2019-04-01"]).toMatchObject({ kind: "TYPE_CHANGE", date: "2025-03-01", area: { fullName: "Xã Bảo Cường" }, source: { id: "gso-units-2025-03-01" } });
    expect(byId["05569@2019-04-01"].dateNote).toMatch(/^Between 1 October 2022 and 1 March 2025/);
    expect(byId["05536@2019-04-01"]).toMatchObject({ kind: "MERGE", area: { fullName: "Thị trấn Chợ Chu", validTo: "2025-02-28" } });
    expect(byId["05536@2019-04-01"].note).toMatch(/inferred/);
    expect(data.vanTho).toMatchObject({ fullName: "Xã Vạn Thọ", validTo: "2024-11-30", wentInto: [{ kind: "MERGE" }] });
  });

  it("late 2019: Xã Kim Sơn went wholly into Xã Kim Phượng (a new version of 05551 from 2020-01-01); 05509 Lương Châu became Châu Sơn; Xã Vinh Sơn ended with no recorded successor", async () => {
    const data = await run(portal, `{ kimSon: area(code: "05557") { fullName validFrom validTo wentInto { ${CHANGE} } }
      kimPhuong: area(code: "05551", asOf: "2020-01-01") { id validFrom formedFrom { kind partial area { id fullName } } }
      luongChau: area(code: "05509", asOf: "2019-04-01") { fullName validTo wentInto { kind area { id fullName } } }
      vinhSon: area(code: "05524") { fullName parent { fullName } validFrom validTo validityNote wentInto { kind } } }`);
    expect(data.kimSon).toMatchObject({ fullName: "Xã Kim Sơn", validFrom: "2019-04-01", validTo: "2019-12-31" });
    expect(data.kimSon.wentInto).toEqual([expect.objectContaining({ kind: "MERGE", partial: false, date: "2020-01-01", source: { id: "kim-phuong-commune-history" }, area: expect.objectContaining({ id: "05551@2020-01-01" }) })]);
    expect(data.kimSon.wentInto[0].dateNote).toMatch(/resolution of the Standing Committee of the National Assembly dated 2019-11-21/);
    expect(data.kimPhuong.formedFrom.map((c: any) => [c.kind, c.partial, c.area.id, c.area.fullName])).toEqual([
      ["MERGE", false, "05551@2019-04-01", "Xã Kim Phượng"],
      ["MERGE", false, "05557@2019-04-01", "Xã Kim Sơn"],
    ]);
    expect(data.luongChau).toEqual({ fullName: "Phường Lương Châu", validTo: "2019-12-31", wentInto: [{ kind: "RENAME", area: { id: "05509@2020-01-01", fullName: "Phường Châu Sơn" } }] });
    expect(data.vinhSon).toMatchObject({ fullName: "Xã Vinh Sơn", parent: { fullName: "Thành phố Sông Công" }, validFrom: "2019-04-01", validTo: "2019-12-31", wentInto: [] });
  });

  it("2024-12-01 (Resolution 1240/NQ-UBTVQH15): Vạn Thọ and Ký Phú became Vạn Phú; Na Mao was split between Phú Xuyên and Phú Cường; Tân Lợi went into Trại Cau", async () => {
    const data = await run(portal, `{ naMao: area(code: "05782") { validTo wentInto { kind partial date area { id fullName } } }
      vanPhu: area(code: "05845", asOf: "2024-12-01") { fullName formedFrom { kind partial area { fullName } } }
      traiCau: area(code: "05662", asOf: "2024-12-01") { validFrom formedFrom { kind area { id fullName } source { id } } } }`);
    expect(data.naMao.validTo).toBe("2024-11-30");
    expect(data.naMao.wentInto).toEqual([
      { kind: "SPLIT", partial: true, date: "2024-12-01", area: { id: "05779@2024-12-01", fullName: "Xã Phú Cường" } },
      { kind: "SPLIT", partial: true, date: "2024-12-01", area: { id: "05797@2024-12-01", fullName: "Xã Phú Xuyên" } },
    ]);
    expect(data.vanPhu.fullName).toBe("Xã Vạn Phú");
    expect(data.vanPhu.formedFrom.map((c: any) => [c.kind, c.partial, c.area.fullName])).toEqual([["MERGE", false, "Xã Vạn Thọ"], ["RENAME", false, "Xã Ký Phú"]]);
    expect(data.traiCau.validFrom).toBe("2024-12-01");
    expect(data.traiCau.formedFrom.map((c: any) => [c.kind, c.area.id, c.source.id])).toEqual([
      ["MERGE", "05662@2019-04-01", "laodong-1240-2024"],
      ["MERGE", "05704@2019-04-01", "laodong-1240-2024"],
    ]);
  });

  it("2025-07-01: several communes merged into Xã Định Hoá (05569)", async () => {
    const data = await run(portal, `{ area(code: "05569") { id fullName parentCode validFrom validTo formedFrom { ${CHANGE} } } }`);
    expect(data.area).toMatchObject({ id: "05569@2025-07-01", fullName: "Xã Định Hoá", parentCode: "19", validFrom: "2025-07-01", validTo: null });
    expect(data.area.formedFrom.map((c: any) => [c.area.code, c.area.fullName, c.kind, c.partial, c.date, c.source.id])).toEqual([
      ["05554", "Xã Bảo Linh", "MERGE", false, "2025-07-01", "dvhcvn-crosswalk-2025"],
      ["05560", "Xã Phúc Chu", "MERGE", false, "2025-07-01", "dvhcvn-crosswalk-2025"],
      ["05569", "Thị trấn Chợ Chu", "MERGE", false, "2025-07-01", "dvhcvn-crosswalk-2025"],
      ["05572", "Xã Đồng Thịnh", "MERGE", false, "2025-07-01", "dvhcvn-crosswalk-2025"],
    ]);
  });

  it("2025-07-01: a split is marked partial (Xã Thượng Đình went partly into Xã Phú Bình, partly into Xã Điềm Thụy)", async () => {
    const data = await run(portal, `{ old: area(code: "05932", asOf: "2025-06-30") { fullName wentInto { kind partial area { code fullName } } }
      phuBinh: area(code: "05908") { fullName formedFrom { kind partial area { code fullName } } } }`);
    expect(data.old.fullName).toBe("Xã Thượng Đình");
    expect(data.old.wentInto).toEqual([
      { kind: "SPLIT", partial: true, area: { code: "05908", fullName: "Xã Phú Bình" } },
      { kind: "SPLIT", partial: true, area: { code: "05941", fullName: "Xã Điềm Thuỵ" } },
    ]);
    expect(data.phuBinh.formedFrom.map((c: any) => [c.area.code, c.kind, c.partial])).toEqual([
      ["05908", "MERGE", false], // Thị trấn Hương Sơn
      ["05929", "MERGE", false],
      ["05932", "SPLIT", true],
      ["05938", "MERGE", false],
      ["05944", "MERGE", false],
      ["05950", "MERGE", false],
    ]);
  });

  it("2025-07-01: the merged province 19 is a new version formed from Thái Nguyên and Bắc Kạn, which end on 2025-06-30", async () => {
    const data = await run(portal, `{ now: area(code: "19") { id validFrom validTo formedFrom { ${CHANGE} } }
      before: area(code: "19", asOf: "2025-06-30") { id validTo }
      bacKan: area(code: "06") { fullName validFrom validTo validityNote wentInto { kind area { id } } } }`);
    expect(data.now).toMatchObject({ id: "19@2025-07-01", validFrom: "2025-07-01", validTo: null });
    expect(data.now.formedFrom.map((c: any) => [c.area.id, c.kind, c.partial, c.source.id])).toEqual([
      ["06@2025-03-01", "PROVINCE_MERGER", false, "nq-202-2025"],
      ["19@2019-04-01", "PROVINCE_MERGER", false, "nq-202-2025"],
    ]);
    expect(data.before).toEqual({ id: "19@2019-04-01", validTo: "2025-06-30" });
    expect(data.bacKan).toMatchObject({ fullName: "Tỉnh Bắc Kạn", validFrom: "2025-03-01", validTo: "2025-06-30", wentInto: [{ kind: "PROVINCE_MERGER", area: { id: "19@2025-07-01" } }] });
    expect(data.bacKan.validityNote).toMatch(/Known from the unit list of 1 March 2025 only/);
  });

  it("no code is carried by two units on the same day", async () => {
    const all: { code: string; validFrom: string; validTo: string | null }[] = [];
    let after: string | null = null;
    do {
      const page: any = (await run(portal, `query ($after: String) { areas(first: 1000, after: $after) { nodes { code validFrom validTo } pageInfo { hasNextPage endCursor } } }`, { after })).areas;
      all.push(...page.nodes);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(all.length).toBe(420);
    const byCode = new Map<string, typeof all>();
    for (const a of all) byCode.set(a.code, [...(byCode.get(a.code) ?? []), a]);
    for (const versions of byCode.values()) {
      for (let i = 1; i < versions.length; i++) expect(versions[i - 1].validTo! < versions[i].validFrom).toBe(true);
    }
  });
});

describe("observations of an area version", () => {
  it("values until 2025-06-30 belong to the old version of code 19 (the 2019 census too), those from 2025-07-01 to the merged province", async () => {
    const data = await run(portal, `{ old: area(code: "19", asOf: "2021-01-01") { observations(indicatorId: "rural-communes") { value period { label } } population: observations(indicatorId: "population") { value source { id } } }
      before: area(code: "19", asOf: "2025-06-30") { scale: observations(indicatorId: "population-reorganisation-scale") { value period { end } } }
      now: area(code: "19") { scale: observations(indicatorId: "population-reorganisation-scale") { value period { end } } area: observations(indicatorId: "land-area") { value source { id } } }
      bacKan: area(code: "06") { observations { indicator { id } value } }
      city: area(code: "164") { observations(indicatorId: "farmer-households-registered") { value status } } }`);
    expect(data.old.observations.map((o: any) => [o.period.label, o.value])).toEqual([["2022-H1", 137], ["2023", 137], ["cuối 2023", 126], ["2024", 126]]);
    expect(data.old.population.map((o: any) => [o.source.id, o.value])).toEqual([["wikipedia-thai-nguyen", 1286751], ["gso-census-2019-communes", 1286751]]); // the typed value first, then the computed one
    expect(data.before.scale).toEqual([{ value: 1434171, period: { end: "2024-12-31" } }, { value: 1434171, period: { end: "2025-06-30" } }]);
    expect(data.now.scale.map((o: any) => o.value)).toContain(1799489);
    expect(data.now.scale.every((o: any) => o.period.end === "2025-07-01")).toBe(true);
    expect(data.now.area).toContainEqual({ value: 8375.21, source: { id: "vietnamvn-merger-2025" } });
    expect(data.bacKan.observations.filter((o: any) => o.indicator.id !== "population-density-reorganisation")).toEqual([
      { indicator: { id: "land-area" }, value: 4853.25 }, { indicator: { id: "population-reorganisation-scale" }, value: 365318 },
    ]);
    expect(data.city.observations).toEqual([{ value: 74000, status: "APPROXIMATE" }]);
  });
});

describe("field resolvers batch their queries", () => {
  it("a page of 92 communes with parents, links, sources and observations costs as many SQL queries as a page of 3", async () => {
    let queries = 0;
    const db = new Kysely<Database>({ dialect: new Sqlite3Dialect(portal.sqlite), log: () => void queries++ });
    const costOf = async (first: number) => {
      queries = 0;
      const result = await graphql({
        schema: await portalSchema(),
        source: `{ areas(withinCode: "19", level: COMMUNE, asOf: "2025-07-01", first: ${first}) { nodes { code parent { code } formedFrom { kind area { code parent { code } } source { id } } wentInto { kind } children { code } observations { value } } } }`,
        contextValue: createContext(db, portal.meta),
      });
      expect(result.errors).toBeUndefined();
      expect((result.data as any).areas.nodes).toHaveLength(first);
      return queries;
    };
    const few = await costOf(3);
    expect(few).toBeGreaterThan(5); // the log sees every query
    expect(await costOf(92)).toBe(few);
  });
});

describe("search by name", () => {
  const search = async (q: string, extra = "") => (await run(portal, `query ($q: String) { areas(search: $q${extra}, first: 20) { totalCount nodes { id code fullName } } }`, { q })).areas;

  it("ignores diacritics, case and the unit-type prefix: “phu binh”, “PHÚ BÌNH”, “Huyện Phú Bình” find huyện Phú Bình first", async () => {
    for (const q of ["phu binh", "PHÚ BÌNH", "Phú Bình", "Huyện Phú Bình", "huyen phu binh"]) {
      expect((await search(q)).nodes[0], q).toMatchObject({ code: "173", fullName: "Huyện Phú Bình" });
    }
    expect((await search("phu binh")).nodes.map((n: any) => n.fullName)).toContain("Xã Phú Bình");
    // With the prefix of another type, that unit comes first.
    expect((await search("xã phú bình")).nodes[0]).toMatchObject({ code: "05908", fullName: "Xã Phú Bình" });
  });

  it("“thai nguyen” finds the province (both versions) and the city; “TP. Thái Nguyên” the city first", async () => {
    const hits = await search("thai nguyen");
    expect(hits.nodes.slice(0, 3).map((n: any) => n.id)).toEqual(["19@2019-04-01", "19@2025-07-01", "164@2019-04-01"]);
    expect((await search("TP. Thái Nguyên")).nodes[0]).toMatchObject({ code: "164", fullName: "Thành phố Thái Nguyên" });
    expect((await search("thai nguyen", `, asOf: "2025-07-01"`)).nodes.map((n: any) => n.id)).toEqual(["19@2025-07-01"]);
  });

  it("matches whole words, the last word also as a beginning; English names too", async () => {
    expect((await search("phu bi")).nodes[0]).toMatchObject({ code: "173" });
    expect((await search("pho")).nodes.map((n: any) => n.code)).not.toContain("05443"); // “pho” is not “Phong”
    expect((await search("Pho Yen City")).nodes[0]).toMatchObject({ id: "172@2022-04-10" });
  });

  it("pages through ranked results with cursors", async () => {
    const two = await run(portal, `{ areas(search: "thai nguyen", first: 2) { nodes { id } } }`);
    const first = await run(portal, `{ areas(search: "thai nguyen", first: 1) { nodes { id } pageInfo { endCursor hasNextPage } } }`);
    expect(first.areas.pageInfo.hasNextPage).toBe(true);
    const next = await run(portal, `query ($after: String) { areas(search: "thai nguyen", first: 1, after: $after) { nodes { id } } }`, { after: first.areas.pageInfo.endCursor });
    expect([...first.areas.nodes, ...next.areas.nodes]).toEqual(two.areas.nodes);
  });
});

describe("a broken geography file fails the build with file, line and column", () => {
  function copyOfData(): string {
    const dir = join(mkdtempSync(join(tmpdir(), "portal-geo-")), "data");
    cpSync(DATA_DIR, dir, { recursive: true, filter: (src) => !src.includes(join("data", "ingest")) });
    return dir;
  }
  const lineOf = (text: string, start: string) => text.split("\n").findIndex((l) => l.startsWith(start)) + 1;
  async function breakAndBuild(file: string, change: (text: string) => string): Promise<{ error: DataError; text: string }> {
    const dir = copyOfData();
    const path = join(dir, "geography", file);
    const text = change(readFileSync(path, "utf8"));
    writeFileSync(path, text);
    try {
      await buildDatabase({ dataDir: dir, outFile: join(dir, "..", "portal.sqlite") });
    } catch (error) {
      if (error instanceof DataError) return { error, text };
      throw error;
    }
    throw new Error("the build succeeded but should have failed");
  }

  it("a duplicated code in a unit list", async () => {
    const row = "05869,commune,phuong,Hồng Tiến,Phường Hồng Tiến,Hong Tien,Hong Tien Ward,172";
    const { error, text } = await breakAndBuild("thai-nguyen-units-2022-10-01.csv", (t) => `${t.trimEnd()}\r\n${row}\r\n`);
    expect(error.file).toContain("geography/thai-nguyen-units-2022-10-01.csv");
    expect(error.line).toBe(text.trimEnd().split("\n").length);
    expect(error.column).toBe(1);
    expect(error.message).toMatch(/duplicate code 05869 .*already on line 156/);
  });

  it("a crosswalk code missing from its snapshot", async () => {
    const { error, text } = await breakAndBuild("thai-nguyen-units-2025-07-01-crosswalk.csv", (t) => t.replace("19,05554,Xã Bảo Linh,", "19,05555,Xã Bảo Linh,"));
    expect(error.file).toContain("geography/thai-nguyen-units-2025-07-01-crosswalk.csv");
    expect(error.line).toBe(lineOf(text, "19,05555,"));
    expect(error.column).toBe(2);
    expect(error.message).toMatch(/old_code 05555 is not a commune-level unit of .*2025-03-01\.csv/);
  });

  it("a new code of the crosswalk missing from the 2025-07-01 list", async () => {
    const { error, text } = await breakAndBuild("thai-nguyen-units-2025-07-01-crosswalk.csv", (t) => t.replace("19,05572,Xã Đồng Thịnh,05569,", "19,05572,Xã Đồng Thịnh,05570,"));
    expect(error.line).toBe(lineOf(text, "19,05572,"));
    expect(error.column).toBe(4);
    expect(error.message).toMatch(/new_code 05570 is not a commune-level unit/);
  });

  it("a difference between two lists that no change explains", async () => {
    const { error, text } = await breakAndBuild("thai-nguyen-bac-kan-units-2025-03-01.csv", (t) => t.replace("05881,commune,xa,", "05881,commune,phuong,"));
    expect(error.file).toContain("thai-nguyen-bac-kan-units-2025-03-01.csv");
    expect(error.line).toBe(lineOf(text, "05881,"));
    expect(error.column).toBe(3);
    expect(error.message).toMatch(/unit_type of 05881 is "phuong" here but "xa" .* no change in data\/geography\/changes\.yaml explains/);
  });

  it("a unit that disappears without a change that ends it", async () => {
    const { error } = await breakAndBuild("changes.yaml", (t) => t.replace(`    - { code: "05704", change: MERGED, into: "05662" }\n`, ""));
    expect(error.file).toContain("geography/thai-nguyen-units-2022-10-01.csv");
    expect(error.line).toBe(lineOf(readFileSync(join(DATA_DIR, "geography/thai-nguyen-units-2022-10-01.csv"), "utf8"), "05704,"));
    expect(error.message).toMatch(/05704 Xã Tân Lợi is not in .*2025-03-01\.csv .*no change/);
  });

  it("a 2019 unit of the census list that the model does not have on 2019-04-01", async () => {
    const { error, text } = await breakAndBuild("thai-nguyen-population-census-2019-communes.csv", (t) => t.replace("05524,Xã Vinh Sơn,", "05525,Xã Vinh Sơn,"));
    expect(error.file).toContain("geography/thai-nguyen-population-census-2019-communes.csv");
    expect(error.line).toBe(lineOf(text, "05525,"));
    expect(error.message).toMatch(/05525 Xã Vinh Sơn is in the census list, but no commune-level unit with this code is valid on 2019-04-01/);
  });

  it("a count that does not match (counts.yaml)", async () => {
    const { error, text } = await breakAndBuild("counts.yaml", (t) => t.replace("  communeTypes: { xa: 137,", "  communeTypes: { xa: 136,"));
    expect(error.file).toContain("geography/counts.yaml");
    expect(error.line).toBe(lineOf(text, "  communeTypes: { xa: 136,"));
    expect(error.message).toMatch(/19 on 2020-01-01: the model has 137 xa, expected 136/);
  });

  it("a change with an unknown source (changes.yaml)", async () => {
    const { error, text } = await breakAndBuild("changes.yaml", (t) => t.replace("  source: nq-469-2022\n", "  source: nq-470-2022\n"));
    expect(error.file).toContain("geography/changes.yaml");
    expect(error.line).toBe(lineOf(text, "  source: nq-470-2022"));
    expect(error.message).toMatch(/unknown source "nq-470-2022"/);
  });
});
