/**
 * Series that survive boundary changes: the 2019 census re-aggregated to the communes of 2025-07-01
 * through the whole lineage (2019 → 2020 → 2023 → 2024 → 2025 and the crosswalk), the merged
 * province's like-for-like baseline, and the refusals. Real ingest, real data; the lineages below
 * were checked by hand against changes.yaml, the crosswalk and the census file.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqlite, type SqliteConnection } from "../api/db/sqlite.js";
import { buildDatabase } from "../data/ingest/build.js";
import { DATA_DIR } from "./helpers/portal.js";

let db: SqliteConnection;
beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), "portal-harmonise-")), "portal.sqlite");
  await buildDatabase({ dataDir: DATA_DIR, outFile: file, buildDate: "2026-01-01" });
  db = await openSqlite(file, "readonly");
});
afterAll(() => db?.close());

interface Harmonised { key: string; value: number | null; status: string; vintage: string; area_id: string; note: string; note_vi: string }
async function harmonised(indicator: string, area: string, source = "gso-census-2019-communes", period = "2019-04-01"): Promise<Harmonised & { components: Record<string, number | null> }> {
  const rows = await db.all<Harmonised>("select key, value, status, vintage, area_id, note, note_vi from harmonised_observations where indicator_id = ? and area_code = ? and source_id = ? and period_end = ?", [indicator, area, source, period]);
  expect(rows, `${indicator} ${area} ${source}`).toHaveLength(1);
  const components = await db.all<{ area_id: string; value: number | null }>("select area_id, value from harmonised_components where harmonised_key = ? order by area_id", [rows[0].key]);
  return { ...rows[0], components: Object.fromEntries(components.map((c) => [c.area_id, c.value])) };
}

describe("the 2019 census harmonised to the communes of 2025-07-01", () => {
  it("Xã Kim Phượng (2025) = Quy Kỳ 4,146 + Kim Phượng 2,675 + Kim Sơn 2,142 (merged into Kim Phượng before 2020) = 8,963", async () => {
    const h = await harmonised("population", "05551");
    expect(h).toMatchObject({ value: 8963, status: "COMPUTED", vintage: "2025-07-01", area_id: "05551@2025-07-01" });
    expect(h.components).toEqual({ "05545@2019-04-01": 4146, "05551@2019-04-01": 2675, "05557@2019-04-01": 2142 });
    expect(h.note).toBe("Harmonised to the units of 1 July 2025 from Quy Kỳ Commune (05545), Kim Phượng Commune (05551), Kim Sơn Commune (05557) (the units of 1 April 2019; each went wholly into Kim Phượng Commune (05551)): 4,146 + 2,675 + 2,142 = 8,963.");
    expect(h.note_vi).toBe("Quy đổi theo đơn vị hành chính ngày 01/07/2025 từ xã Quy Kỳ (05545), xã Kim Phượng (05551), xã Kim Sơn (05557) (đơn vị ngày 01/04/2019, mỗi đơn vị nhập toàn bộ vào xã Kim Phượng (05551)): 4.146 + 2.675 + 2.142 = 8.963.");
    // The census value of 2019 for code 05551 is the old, smaller commune: not the same number.
    expect(await db.all("select value from observations where indicator_id = 'population' and area_code = '05551'")).toEqual([{ value: 2675 }]);
  });

  it("Xã Vạn Phú (2025) = Vạn Thọ 3,490 + Ký Phú 7,723 (Vạn Phú from 2024-12-01) + Văn Yên 7,068 = 18,281", async () => {
    const h = await harmonised("population", "05845");
    expect(h.value).toBe(18281);
    expect(h.components).toEqual({ "05839@2019-04-01": 3490, "05842@2019-04-01": 7068, "05845@2019-04-01": 7723 });
  });

  it("Xã Trại Cau (2025) = thị trấn Trại Cau 3,848 + Tân Lợi 5,064 (merged in 2024) + Hợp Tiến 6,283 = 15,195; urban 3,848, rural 11,347", async () => {
    expect((await harmonised("population", "05662")).value).toBe(15195);
    expect((await harmonised("population-urban", "05662")).value).toBe(3848);
    expect((await harmonised("population-rural", "05662")).value).toBe(11347);
  });

  it("Xã Định Hoá (2025) = Chợ Chu 6,526 + Bảo Linh 2,043 + Phúc Chu 2,613 + Bảo Cường 3,913 + Đồng Thịnh 4,161 = 19,256", async () => {
    const h = await harmonised("population", "05569");
    expect(h.value).toBe(19256);
    expect(Object.keys(h.components)).toEqual(["05536@2019-04-01", "05554@2019-04-01", "05560@2019-04-01", "05569@2019-04-01", "05572@2019-04-01"]);
  });

  it("refuses Xã Phú Bình (2025): Xã Thượng Đình was split between it and Xã Điềm Thuỵ, so no value, and says why", async () => {
    const h = await harmonised("population", "05908");
    expect(h).toMatchObject({ value: null, status: "NOT_COMPARABLE" });
    expect(h.note).toBe("No value harmonised to Phú Bình Commune (05908) (units of 1 July 2025): only a part of Thượng Đình Commune (05932) went into Phú Bình Commune (05908) on 1 July 2025 (a split): the part's value is not known.");
    expect(h.note_vi).toMatch(/chỉ một phần của xã Thượng Đình \(05932\) nhập vào xã Phú Bình \(05908\)/);
  });

  it("refuses Xã Phú Xuyên (2025): a part of Na Mao went into the old Phú Xuyên on 2024-12-01", async () => {
    expect((await harmonised("population", "05773")).note).toMatch(/only a part of Na Mao Commune \(05782\) went into Phú Xuyên Commune \(05797\) on 1 December 2024 \(a split\)/);
  });

  it("refuses the units formed from Sông Công's communes: Xã Vinh Sơn ended in 2019 with no recorded successor", async () => {
    for (const code of ["05518", "05528", "05533", "05503"]) {
      const h = await harmonised("population", code);
      expect(h.status, code).toBe("NOT_COMPARABLE");
      expect(h.note).toMatch(/Vinh Sơn Commune \(05524\) \(in Sông Công City \(165\) on 1 April 2019\) ended with no recorded successor/);
    }
  });

  it("of the 92 communes, 44 get a value and 48 are refused, each with a reason; every value is the sum of its components", async () => {
    const rows = await db.all<{ key: string; value: number | null; status: string }>("select key, value, status from harmonised_observations where indicator_id = 'population' and source_id = 'gso-census-2019-communes' and length(area_code) = 5");
    expect(rows).toHaveLength(92);
    expect(rows.filter((r) => r.value !== null)).toHaveLength(44);
    for (const row of rows.filter((r) => r.value !== null)) {
      const [{ sum }] = await db.all<{ sum: number }>("select sum(value) as sum from harmonised_components where harmonised_key = ?", [row.key]);
      expect(sum).toBe(row.value);
    }
  });
});

describe("the merged province (19 from 2025-07-01), like for like", () => {
  it("2025 before the merger: old Thái Nguyên 1,434,171 + Bắc Kạn 365,318 = 1,799,489, from the same source and period", async () => {
    const h = await harmonised("population-reorganisation-scale", "19", "vietnamvn-merger-2025", "2025-06-30");
    expect(h).toMatchObject({ value: 1799489, status: "COMPUTED", area_id: "19@2025-07-01" });
    expect(h.components).toEqual({ "06@2025-03-01": 365318, "19@2019-04-01": 1434171 });
    expect((await harmonised("land-area", "19", "vietnamvn-merger-2025", "2025-06-30")).value).toBe(8375.21);
  });

  it("no 2019 census baseline: the geography knows Bắc Kạn only from 2025-03-01", async () => {
    const h = await harmonised("population", "19");
    expect(h.value).toBeNull();
    expect(h.note).toMatch(/the portal's geography knows Bắc Kạn Province \(06\) only from 1 March 2025/);
  });

  it("only additive counts are harmonised, never shares, ratios or densities", async () => {
    const indicators = (await db.all<{ indicator_id: string }>("select distinct indicator_id from harmonised_observations order by 1")).map((r) => r.indicator_id);
    expect(indicators).toContain("population");
    expect(indicators.filter((i) => /share|density|rank/.test(i))).toEqual([]);
  });
});
