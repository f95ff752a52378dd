/**
 * An area page's content, shared by both languages: the code's values grouped by topic and
 * indicator (the site's order), the ranks worded with the unit they are among, and the
 * predecessors and successors with their own headline values.
 */
import type { AreaCode } from "./areas";
import type { AreaValue, Rank } from "./area-values";
import { meaningfulRank, rankText } from "./area-values";
import type { Lang } from "./labels";
import type { AreaChange, AreaVersion, IndicatorSummary, TopicRef } from "./types";

export interface AreaValueRow {
  version: AreaVersion;
  value: AreaValue;
  indicator: IndicatorSummary;
}

export interface TopicGroup {
  topic: TopicRef;
  rows: AreaValueRow[];
}

/**
 * Values of the versions, grouped by topic (in `topics` order) and indicator (in `indicators`
 * order); each indicator's own values newest first, then its values carried to later units.
 */
export function groupValues(versions: AreaVersion[], valuesByVersion: Map<string, AreaValue[]>, indicators: IndicatorSummary[], topics: TopicRef[]): TopicGroup[] {
  const position = new Map(indicators.map((i, n) => [i.id, n]));
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const rows: AreaValueRow[] = versions.flatMap((version) =>
    (valuesByVersion.get(version.id) ?? []).flatMap((value) => {
      const indicator = byId.get(value.indicator.id);
      // An indicator the site does not list (none today) is left out rather than shown without a name.
      return indicator ? [{ version, value, indicator }] : [];
    }),
  );
  rows.sort(
    (a, b) =>
      (position.get(a.indicator.id)! - position.get(b.indicator.id)!) ||
      Number(a.value.harmonisedTo !== null) - Number(b.value.harmonisedTo !== null) ||
      b.value.period.end.localeCompare(a.value.period.end) ||
      b.value.period.start.localeCompare(a.value.period.start),
  );
  const topicOrder = new Map(topics.map((t, n) => [t.id, n]));
  const groups = new Map<string, TopicGroup>();
  for (const row of rows) {
    const group = groups.get(row.indicator.topic.id) ?? { topic: row.indicator.topic, rows: [] };
    group.rows.push(row);
    groups.set(row.indicator.topic.id, group);
  }
  return [...groups.values()].sort((a, b) => (topicOrder.get(a.topic.id) ?? 99) - (topicOrder.get(b.topic.id) ?? 99));
}

/** Name of a code as the page writes it (the latest version's full name), or the code. */
export function codeName(code: string, all: Map<string, AreaCode>, lang: Lang): string {
  const area = all.get(code);
  if (!area) return code;
  return lang === "vi" ? area.latest.fullName : area.latest.fullNameEn;
}

/**
 * The ranks of a value, in words: among its siblings (the communes of its district, the districts
 * of the province), then among the whole level in the province when that is another group.
 */
export function rankLines(value: AreaValue, all: Map<string, AreaCode>, lang: Lang, province: string): string[] {
  const lines: string[] = [];
  const within = (rank: Rank) => (rank.withinCode === province ? undefined : codeName(rank.withinCode, all, lang));
  const sibling = meaningfulRank(value.rankInParent) ? value.rankInParent : null;
  if (sibling) lines.push(rankText(sibling, lang, within(sibling)));
  const whole = meaningfulRank(value.rank) ? value.rank : null;
  if (whole && (!sibling || whole.withinCode !== sibling.withinCode)) lines.push(rankText(whole, lang, within(whole)));
  return lines;
}

/** Indicators whose latest value a predecessor or successor shows beside its name: sizes a reader compares. */
export const LINK_INDICATORS = ["population", "population-reorganisation-scale", "land-area"];

export interface LinkedArea {
  version: AreaVersion;
  change: AreaChange;
  direction: "from" | "to";
  /** The linked version's latest own value of each of LINK_INDICATORS it has. */
  values: AreaValue[];
}

/** Every formedFrom / wentInto link of the versions, with the other end's headline values. */
export function linkedAreas(versions: AreaVersion[], valuesByVersion: Map<string, AreaValue[]>): LinkedArea[] {
  const latestOf = (id: string) => {
    const own = (valuesByVersion.get(id) ?? []).filter((v) => v.harmonisedTo === null && v.value !== null && LINK_INDICATORS.includes(v.indicator.id));
    return LINK_INDICATORS.flatMap((indicator) => {
      const list = own.filter((v) => v.indicator.id === indicator).sort((a, b) => b.period.end.localeCompare(a.period.end));
      return list.length ? [list[0]] : [];
    });
  };
  return versions.flatMap((version) => [
    ...version.formedFrom.map((change) => ({ version, change, direction: "from" as const, values: latestOf(change.area.id) })),
    ...version.wentInto.map((change) => ({ version, change, direction: "to" as const, values: latestOf(change.area.id) })),
  ]);
}
