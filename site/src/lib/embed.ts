/** The embed code of an indicator's figure: an iframe of its embed page and a caption naming the data version. */
import { routes, type Lang } from "./labels";

const SITE_NAME = { vi: "Dữ liệu mở Thái Nguyên", en: "Thái Nguyên Open Data" };
const VERSION = { vi: "phiên bản dữ liệu", en: "data version" };

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function embedSnippet(options: { id: string; name: string; lang: Lang; dataVersion: string; site: URL }): string {
  const { id, name, lang, dataVersion, site } = options;
  const r = routes(lang);
  const src = new URL(r.embed(id), site).href;
  const page = new URL(r.indicator(id), site).href;
  const label = `${name} — ${SITE_NAME[lang]}, ${VERSION[lang]} ${dataVersion}`;
  return (
    `<iframe src="${src}" title="${escapeHtml(label)}" width="100%" height="720" style="border:0;max-width:720px" loading="lazy"></iframe>\n` +
    `<p><a href="${page}">${escapeHtml(name)}</a> — ${SITE_NAME[lang]}, ${VERSION[lang]} ${dataVersion}</p>`
  );
}
