/** Vietnamese and English names of the API's enum values, and the site's URL scheme. */
import { indicatorPath } from "../../../api/schema/citation/links";
import { PORTAL_NAME } from "../../../api/schema/citation/citation";
import type { Lang } from "../../../api/lib/format";
import type { AreaChangeKind, AreaLevel, AreaUnitType, ObservationStatus, PeriodBasis, SourceKind } from "./types";

export type { Lang };
export type Bilingual = { vi: string; en: string };

export const AREA_LEVEL: Record<AreaLevel, Bilingual> = {
  PROVINCE: { vi: "Cấp tỉnh", en: "Province level" },
  DISTRICT: { vi: "Cấp huyện", en: "District level" },
  COMMUNE: { vi: "Cấp xã", en: "Commune level" },
};

export const UNIT_TYPE: Record<AreaUnitType, Bilingual> = {
  TINH: { vi: "tỉnh", en: "province" },
  THANH_PHO_THUOC_TINH: { vi: "thành phố thuộc tỉnh", en: "provincial city" },
  THI_XA: { vi: "thị xã", en: "district-level town" },
  HUYEN: { vi: "huyện", en: "rural district" },
  PHUONG: { vi: "phường", en: "ward" },
  THI_TRAN: { vi: "thị trấn", en: "township" },
  XA: { vi: "xã", en: "commune" },
};

export const AREA_CHANGE_KIND: Record<AreaChangeKind, Bilingual> = {
  TYPE_CHANGE: { vi: "đổi loại đơn vị", en: "change of type" },
  RENAME: { vi: "đổi tên", en: "rename" },
  MERGE: { vi: "nhập", en: "merger" },
  SPLIT: { vi: "chia tách", en: "split" },
  CONTINUATION: { vi: "giữ nguyên địa giới, đổi cấp trên", en: "same territory, new parent" },
  PROVINCE_MERGER: { vi: "hợp nhất tỉnh", en: "provinces merged" },
};

export const SOURCE_KIND: Record<SourceKind, Bilingual> = {
  NEWS: { vi: "Bài báo", en: "News article" },
  REFERENCE: { vi: "Tài liệu tham khảo", en: "Reference work" },
  REFERENCE_LIST: { vi: "Danh mục chính thức", en: "Official code list" },
  LEGAL: { vi: "Văn bản pháp luật", en: "Legal document" },
  DATASET: { vi: "Bộ dữ liệu", en: "Dataset" },
};

export const STATUS: Record<ObservationStatus, Bilingual> = {
  REPORTED: { vi: "Nguồn công bố", en: "Reported" },
  ESTIMATE: { vi: "Ước tính", en: "Estimate" },
  APPROXIMATE: { vi: "Xấp xỉ", en: "Approximate" },
  COMPUTED: { vi: "Cổng dữ liệu tính", en: "Computed by the portal" },
  COMPUTED_FROM_ESTIMATE: { vi: "Tính từ số ước tính", en: "Computed from estimates" },
};

export const PERIOD_BASIS: Record<PeriodBasis, Bilingual> = {
  REFERENCE: { vi: "do nguồn nêu", en: "period stated by the source" },
  PUBLICATION: { vi: "theo năm đăng bài (nguồn không nêu kỳ)", en: "as of the publication year (no period stated)" },
  APPROXIMATE: { vi: "ước định theo ngữ cảnh", en: "period bracketed from the context" },
};

/** Routes of the Vietnamese site (the default language). The API page exists in Vietnamese only (with English beside). */
export const paths = {
  home: "/",
  topics: "/chu-de/",
  topic: (id: string) => `/chu-de/${encodeURIComponent(id)}/`,
  indicators: "/chi-so/",
  indicator: (id: string) => indicatorPath(id, "vi"),
  sources: "/nguon/",
  source: (id: string) => `/nguon/${encodeURIComponent(id)}/`,
  areas: "/dia-ban/",
  area: (code: string) => `/dia-ban/${encodeURIComponent(code)}/`,
  reorganisation: "/sap-xep-2025/",
  /** Areas compared on one indicator (the districts pre-rendered, any communes with JavaScript). */
  compare: (id: string) => `/so-sanh/${encodeURIComponent(id)}/`,
  data: "/du-lieu/",
  about: "/gioi-thieu/",
  whatsNew: "/moi-cap-nhat/",
  /** Atom feed of data versions (one for both languages). */
  feed: "/feed.xml",
  search: "/tim-kiem/",
  /** The prebuilt search index (one file for both languages). */
  searchIndex: "/tim-kiem/chi-muc.json",
  embed: (id: string) => `/nhung/${encodeURIComponent(id)}/`,
  chartSvg: (id: string) => `/charts/${encodeURIComponent(id)}.svg`,
  chartPng: (id: string) => `/charts/${encodeURIComponent(id)}.png`,
  api: "/api/",
  schema: "/schema.graphql",
  graphql: "/graphql",
  /** Files written by downloads/build.ts (run by the site build after astro, see site/build.ts). */
  downloads: "/downloads/",
  indicatorCsv: (id: string) => `/downloads/indicators/${encodeURIComponent(id)}.csv`,
  indicatorJson: (id: string) => `/downloads/indicators/${encodeURIComponent(id)}.json`,
  download: (file: string) => `/downloads/${file}`,
};

