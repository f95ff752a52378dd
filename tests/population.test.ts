/**
 * Population, area and density: the 2019 census by commune, the totals the ingest computes from it
 * (checked against published totals), the known differences, computed shares and densities, built by
 * the real ingest from the real data.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqlite, type SqliteConnection } from "../api/db/sqlite.js";
import { buildDatabase } from "../data/ingest/build.js";
import { DataError } from "../data/ingest/errors.js";
import { DATA_DIR } from "./helpers/portal.js";

let db: SqliteConnection;
beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), "portal-population-")), "portal.sqlite");
  await buildDatabase({ dataDir: DATA_DIR, outFile: file, buildDate: "2026-01-01" });
  db = await openSqlite(file, "readonly");
});
afterAll(() => db?.close());

type Row = { value: number; status: string; source_id: string; note: string | null; note_vi: string | null };
const values = (indicator: string, area: string, period = "2019-04-01") =>
  db.all<Row>("select value, status, source_id, note, note_vi from observations where indicator_id = ? and area_code = ? and period_end = ? and breakdown_id is null order by source_id", [indicator, area, period]);

function copyOfData(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "portal-pop-data-")), "data");
  cpSync(DATA_DIR, dir, { recursive: true, filter: (src) => !src.includes(join("data", "ingest")) });
  return dir;
}
async function buildError(dir: string): Promise<DataError> {
  try {
    await buildDatabase({ dataDir: dir, outFile: join(dir, "..", "portal.sqlite") });
  } catch (error) {
    if (error instanceof DataError) return error;
    throw error;
  }
  throw new Error("the build succeeded but should have failed");
}

describe("the 2019 census by commune", () => {
  it("holds total, urban and rural for all 180 units of 2019-04-01, as in the census file", async () => {
    const census = parse(readFileSync(join(DATA_DIR, "geography/thai-nguyen-population-census-2019-communes.csv")), { columns: true }) as Record<string, string>[];
    expect(census).toHaveLength(180);
    for (const [indicator, column] of [["population", "population_total"], ["population-urban", "population_urban"], ["population-rural", "population_rural"]]) {
      const rows = await db.all<{ area_code: string; value: number }>(
        "select area_code, value from observations where indicator_id = ? and source_id = 'gso-census-2019-communes' and status = 'REPORTED' order by area_code", [indicator]);
      expect(rows).toHaveLength(180);
      expect(Object.fromEntries(rows.map((r) => [r.area_code, r.value]))).toEqual(Object.fromEntries(census.map((c) => [c.commune_code, Number(c[column])])));
    }
    // The two units merged away before 2020 are there, with the census's values.
    expect((await values("population", "05524")).map((r) => r.value)).toEqual([2797]); // Xã Vinh Sơn
    expect((await values("population", "05557")).map((r) => r.value)).toEqual([2142]); // Xã Kim Sơn
  });
});

describe("totals computed from the communes", () => {
  it("Đại Từ 2019 = 171,703, the sum of its 30 communes, equal to the published totals of Wikipedia and danso.asia", async () => {
    const communes = await db.all<{ value: number }>(
      "select value from observations where indicator_id = 'population' and source_id = 'gso-census-2019-communes' and status = 'REPORTED' and area_code in (select code from areas where parent_code = '171' and valid_from <= '2019-04-01' and (valid_to is null or valid_to >= '2019-04-01'))");
    expect(communes).toHaveLength(30);
    expect(communes.reduce((sum, r) => sum + r.value, 0)).toBe(171703);
    const rows = await values("population", "171");
    expect(rows.map((r) => [r.source_id, r.value, r.status])).toEqual([
      ["danso-asia-thai-nguyen", 171703, "REPORTED"],
      ["gso-census-2019-communes", 171703, "COMPUTED"],
      ["vi-wikipedia-dai-tu", 171703, "REPORTED"],
    ]);
    const computed = rows.find((r) => r.status === "COMPUTED")!;
    expect(computed.note).toBe("Computed by the portal: the sum of the 30 commune-level units of Đại Từ District (171) as they were on 1 April 2019, all from the same source as this value.");
    expect(computed.note_vi).toBe("Cổng dữ liệu tính: tổng của 30 đơn vị cấp xã thuộc huyện Đại Từ (171) tại ngày 01/04/2019, tất cả theo cùng nguồn với số này.");
    expect((await values("population-urban", "171")).map((r) => r.value)).toEqual([19059, 19059]);
  });

  it("the province 2019 = 1,286,751 from its nine districts, equal to Wikipedia's figure; urban 410,267, rural 876,484", async () => {
    expect((await values("population", "19")).map((r) => [r.source_id, r.value, r.status])).toEqual([
      ["gso-census-2019-communes", 1286751, "COMPUTED"],
      ["wikipedia-thai-nguyen", 1286751, "REPORTED"],
    ]);
    expect((await values("population-urban", "19")).filter((r) => r.status === "COMPUTED").map((r) => r.value)).toEqual([410267]);
    expect((await values("population-rural", "19")).filter((r) => r.status === "COMPUTED").map((r) => r.value)).toEqual([876484]);
    const districts = await db.all<{ value: number }>("select value from observations where indicator_id = 'population' and status = 'COMPUTED' and area_code between '164' and '173'");
    expect(districts).toHaveLength(9);
    expect(districts.reduce((sum, r) => sum + r.value, 0)).toBe(1286751);
  });

  it("keeps the published totals that differ as their own observations, with the reason in known_differences", async () => {
    expect((await values("population-urban", "169")).map((r) => [r.source_id, r.value])).toEqual([["defzone-dong-hy", 21436], ["gso-census-2019-communes", 7743]]);
    const known = await db.all("select indicator_id, area_code, source_id, computed_source_id, published_value, computed_value from known_differences order by indicator_id, area_code, source_id");
    expect(known).toEqual([
      { indicator_id: "land-area", area_code: "19", source_id: "vietnamvn-merger-2025", computed_source_id: "vietnam-3d-map-wards-2025", published_value: 8375.21, computed_value: 8375.27 },
      { indicator_id: "population-rural", area_code: "169", source_id: "defzone-dong-hy", computed_source_id: "gso-census-2019-communes", published_value: 70985, computed_value: 84678 },
      { indicator_id: "population-urban", area_code: "169", source_id: "defzone-dong-hy", computed_source_id: "gso-census-2019-communes", published_value: 21436, computed_value: 7743 },
      { indicator_id: "population-urban", area_code: "19", source_id: "vi-wikipedia-thai-nguyen-rev-54700137", computed_source_id: "gso-census-2019-communes", published_value: 410159, computed_value: 410267 },
    ]);
  });

  it("computes the urban share for districts and the province only (a commune is 0 or 100 % by its type)", async () => {
    const share = await values("population-urban-share", "171");
    expect(share.map((r) => [r.source_id, Math.round(r.value * 10) / 10, r.status])).toEqual([["gso-census-2019-communes", 11.1, "COMPUTED"], ["vi-wikipedia-dai-tu", 11.1, "COMPUTED"]]);
    expect(await db.all("select area_code from observations where indicator_id = 'population-urban-share' and length(area_code) = 5")).toEqual([]);
  });

  it("computes densities, never reads them: the census density of 2019 from Wikipedia's population and area", async () => {
    const [density] = await values("population-density-census", "19");
    expect(density.status).toBe("COMPUTED");
    expect(density.value).toBeCloseTo(1286751 / 3526.64, 6);
    expect(density.note).toBe("Computed by the portal: population (census count) divided by land area (1,286,751 / 3,526.64).");
    expect(density.note_vi).toBe("Cổng dữ liệu tính: dân số (Tổng điều tra dân số và nhà ở) chia cho diện tích tự nhiên (1.286.751 / 3.526,64).");
  });
});

describe("a published total that disagrees with the computed one", () => {
  const fixture = (dir: string) => writeFileSync(join(dir, "facts/observations/zz-fixture.csv"),
    "indicator,area_code,period_start,period_end,period_label,period_basis,breakdown,value,status,source,note_vi,note_en\n" +
    "population,170,2019-04-01,2019-04-01,1/4/2019,reference,,68196,reported,vi-wikipedia-dai-tu,,\n");

  it("fails the build at the published row, naming both sources and both values", async () => {
    const dir = copyOfData();
    fixture(dir);
    const error = await buildError(dir);
    expect(error.file).toContain("facts/observations/zz-fixture.csv");
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/population of 170 for 2019-04-01: source vi-wikipedia-dai-tu gives 68196, but the sum of the 15 units below it from source gso-census-2019-communes is 68080/);
    expect(error.message).toMatch(/known-differences\.yaml/);
  });

  it("passes once known-differences.yaml lists the pair with a reason in both languages", async () => {
    const dir = copyOfData();
    fixture(dir);
    const file = join(dir, "facts/known-differences.yaml");
    writeFileSync(file, `${readFileSync(file, "utf8")}- indicator: population\n  area: "170"\n  period: "2019-04-01"\n  source: vi-wikipedia-dai-tu\n  reason_vi: "Thử."\n  reason_en: "Test."\n`);
    await buildDatabase({ dataDir: dir, outFile: join(dir, "..", "portal.sqlite") });
  });

  it("an entry that no disagreement needs fails too (it would hide a fix)", async () => {
    const dir = copyOfData();
    const file = join(dir, "facts/known-differences.yaml");
    writeFileSync(file, `${readFileSync(file, "utf8")}- indicator: population\n  area: "171"\n  period: "2019-04-01"\n  source: vi-wikipedia-dai-tu\n  reason_vi: "Thử."\n  reason_en: "Test."\n`);
    const error = await buildError(dir);
    expect(error.file).toContain("facts/known-differences.yaml");
    expect(error.message).toMatch(/no computed total disagrees with population of 171 for 2019-04-01 from source vi-wikipedia-dai-tu: remove the entry/);
  });

  it("a typed total from the same source as its communes is refused: the portal computes it", async () => {
    const dir = copyOfData();
    writeFileSync(join(dir, "facts/observations/zz-fixture.csv"),
      "indicator,area_code,period_start,period_end,period_label,period_basis,breakdown,value,status,source,note_vi,note_en\n" +
      "population,170,2019-04-01,2019-04-01,1/4/2019,reference,,68080,reported,gso-census-2019-communes,,\n");
    expect((await buildError(dir)).message).toMatch(/population of 170 is computed by the portal from the units below it, which source gso-census-2019-communes gives for the same period: remove the typed total/);
  });
});
