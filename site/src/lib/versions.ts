/**
 * The data version history (API `dataVersions`, data/ingest/releases.ts) for the "What's new"
 * pages (/moi-cap-nhat/, /en/whats-new/), the about pages and the Atom feed (/feed.xml).
 */
import { gql } from "./api";
import { graphql } from "./graphql";
import type { SiteDataVersionsQuery } from "./graphql/graphql";
import { escapeXml } from "./markup";
import { formatDate, formatNumber, formatValue } from "./format";
import type { Lang } from "./labels";
import type { Unit } from "./types";

/** A data version with its changes, as the API answers (types generated: `npm run codegen`). */
export type DataVersion = SiteDataVersionsQuery["dataVersions"][number];
export type DataChange = DataVersion["changes"][number];
export type DataChangeKind = DataChange["kind"];

const DATA_VERSIONS = graphql(`
  query SiteDataVersions {
    dataVersions {
      version publishedOn previousVersion current released valuesCount added changed removed
      changes { kind observationId indicatorId areaCode periodLabel sourceId oldValue newValue oldStatus newStatus
        indicator { id name nameEn unit { id symbol name nameEn kind } } source { id title titleEn } }
    }
  }
`);

let versions: Promise<DataVersion[]> | undefined;

/** Every data version, newest first, with its changes. */
export function getDataVersions(): Promise<DataVersion[]> {
  versions ??= gql(DATA_VERSIONS).then((d) => d.dataVersions);
  return versions;
}

/** Anchor of a version on the What's new page. */
export const versionAnchor = (version: string) => `v-${version.replace(/\./g, "-")}`;

export const KIND_LABEL: Record<DataChangeKind, { vi: string; en: string }> = {
  ADDED: { vi: "Giá trị mới", en: "Added values" },
  CHANGED: { vi: "Giá trị thay đổi", en: "Changed values" },
  REMOVED: { vi: "Giá trị bị bỏ", en: "Removed values" },
};

/** A value with its unit, or a dash when there is none (added: no old value; removed: no new one). */
export function changeValue(change: DataChange, which: "old" | "new", lang: Lang): string {
  const value = which === "old" ? change.oldValue : change.newValue;
  if (value === null) return "—";
  return change.indicator ? formatValue(value, change.indicator.unit, lang) : formatNumber(value, lang);
}

/** One line per version: what changed, in the reader's language. */
export function versionSummary(v: DataVersion, lang: Lang): string {
  const n = (x: number) => formatNumber(x, lang);
  if (!v.previousVersion) {
    return lang === "vi" ? `Phiên bản đầu tiên được ghi lại: ${n(v.valuesCount)} giá trị.` : `The first recorded version: ${n(v.valuesCount)} values.`;
  }
  return lang === "vi"
    ? `${n(v.valuesCount)} giá trị; so với ${v.previousVersion}: ${n(v.added)} mới, ${n(v.changed)} thay đổi, ${n(v.removed)} bị bỏ.`
    : `${n(v.valuesCount)} values; since ${v.previousVersion}: ${n(v.added)} added, ${n(v.changed)} changed, ${n(v.removed)} removed.`;
}

/**
 * The Atom feed of data versions (RFC 4287): one entry per version, newest first, linking to its
 * place on the What's new page. Bilingual titles and summaries (a feed has one language per entry:
 * Vietnamese, the portal's first language, with the English after it).
 */
export function atomFeed(all: DataVersion[], site: URL, names: { vi: string; en: string }, pagePath: string): string {
  const page = new URL(pagePath, site).href;
  const updated = all.length ? `${all[0].publishedOn}T00:00:00Z` : "1970-01-01T00:00:00Z";
  const entries = all.map((v) => {
    const link = `${page}#${versionAnchor(v.version)}`;
    const title = `Phiên bản dữ liệu ${v.version} (${formatDate(v.publishedOn, "vi")}) · Data version ${v.version}`;
    const summary = `${versionSummary(v, "vi")} ${versionSummary(v, "en")}${v.released ? "" : " Chưa phát hành (not yet released)."}`;
    return [
      "  <entry>",
      `    <id>${escapeXml(link)}</id>`,
      `    <title>${escapeXml(title)}</title>`,
      `    <updated>${v.publishedOn}T00:00:00Z</updated>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(link)}"/>`,
      `    <summary>${escapeXml(summary)}</summary>`,
      "  </entry>",
    ].join("\n");
  });
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">`,
    `  <id>${escapeXml(new URL("/feed.xml", site).href)}</id>`,
    `  <title>${escapeXml(`${names.vi}: các phiên bản dữ liệu · ${names.en}: data versions`)}</title>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>${escapeXml(names.vi)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(new URL("/feed.xml", site).href)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(page)}"/>`,
    ...entries,
    `</feed>`,
    "",
  ].join("\n");
}