/** Routes of the English pages: the same content under /en/ (the API's permalink(lang: EN) points here). */
export const pathsEn = {
  home: "/en/",
  topics: "/en/topics/",
  topic: (id: string) => `/en/topics/${encodeURIComponent(id)}/`,
  indicators: "/en/indicators/",
  indicator: (id: string) => indicatorPath(id, "en"),
  sources: "/en/sources/",
  source: (id: string) => `/en/sources/${encodeURIComponent(id)}/`,
  areas: "/en/areas/",
  area: (code: string) => `/en/areas/${encodeURIComponent(code)}/`,
  reorganisation: "/en/reorganisation-2025/",
  compare: (id: string) => `/en/compare/${encodeURIComponent(id)}/`,
  data: "/en/data/",
  about: "/en/about/",
  whatsNew: "/en/whats-new/",
  search: "/en/search/",
  embed: (id: string) => `/en/embed/${encodeURIComponent(id)}/`,
  chartSvg: (id: string) => `/en/charts/${encodeURIComponent(id)}.svg`,
  chartPng: (id: string) => `/en/charts/${encodeURIComponent(id)}.png`,
};

export type Routes = Pick<typeof paths, keyof typeof pathsEn>;

/** The routes of a language; the API page (Vietnamese only) is in `paths`. */
export function routes(lang: Lang): Routes {
  return lang === "vi" ? paths : pathsEn;
}

/**
 * The first segment of each Vietnamese route and its English counterpart: the language switch
 * maps any page to the same page in the other language (the rest of the path is kept).
 * Order matters only for readability; the segments are distinct.
 */
const ROUTE_PREFIXES: [vi: string, en: string][] = [
  ["/chu-de/", "/en/topics/"],
  ["/chi-so/", "/en/indicators/"],
  ["/nguon/", "/en/sources/"],
  ["/dia-ban/", "/en/areas/"],
  ["/sap-xep-2025/", "/en/reorganisation-2025/"],
  ["/so-sanh/", "/en/compare/"],
  ["/du-lieu/", "/en/data/"],
  ["/tim-kiem/", "/en/search/"],
  ["/nhung/", "/en/embed/"],
];

/**
 * The same page in the other language, from its path: /dia-ban/171/ ↔ /en/areas/171/.
 * A page with no counterpart (the API page, an unknown path) leads to the other language's home page.
 */
export function counterpartPath(pathname: string, from: Lang): string {
  const path = pathname.endsWith("/") || /\.[a-z0-9]+$/i.test(pathname) ? pathname : `${pathname}/`;
  if (from === "vi") {
    if (path === "/") return pathsEn.home;
    const match = ROUTE_PREFIXES.find(([vi]) => path.startsWith(vi));
    return match ? match[1] + path.slice(match[0].length) : pathsEn.home;
  }
  if (path === pathsEn.home) return paths.home;
  const match = ROUTE_PREFIXES.find(([, en]) => path.startsWith(en));
  return match ? match[0] + path.slice(match[1].length) : paths.home;
}

/** Text in both languages, picked by the page's language. */
export function pick(lang: Lang, text: Bilingual): string {
  return text[lang];
}

