/**
 * The data build refuses nonsense (issue 9, item 5): empty and header-only files, values that are
 * not finite or out of their unit kind's range, control characters, invalid UTF-8, reserved,
 * unknown, duplicate and missing columns, missing files, YAML aliases beyond a small limit, merge
 * keys, tags and reserved keys. Each refusal names file:line:column (or the file and the reason),
 * the previous database stays and no temporary file is left. Every case here was built by the
 * ingest before (or failed with a stack trace instead of a position).
 */
import { execFile, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { buildDatabase } from "../data/ingest/build.js";
import { DataError } from "../data/ingest/errors.js";
import { MAX_YAML_ALIASES } from "../data/ingest/read.js";
import { DATA_DIR } from "./helpers/portal.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const HEADER = "indicator,area_code,period_start,period_end,period_label,period_basis,breakdown,value,status,source,note_vi,note_en";
/** A valid row of a new observation file; `value` and the notes are what the cases break. */
const row = (value = "120", noteVi = "Ghi chú", noteEn = "Note") =>
  `cho-4-0-markets,19,2024-01-01,2024-12-31,2024,publication,,${value},reported,thi-dua-2023,"${noteVi}","${noteEn}"`;

/** A copy of data/ in a temp folder, to break on purpose. */
function copyOfData(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "portal-refuse-")), "data");
  cpSync(DATA_DIR, dir, { recursive: true, filter: (src) => !src.includes(join("data", "ingest")) });
  return dir;
}

const edit = (dir: string, file: string, change: (text: string) => string) => writeFileSync(join(dir, file), change(readFileSync(join(dir, file), "utf8")));

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const before = text.slice(0, text.indexOf(needle)).split("\n");
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

async function buildError(dir: string, outFile: string): Promise<DataError> {
  try {
    await buildDatabase({ dataDir: dir, outFile });
  } catch (error) {
    if (error instanceof DataError) return error;
    throw new Error(`not a DataError (no file and position): ${(error as Error).message}`);
  }
  throw new Error("the build succeeded but should have failed");
}

const where = (e: DataError) => ({ file: e.file, line: e.line, column: e.column });

/** A YAML list whose aliases expand exponentially (each level nine times the one before). */
function billionLaughs(): string {
  const lines = ['- id: a0', '  name: &l0 "lol"'];
  for (let level = 1; level <= 8; level++) lines.push(`  n${level}: &l${level} [${Array(9).fill(`*l${level - 1}`).join(", ")}]`);
  return `${lines.join("\n")}\n`;
}

