/**
 * Area shapes for maps: plain GeoJSON in (from the API or a file), checked and rewound for d3-geo,
 * then projected once per map width to screen pixels, simplified with their shared borders kept
 * shared (a topology), and rounded to 0.1 px, so the SVG is small and byte-stable.
 *
 * Winding: d3-geo is spherical. A ring wound the RFC 7946 way (exterior counter-clockwise) is read
 * by d3 as "the whole globe except this ring" and fills the world (and fits the projection to
 * it). Each polygon is rewound here, exterior clockwise and holes counter-clockwise in d3's sense;
 * a geometry that is still wrong after that (unclosed ring, no area, more than a hemisphere,
 * coordinates that are not longitude/latitude) is refused with the area's code, never drawn.
 */
import { geoArea, geoBounds, geoPath, geoTransverseMercator } from "d3-geo";
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Polygon, Position } from "geojson";
import { feature as topoFeature, merge as topoMerge } from "topojson-client";
import { topology } from "topojson-server";
import { filter as topoFilter, filterWeight, presimplify, simplify } from "topojson-simplify";
import type { GeometryCollection, Topology } from "topojson-specification";

/** What a map needs of an area: its GSO code and names. Other properties are carried along untouched. */
export interface AreaShapeProperties {
  /** GSO code as a string, leading zeros kept ("05665"). */
  code: string;
  /** Vietnamese name as the page shows it ("Xã Văn Lăng" or "Văn Lăng": the caller's choice). */
  name: string;
  /** English name (letters without diacritics are fine); the Vietnamese name is used when absent. */
  nameEn?: string | null;
  [key: string]: unknown;
}

export type AreaShape = Feature<Polygon | MultiPolygon, AreaShapeProperties>;
/** The map's input: one Feature per area, Polygon or MultiPolygon in longitude/latitude (WGS 84). */
export type AreaShapes = FeatureCollection<Polygon | MultiPolygon, AreaShapeProperties>;

/** A geometry the map refuses to draw, with the area's code and what is wrong. */
export class ShapeError extends Error {
  constructor(
    readonly code: string | null,
    message: string,
  ) {
    super(message);
    this.name = "ShapeError";
  }
}

/** Shapes checked for d3-geo, and how many rings had to be turned round. */
export interface CheckedShapes {
  shapes: AreaShapes;
  /** Rings reversed to d3's winding (RFC 7946 input has all of them reversed). */
  rewoundRings: number;
}

const HEMISPHERE = 2 * Math.PI;

/**
 * Check every feature (a code, unique; Polygon or MultiPolygon; closed rings of at least three
 * distinct longitude/latitude positions) and rewind each polygon for d3-geo. Throws ShapeError on
 * the first problem. The input is not changed.
 */
