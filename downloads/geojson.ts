/**
 * thai-nguyen-communes-2025-07-01.geojson: the shapes of the commune-level units of one date
 * (today the 92 of 2025-07-01, the only units with open shapes) with each unit's latest value per
 * indicator as flat properties (what GIS tools can style), and the shapes' attribution and
 * licence in the file itself (the MIT licence asks for its notice to travel with copies).
 */
import rewind from "@mapbox/geojson-rewind";
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { COMPILATION_LICENSE } from "./datapackage.js";
import type { CommuneMapData, IndicatorData } from "./portal-data.js";

/** The date whose units the file maps, and the province. */
export const COMMUNE_MAP = { asOf: "2025-07-01", withinCode: "19" } as const;
export const communeMapFile = (asOf: string) => `thai-nguyen-communes-${asOf}.geojson`;
/** Where the shapes' licence text is shipped (downloads/build.ts copies it there). */
export const SHAPES_LICENCE_FILE = "licences/LICENSE-vietnam-3d-map.txt";

type Cell = string | number | null;

/**
 * Property names of one indicator's value: the id with underscores (`land_area`) and
 * `land_area_period`, …; `population_harmonised…` for a series carried to these units.
 */
export function valueProperties(indicatorId: string, harmonised: boolean) {
  const name = indicatorId.replace(/-/g, "_");
  const base = harmonised ? `${name}_harmonised` : name;
  return { value: base, period: `${base}_period`, periodEnd: `${base}_period_end`, status: `${base}_status`, source: `${base}_source_id` };
}

export function buildCommuneGeojson(options: { map: CommuneMapData; indicators: IndicatorData[]; dataVersion: string; siteUrl: string }): FeatureCollection<Polygon | MultiPolygon> {
  const { map, dataVersion, siteUrl } = options;
  const { shapes } = map;
  const areas = new Map(map.areas.map((a) => [a.code, a]));
  const indicatorOrder = new Map(options.indicators.map((i, index) => [i.id, index]));
  const indicatorsById = new Map(options.indicators.map((i) => [i.id, i]));
  // Which indicators (and harmonised series) any unit has a value of: the file's value columns, in the site's order.
  const series = new Map<string, { indicatorId: string; harmonised: boolean }>();
  for (const area of map.areas) {
    for (const v of area.values) if (v.value !== null) series.set(`${v.indicator.id}|${v.harmonisedTo !== null}`, { indicatorId: v.indicator.id, harmonised: v.harmonisedTo !== null });
  }
  const columns = [...series.values()].sort((a, b) => (indicatorOrder.get(a.indicatorId) ?? 1e9) - (indicatorOrder.get(b.indicatorId) ?? 1e9) || Number(a.harmonised) - Number(b.harmonised));

  const features: Feature<Polygon | MultiPolygon>[] = shapes.shapes.map((shape) => {
    const area = areas.get(shape.areaCode);
    if (!area) throw new Error(`The API gives a shape for ${shape.areaCode} but lists no commune-level unit with that code on ${shapes.asOf}.`);
    const properties: Record<string, Cell> = {
      code: area.code, name: area.name, full_name: area.fullName, full_name_en: area.fullNameEn, unit_type: area.unitType, valid_from: area.validFrom,
    };
    for (const c of columns) {
      const names = valueProperties(c.indicatorId, c.harmonised);
      const v = area.values.find((x) => x.indicator.id === c.indicatorId && (x.harmonisedTo !== null) === c.harmonised && x.value !== null);
      properties[names.value] = v?.value ?? null;
      properties[names.period] = v?.period.label ?? null;
      properties[names.periodEnd] = v?.period.end ?? null;
      properties[names.status] = v?.status ?? null;
      properties[names.source] = v?.source?.id ?? null;
    }
    const geometry = rewind(structuredClone(shape.geometry), false) as unknown as Polygon | MultiPolygon;
    if (geometry.type !== "Polygon" && geometry.type !== "MultiPolygon") throw new Error(`The shape of ${shape.areaCode} is a ${String((geometry as { type?: unknown }).type)}, not a polygon.`);
    return { type: "Feature", id: area.code, properties, geometry };
  });

  const source = shapes.source;
  return {
    type: "FeatureCollection",
    // Foreign members (RFC 7946 §6.1): what the file is, whose shapes, under which licences.
    ...{
      name: communeMapFile(shapes.asOf).replace(/\.geojson$/, ""),
      title: `Thái Nguyên: the ${features.length} commune-level units of ${shapes.asOf} with their latest values`,
      data_version: dataVersion,
      as_of: shapes.asOf,
      attribution: { vi: shapes.attributionVi, en: shapes.attributionEn },
      licenses: [
        { name: "MIT", title: `Shapes: ${source.licence}`, path: source.licenceUrl, file: SHAPES_LICENCE_FILE },
        { ...COMPILATION_LICENSE, title: "The values: the portal's compilation; each source keeps its own licence (sources.csv)" },
      ],
      source: { id: source.id, title: source.title, title_en: source.titleEn, publisher: source.publisher, url: source.url, licence: source.licence, licence_url: source.licenceUrl },
      homepage: `${siteUrl}/`,
      note:
        "Simplified display shapes, not legal boundaries (about 50 m precision). Exterior rings counter-clockwise (RFC 7946). " +
        "Each unit's latest value per indicator (property: the indicator id with underscores, e.g. land_area) is the most reliable source's (as the site's map shows it); <id>_harmonised properties hold a series carried to these units " +
        "by the portal (e.g. the 2019 census summed over the units that went whole into each commune), empty where a predecessor was split.",
      fields: [
        { name: "code", description: "GSO code of the unit (text, leading zeros kept)." },
        { name: "name", description: "Name in Vietnamese." },
        { name: "full_name", description: "Full name in Vietnamese, e.g. Phường Phan Đình Phùng." },
        { name: "full_name_en", description: "Full name in English." },
        { name: "unit_type", description: "PHUONG (ward) or XA (commune)." },
        { name: "valid_from", description: "First day of the unit (YYYY-MM-DD)." },
        ...columns.flatMap((c) => {
          const names = valueProperties(c.indicatorId, c.harmonised);
          const indicator = indicatorsById.get(c.indicatorId);
          const what = `${indicator?.nameEn ?? c.indicatorId}${c.harmonised ? `, harmonised to the units of ${shapes.asOf}` : ""}`;
          return [
            { name: names.value, description: `${what}: the latest value, in ${indicator?.unit.nameEn ?? "its unit"} (unit id ${indicator?.unit.id ?? "?"}); null without one.`, indicator_id: c.indicatorId },
            { name: names.period, description: `${what}: the period's label.` },
            { name: names.periodEnd, description: `${what}: the period's last day (YYYY-MM-DD).` },
            { name: names.status, description: `${what}: REPORTED, ESTIMATE, APPROXIMATE, COMPUTED or COMPUTED_FROM_ESTIMATE.` },
            { name: names.source, description: `${what}: id of the source (sources.csv).` },
          ];
        }),
      ],
    },
    features,
  } as FeatureCollection<Polygon | MultiPolygon>;
}
