/**
 * The 92 communes of 2025-07-01: their display shapes (converted to GeoJSON, wound for d3-geo),
 * natural area and reorganisation population from the shapes file, densities computed, and the
 * merged province's totals checked against the published ones. Real ingest, real data.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { geoArea, geoContains } from "d3-geo";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqlite, type SqliteConnection } from "../api/db/sqlite.js";
import { buildDatabase } from "../data/ingest/build.js";
import { DataError } from "../data/ingest/errors.js";
import { DATA_DIR } from "./helpers/portal.js";

const SHAPES = "geography/thai-nguyen-communes-2025-07-01-shapes.json";
const EARTH_RADIUS_KM = 6371.0088;

let db: SqliteConnection;
beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), "portal-shapes-")), "portal.sqlite");
  await buildDatabase({ dataDir: DATA_DIR, outFile: file, buildDate: "2026-01-01" });
  db = await openSqlite(file, "readonly");
});
afterAll(() => db?.close());

const shapeFile = () => JSON.parse(readFileSync(join(DATA_DIR, SHAPES), "utf8")) as { wards: { id: string; name: string; area: number; population: number; density: number; center: [number, number] }[] };

describe("shapes of the 2025 communes", () => {
  it("the data file is the shared file byte for byte, with its MIT licence", () => {
    expect(readFileSync(join(DATA_DIR, "geography/LICENSE-vietnam-3d-map.txt"), "utf8")).toMatch(/^MIT License\n\nCopyright \(c\) 2025 Lam Ngoc Khuong/);
    expect(readFileSync(join(DATA_DIR, SHAPES)).length).toBe(298225); // bytes, as the shared README gives
  });

  it("gives every one of the 92 units one GeoJSON geometry on its 2025-07-01 version, 5665 stored as 05665", async () => {
    const rows = await db.all<{ area_id: string; area_code: string; geometry: string; source_id: string }>("select area_id, area_code, geometry, source_id from area_shapes order by area_code");
    expect(rows).toHaveLength(92);
    expect(rows.every((r) => r.area_id === `${r.area_code}@2025-07-01` && r.source_id === "vietnam-3d-map-wards-2025")).toBe(true);
    expect(rows.map((r) => r.area_code)).toContain("05665");
    expect(rows.map((r) => r.area_code)).not.toContain("5665");
    const kinds = rows.map((r) => JSON.parse(r.geometry).type);
    expect(kinds.filter((k) => k === "MultiPolygon")).toHaveLength(3); // Định Hoá, Lam Vỹ, Phú Đình have sliver parts
  });

  it("winds every ring for d3-geo: each part covers less than half the sphere; the shapes' areas are within 10 % of the published ones (median 0.3 %)", async () => {
    const file = shapeFile();
    const deviations: number[] = [];
    const centreOutside: string[] = [];
    for (const row of await db.all<{ area_code: string; geometry: string }>("select area_code, geometry from area_shapes")) {
      const geometry = JSON.parse(row.geometry);
      const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
      for (const polygon of polygons) {
        expect(geoArea({ type: "Polygon", coordinates: polygon })).toBeLessThan(2 * Math.PI);
        expect(polygon[0][0]).toEqual(polygon[0].at(-1)); // closed rings
      }
      const ward = file.wards.find((w) => w.id.padStart(5, "0") === row.area_code)!;
      const km2 = geoArea(geometry) * EARTH_RADIUS_KM ** 2;
      deviations.push(Math.abs(km2 - ward.area) / ward.area);
      if (!geoContains(geometry, ward.center)) centreOutside.push(row.area_code);
    }
    // Simplified display shapes: Phú Thịnh (05800) is the farthest off, 6.7 %.
    expect(Math.max(...deviations)).toBeLessThan(0.1);
    expect(deviations.sort((a, b) => a - b)[46]).toBeLessThan(0.01);
    // The file's centre of Bá Xuyên lies just outside its concave shape; every other centre is inside.
    expect(centreOutside).toEqual(["05533"]);
  });

  it("stores area and reorganisation population as the file gives them, and computes each density", async () => {
    const file = shapeFile();
    const values = async (indicator: string) => Object.fromEntries((await db.all<{ area_code: string; value: number }>(
      "select area_code, value from observations where indicator_id = ? and source_id = 'vietnam-3d-map-wards-2025' and length(area_code) = 5", [indicator])).map((r) => [r.area_code, r.value]));
    const areas = await values("land-area");
    const people = await values("population-reorganisation-scale");
    const density = await values("population-density-reorganisation");
    expect(Object.keys(density)).toHaveLength(92);
    for (const ward of file.wards) {
      const code = ward.id.padStart(5, "0");
      expect(areas[code]).toBe(ward.area);
      expect(people[code]).toBe(ward.population);
      expect(density[code]).toBeCloseTo(ward.density, 1); // the file's own density, not read: computed and equal
    }
    expect(people["05443"]).toBe(111482); // Phường Phan Đình Phùng
    expect(areas["05443"]).toBe(14.73);
  });

  it("the merged province from its 92 communes: 1,799,489 people as published, 8,375.27 km² against the published 8,375.21 (a known difference)", async () => {
    const rows = await db.all<{ indicator_id: string; value: number; status: string; source_id: string }>(
      "select indicator_id, value, status, source_id from observations where area_code = '19' and period_end = '2025-07-01' and indicator_id in ('land-area', 'population-reorganisation-scale') order by indicator_id, status");
    expect(rows).toEqual([
      { indicator_id: "land-area", value: 8375.27, status: "COMPUTED", source_id: "vietnam-3d-map-wards-2025" },
      { indicator_id: "land-area", value: 8375.21, status: "REPORTED", source_id: "vietnamvn-merger-2025" },
      { indicator_id: "population-reorganisation-scale", value: 1799489, status: "COMPUTED", source_id: "vietnam-3d-map-wards-2025" },
      { indicator_id: "population-reorganisation-scale", value: 1799489, status: "REPORTED", source_id: "vietnamvn-merger-2025" },
    ]);
    const [difference] = await db.all<{ reason: string }>("select reason from known_differences where indicator_id = 'land-area' and area_code = '19'");
    expect(difference.reason).toMatch(/sum to 8,375\.27/);
  });
});

describe("a broken shapes file fails the build", () => {
  function copyOfData(): string {
    const dir = join(mkdtempSync(join(tmpdir(), "portal-shapes-data-")), "data");
    cpSync(DATA_DIR, dir, { recursive: true, filter: (src) => !src.includes(join("data", "ingest")) });
    return dir;
  }
  async function buildError(change: (text: string) => string): Promise<DataError> {
    const dir = copyOfData();
    const path = join(dir, SHAPES);
    writeFileSync(path, change(readFileSync(path, "utf8")));
    try {
      await buildDatabase({ dataDir: dir, outFile: join(dir, "..", "portal.sqlite") });
    } catch (error) {
      if (error instanceof DataError) return error;
      throw error;
    }
    throw new Error("the build succeeded but should have failed");
  }

  it("a code that is not a 2025 unit, at its position in the file", async () => {
    const error = await buildError((t) => t.replace(`"id":"05809"`, `"id":"05808"`));
    expect(error.file).toContain(SHAPES);
    expect(error.column).toBe(readFileSync(join(DATA_DIR, SHAPES), "utf8").indexOf(`"id":"05809"`) + 1);
    expect(error.message).toMatch(/unit 05808 \(An Khánh\) is not a commune-level unit of 19 valid on 2025-07-01/);
  });

  it("a 2025 unit without a shape", async () => {
    const error = await buildError((t) => {
      const json = JSON.parse(t);
      json.wards = json.wards.filter((w: { id: string }) => w.id !== "05809");
      return JSON.stringify(json);
    });
    expect(error.message).toMatch(/no shape for 05809 Xã An Khánh: every commune-level unit of 2025-07-01 needs one/);
  });
});
