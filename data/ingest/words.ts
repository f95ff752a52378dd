/**
 * Words for the notes the ingest writes itself (computed shares, totals, harmonised values): plain
 * sentences in Vietnamese and English, numbers with the language's marks (vi 1.286.751 and 3.526,64;
 * en 1,286,751 and 3,526.64), dates as 01/04/2019 and 1 April 2019, and no ids of the data files.
 */
import { formatDate, formatNumber, type Lang } from "../../api/lib/format.js";
import { englishAreaName } from "../../api/lib/names.js";

/** A number of a note: every decimal the data has (up to 6), grouped for the language. */
export const noteNumber = (value: number, lang: Lang) => formatNumber(value, lang, 6);

export const noteDate = (isoDate: string, lang: Lang) => formatDate(isoDate, lang);

/**
 * A name inside a sentence: the first letter lower-cased unless the second is a capital or a digit
 * (“Số xã đạt chuẩn…” → “số xã đạt chuẩn…”, “Huyện Đại Từ” → “huyện Đại Từ”; GRDP, PCI stay).
 */
export function inSentence(name: string): string {
  const [first, second] = [...name];
  return second !== undefined && /\p{Ll}/u.test(second) ? first.toLocaleLowerCase("vi") + name.slice(first.length) : name;
}

/** An area in a sentence: vi “xã Kim Phượng (05551)”, en “Kim Phượng Commune (05551)”. */
export function areaInSentence(area: { code: string; full_name: string; full_name_en: string }, lang: Lang): string {
  return lang === "vi" ? `${inSentence(area.full_name)} (${area.code})` : `${englishAreaName(area.full_name_en, area.full_name)} (${area.code})`;
}