describe("the ingest refuses nonsense with its position, leaving the previous database and no temporary file", () => {
  let outFile: string;
  let before: Buffer;
  beforeAll(async () => {
    outFile = join(mkdtempSync(join(tmpdir(), "portal-refuse-db-")), "portal.sqlite");
    await buildDatabase({ dataDir: DATA_DIR, outFile, buildDate: "2026-01-01" });
    before = readFileSync(outFile);
  }, 120_000);

  /** Break a copy of data/, build it, and check what every refusal must leave behind. */
  async function refused(change: (dir: string) => void): Promise<DataError> {
    const dir = copyOfData();
    change(dir);
    const error = await buildError(dir, outFile);
    expect(readFileSync(outFile).equals(before)).toBe(true);
    expect(readdirSync(join(outFile, "..")).filter((name) => name.includes(".tmp-"))).toEqual([]);
    rmSync(join(dir, ".."), { recursive: true, force: true });
    return error;
  }

  describe("empty and header-only files", () => {
    it("a 0-byte observation file", async () => {
      const error = await refused((dir) => writeFileSync(join(dir, "facts/observations/zz-empty.csv"), ""));
      expect(error.file).toMatch(/facts\/observations\/zz-empty\.csv$/);
      expect(error.message).toMatch(/zz-empty\.csv: empty file/);
    });

    it("an observation file with a header and no rows", async () => {
      const error = await refused((dir) => writeFileSync(join(dir, "facts/observations/zz-header.csv"), `${HEADER}\n`));
      expect(where(error)).toEqual({ file: expect.stringMatching(/zz-header\.csv$/), line: 1, column: 1 });
      expect(error.message).toMatch(/a header and no rows/);
    });

    it("every observation file emptied (the database would have no values)", async () => {
      const error = await refused((dir) => {
        for (const name of readdirSync(join(dir, "facts/observations"))) writeFileSync(join(dir, "facts/observations", name), `\uFEFF${HEADER}\r\n`);
      });
      expect(error.message).toMatch(/census-2019-communes\.csv:1:1: a header and no rows/);
    });

    it("targets.csv with a header only", async () => {
      const error = await refused((dir) => edit(dir, "facts/targets.csv", (t) => `${t.split("\n")[0]}\n`));
      expect(error.file).toMatch(/facts\/targets\.csv$/);
      expect(error.message).toMatch(/a header and no rows/);
    });

    it("a catalogue YAML that is an empty list", async () => {
      const error = await refused((dir) => writeFileSync(join(dir, "facts/milestones.yaml"), "# none yet\n[]\n"));
      expect(where(error)).toEqual({ file: expect.stringMatching(/milestones\.yaml$/), line: 1, column: 1 });
      expect(error.message).toMatch(/an empty list/);
    });

    it("a 0-byte catalogue YAML", async () => {
      const error = await refused((dir) => writeFileSync(join(dir, "catalogue/topics.yaml"), ""));
      expect(error.message).toMatch(/catalogue\/topics\.yaml: empty file \(0 bytes\)$/);
    });

    it("a 0-byte geography list and a 0-byte shapes file", async () => {
      const list = await refused((dir) => writeFileSync(join(dir, "geography/thai-nguyen-units-2025-07-01-crosswalk.csv"), ""));
      expect(list.message).toMatch(/thai-nguyen-units-2025-07-01-crosswalk\.csv: empty file/);
      const shapes = await refused((dir) => writeFileSync(join(dir, "geography/thai-nguyen-communes-2025-07-01-shapes.json"), ""));
      expect(shapes.message).toMatch(/shapes\.json: empty file \(0 bytes\)$/);
    });
  });

  describe("values that are not finite or out of range", () => {
    const valueCase = (value: string) => (dir: string) => writeFileSync(join(dir, "facts/observations/zz-value.csv"), `${HEADER}\n${row(value)}\n`);

    it("a value of 400 digits (stored as Infinity before)", async () => {
      const error = await refused(valueCase(`9${"0".repeat(399)}`));
      expect(where(error)).toEqual({ file: expect.stringMatching(/zz-value\.csv$/), line: 2, column: 8 });
      expect(error.message).toMatch(/value: too large to be a number \(Infinity\)/);
    });

    it("a value with more significant digits than a double keeps", async () => {
      const error = await refused(valueCase("1234567890.1234567"));
      expect(where(error)).toMatchObject({ line: 2, column: 8 });
      expect(error.message).toMatch(/more than 15 significant digits/);
    });

    it("a negative count, a year of five digits and a percent of 250,000", async () => {
      expect((await refused(valueCase("-5"))).message).toMatch(/zz-value\.csv:2:8: value: -5 is outside the range of a COUNT value \(0 to 1000000000000000/);
      const year = await refused((dir) => edit(dir, "facts/observations/new-rural-districts.csv", (t) => t.replace("reference,,2022,reported,", "reference,,20222,reported,")));
      expect(year.message).toMatch(/new-rural-districts\.csv:\d+:8: value: 20222 is outside the range of a YEAR value \(1900 to 2100/);
      const percent = await refused((dir) => edit(dir, "facts/targets.csv", (t) => t.replace(/,gt,97,/, ",gt,250000,")));
      expect(percent.message).toMatch(/targets\.csv:\d+:8: value: 250000 is outside the range of a PERCENT value/);
    });
  });

  describe("characters no data file may hold", () => {
    it("a NUL in a note (stored and served before)", async () => {
      const text = `${HEADER}\n${row("120", "Ghi chú", "No\u0000te")}\n`;
      const error = await refused((dir) => writeFileSync(join(dir, "facts/observations/zz-nul.csv"), text));
      expect(where(error)).toEqual({ file: expect.stringMatching(/zz-nul\.csv$/), ...positionOf(text, "\u0000") });
      expect(error.message).toMatch(/a NUL character \(U\+0000\)/);
    });

    it("an escape character in an indicator's name (YAML) and a bidi override in a unit list", async () => {
      const yaml = await refused((dir) => edit(dir, "catalogue/indicators.yaml", (t) => t.replace(/name: "([^"]+)"/, 'name: "$1\u001b[31m"')));
      expect(yaml.message).toMatch(/catalogue\/indicators\.yaml:\d+:\d+: a control character \(U\+001B\)/);
      const list = await refused((dir) => edit(dir, "geography/thai-nguyen-units-2025-07-01.csv", (t) => t.replace("Thái Nguyên", "Thái\u202E Nguyên")));
      expect(list.message).toMatch(/thai-nguyen-units-2025-07-01\.csv:\d+:\d+: an invisible formatting character \(U\+202E\)/);
    });

    it("invalid UTF-8 in a CSV and in a YAML file (silently U+FFFD before)", async () => {
      const prefix = `${HEADER}\n${row("120", "Ghi chú", "Bad ")}`.slice(0, -1);
      const csv = await refused((dir) => writeFileSync(join(dir, "facts/observations/zz-latin1.csv"), Buffer.concat([Buffer.from(prefix), Buffer.from([0xe9, 0x22, 0x0a])])));
      expect(where(csv)).toEqual({ file: expect.stringMatching(/zz-latin1\.csv$/), line: 2, column: prefix.split("\n")[1].length + 1 });
      expect(csv.message).toMatch(/invalid UTF-8/);
      const yaml = await refused((dir) => {
        const file = join(dir, "catalogue/topics.yaml");
        writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.from("- id: latin\n  name: \"caf"), Buffer.from([0xe9]), Buffer.from('"\n')]));
      });
      expect(yaml.message).toMatch(/catalogue\/topics\.yaml:\d+:13: invalid UTF-8/);
    });

    it("a character cut between two read chunks still decodes (a long file of Vietnamese text is accepted)", async () => {
      const dir = copyOfData();
      // 3-byte letters in every position relative to the 64 KiB chunks of the file stream.
      const rows = Array.from({ length: 3000 }, (_, i) => row("120", `Ghi chú ${"ế".repeat(40 + (i % 7))}`, "Note").replace("2024-01-01,2024-12-31,2024", `${3000 + i}-01-01,${3000 + i}-12-31,${3000 + i}`));
      writeFileSync(join(dir, "facts/observations/zz-long.csv"), `${HEADER}\n${rows.join("\n")}\n`);
      const file = join(mkdtempSync(join(tmpdir(), "portal-long-")), "portal.sqlite");
      const summary = await buildDatabase({ dataDir: dir, outFile: file });
      expect(summary.counts.observations).toBeGreaterThan(3000);
    }, 120_000);
  });

  describe("columns", () => {
    it("a column named __proto__ (its values were dropped before)", async () => {
      const text = `${HEADER.replace("note_en", "__proto__")}\n${row()}\n`;
      const error = await refused((dir) => writeFileSync(join(dir, "facts/observations/zz-proto.csv"), text));
      expect(where(error)).toEqual({ file: expect.stringMatching(/zz-proto\.csv$/), line: 1, column: 12 });
      expect(error.message).toMatch(/unknown column "__proto__"/);
    });

    it("a duplicate column (the second won before)", async () => {
      const error = await refused((dir) => writeFileSync(join(dir, "facts/observations/zz-dup.csv"), `${HEADER.replace("note_vi", "note_en")}\n${row()}\n`));
      expect(where(error)).toMatchObject({ line: 1, column: 12 });
      expect(error.message).toMatch(/duplicate column "note_en" \(also column 11\)/);
    });

    it("a missing column", async () => {
      const error = await refused((dir) => writeFileSync(join(dir, "facts/observations/zz-missing.csv"), `${HEADER.replace(",note_vi,note_en", "")}\n${row().replace(/,"Ghi chú","Note"$/, "")}\n`));
      expect(where(error)).toMatchObject({ line: 1, column: 1 });
      expect(error.message).toMatch(/missing column\(s\) note_vi, note_en/);
    });

    it("a reserved key in YAML", async () => {
      const error = await refused((dir) => edit(dir, "catalogue/topics.yaml", (t) => `${t}- id: proto\n  __proto__: { polluted: true }\n  name: a\n  nameEn: a\n  description: a\n  descriptionEn: a\n`));
      expect(error.message).toMatch(/topics\.yaml:\d+:3: "__proto__" is a reserved name/);
    });
  });

  describe("missing files", () => {
    it("a missing catalogue file (a stack trace before)", async () => {
      const error = await refused((dir) => rmSync(join(dir, "catalogue/units.yaml")));
      expect(error.message).toMatch(/catalogue\/units\.yaml: missing file$/);
    });

    it("a missing unit list and a missing folder of observations", async () => {
      const list = await refused((dir) => rmSync(join(dir, "geography/thai-nguyen-units-2022-10-01.csv")));
      expect(list.message).toMatch(/thai-nguyen-units-2022-10-01\.csv: missing file$/);
      const folder = await refused((dir) => {
        for (const name of readdirSync(join(dir, "facts/observations"))) rmSync(join(dir, "facts/observations", name));
      });
      expect(folder.message).toMatch(/facts\/observations: no observation files/);
    });
  });

  describe("YAML that is more than data", () => {
    it(`a billion laughs (more than ${MAX_YAML_ALIASES} aliases)`, async () => {
      const text = billionLaughs();
      const error = await refused((dir) => writeFileSync(join(dir, "catalogue/topics.yaml"), text));
      expect(error.file).toMatch(/catalogue\/topics\.yaml$/);
      expect(error.message).toMatch(new RegExp(`more than ${MAX_YAML_ALIASES} YAML aliases`));
      expect(error.line).toBe(4); // the 17th alias: level 2's eighth
    });

    it("a merge key and a custom tag", async () => {
      const merge = await refused((dir) => edit(dir, "catalogue/units.yaml", (t) => t.replace("- id: count\n", "- id: count\n  <<: { kind: COUNT }\n")));
      expect(merge.message).toMatch(/units\.yaml:3:3: YAML merge keys \(<<\) are not allowed/);
      const tag = await refused((dir) => edit(dir, "catalogue/units.yaml", (t) => t.replace('  name: "số lượng"', '  name: !!js/function "function () {}"')));
      expect(tag.message).toMatch(/units\.yaml:4:\d+: YAML: Unresolved tag/);
      const str = await refused((dir) => edit(dir, "catalogue/units.yaml", (t) => t.replace('  name: "số lượng"', '  name: !!str "số lượng"')));
      expect(str.message).toMatch(/units\.yaml:4:15: YAML tags \(tag:yaml\.org,2002:str\) are not allowed/);
    });
  });
});

describe("the data:build command (npm run data:build)", () => {
  const run = promisify(execFile);
  /** Run the real CLI on a data folder and database path; never throws. */
  async function cli(dataDir: string, db: string): Promise<{ code: number; stderr: string; stdout: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "data/ingest/cli.ts"], {
        cwd: ROOT, env: { ...process.env, PORTAL_DATA_DIR: dataDir, PORTAL_DB: db }, timeout: 300_000,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  let dbDir: string;
  let db: string;
  let before: Buffer;
  beforeAll(async () => {
    dbDir = mkdtempSync(join(tmpdir(), "portal-cli-"));
    db = join(dbDir, "portal.sqlite");
    await buildDatabase({ dataDir: DATA_DIR, outFile: db, buildDate: "2026-01-01" });
    before = readFileSync(db);
  }, 120_000);

  const cases: [string, (dir: string) => void, RegExp][] = [
    ["a missing file", (dir) => rmSync(join(dir, "catalogue/units.yaml")), /^data:build refused data\/catalogue\/units\.yaml: missing file/],
    ["a billion-laughs YAML", (dir) => writeFileSync(join(dir, "catalogue/topics.yaml"), billionLaughs()), /^data:build refused data\/catalogue\/topics\.yaml:4:\d+: more than 16 YAML aliases/],
    ["a NUL in a note", (dir) => writeFileSync(join(dir, "facts/observations/zz.csv"), `${HEADER}\n${row("1", "a\u0000")}\n`), /^data:build refused data\/facts\/observations\/zz\.csv:2:\d+: a NUL character/],
  ];
  for (const [name, change, message] of cases) {
    it(`${name}: one line with the position, exit code 1, the database untouched, no temporary file`, async () => {
      const dir = copyOfData();
      change(dir);
      const result = await cli(dir, db);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe("");
      const lines = result.stderr.trimEnd().split("\n");
      expect(lines).toHaveLength(1);
      // The path is shown relative to the working directory (the repository): ../../tmp/…/data/….
      expect(lines[0].replace(/^data:build refused .*?data\//, "data:build refused data/")).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(readFileSync(db).equals(before)).toBe(true);
      expect(readdirSync(dbDir)).toEqual(["portal.sqlite"]);
    }, 300_000);
  }

  it("removes the temporary files of builds that were killed (kill -9), not those of a running build", async () => {
    // A process that has ended: its id names a dead build's file.
    const dead = spawn(process.execPath, ["-e", "0"]);
    await new Promise((resolve) => dead.on("exit", resolve));
    const stale = [`portal.sqlite.tmp-${dead.pid}`, `portal.sqlite.tmp-${dead.pid}-journal`];
    for (const name of stale) writeFileSync(join(dbDir, name), Buffer.alloc(1 << 20));
    const running = `portal.sqlite.tmp-${process.pid}`; // this test's own process is alive
    writeFileSync(join(dbDir, running), "");
    const result = await cli(DATA_DIR, db);
    expect(result.stderr).toMatch(/^data:build: /);
    expect(result.code).toBe(0);
    expect(readdirSync(dbDir).sort()).toEqual(["portal.sqlite", running]);
    expect(statSync(db).size).toBeGreaterThan(0);
    expect(existsSync(join(dbDir, stale[0]))).toBe(false);
    rmSync(join(dbDir, running));
  }, 300_000);
});
