/**
 * Test helper: the 2025 shapes file (data/geography/thai-nguyen-communes-2025-07-01-shapes.json,
 * vietnam-3d-map's own format) as GeoJSON, the input the map renderers take. The ingest (D1) owns
 * the real conversion and the API serves its result; this one exists so the map tests run on the
 * real shapes without the database. Each ring of `polygons` is a polygon of its own (the file has
 * no holes; small rings are separate slivers), the code's lost leading zero is restored
 * (5665 → 05665) and names come from the GSO list, matched on the code (the shapes file spells
 * some tones the old way: Điềm Thụy / Điềm Thuỵ), English names with their Vietnamese letters as
 * the site writes them (englishAreaName). A ring the file leaves open is closed.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { englishAreaName } from "../../api/lib/names.js";
import type { AreaShapes } from "../../site/src/lib/map/shapes.js";

const DATA = fileURLToPath(new URL("../../data/geography/", import.meta.url));

interface Ward {
  id: string;
  name: string;
  type: string;
  area: number;
  population: number;
  density: number;
  center: [number, number];
  polygons: [number, number][][];
}

export interface ShapesFile {
  provinceId: string;
  provinceName: string;
  wards: Ward[];
}

export function readShapesFile(): ShapesFile {
  return JSON.parse(readFileSync(`${DATA}thai-nguyen-communes-2025-07-01-shapes.json`, "utf8")) as ShapesFile;
}

/** The GSO list of 2025-07-01, by code. */
export function units2025(): Map<string, { name: string; full_name: string; full_name_en: string; unit_type: string }> {
  const rows = parse(readFileSync(`${DATA}thai-nguyen-units-2025-07-01.csv`, "utf8"), { columns: true }) as { code: string; level: string; name: string; full_name: string; full_name_en: string; unit_type: string }[];
  return new Map(rows.filter((r) => r.level === "commune").map((r) => [r.code, r]));
}

export const gsoCode = (id: string) => id.padStart(5, "0");

export function shapesFileToGeoJson(file: ShapesFile = readShapesFile()): AreaShapes {
  const units = units2025();
  return {
    type: "FeatureCollection",
    features: file.wards.map((ward) => {
      const code = gsoCode(ward.id);
      const unit = units.get(code);
      if (!unit) throw new Error(`shapes file: ${ward.id} ${ward.name} is not in the GSO list of 2025-07-01`);
      const rings = ward.polygons.map((ring) => {
        const [first, last] = [ring[0], ring[ring.length - 1]];
        return first[0] === last[0] && first[1] === last[1] ? ring : [...ring, first];
      });
      return {
        type: "Feature" as const,
        properties: { code, name: unit.full_name, nameEn: englishAreaName(unit.full_name_en, unit.full_name), area: ward.area, population: ward.population },
        geometry: rings.length === 1 ? { type: "Polygon" as const, coordinates: rings } : { type: "MultiPolygon" as const, coordinates: rings.map((ring) => [ring]) },
      };
    }),
  };
}
