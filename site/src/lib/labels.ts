/** Vietnamese and English names of the API's enum values, and the site's URL scheme. */
import type { AreaChangeKind, AreaLevel, AreaUnitType, ObservationStatus, PeriodBasis, SourceKind } from "./types";

type Bilingual = { vi: string; en: string };

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

export const paths = {
  home: "/",
  topics: "/chu-de/",
  topic: (id: string) => `/chu-de/${encodeURIComponent(id)}/`,
  indicators: "/chi-so/",
  indicator: (id: string) => `/chi-so/${encodeURIComponent(id)}/`,
  sources: "/nguon/",
  source: (id: string) => `/nguon/${encodeURIComponent(id)}/`,
  areas: "/dia-ban/",
  area: (code: string) => `/dia-ban/${encodeURIComponent(code)}/`,
  reorganisation: "/sap-xep-2025/",
  api: "/api/",
  schema: "/schema.graphql",
  graphql: "/graphql",
  /** CSV files written by the downloads step (not by the site build). */
  indicatorCsv: (id: string) => `/downloads/indicators/${encodeURIComponent(id)}.csv`,
};
