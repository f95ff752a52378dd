/**
 * What an indicator's "Map" tab shows, from the API's coverage and area values: for values of the
 * 2025 communes (or a series carried to them) a choropleth of the 92 units; for the communes of
 * 2019 (no open shapes exist for those units) ranked bars grouped by district; for districts
 * ranked bars of the district-level units. Each view has the rows of its ranked table.
 * Only the latest period of each kind is drawn; the API and the downloads have the others.
 */
import { formatMarks, formatPeriodLabel, formatValue, statusMarks, type Locale } from "./format";
import { routes } from "./labels";
import { choroplethMap, missingAreasHtml, type AreaShapes, type MapArea } from "./map";
import type { AreaValue, AreaValueSet, Coverage, ShapeCollection } from "./map-queries";
import { rankedBars } from "./ranked";
import type { SourceRef, Unit } from "./types";

/** The 2025 communes: the date of the only units with open shapes. */
export const SHAPES_DATE = "2025-07-01";

export type MapViewKind = "choropleth" | "harmonised" | "communes" | "districts";

/** One view of the tab: a map or bars, its ranked table's rows and its sources. */
export interface MapView {
  kind: MapViewKind;
  /** Anchor of the view on the page (unique, stable). */
  anchor: string;
  heading: string;
  /** One line: what is drawn, how many areas have a value. */
  description: string;
  /** The map (legend, SVG, missing areas, credits) or the bars (SVG and missing areas), as HTML. */
  html: string;
  rows: MapRow[];
  /** A note under the view (why a harmonised value is missing). */
  note: string | null;
  sources: SourceRef[];
  withValue: number;
  areaCount: number;
}

export interface MapRow {
  code: string;
  name: string;
  href: string;
  rank: number | null;
  value: number | null;
  label?: string;
  period: string;
  source: SourceRef | null;
  /** The district (communes of 2019). */
  group?: string;
}

/** Which coverage rows the tab draws: the latest period of each kind, in the order shown. */
export function mapCoverage(coverage: Coverage[]): { kind: MapViewKind; coverage: Coverage }[] {
  const latest = (rows: Coverage[]) => [...rows].sort((a, b) => a.period.end.localeCompare(b.period.end) || a.period.start.localeCompare(b.period.start)).at(-1);
  const picks: { kind: MapViewKind; coverage: Coverage | undefined }[] = [
    { kind: "choropleth", coverage: latest(coverage.filter((c) => c.level === "COMMUNE" && !c.harmonisedTo && c.period.end >= SHAPES_DATE && c.areasWithValue > 0)) },
    { kind: "harmonised", coverage: latest(coverage.filter((c) => c.level === "COMMUNE" && c.harmonisedTo === SHAPES_DATE && c.areasWithValue > 0)) },
    { kind: "communes", coverage: latest(coverage.filter((c) => c.level === "COMMUNE" && !c.harmonisedTo && c.period.end < SHAPES_DATE && c.areasWithValue >= 2)) },
    // One district alone is no ranking: its value is on the table tab.
    { kind: "districts", coverage: latest(coverage.filter((c) => c.level === "DISTRICT" && !c.harmonisedTo && c.areasWithValue >= 2)) },
  ];
  return picks.filter((p): p is { kind: MapViewKind; coverage: Coverage } => Boolean(p.coverage));
}

interface ViewOptions {
  indicator: { id: string; name: string; nameEn: string; unit: Pick<Unit, "kind" | "symbol" | "name" | "nameEn"> };
  lang: Locale;
  shapes: ShapeCollection | null;
}

const ANCHOR: Record<MapViewKind, string> = { choropleth: "ban-do-xa", harmonised: "ban-do-xa-tinh-lai", communes: "xep-hang-xa", districts: "xep-hang-huyen" };

const areaName = (v: AreaValue, lang: Locale) => (lang === "vi" ? v.area.fullName : v.area.fullNameEn);

function valueLabel(v: AreaValue, unit: ViewOptions["indicator"]["unit"], lang: Locale): string | undefined {
  if (v.value === null) return undefined;
  const marks = v.status === "NOT_COMPARABLE" || v.status === "MISSING" ? "" : formatMarks(statusMarks(v.status), lang);
  return `${formatValue(v.value, unit as Unit, lang)}${marks ? ` ${marks}` : ""}`;
}

/** The ranked table's rows of a set (rank order from the API; areas without a value ranked "–"). */
export function mapRows(set: AreaValueSet, unit: ViewOptions["indicator"]["unit"], lang: Locale): MapRow[] {
  const period = formatPeriodLabel(set.period, lang);
  return set.values.map((v) => ({
    code: v.areaCode,
    name: areaName(v, lang),
    href: routes(lang).area(v.areaCode),
    rank: v.value === null ? null : v.rank?.position ?? null,
    value: v.value,
    label: valueLabel(v, unit, lang),
    period,
    source: v.source,
    group: v.area.parent ? (lang === "vi" ? v.area.parent.fullName : v.area.parent.fullNameEn) : undefined,
  }));
}

/** The sources of a set's values, each once. */
function setSources(set: AreaValueSet): SourceRef[] {
  return [...new Map(set.values.flatMap((v) => (v.source ? [[v.source.id, v.source] as const] : []))).values()];
}

