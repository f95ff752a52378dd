/**
 * Display shapes of the 92 commune-level units of 2025-07-01 (data/geography/…-shapes.json, a
 * byte-identical copy of lamngockhuong/vietnam-3d-map public/wards/19.json): each unit's rings become
 * one GeoJSON geometry, stored for the API beside the unit version it draws. Simplified display
 * shapes (about 50 m), not legal boundaries: the source record says so.
 *
 * Checks that fail the build: a code of the file that is not a 2025 unit, a 2025 unit without a
 * shape, a unit type that differs from the GSO list. The one known code trap (5665 for 05665, a
 * lost leading zero) is repaired; the GSO list's names are kept, not the file's.
 */
import { join } from "node:path";
import { geoArea } from "d3-geo";
import type { MultiPolygon, Polygon, Position } from "geojson";
import { z } from "zod";
import type { AreaShapeTable, AreaTable } from "../../api/db/database.js";
import { DataError } from "./errors.js";
import { readDataText } from "./text.js";
import { displayPath } from "./read.js";

export const SHAPES = {
  file: "thai-nguyen-communes-2025-07-01-shapes.json",
  date: "2025-07-01",
  province: "19",
  sourceId: "vietnam-3d-map-wards-2025",
} as const;

const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const wardSchema = z.object({
  id: z.string().regex(/^\d{4,5}$/, "a GSO commune code (5 digits; 4 when the leading zero was lost)"),
  name: z.string().min(1),
  type: z.enum(["Xã", "Phường"]),
  area: z.number().positive(),
  population: z.number().int().nonnegative(),
  density: z.number().nonnegative(),
  center: lonLat,
  polygons: z.array(z.array(lonLat).min(3)).min(1),
});
const fileSchema = z.object({ provinceId: z.literal(SHAPES.province), provinceName: z.string(), wards: z.array(wardSchema).min(1) });

const TYPE_OF: Record<z.infer<typeof wardSchema>["type"], string> = { "Xã": "XA", "Phường": "PHUONG" };

/** Close a ring (GeoJSON wants the first position repeated at the end). */
const closed = (ring: Position[]): Position[] =>
  ring[0][0] === ring.at(-1)![0] && ring[0][1] === ring.at(-1)![1] ? ring : [...ring, ring[0]];

/**
 * One ring as a polygon wound the way d3-geo (spherical) expects: a ring whose area on the sphere is
 * more than half of it (> 2π steradians) is read as its complement, so it is reversed.
 */
function d3Polygon(ring: Position[]): Position[][] {
  const polygon: Polygon = { type: "Polygon", coordinates: [closed(ring)] };
  return geoArea(polygon) > 2 * Math.PI ? [[...polygon.coordinates[0]].reverse()] : polygon.coordinates;
}

/**
 * A unit's rings as one geometry. The file's rings are separate parts (no ring lies inside another:
 * the extra rings are slivers left by simplification), so several rings make a MultiPolygon.
 */
export function toGeometry(rings: Position[][]): Polygon | MultiPolygon {
  const polygons = rings.map(d3Polygon);
  return polygons.length === 1 ? { type: "Polygon", coordinates: polygons[0] } : { type: "MultiPolygon", coordinates: polygons };
}

/** Read, check and convert the shapes; `areas` are all area versions of the geography. */
export function readShapes(dataDir: string, areas: AreaTable[]): AreaShapeTable[] {
  const file = join(dataDir, "geography", SHAPES.file);
  const shown = displayPath(file);
  const text = readDataText(file, shown);
  // The file is one line: positions are character offsets of the unit's record.
  const columnOf = (id: string) => Math.max(1, text.indexOf(`"id":"${id}"`) + 1);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DataError(shown, 1, 1, `JSON: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const ward = issue.path[0] === "wards" && typeof issue.path[1] === "number" ? (json as { wards: { id?: string }[] }).wards[issue.path[1]]?.id : undefined;
    throw new DataError(shown, 1, ward ? columnOf(ward) : 1, `${issue.path.join(".")}: ${issue.message}`);
  }
  const units = new Map(areas
    .filter((a) => a.level === "COMMUNE" && a.parent_code === SHAPES.province && a.valid_from <= SHAPES.date && (a.valid_to === null || a.valid_to >= SHAPES.date))
    .map((a) => [a.code, a]));
  const rows: AreaShapeTable[] = [];
  for (const ward of parsed.data.wards) {
    const code = ward.id.padStart(5, "0");
    const unit = units.get(code);
    if (!unit) throw new DataError(shown, 1, columnOf(ward.id), `unit ${ward.id} (${ward.name}) is not a commune-level unit of ${SHAPES.province} valid on ${SHAPES.date} in data/geography`);
    if (TYPE_OF[ward.type] !== unit.unit_type) throw new DataError(shown, 1, columnOf(ward.id), `unit ${ward.id} is a ${ward.type} here but ${unit.full_name} in the GSO list of ${SHAPES.date}`);
    if (rows.some((r) => r.area_code === code)) throw new DataError(shown, 1, columnOf(ward.id), `a second shape for ${code}`);
    rows.push({ area_id: unit.id, area_code: code, geometry: JSON.stringify(toGeometry(ward.polygons)), centre: JSON.stringify(ward.center), source_id: SHAPES.sourceId });
  }
  const missing = [...units.values()].filter((u) => !rows.some((r) => r.area_code === u.code));
  if (missing.length > 0) throw new DataError(shown, 1, 1, `no shape for ${missing.map((u) => `${u.code} ${u.full_name}`).join(", ")}: every commune-level unit of ${SHAPES.date} needs one`);
  return rows.sort((a, b) => a.area_code.localeCompare(b.area_code));
}
