/**
 * The two kinds of workbook in the downloads: one per indicator (indicators/<id>.xlsx: its
 * values, its targets and an "about" sheet with its definition, unit, sources, licence, data
 * version and citation) and one with every table (thai-nguyen-open-data.xlsx). The tables are the
 * CSV files' columns and rows (tables.ts); labels in the about sheets are Vietnamese and English.
 */
import { PORTAL_NAME } from "../api/schema/citation/citation.js";
import { COMPILATION_LICENSE } from "./datapackage.js";
import type { IndicatorData, PortalData, SourceData } from "./portal-data.js";
import type { Field, Row } from "./tables.js";
import { EXACT_SUFFIX, SPREADSHEET_DIGITS, type NoteLine, type NotesSheet, type Sheet, type TableSheet } from "./xlsx.js";

/** The workbook with every table, beside the zip. */
export const PORTAL_WORKBOOK = "thai-nguyen-open-data.xlsx";

export interface Tables {
  observations: { fields: Field[]; rows: Row[] };
  indicators: { fields: Field[]; rows: Row[] };
  areas: { fields: Field[]; rows: Row[] };
  sources: { fields: Field[]; rows: Row[] };
  targets: { fields: Field[]; rows: Row[] };
}

const line = (...cells: (string | Date | null)[]): NoteLine => ({ cells });
const bold = (...cells: (string | Date | null)[]): NoteLine => ({ cells, bold: true });
const builtOn = (data: PortalData) => new Date(`${data.about.builtAt}T00:00:00Z`);

const EXACT_NOTE = line(
  `Cột value${EXACT_SUFFIX} · Column value${EXACT_SUFFIX}`,
  `Bảng tính chỉ giữ ${SPREADSHEET_DIGITS} chữ số có nghĩa: khi giá trị có nhiều hơn, cột value${EXACT_SUFFIX} giữ giá trị chính xác dạng văn bản.`,
  `Spreadsheets keep ${SPREADSHEET_DIGITS} significant digits: where a value has more, value${EXACT_SUFFIX} holds it exactly, as text.`,
);
const CODES_NOTE = line(
  "Mã · Codes",
  "Mã vùng GSO và các mã định danh là văn bản: giữ số 0 ở đầu (06 là Bắc Kạn).",
  "GSO area codes and ids are text cells: leading zeros stay (06 is Bắc Kạn).",
);

function licenceLines(data: PortalData): NoteLine[] {
  return [
    line("Giấy phép · Licence", data.about.licence, COMPILATION_LICENSE.path),
    line("Phiên bản dữ liệu · Data version", data.about.dataVersion),
    line("Ngày xây dựng · Built on", builtOn(data)),
  ];
}

/** The sources' lines of an about sheet: a header and one line per source. */
function sourceLines(sources: SourceData[]): NoteLine[] {
  return [
    bold("Nguồn · Sources"),
    bold("id", "title", "publisher", "url", "published", "licence", "licence_url"),
    ...sources.map((s) => line(s.id, s.title, s.publisher, s.url, s.published, s.licenceEn, s.licenceUrl)),
  ];
}

const ABOUT_WIDTHS = [34, 60, 40, 40, 12, 30, 40];

/** indicators/<id>.xlsx: sheets observations (its values), targets and about. */
export function indicatorWorkbook(indicator: IndicatorData, data: PortalData, observations: TableSheet, targets: TableSheet): Sheet[] {
  const sourceIds = new Set(indicator.sources.map((s) => s.id));
  const u = indicator.unit;
  const about: NotesSheet = {
    name: "about",
    widths: ABOUT_WIDTHS,
    lines: [
      bold(indicator.name),
      line(indicator.nameEn),
      line(),
      line("Định nghĩa · Definition", indicator.description, indicator.descriptionEn),
      line("Đơn vị · Unit", `${u.name}${u.symbol ? ` (${u.symbol})` : ""}`, `${u.nameEn} — id ${u.id}, kind ${u.kind}`),
      line("Chủ đề · Topic", indicator.topic.name, indicator.topic.nameEn),
      line("Trang · Page", indicator.permalink, indicator.permalinkEn),
      line("Trích dẫn · How to cite", indicator.citation, indicator.citationEn),
      ...licenceLines(data),
      line("Nhà xuất bản · Publisher", `${PORTAL_NAME.vi} · ${PORTAL_NAME.en}`),
      CODES_NOTE,
      EXACT_NOTE,
      line(),
      ...sourceLines(data.sources.filter((s) => sourceIds.has(s.id))),
    ],
  };
  return [{ ...observations, name: "observations" }, { ...targets, name: "targets" }, about];
}

/** thai-nguyen-open-data.xlsx: every table (the CSV files) and an about sheet. */
export function portalWorkbook(data: PortalData, tables: Tables, siteUrl: string): Sheet[] {
  const about: NotesSheet = {
    name: "about",
    widths: ABOUT_WIDTHS,
    lines: [
      bold(`${PORTAL_NAME.vi}: toàn bộ dữ liệu`),
      line(`${PORTAL_NAME.en}: all data`),
      line(),
      line("Trang · Site", `${siteUrl}/`),
      ...licenceLines(data),
      line("Trang tính · Sheets", "observations: mọi giá trị · every value; indicators: các chỉ số · the indicators; areas: đơn vị hành chính · administrative units; sources: nguồn · sources; targets: mục tiêu · targets"),
      line("Cột · Columns", `${siteUrl}/downloads/README.md`),
      CODES_NOTE,
      EXACT_NOTE,
      line(),
      ...sourceLines(data.sources),
    ],
  };
  return [
    { name: "observations", ...tables.observations },
    { name: "indicators", ...tables.indicators },
    { name: "areas", ...tables.areas },
    { name: "sources", ...tables.sources },
    { name: "targets", ...tables.targets },
    about,
  ];
}
