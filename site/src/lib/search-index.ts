/** Build-time side of the search: the entries of /tim-kiem/chi-muc.json, read from the API. */
import { foldForSearch } from "../../../api/lib/text";
import { words } from "../../../api/schema/search/rank";
import { getAreaCodes } from "./areas";
import { UNIT_TYPE, SOURCE_KIND, paths, pathsEn } from "./labels";
import { getIndicators, getSources } from "./queries";
import type { SearchDoc } from "./search";

const LEVEL_ORDER = { PROVINCE: 0, DISTRICT: 1, COMMUNE: 2 } as const;

export async function searchDocs(): Promise<SearchDoc[]> {
  const [indicators, areas, sources] = await Promise.all([getIndicators(), getAreaCodes(), getSources()]);
  // Each word once: the ranking reads whole words from this text and phrases from the names.
  const fold = (...parts: (string | null | undefined)[]) => [...new Set(words(foldForSearch(parts.filter(Boolean).join(" "))))].join(" ");
  const docs: SearchDoc[] = indicators.map((i, position) => ({
    k: "i",
    id: i.id,
    n: i.name,
    e: i.nameEn,
    u: paths.indicator(i.id),
    ue: pathsEn.indicator(i.id),
    d: i.topic.name,
    de: i.topic.nameEn,
    t: fold(i.name, i.nameEn, i.id),
    o: position,
  }));
  for (const area of areas.values()) {
    const latest = area.latest;
    const names = area.versions.flatMap((v) => [v.name, v.fullName, v.fullNameEn]);
    // A unit formed by a reorganisation is found by its old units' names too (“Túc Duyên” → Phường Phan Đình Phùng).
    const oldNames = latest.formedFrom.filter((c) => c.area.code !== area.code || c.area.name !== latest.name).flatMap((c) => [c.area.name, c.area.fullName, c.area.fullNameEn]);
    const ended = latest.validTo !== null;
    // An ended unit says what it became: the units it went into, whole or in part.
    const into = ended ? latest.wentInto.map((c) => c.area) : [];
    const intoVi = into.length ? ` · nay thuộc ${into.map((a) => a.fullName).join(", ")}` : "";
    const intoEn = into.length ? ` · now part of ${into.map((a) => a.fullNameEn).join(", ")}` : "";
    docs.push({
      k: "a",
      id: area.code,
      n: latest.fullName,
      e: latest.fullNameEn,
      u: paths.area(area.code),
      ue: pathsEn.area(area.code),
      d: `${UNIT_TYPE[latest.unitType].vi} · mã ${area.code}${ended ? " · đã thôi hiệu lực" : ""}${intoVi}${oldNames.length ? ` · gồm cả ${[...new Set(latest.formedFrom.map((c) => c.area.fullName))].join(", ")}` : ""}`,
      de: `${UNIT_TYPE[latest.unitType].en} · code ${area.code}${ended ? " · abolished" : ""}${intoEn}${oldNames.length ? ` · formed from ${[...new Set(latest.formedFrom.map((c) => c.area.fullNameEn))].join(", ")}` : ""}`,
      t: fold(...new Set([...names, ...oldNames]), area.code),
      o: LEVEL_ORDER[latest.level] * 2 + (ended ? 1 : 0),
    });
  }
  for (const s of sources) {
    docs.push({
      k: "s",
      id: s.id,
      n: s.title,
      e: s.titleEn ?? s.title,
      u: paths.source(s.id),
      ue: pathsEn.source(s.id),
      d: `${SOURCE_KIND[s.kind].vi} · ${s.publisher}`,
      de: `${SOURCE_KIND[s.kind].en} · ${s.publisher}`,
      t: fold(s.title, s.titleEn, s.publisher, s.id),
      o: 0,
    });
  }
  return docs;
}
