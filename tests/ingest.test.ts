import { cpSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openSqlite } from "../api/db/sqlite.js";
import { buildDatabase } from "../data/ingest/build.js";
import { DataError } from "../data/ingest/errors.js";
import { DATA_DIR } from "./helpers/portal.js";

/** A copy of data/ in a temp folder, to break on purpose. */
function copyOfData(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "portal-data-")), "data");
  cpSync(DATA_DIR, dir, { recursive: true, filter: (src) => !src.includes(`${join("data", "ingest")}`) });
  return dir;
}

function edit(dir: string, file: string, change: (text: string) => string) {
  const path = join(dir, file);
  writeFileSync(path, change(readFileSync(path, "utf8")));
}

const error = (e: DataError) => ({ file: e.file, line: e.line, column: e.column });

async function buildError(dir: string, outFile: string): Promise<DataError> {
  try {
    await buildDatabase({ dataDir: dir, outFile });
  } catch (error) {
    if (error instanceof DataError) return error;
    throw error;
  }
  throw new Error("the build succeeded but should have failed");
}

describe("ingest of the real data", () => {
  let file: string;
  beforeAll(async () => {
    file = join(mkdtempSync(join(tmpdir(), "portal-db-")), "portal.sqlite");
    await buildDatabase({ dataDir: DATA_DIR, outFile: file, buildDate: "2026-01-01" });
  });

  it("stores the article's figures in base units", async () => {
    const db = await openSqlite(file, "readonly");
    const value = async (indicator: string, source = "thi-dua-2023") =>
      (await db.all<{ value: number; status: string }>("select value, status from observations where indicator_id = ? and source_id = ? and breakdown_id is null", [indicator, source]))[0];
    expect(await value("ntm-communes")).toEqual({ value: 109, status: "REPORTED" });
    expect(await value("rural-communes")).toEqual({ value: 137, status: "REPORTED" });
    expect(await value("community-digital-teams")).toEqual({ value: 2255, status: "REPORTED" });
    expect(await value("cho-4-0-markets")).toEqual({ value: 107, status: "REPORTED" });
    expect(await value("digital-economy-revenue")).toEqual({ value: 357e12, status: "ESTIMATE" });
    expect(await value("digital-enterprises")).toEqual({ value: 324, status: "REPORTED" });
    expect(await value("essential-online-services-provided")).toEqual({ value: 23, status: "REPORTED" });
    expect(await value("essential-online-services-total")).toEqual({ value: 25, status: "REPORTED" });
    expect(await value("procedures-on-national-portal")).toEqual({ value: 760, status: "REPORTED" });
    expect(await value("data-network-channels-province-district")).toEqual({ value: 36, status: "REPORTED" });
    expect(await value("data-network-channels-commune")).toEqual({ value: 178, status: "REPORTED" });
    expect(await value("farmer-households-registered")).toEqual({ value: 74000, status: "APPROXIMATE" });
    expect(await value("farmer-households-good-producer")).toEqual({ value: 40000, status: "APPROXIMATE" });
    await db.close();
  });

  it("computes shares from both numbers, never from typed-in percentages", async () => {
    const db = await openSqlite(file, "readonly");
    const rows = await db.all<{ source_id: string; value: number; status: string }>(
      "select source_id, value, status from observations where indicator_id = 'ntm-communes-share' order by period_end, area_code, source_id",
    );
    expect(rows.map((r) => [r.source_id, Math.round(r.value * 10) / 10, r.status])).toEqual([
      ["vietnamnet-ntm-2019", 61.5, "REPORTED"], // the source gives the share but not the denominator
      ["congly-dong-hy", 61.5, "COMPUTED"], // Đồng Hỷ, about 2020: 8 / 13
      ["bvpl-ntm-2022", 79.6, "COMPUTED"], // 109 / 137
      ["moc-phu-binh-2022", 100, "COMPUTED"], // Phú Bình, 24/11/2022: 19 / 19
      ["vov-dinh-hoa-2024", 100, "COMPUTED"], // Định Hóa, end of 2023: 22 / 22
      ["thi-dua-2023", 79.6, "COMPUTED"],
      ["tothethao-ntm-2025", 85.7, "COMPUTED"], // 108 / 126
      ["vietnamnet-thai-nguyen-2024", 93.7, "COMPUTED"], // 118 / 126
      ["langngheviet-dai-tu", 100, "COMPUTED"], // Đại Từ, 2024–2025: 25 / 25
    ]);
    const services = await db.all<{ value: number }>("select value from observations where indicator_id = 'essential-online-services-share'");
    expect(services).toEqual([{ value: 92 }]); // 23 of 25
    await db.close();
  });

  it("keeps the English texts in the columns the API reads and the Vietnamese ones beside them", async () => {
    const db = await openSqlite(file, "readonly");
    const sources = await db.all<{ id: string; reliability_level: string; reliability: string | null }>("select id, reliability_level, reliability from sources order by id");
    expect(sources.find((s) => s.id === "tothethao-ntm-2025")).toEqual({ id: "tothethao-ntm-2025", reliability_level: "weak", reliability: "Republished page, date unclear: lower reliability than the original reporting." });
    expect(sources.find((s) => s.id === "nq-469-2022")?.reliability_level).toBe("official");
    const [seed] = await db.all("select note, note_vi from observations where indicator_id = 'cho-4-0-markets'");
    expect(seed).toEqual({ note: "After a little over a year of the Chợ 4.0 programme. No reference period in the article.", note_vi: "Sau hơn một năm triển khai chương trình Chợ 4.0. Bài báo không nêu kỳ số liệu." });
    const [share] = await db.all<{ note: string; note_vi: string }>("select note, note_vi from observations where indicator_id = 'essential-online-services-share'");
    // In words a reader follows, not ids: the indicators' names, the numbers as each language writes them.
    expect(share.note).toBe("Computed by the portal: essential public services delivered online divided by essential public services in the national list, times 100 (23 / 25 × 100).");
    expect(share.note_vi).toBe("Cổng dữ liệu tính: số dịch vụ công thiết yếu đã triển khai chia cho số dịch vụ công thiết yếu trong danh mục, nhân 100 (23 / 25 × 100).");
    await db.close();
  });

  it("records targets with their comparator", async () => {
    const db = await openSqlite(file, "readonly");
    const rows = await db.all("select value, comparator, kind, period_end from targets where indicator_id = 'ntm-communes-share' and source_id = 'thi-dua-2023'");
    expect(rows).toEqual([{ value: 97, comparator: "GT", kind: "LEVEL", period_end: "2025-12-31" }]);
    await db.close();
  });

  it("gives every observation a 12-hex-digit id (no leading '-' or '=' that a spreadsheet reads as a formula)", async () => {
    const db = await openSqlite(file, "readonly");
    const keys = await db.all<{ key: string }>("select key from observations");
    // 56 rows of the seed, the census (540) and other population files, and what the portal computes.
    const typed = (await db.all<{ n: number }>("select count(*) as n from observations where status not like 'COMPUTED%'"))[0].n;
    expect(keys.length).toBe(typed + (await db.all<{ n: number }>("select count(*) as n from observations where status like 'COMPUTED%'"))[0].n);
    expect(typed).toBeGreaterThan(600);
    expect(new Set(keys.map((k) => k.key)).size).toBe(keys.length);
    expect(keys.filter((k) => !/^[0-9a-f]{12}$/.test(k.key))).toEqual([]);
    await db.close();
  });

  it("writes the data version from the build date and a content hash", async () => {
    const db = await openSqlite(file, "readonly");
    const meta = Object.fromEntries((await db.all<{ key: string; value: string }>("select key, value from meta")).map((r) => [r.key, r.value]));
    expect(meta.data_version).toMatch(/^2026-01-01\.[0-9a-f]{8}$/);
    expect(meta.data_version.endsWith(meta.data_hash.slice(0, 8))).toBe(true);
    await db.close();
  });
});

