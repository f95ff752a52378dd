// CSV of the figure on /sap-xep-2025/: commune-level units of the province by date, from the API.
import { stringify } from "csv-stringify/sync";
import { PROVINCE, getReorganisationCounts } from "../../lib/reorganisation";

export async function GET() {
  const counts = await getReorganisationCounts();
  const rows = counts.map((c) => ({
    date: c.date,
    province_code: PROVINCE,
    xa: c.total > 0 ? c.byType.XA ?? 0 : "",
    phuong: c.total > 0 ? c.byType.PHUONG ?? 0 : "",
    thi_tran: c.total > 0 ? c.byType.THI_TRAN ?? 0 : "",
    commune_level_total: c.total > 0 ? c.total : "",
    district_level_total: c.total > 0 ? c.districts : "",
    note: c.total > 0 ? "" : "no unit list for this date in the portal",
  }));
  // BOM so that Excel opens the UTF-8 file with its diacritics.
  const csv = "\uFEFF" + stringify(rows, { header: true, record_delimiter: "\r\n" });
  return new Response(csv, { headers: { "content-type": "text/csv; charset=utf-8" } });
}