export function checkShapes(input: AreaShapes): CheckedShapes {
  if (input?.type !== "FeatureCollection" || !Array.isArray(input.features)) throw new ShapeError(null, "Map shapes must be a GeoJSON FeatureCollection.");
  if (!input.features.length) throw new ShapeError(null, "Map shapes: the FeatureCollection has no features.");
  const seen = new Set<string>();
  let rewoundRings = 0;
  const features = input.features.map((feature, index): AreaShape => {
    const code = feature?.properties?.code;
    if (typeof code !== "string" || !code.trim()) throw new ShapeError(null, `Map shapes: feature ${index} has no properties.code (a GSO code as a string).`);
    const where = `Shape of ${code}${typeof feature.properties.name === "string" ? ` (${feature.properties.name})` : ""}`;
    if (typeof feature.properties.name !== "string" || !feature.properties.name.trim()) throw new ShapeError(code, `${where}: properties.name is missing.`);
    if (seen.has(code)) throw new ShapeError(code, `${where}: the code appears twice in the FeatureCollection.`);
    seen.add(code);
    // Typed as Polygon | MultiPolygon, but it comes from outside: check.
    const geometry = feature.geometry as { type?: string; coordinates?: unknown } | null;
    if (geometry?.type !== "Polygon" && geometry?.type !== "MultiPolygon") throw new ShapeError(code, `${where}: geometry must be a Polygon or MultiPolygon, not ${geometry?.type ?? "null"}.`);
    const polygons = (geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates) as Position[][][];
    if (!Array.isArray(polygons) || !polygons.length) throw new ShapeError(code, `${where}: the geometry has no polygons.`);
    const rewound = polygons.map((rings, p) => {
      if (!Array.isArray(rings) || !rings.length) throw new ShapeError(code, `${where}: polygon ${p + 1} has no rings.`);
      return rings.map((ring, r) => {
        const label = `${where}: ring ${r + 1} of polygon ${p + 1}`;
        checkRing(ring, code, label);
        // Alone, a clockwise ring (d3's exterior) covers less than a hemisphere.
        const small = geoArea({ type: "Polygon", coordinates: [ring] }) < HEMISPHERE;
        const wanted = r === 0 ? small : !small;
        if (wanted) return ring.map((position) => [position[0], position[1]]);
        rewoundRings++;
        return ring.map((position) => [position[0], position[1]]).reverse();
      });
    });
    const area = geoArea({ type: "MultiPolygon", coordinates: rewound });
    if (!(area > 0)) throw new ShapeError(code, `${where}: the geometry has no area.`);
    if (area >= HEMISPHERE) throw new ShapeError(code, `${where}: the geometry covers more than a hemisphere even after rewinding (a hole larger than its exterior?).`);
    return {
      type: "Feature",
      properties: feature.properties,
      geometry: rewound.length === 1 ? { type: "Polygon", coordinates: rewound[0] } : { type: "MultiPolygon", coordinates: rewound },
    };
  });
  return { shapes: { type: "FeatureCollection", features }, rewoundRings };
}

function checkRing(ring: Position[], code: string, label: string): void {
  if (!Array.isArray(ring) || ring.length < 4) throw new ShapeError(code, `${label} has ${Array.isArray(ring) ? ring.length : 0} positions; a ring needs at least 4 (the first repeated at the end).`);
  for (const [i, position] of ring.entries()) {
    const [lon, lat] = Array.isArray(position) ? position : [];
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      throw new ShapeError(code, `${label}, position ${i + 1}: ${JSON.stringify(position)} is not a [longitude, latitude] pair in degrees.`);
    }
  }
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) throw new ShapeError(code, `${label} is not closed: it starts at ${JSON.stringify(first)} and ends at ${JSON.stringify(last)}.`);
  if (new Set(ring.map((p) => `${p[0]},${p[1]}`)).size < 3) throw new ShapeError(code, `${label} has fewer than 3 distinct positions (no area).`);
}

/** Shapes in screen pixels for one map width: what the renderers draw. */
export interface ProjectedShapes {
  width: number;
  height: number;
  /** One feature per input area, same properties, coordinates in px (0.1 px), y down. */
  areas: AreaShape[];
  /** The outer boundary of all areas together, once: the exterior rings of their union. */
  outline: MultiLineString;
  /** Rings dropped as smaller than the simplification's least area (slivers of a few m²), by area code. */
  droppedRings: Map<string, number>;
}

export interface ProjectOptions {
  width: number;
  /** Room around the shapes, px. */
  padding?: number;
  /**
   * Least visible area kept by the simplification, px² at the map's size: a point is dropped when
   * the triangle it makes with its neighbours is smaller (Visvalingam, as us-atlas does with 0.25).
   */
  minArea?: number;
}

const cache = new WeakMap<AreaShapes, Map<string, ProjectedShapes>>();

/**
 * The shapes projected for a map of `width` px: a transverse Mercator centred on the shapes (north
 * up, conformal: how national grids such as VN-2000 draw a province), fitted to the width; the
 * height follows from the shapes. Cached per input object and options, so a build that draws many
 * maps from one FeatureCollection projects it once per size.
 */
