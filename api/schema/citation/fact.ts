/**
 * Quotable facts: one sentence per observation, built from the catalogue, never written by
 * hand per indicator. Two shapes, chosen by the unit kind and the name:
 *   a count named "Số …" (number of …):  "Tỉnh Thái Nguyên có 107 chợ 4.0 (2023; nguồn: …)."
 *                                          "Thai Nguyen Province had 107 Chợ 4.0 digital markets (2023; source: …)."
 *   anything else:                        "Doanh thu kinh tế số của tỉnh Thái Nguyên ước tính là 357 nghìn tỷ đồng (2023-H1; nguồn: …)."
 *                                          "Digital-economy revenue in Thai Nguyen Province was an estimated VND 357 trillion (…)."
 * The period is as sure as the source makes it: "(công bố năm 2023, không nêu kỳ số liệu; nguồn: …)",
 * "(khoảng cuối 2023; …)" / "(published 2023, period not stated; …)", "(about end of 2023; …)".
 * A value that is not plainly reported says so: ước tính/an estimated, xấp xỉ/approximately,
 * tính từ …/computed from ….
 */
import { formatNumber, formatPeriod, formatValue, fractionDigits, type Lang, type PeriodLike, type UnitLike } from "../../lib/format.js";
import { englishAreaName } from "../../lib/names.js";

export type FactStatus = "REPORTED" | "ESTIMATE" | "APPROXIMATE" | "COMPUTED" | "COMPUTED_FROM_ESTIMATE";

interface Named {
  name: string;
  nameEn: string;
}

export interface FactInput {
  value: number;
  status: FactStatus | string;
  indicator: Named;
  unit: UnitLike;
  /** The area as it was at the end of the period; null when the code is unknown. */
  area: { fullName: string; fullNameEn: string } | null;
  areaCode: string;
  /** The period with its basis: a value without a stated period says so (formatPeriod). */
  period: PeriodLike;
  breakdown: Named | null;
  source: { title: string; publisher: string };
  /** For a share computed by the portal: what was divided by what. */
  computedFrom: { numerator: Named; denominator: Named } | null;
}

/** Verbs of the two shapes, by status: [count shape, general shape]. */
const VERBS: Record<Lang, Record<"plain" | "estimate" | "approximate", [string, string]>> = {
  // "xấp xỉ"/"approximately" covers both "gần" (nearly) and "khoảng" (about) of the sources.
  vi: { plain: ["có", "là"], estimate: ["ước tính có", "ước tính là"], approximate: ["có xấp xỉ", "là xấp xỉ"] },
  en: { plain: ["had", "was"], estimate: ["had an estimated", "was an estimated"], approximate: ["had approximately", "was approximately"] },
};

const withoutTrailingParenthesis = (text: string) => text.replace(/\s*\([^()]*\)\s*$/u, "").trim();
const lowerFirst = (text: string) => text.charAt(0).toLocaleLowerCase("vi") + text.slice(1);
/** Lower-case an English name's first word unless it is an acronym or a Vietnamese word (“DTI”, “Chợ”). */
const lowerFirstEnglish = (text: string) => (/^[A-Z][a-z]*(?=[\s-]|$)/.test(text) ? lowerFirst(text) : text);

/** "Số chợ 4.0 (chợ thanh toán …)" → "chợ 4.0": the counted noun, or null when the name is not "Số …". */
function countedNoun(indicator: Named, unit: UnitLike): { vi: string; en: string } | null {
  const match = /^Số\s+(.+)$/u.exec(indicator.name);
  if (unit.kind !== "COUNT" || !match) return null;
  return { vi: withoutTrailingParenthesis(match[1]), en: lowerFirstEnglish(withoutTrailingParenthesis(indicator.nameEn)) };
}

function statusKind(status: string): "plain" | "estimate" | "approximate" {
  if (status === "ESTIMATE") return "estimate";
  if (status === "APPROXIMATE" || status === "COMPUTED_FROM_ESTIMATE") return "approximate";
  return "plain";
}

function computedNote(input: FactInput, lang: Lang): string | null {
  if (!input.computedFrom) return null;
  const part = (n: Named) => (lang === "vi" ? lowerFirst(withoutTrailingParenthesis(n.name)) : lowerFirstEnglish(withoutTrailingParenthesis(n.nameEn)));
  const { numerator, denominator } = input.computedFrom;
  const estimated = input.status === "COMPUTED_FROM_ESTIMATE";
  if (lang === "vi") return `tính từ ${part(numerator)} và ${part(denominator)}${estimated ? " (có số ước tính)" : ""}`;
  return `computed from ${part(numerator)} and ${part(denominator)}${estimated ? " (partly estimated)" : ""}`;
}

/** The quotable sentence of one observation in Vietnamese or English. */
export function factSentence(input: FactInput, lang: Lang): string {
  const kind = statusKind(input.status);
  const [countVerb, verb] = VERBS[lang][kind];
  const areaName = input.area
    ? lang === "vi" ? input.area.fullName : englishAreaName(input.area.fullNameEn, input.area.fullName)
    : lang === "vi" ? `đơn vị có mã ${input.areaCode}` : `area ${input.areaCode}`;
  const noun = countedNoun(input.indicator, input.unit);

  let core: string;
  if (noun) {
    const number = formatNumber(input.value, lang, fractionDigits(input.unit.kind));
    core = `${areaName} ${countVerb} ${number} ${noun[lang]}`;
  } else {
    const value = formatValue(input.value, input.unit, lang);
    core = lang === "vi" ? `${input.indicator.name} của ${lowerFirst(areaName)} ${verb} ${value}` : `${input.indicator.nameEn} in ${areaName} ${verb} ${value}`;
  }

  const details = [
    input.breakdown ? withoutTrailingParenthesis(lang === "vi" ? input.breakdown.name : input.breakdown.nameEn) : null,
    computedNote(input, lang),
    formatPeriod(input.period, lang),
    `${lang === "vi" ? "nguồn" : "source"}: “${input.source.title}”, ${input.source.publisher}`,
  ].filter((d): d is string => Boolean(d));
  return `${core} (${details.join("; ")}).`;
}