/** Short labels of the interface in both languages; a page shows its own language's only (component T). */
export const UI = {
  home: { vi: "Trang chủ", en: "Home" },
  topics: { vi: "Chủ đề", en: "Topics" },
  indicators: { vi: "Chỉ số", en: "Indicators" },
  areas: { vi: "Địa bàn", en: "Areas" },
  sources: { vi: "Nguồn", en: "Sources" },
  data: { vi: "Dữ liệu", en: "Data" },
  search: { vi: "Tìm kiếm", en: "Search" },
  reorganisation: { vi: "Sắp xếp 2025", en: "2025 reorganisation" },
  compare: { vi: "So sánh", en: "Compare" },
  api: { vi: "API", en: "API" },
  /** The portal's one name, as the API's citations write it. */
  siteName: { vi: PORTAL_NAME.vi, en: PORTAL_NAME.en },
  period: { vi: "Kỳ", en: "Period" },
  value: { vi: "Giá trị", en: "Value" },
  area: { vi: "Địa bàn", en: "Area" },
  breakdown: { vi: "Phân tổ", en: "Breakdown" },
  source: { vi: "Nguồn", en: "Source" },
  note: { vi: "Ghi chú", en: "Note" },
  total: { vi: "Tổng", en: "Total" },
  numerator: { vi: "Tử số", en: "Numerator" },
  denominator: { vi: "Mẫu số", en: "Denominator" },
  share: { vi: "Tỷ lệ", en: "Share" },
  latestValue: { vi: "Giá trị mới nhất", en: "Latest value" },
  unit: { vi: "Đơn vị", en: "Unit" },
  topic: { vi: "Chủ đề", en: "Topic" },
  direction: { vi: "Chiều đọc", en: "Direction" },
  indicatorId: { vi: "Mã chỉ số", en: "Indicator id" },
  latest: { vi: "Mới nhất", en: "Latest" },
  indicator: { vi: "Chỉ số", en: "Indicator" },
  targets: { vi: "Mục tiêu", en: "Targets" },
  target: { vi: "Mục tiêu", en: "Target" },
  by: { vi: "Hạn", en: "By" },
  kind: { vi: "Loại", en: "Kind" },
  milestones: { vi: "Mốc sự kiện", en: "Milestones" },
  howComputed: { vi: "Cách tính", en: "How it is computed" },
  sharesFrom: { vi: "Tỷ lệ tính từ chỉ số này", en: "Shares computed from this indicator" },
  vsTarget: { vi: "So với mục tiêu", en: "Latest value against target" },
  cite: { vi: "Trích dẫn", en: "Cite this" },
  download: { vi: "Tải về", en: "Download" },
  embed: { vi: "Nhúng biểu đồ", en: "Embed this chart" },
  quote: { vi: "Trích dẫn giá trị này", en: "Quote this value" },
  permalink: { vi: "Liên kết cố định", en: "Permalink" },
  dataVersion: { vi: "Phiên bản dữ liệu", en: "Data version" },
  publisher: { vi: "Nhà xuất bản", en: "Publisher" },
  url: { vi: "Địa chỉ", en: "URL" },
  published: { vi: "Ngày đăng", en: "Published" },
  snapshotDate: { vi: "Ngày của danh mục", en: "Snapshot date" },
  licence: { vi: "Giấy phép", en: "Licence" },
  locator: { vi: "Vị trí trong nguồn", en: "Locator" },
  sourceId: { vi: "Mã nguồn", en: "Source id" },
  lowerReliability: { vi: "Độ tin cậy thấp hơn", en: "Lower reliability" },
  chartKey: { vi: "Chú giải biểu đồ", en: "Chart key" },
  file: { vi: "Tệp", en: "File" },
  contents: { vi: "Nội dung", en: "Contents" },
  size: { vi: "Dung lượng", en: "Size" },
} satisfies Record<string, Bilingual>;

/** A column's name beside a value when a table is shown as stacked rows (phones): “Nguồn” on Vietnamese pages, “Source” on English ones. */
export function cellLabel(t: Bilingual, lang: Lang): string {
  return t[lang];
}

/** The unit under a value column's name: “đơn vị: số lượng” / “unit: count”. */
export function unitHeading(unit: { name: string; nameEn: string }, lang: Lang): string {
  return lang === "vi" ? `đơn vị: ${unit.name}` : `unit: ${unit.nameEn}`;
}

/** The other language's name, as the language switch shows it (in that language). */
export const OTHER_LANGUAGE: Record<Lang, { lang: Lang; label: string }> = {
  vi: { lang: "en", label: "English" },
  en: { lang: "vi", label: "Tiếng Việt" },
};