describe("a malformed data file fails the build and leaves the previous database in place", () => {
  let outFile: string;
  let before: Buffer;
  beforeAll(async () => {
    outFile = join(mkdtempSync(join(tmpdir(), "portal-keep-")), "portal.sqlite");
    await buildDatabase({ dataDir: DATA_DIR, outFile, buildDate: "2026-01-01" });
    before = readFileSync(outFile);
  });

  const cases: [string, string, (text: string) => string, RegExp, number, number][] = [
    ["a value with vi-VN grouping", "facts/observations/province-seed.csv", (t) => t.replace(",2255,reported,", ",2.255.0,reported,"), /value: a value is a plain number/, 0, 8],
    ["an unknown indicator", "facts/observations/province-seed.csv", (t) => t.replace("cho-4-0-markets,19,", "cho-40-markets,19,"), /unknown indicator "cho-40-markets"/, 0, 1],
    ["an impossible date", "facts/observations/province-seed.csv", (t) => t.replace("dti-rank,19,2021-01-01", "dti-rank,19,2021-02-30"), /not a real calendar date/, 0, 3],
    ["an unknown area code", "facts/targets.csv", (t) => t.replace("ntm-districts,19,2025-01-01", "ntm-districts,99,2025-01-01"), /no unit with GSO code "99"/, 0, 2],
    ["a row with too many fields", "facts/observations/province-seed.csv", (t) => t.replace("ntm-model-hamlets,19,", "ntm-model-hamlets,19,extra,"), /CSV: /, 0, 1],
  ];
  for (const [name, file, change, message, , column] of cases) {
    it(`${name}: names ${file}, line and column`, async () => {
      const dir = copyOfData();
      edit(dir, file, change);
      const changedLine = readFileSync(join(dir, file), "utf8").split("\n").findIndex((line, i) => line !== readFileSync(join(DATA_DIR, file), "utf8").split("\n")[i]) + 1;
      const error = await buildError(dir, outFile);
      expect(error.message).toMatch(message);
      expect(error.file).toContain(file);
      expect(error.line).toBe(changedLine);
      expect(error.column).toBe(column);
      expect(readFileSync(outFile).equals(before)).toBe(true);
      expect(existsSync(`${outFile}.tmp-${process.pid}`)).toBe(false);
    });
  }

  it("a YAML error names the line of the bad key", async () => {
    const dir = copyOfData();
    edit(dir, "catalogue/indicators.yaml", (t) => t.replace("  unit: vnd\n", "  unit: vnd\n  colour: red\n"));
    const error = await buildError(dir, outFile);
    expect(error.file).toContain("indicators.yaml");
    const expectedLine = readFileSync(join(dir, "catalogue/indicators.yaml"), "utf8").split("\n").indexOf("  colour: red") + 1;
    expect(error.message).toMatch(/colour/);
    expect(error.line).toBeGreaterThan(0);
    expect(error.line).toBe(expectedLine);
    expect(error.column).toBe(3);
    expect(statSync(outFile).size).toBe(before.length);
  });

  it("a typed-in share that the portal computes is refused", async () => {
    const dir = copyOfData();
    edit(dir, "facts/observations/province-seed.csv", (t) => `${t}ntm-communes-share,19,2022-01-01,2022-06-30,2022-H1,reference,,79.6,reported,bvpl-ntm-2022,,\n`);
    const error = await buildError(dir, outFile);
    expect(error.message).toMatch(/is computed from ntm-communes and rural-communes/);
  });

  it("reads every CSV of facts/observations/ and refuses a new row whose note is in one language only (file, line, column)", async () => {
    const dir = copyOfData();
    const header = "indicator,area_code,period_start,period_end,period_label,period_basis,breakdown,value,status,source,note_vi,note_en\n";
    const row = "cho-4-0-markets,19,2024-01-01,2024-12-31,2024,publication,,120,reported,thi-dua-2023";
    writeFileSync(join(dir, "facts/observations/zz-test.csv"), `${header}${row},,"English only"\n`);
    const english = await buildError(dir, outFile);
    expect(error(english)).toEqual({ file: expect.stringContaining("facts/observations/zz-test.csv"), line: 2, column: 11 });
    expect(english.message).toMatch(/note_vi: the row has an English note \(note_en\) but no Vietnamese one/);
    writeFileSync(join(dir, "facts/observations/zz-test.csv"), `${header}${row},"Chỉ tiếng Việt",\n`);
    const vietnamese = await buildError(dir, outFile);
    expect(error(vietnamese)).toEqual({ file: expect.stringContaining("zz-test.csv"), line: 2, column: 12 });
    // Both languages (or neither) pass, and the second file's row is in the database beside the seed's.
    writeFileSync(join(dir, "facts/observations/zz-test.csv"), `${header}${row},"Ghi chú","Note"\n`);
    const db = join(mkdtempSync(join(tmpdir(), "portal-two-")), "portal.sqlite");
    await buildDatabase({ dataDir: dir, outFile: db });
    const sqlite = await openSqlite(db, "readonly");
    expect(await sqlite.all("select value, note, note_vi from observations where indicator_id = 'cho-4-0-markets' order by period_end")).toEqual([
      { value: 107, note: "After a little over a year of the Chợ 4.0 programme. No reference period in the article.", note_vi: "Sau hơn một năm triển khai chương trình Chợ 4.0. Bài báo không nêu kỳ số liệu." },
      { value: 120, note: "Note", note_vi: "Ghi chú" },
    ]);
    await sqlite.close();
  });

  it("refuses a note in one language only on every row, the seed's included (no transitional exception): file, line, column", async () => {
    // A seed observation (province-seed.csv, line 2) without its Vietnamese note.
    const seed = copyOfData();
    edit(seed, "facts/observations/province-seed.csv", (t) => t.replace("Khoảng cuối năm 2018: bài báo nêu kết quả trước khi nói về kế hoạch năm 2019.", ""));
    const observation = await buildError(seed, outFile);
    expect(error(observation)).toEqual({ file: expect.stringContaining("facts/observations/province-seed.csv"), line: 2, column: 11 });
    expect(observation.message).toMatch(/note_vi: the row has an English note \(note_en\) but no Vietnamese one/);
    // A seed target (targets.csv, line 2).
    const target = copyOfData();
    edit(target, "facts/targets.csv", (t) => t.replace("Mục tiêu đến cuối năm 2019.", ""));
    expect(error(await buildError(target, outFile))).toEqual({ file: expect.stringContaining("facts/targets.csv"), line: 2, column: 10 });
    // A seed source's publication note in English alone: the error points at the key.
    const source = copyOfData();
    edit(source, "catalogue/sources.yaml", (t) => t.replace(/^  publishedNote: "Đăng sau nửa đầu năm 2023.*\n/m, ""));
    const sourceError = await buildError(source, outFile);
    const lines = readFileSync(join(source, "catalogue/sources.yaml"), "utf8").split("\n");
    expect(error(sourceError)).toEqual({ file: expect.stringContaining("catalogue/sources.yaml"), line: lines.findIndex((l) => l.startsWith("  publishedNoteEn: \"Published after the first half of 2023")) + 1, column: 3 });
    expect(sourceError.message).toMatch(/thi-dua-2023: publishedNoteEn has no Vietnamese counterpart publishedNote/);
    // A locator in Vietnamese alone, a milestone's date note and a geography change's note in one language.
    const locator = copyOfData();
    edit(locator, "catalogue/sources.yaml", (t) => t.replace(/^  locatorEn: "Article body \(results of 2018, plans for 2019\)"\n/m, ""));
    expect((await buildError(locator, outFile)).message).toMatch(/vietnamnet-ntm-2019: locator has no English counterpart locatorEn/);
    const milestone = copyOfData();
    edit(milestone, "facts/milestones.yaml", (t) => t.replace(/^  dateNote: "Kết quả 6 tháng đầu năm 2022.*\n/m, ""));
    expect((await buildError(milestone, outFile)).message).toMatch(/phu-binh-all-communes-ntm: dateNoteEn has no Vietnamese counterpart dateNote/);
    const change = copyOfData();
    edit(change, "geography/changes.yaml", (t) => t.replace(/^  noteEn: "Bắc Kạn merged into Thái Nguyên.*\n/m, ""));
    const changeError = await buildError(change, outFile);
    expect(changeError.file).toContain("geography/changes.yaml");
    expect(changeError.message).toMatch(/noteEn/);
  });

  it("a source needs its ordinal reliability, and a new source's texts in both languages", async () => {
    const dir = copyOfData();
    edit(dir, "catalogue/sources.yaml", (t) => t.replace("  reliability: official\n", ""));
    expect((await buildError(dir, outFile)).message).toMatch(/reliability: Invalid option: expected one of "official"\|"primary"\|"secondary"\|"weak"/);
    const other = copyOfData();
    edit(other, "catalogue/sources.yaml", (t) => `${t}\n- id: test-source\n  title: "Thử"\n  publisher: "Thử"\n  kind: NEWS\n  reliability: primary\n  url: null\n  published: null\n  publishedNoteEn: "Date not recorded."\n  licence: "Bảo lưu mọi quyền"\n  licenceEn: "All rights reserved"\n`);
    const failed = await buildError(other, outFile);
    expect(failed.message).toMatch(/test-source: publishedNoteEn has no Vietnamese counterpart publishedNote/);
    expect(failed.line).toBe(readFileSync(join(other, "catalogue/sources.yaml"), "utf8").split("\n").indexOf('  publishedNoteEn: "Date not recorded."') + 1);
    expect(failed.column).toBe(3);
  });

  it("a duplicated observation is refused", async () => {
    const dir = copyOfData();
    edit(dir, "facts/observations/province-seed.csv", (t) => `${t}cho-4-0-markets,19,2023-01-01,2023-12-31,2023,publication,,108,reported,thi-dua-2023,,\n`);
    const error = await buildError(dir, outFile);
    expect(error.message).toMatch(/duplicate observation/);
  });
});
