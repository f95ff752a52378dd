/**
 * Citations of an indicator (a dataset of the portal) as plain text, BibTeX and CSL-JSON.
 * Each names the portal, the indicator, the data version, the access date (the build date
 * of the data: the site is static), the original sources and the permalink.
 */
import { formatDate, type Lang } from "../../lib/format.js";

export const PORTAL_NAME: Record<Lang, string> = { vi: "Cổng dữ liệu mở Thái Nguyên", en: "Thái Nguyên Open Data Portal" };

export interface CitedSource {
  title: string;
  titleEn: string | null;
  publisher: string;
  published: string | null;
  url: string | null;
}

export interface CitationInput {
  indicatorId: string;
  name: string;
  description: string;
  dataVersion: string;
  /** Build date of the data (YYYY-MM-DD): issue date and access date. */
  builtAt: string;
  permalink: string;
  sources: CitedSource[];
}

const WORDS = {
  vi: { dataset: "Bộ dữ liệu", version: "phiên bản dữ liệu", accessed: "Truy cập ngày", at: "tại", sources: "Nguồn gốc" },
  en: { dataset: "Dataset", version: "data version", accessed: "Accessed", at: "at", sources: "Original sources" },
} as const;

/** “Title” [English title] (Publisher, year): one original source, as a citation lists it. */
function describeSource(source: CitedSource, lang: Lang): string {
  const translated = lang === "en" && source.titleEn ? ` [${source.titleEn}]` : "";
  const year = source.published ? `, ${source.published.slice(0, 4)}` : "";
  return `“${source.title}”${translated} (${source.publisher}${year})`;
}

function sourcesSentence(sources: CitedSource[], lang: Lang): string {
  return sources.length ? ` ${WORDS[lang].sources}: ${sources.map((s) => describeSource(s, lang)).join("; ")}.` : "";
}

/** Plain text, author-date: Portal (year). Name [Dataset], data version V. Accessed D at URL. Original sources: …. */
export function citationText(c: CitationInput, lang: Lang): string {
  const w = WORDS[lang];
  return (
    `${PORTAL_NAME[lang]} (${c.builtAt.slice(0, 4)}). ${c.name} [${w.dataset}], ${w.version} ${c.dataVersion}. ` +
    `${w.accessed} ${formatDate(c.builtAt, lang)} ${w.at} ${c.permalink}.${sourcesSentence(c.sources, lang)}`
  );
}

/** A citation key of letters, digits and hyphens only: tnod-<indicator>-<data version>. */
export function citationKey(c: Pick<CitationInput, "indicatorId" | "dataVersion">): string {
  return `tnod-${c.indicatorId}-${c.dataVersion}`.replace(/[^A-Za-z0-9-]+/g, "-").replace(/-+/g, "-").replace(/-$/, "");
}

/** Escape the characters BibTeX/LaTeX treat specially; UTF-8 letters stay as they are (biber, BibTeX with inputenc). */
export function escapeBibtex(text: string): string {
  return text.replace(/[\\{}%&$#_^~]/g, (c) => {
    if (c === "\\") return "\\textbackslash{}";
    if (c === "^") return "\\^{}";
    if (c === "~") return "\\~{}";
    return `\\${c}`;
  });
}

/** URLs go verbatim into `url`; only braces would unbalance the entry, so they are percent-encoded. */
function bibtexUrl(url: string): string {
  return url.replace(/\{/g, "%7B").replace(/\}/g, "%7D");
}

/** One `@misc` entry, valid for BibTeX and biblatex; the title is brace-protected so styles keep its case. */
export function citationBibtex(c: CitationInput, lang: Lang): string {
  const w = WORDS[lang];
  const note = `${w.dataset}, ${w.version} ${c.dataVersion}.${sourcesSentence(c.sources, lang)}`;
  const fields: [string, string][] = [
    ["author", `{${escapeBibtex(PORTAL_NAME[lang])}}`],
    ["title", `{${escapeBibtex(c.name)}}`],
    ["year", c.builtAt.slice(0, 4)],
    ["version", escapeBibtex(c.dataVersion)],
    ["howpublished", escapeBibtex(w.dataset)],
    ["url", bibtexUrl(c.permalink)],
    ["urldate", c.builtAt],
    ["language", lang === "vi" ? "vietnamese" : "english"],
    ["note", escapeBibtex(note)],
  ];
  return `@misc{${citationKey(c)},\n${fields.map(([k, v]) => `  ${k} = {${v}}`).join(",\n")}\n}\n`;
}

function dateParts(isoDate: string): { "date-parts": number[][] } {
  return { "date-parts": [isoDate.split("-").map(Number)] };
}

/** CSL-JSON: an array with one item of type "dataset" (the form Zotero, Pandoc and citeproc read). */
export function citationCslJson(c: CitationInput, lang: Lang): string {
  const item = {
    id: citationKey(c),
    type: "dataset",
    title: c.name,
    author: [{ literal: PORTAL_NAME[lang] }],
    publisher: PORTAL_NAME[lang],
    genre: WORDS[lang].dataset,
    abstract: c.description,
    version: c.dataVersion,
    issued: dateParts(c.builtAt),
    accessed: dateParts(c.builtAt),
    URL: c.permalink,
    language: lang === "vi" ? "vi-VN" : "en-GB",
    note: sourcesSentence(c.sources, lang).trim(),
  };
  return JSON.stringify([item], null, 2);
}