/** Credits under a map: the shapes' attribution and the words "simplified shapes". */
export function mapCredits(shapes: ShapeCollection, lang: Locale): string[] {
  return [
    lang === "vi" ? shapes.attributionVi : shapes.attributionEn,
    lang === "vi" ? "Hình dạng đã giản lược để hiển thị, không phải địa giới pháp lý." : "Simplified shapes for display, not legal boundaries.",
  ];
}

/** Draw one view. */
export function mapView(kind: MapViewKind, set: AreaValueSet, options: ViewOptions): MapView | null {
  const { indicator, lang } = options;
  const vi = lang === "vi";
  const name = vi ? indicator.name : indicator.nameEn;
  const period = formatPeriodLabel(set.period, lang);
  const rows = mapRows(set, indicator.unit, lang);
  const count = `${set.withValue}/${set.areaCount}`;
  const base = { kind, anchor: ANCHOR[kind], rows, sources: setSources(set), withValue: set.withValue, areaCount: set.areaCount, note: null as string | null };

  if (kind === "choropleth" || kind === "harmonised") {
    if (!options.shapes) return null;
    const shapes: AreaShapes = options.shapes.shapes;
    const heading = kind === "choropleth"
      ? vi ? `${name} theo xã, phường, ${period}` : `${name} by commune, ${period}`
      : vi ? `${name} ${period}, tính lại theo 92 xã, phường từ 1/7/2025` : `${name}, ${period}, carried to the 92 communes of 1 July 2025`;
    const map = choroplethMap(
      shapes,
      set.values.map((v) => ({ code: v.areaCode, value: v.value, label: valueLabel(v, indicator.unit, lang), period })),
      { title: heading, unit: indicator.unit, locale: lang, href: routes(lang).area, credits: mapCredits(options.shapes, lang), id: `${indicator.id.replace(/[^A-Za-z0-9_-]/g, "-")}-${kind}`.replace(/^[^A-Za-z]/, "m") },
    );
    const refused = set.values.filter((v) => v.status === "NOT_COMPARABLE");
    // Why each one is refused (a predecessor split, or a lineage the geography does not know) is on the area's page and in the API.
    const note = refused.length
      ? vi
        ? `${refused.length} đơn vị không tính lại được (tô gạch chéo): một đơn vị tiền thân chỉ nhập một phần vào đơn vị mới, hoặc không rõ đơn vị mới gồm những đơn vị nào; cộng lại sẽ sai nên cổng dữ liệu không tính. Lý do của từng đơn vị có ở trang địa bàn và trong API (harmonisation).`
        : `${refused.length} units cannot be carried over (hatched): a unit before them went only partly into the new one, or what the new unit was formed from is not known; a sum would be wrong, so the portal gives none. Each unit's reason is on its area page and in the API (harmonisation).`
      : null;
    return {
      ...base,
      heading,
      description: vi
        ? `Bản đồ ${set.areaCount} đơn vị cấp xã từ 1/7/2025; ${count} có số liệu. Màu càng đậm giá trị càng cao; đơn vị không có số liệu tô gạch chéo.`
        : `Map of the ${set.areaCount} commune-level units from 1 July 2025; ${count} with a value. Darker for higher values; units without a value hatched.`,
      html: map.html,
      note,
    };
  }

  const present = set.values.filter((v) => v.value !== null);
  if (present.length < 2) return null;
  const missing: MapArea[] = set.values.filter((v) => v.value === null).map((v) => ({ code: v.areaCode, name: areaName(v, lang) }));
  const grouped = kind === "communes" && present.every((v) => v.area.parent);
  const groups = grouped
    ? [...new Map(present.map((v) => [v.area.parent!.code, { code: v.area.parent!.code, name: vi ? v.area.parent!.fullName : v.area.parent!.fullNameEn }])).values()].sort((a, b) => a.code.localeCompare(b.code))
    : undefined;
  const heading = kind === "communes"
    ? vi ? `${name} theo xã, phường, thị trấn, ${period}` : `${name} by commune, ${period}`
    : vi ? `${name} theo huyện, thành phố, thị xã, ${period}` : `${name} by district, ${period}`;
  const chart = rankedBars(
    present.map((v) => ({ code: v.areaCode, name: areaName(v, lang), value: v.value!, label: valueLabel(v, indicator.unit, lang), period, group: grouped ? v.area.parent!.code : undefined, rank: v.rank?.position })),
    // No links in the bars: the ranked table beside them links every area (a clipped name, "Phường Phan Đình…", would be a link whose name does not hold its text).
    { title: heading, unit: indicator.unit, locale: lang, groups },
  );
  return {
    ...base,
    heading,
    description: kind === "communes"
      ? vi
        ? `${count} đơn vị cấp xã của ngày ${period}, xếp theo giá trị trong từng huyện (chưa có bản đồ mở cho các đơn vị trước năm 2025).`
        : `${count} commune-level units of ${period}, by value within each district (no open shapes exist for the units before 2025).`
      : vi
        ? `${count} đơn vị cấp huyện, xếp theo giá trị.`
        : `${count} district-level units, by value.`,
    html: `<div class="map-box">${chart.svg}${missingAreasHtml(missing, lang, routes(lang).area)}</div>`,
  };
}