export function projectShapes(input: AreaShapes, options: ProjectOptions): ProjectedShapes {
  const { width, padding = 2, minArea = 4 } = options;
  if (!(width > 2 * padding)) throw new RangeError(`Map width ${width} is too small.`);
  const key = `${width}|${padding}|${minArea}`;
  let sizes = cache.get(input);
  const cached = sizes?.get(key);
  if (cached) return cached;

  const { shapes } = checkShapes(input);
  const [[west, south], [east, north]] = geoBounds(shapes);
  const projection = geoTransverseMercator()
    .rotate([-(west + east) / 2, -(south + north) / 2])
    .fitWidth(width - 2 * padding, shapes);
  const [[, y0], [, y1]] = geoPath(projection).bounds(shapes);
  const height = Math.ceil(y1 - y0 + 2 * padding);
  projection.translate([projection.translate()[0] + padding, projection.translate()[1] - y0 + padding]);

  // Each position projected on its own (no spherical clipping or resampling: a province is far
  // from the projection's edges); identical positions on a shared border stay identical.
  const planar: AreaShapes = {
    type: "FeatureCollection",
    features: shapes.features.map((f) => ({
      ...f,
      geometry: mapPolygons(f.geometry, (p) => {
        const xy = projection(p as [number, number]);
        if (!xy) throw new ShapeError(f.properties.code, `Shape of ${f.properties.code}: position ${JSON.stringify(p)} cannot be projected.`);
        return xy;
      }),
    })),
  };

  const topo = topology({ areas: planar }) as Topology<{ areas: GeometryCollection<AreaShapeProperties> }>;
  const simplified = simplify(presimplify(topo), minArea);
  const ringsBefore = countRings(simplified);
  const filtered = topoFilter(simplified, filterWeight(simplified, minArea)) as typeof simplified;
  const areas = (topoFeature(filtered, filtered.objects.areas) as unknown as AreaShapes).features;
  const ringsAfter = countRings(filtered);
  const droppedRings = new Map<string, number>();
  for (const [i, area] of areas.entries()) {
    const code = shapes.features[i].properties.code;
    if (!area.geometry) throw new ShapeError(code, `Shape of ${code}: the whole area is smaller than ${minArea} px² at a width of ${width} px; draw the map wider.`);
    const dropped = (ringsBefore.get(i) ?? 0) - (ringsAfter.get(i) ?? 0);
    if (dropped > 0) droppedRings.set(code, dropped);
  }
  const rounded = areas.map((area, i) => ({ type: "Feature" as const, properties: shapes.features[i].properties, geometry: mapPolygons(area.geometry, round) }));
  // The outline is the exterior of the union of all areas: a mesh of the arcs with one side
  // (a === b) would also trace the slivers where two neighbours' borders do not quite meet.
  const union = topoMerge(filtered, filtered.objects.areas.geometries as Parameters<typeof topoMerge>[1]);
  const outline = union.coordinates.filter((rings) => planarArea(rings[0]) >= 4 * minArea).map((rings) => rings[0]);
  const result: ProjectedShapes = {
    width,
    height,
    areas: rounded,
    outline: { type: "MultiLineString", coordinates: outline.map((line) => line.map(round)) },
    droppedRings,
  };
  if (!sizes) cache.set(input, (sizes = new Map()));
  sizes.set(key, result);
  return result;
}

function planarArea(ring: Position[]): number {
  let area = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) area += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return Math.abs(area) / 2;
}

const round = (p: Position): Position => [Math.round(p[0] * 10) / 10, Math.round(p[1] * 10) / 10];

function mapPolygons(geometry: Polygon | MultiPolygon, f: (p: Position) => Position): Polygon | MultiPolygon {
  return geometry.type === "Polygon"
    ? { type: "Polygon", coordinates: geometry.coordinates.map((ring) => ring.map(f)) }
    : { type: "MultiPolygon", coordinates: geometry.coordinates.map((rings) => rings.map((ring) => ring.map(f))) };
}

function countRings(topo: Topology<{ areas: GeometryCollection<AreaShapeProperties> }>): Map<number, number> {
  const counts = new Map<number, number>();
  topo.objects.areas.geometries.forEach((g, i) => {
    const n = g.type === "Polygon" ? g.arcs.length : g.type === "MultiPolygon" ? g.arcs.reduce((sum, rings) => sum + rings.length, 0) : 0;
    counts.set(i, n);
  });
  return counts;
}
