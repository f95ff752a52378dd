/**
 * Geography: every version of every administrative unit of Thái Nguyên (and of Bắc Kạn before the
 * 2025 merger) with its validity, and the links between versions (type changes, mergers, splits).
 *
 * Built from the GSO unit lists of data/geography (snapshots), the reviewed list of known changes
 * (changes.yaml) and the 2025 crosswalk. The model starts on 2019-04-01 (the 2019 census date) and is replayed forward:
 * every change closes versions and opens new ones, and on each list's date the model must equal
 * that list exactly. Any unexplained difference, unknown code or wrong count fails the build with
 * file:line:column (DataError).
 */
import { join } from "node:path";
import type { AreaLinkTable, AreaTable } from "../../api/db/database.js";
import { formatDate } from "../../api/lib/format.js";
import { foldForSearch } from "../../api/lib/text.js";
import { areaSearchText } from "../../api/schema/area/area-search.js";
import { DataError } from "./errors.js";
import { checkCounts, checkVersions } from "./geography-checks.js";
import { changeSchema, expectedCountSchema, type Change, type UnitChange } from "./geography-schemas.js";
import { yamlLocator, type Position } from "./geography-yaml.js";
import { displayPath, readCsvAll, readYamlList } from "./read.js";
import { censusCommuneRowSchema, crosswalkRowSchema, sourceSchema, unitListRowSchema, type CrosswalkRow, type UnitListRow } from "./schemas.js";

/**
 * First day the geography covers: the 2019 Population and Housing Census date, so that census
 * values attach to the units of that day. The state is derived from the first list and the changes.
 */
export const GEOGRAPHY_START = "2019-04-01";

/** The unit lists (GSO snapshots), oldest first, with their source records. */
const LISTS = [
  { file: "thai-nguyen-units-2022-10-01.csv", date: "2022-10-01", sourceId: "gso-units-2022-10-01" },
  { file: "thai-nguyen-bac-kan-units-2025-03-01.csv", date: "2025-03-01", sourceId: "gso-units-2025-03-01" },
  { file: "thai-nguyen-units-2025-07-01.csv", date: "2025-07-01", sourceId: "gso-units-2025-07-01" },
];

/**
 * The 180 commune-level units of the 2019 census (GSO codes, names and districts as on 2019-04-01):
 * the model's state on GEOGRAPHY_START must be exactly these.
 */
export const CENSUS_LIST = { file: "thai-nguyen-population-census-2019-communes.csv", date: GEOGRAPHY_START, province: "19" };

export interface Geography {
  areas: AreaTable[];
  links: AreaLinkTable[];
}

type Level = UnitListRow["level"];
/** The fields of a unit that a version fixes (as in the lists: lower-case level and type). */
type UnitFields = Omit<UnitListRow, never>;

/** A version of a unit while the model is built. */
export interface Version extends UnitFields {
  validFrom: string;
  validTo: string | null;
  notes: Note[];
  sourceId: string;
  /** Where this version's record is, for errors. */
  origin: { file: string; line: number; column: number };
}

interface UnitList {
  file: string;
  shown: string;
  date: string;
  sourceId: string;
  rows: Map<string, { row: UnitListRow; line: number }>;
  provinces: Set<string>;
}

const LEVEL_RANK: Record<Level, number> = { province: 0, district: 1, commune: 2 };
const TYPES_OF_LEVEL: Record<Level, UnitListRow["unit_type"][]> = {
  province: ["tinh"],
  district: ["huyen", "thi_xa", "thanh_pho_thuoc_tinh"],
  commune: ["xa", "phuong", "thi_tran"],
};
/** Columns of a unit list, for error positions. */
const LIST_COLUMNS = ["code", "level", "unit_type", "name", "full_name", "name_en", "full_name_en", "parent_code"] as const;

/** A note the ingest writes about a unit or a change, in both languages. */
export interface Note { en: string; vi: string }
const vi = (date: string) => formatDate(date, "vi");
const en = (date: string) => formatDate(date, "en");
const START_NOTE: Note = {
  en: `Valid on ${en(GEOGRAPHY_START)} (the 2019 census date), where the portal's geography begins: earlier history is not covered (this is the first day the portal knows the unit, not the day it was created).`,
  vi: `Có hiệu lực ngày ${vi(GEOGRAPHY_START)} (thời điểm Tổng điều tra dân số năm 2019), ngày bắt đầu dữ liệu địa giới của cổng: lịch sử trước đó không có (đây là ngày đầu tiên cổng biết đến đơn vị, không phải ngày thành lập).`,
};

export function dayBefore(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

export const versionId = (v: { code: string; validFrom: string }) => `${v.code}@${v.validFrom}`;

/** Read and check the lists, changes, crosswalks and expected counts; return the area versions and links. */
export async function buildGeography(dataDir: string): Promise<Geography> {
  const dir = join(dataDir, "geography");
  const sourceIds = new Set(readYamlList(join(dataDir, "catalogue", "sources.yaml"), sourceSchema).map((s) => s.id));
  for (const list of LISTS) {
    if (!sourceIds.has(list.sourceId)) {
      throw new DataError(displayPath(join(dataDir, "catalogue", "sources.yaml")), 1, 1, `missing source record "${list.sourceId}" for data/geography/${list.file}`);
    }
  }
  const lists = await Promise.all(LISTS.map((l) => readUnitList(join(dir, l.file), l.date, l.sourceId)));

  const changesFile = join(dir, "changes.yaml");
  const changes = readYamlList(changesFile, changeSchema);
  const at = yamlLocator(changesFile);
  const where = (index: number, path: (string | number)[]): Version["origin"] => ({ file: displayPath(changesFile), ...toLineColumn(at(index, ...path)) });
  const changeError = (index: number, path: (string | number)[], message: string): DataError => {
    const pos = where(index, path);
    return new DataError(pos.file, pos.line, pos.column, `${changes[index].id}: ${message}`);
  };
  const ids = new Set<string>();
  changes.forEach((c, i) => {
    if (ids.has(c.id)) throw changeError(i, ["id"], `duplicate id`);
    ids.add(c.id);
    if (!sourceIds.has(c.source)) throw changeError(i, ["source"], `unknown source "${c.source}" (see catalogue/sources.yaml)`);
    if (c.crosswalk && !sourceIds.has(c.crosswalk.source)) throw changeError(i, ["crosswalk", "source"], `unknown source "${c.crosswalk.source}" (see catalogue/sources.yaml)`);
    if (effectiveDate(c) <= GEOGRAPHY_START) throw changeError(i, [c.date ? "date" : "between"], `the geography starts on ${GEOGRAPHY_START}: a change on or before that day cannot be modelled`);
  });

  const model = new Model(lists);
  model.start(changes, changeError, where);

  // Replay: changes in date order (file order within a day), each list checked after the changes of its day.
  const steps = [
    ...changes.map((change, index) => ({ date: effectiveDate(change), order: 0, index, run: () => model.apply(change, index, changeError, dir) })),
    ...lists.map((list, index) => ({ date: list.date, order: 1, index, run: () => model.checkList(list) })),
  ].sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order || a.index - b.index);
  for (const step of steps) await step.run();

  checkVersions(model.versions);
  const countsFile = join(dir, "counts.yaml");
  checkCounts(model.versions, readYamlList(countsFile, expectedCountSchema), countsFile);
  await checkCensusList(model.versions, join(dir, CENSUS_LIST.file));

  return { areas: model.versions.map(toAreaRow).sort(areaOrder), links: model.links };
}

/** The model's commune-level units of province 19 on the census date must be the census list's, with the same names and districts. */
async function checkCensusList(versions: Version[], file: string) {
  const shown = displayPath(file);
  const onDate = versions.filter((v) => v.level === "commune" && v.validFrom <= CENSUS_LIST.date && (v.validTo === null || v.validTo >= CENSUS_LIST.date));
  const byCode = new Map(onDate.map((v) => [v.code, v]));
  const districts = new Set(versions.filter((v) => v.level === "district" && v.parent_code === CENSUS_LIST.province).map((v) => v.code));
  const seen = new Set<string>();
  for (const { row, line } of await readCsvAll(file, censusCommuneRowSchema)) {
    const version = byCode.get(row.commune_code);
    if (!version) throw new DataError(shown, line, 1, `${row.commune_code} ${row.commune_name} is in the census list, but no commune-level unit with this code is valid on ${CENSUS_LIST.date} in the model (data/geography/changes.yaml)`);
    if (version.full_name !== row.commune_name) throw new DataError(shown, line, 2, `${row.commune_code} is "${row.commune_name}" in the census list but "${version.full_name}" on ${CENSUS_LIST.date} in the model`);
    if (version.parent_code !== row.district_code) throw new DataError(shown, line, 3, `${row.commune_code} is in district ${row.district_code} in the census list but in ${version.parent_code} on ${CENSUS_LIST.date} in the model`);
    seen.add(row.commune_code);
  }
  for (const version of onDate) {
    if (districts.has(version.parent_code ?? "") && !seen.has(version.code)) {
      throw new DataError(version.origin.file, version.origin.line, version.origin.column, `${version.code} ${version.full_name} is valid on ${CENSUS_LIST.date} in the model but not in the census list ${shown}`);
    }
  }
}

function effectiveDate(change: Change): string {
  return change.date ?? change.between![1];
}

/** Read a unit list; check codes are unique, levels and types agree, and every parent is in the list one level up. */
async function readUnitList(file: string, date: string, sourceId: string): Promise<UnitList> {
  const shown = displayPath(file);
  const rows = new Map<string, { row: UnitListRow; line: number }>();
  const located = await readCsvAll(file, unitListRowSchema);
  for (const { row, line } of located) {
    const first = rows.get(row.code);
    if (first) throw new DataError(shown, line, 1, `duplicate code ${row.code} (${row.full_name}): already on line ${first.line}; a code is carried by one unit at a time`);
    if (!TYPES_OF_LEVEL[row.level].includes(row.unit_type)) throw new DataError(shown, line, 3, `a ${row.unit_type} is not a unit of level ${row.level}`);
    rows.set(row.code, { row, line });
  }
  const provinces = new Set<string>();
  for (const { row, line } of rows.values()) {
    if (row.level === "province") {
      if (row.parent_code !== null) throw new DataError(shown, line, 8, `a province has no parent (got ${row.parent_code})`);
      provinces.add(row.code);
      continue;
    }
    const parent = row.parent_code === null ? undefined : rows.get(row.parent_code)?.row;
    if (!parent) throw new DataError(shown, line, 8, `parent_code ${row.parent_code ?? "(empty)"} of ${row.code} is not a unit of this list`);
    if (LEVEL_RANK[parent.level] >= LEVEL_RANK[row.level]) throw new DataError(shown, line, 8, `parent ${parent.code} is a ${parent.level}, not above a ${row.level}`);
  }
  return { file, shown, date, sourceId, rows, provinces };
}

/** Province code of a list row (following parents within the list). */
function provinceInList(list: UnitList, code: string): string {
  let row = list.rows.get(code)!.row;
  while (row.parent_code !== null) row = list.rows.get(row.parent_code)!.row;
  return row.code;
}

const fieldsOf = (row: UnitListRow): UnitFields => ({ ...row });

type ChangeError = (index: number, path: (string | number)[], message: string) => DataError;

/** The model being replayed: open (currently valid) versions by code, all versions, links. */
class Model {
  readonly versions: Version[] = [];
  readonly links: AreaLinkTable[] = [];
  private readonly open = new Map<string, Version>();
  /** The most recent version of every code seen so far (valid or ended). */
  private readonly latest = new Map<string, Version>();

  constructor(private readonly lists: UnitList[]) {}

  /** The state on GEOGRAPHY_START: the first list, with the `before` states of the changes up to that list. */
  start(changes: Change[], changeError: ChangeError, where: (index: number, path: (string | number)[]) => Version["origin"]) {
    const first = this.lists[0];
    const before = new Map<string, { fields: Partial<UnitFields>; sourceId: string; origin: Version["origin"] }>();
    /** Units that ended before the first list: in no list, their whole state is in changes.yaml. */
    const endedEarly: { fields: UnitFields; sourceId: string; origin: Version["origin"] }[] = [];
    changes.forEach((change, index) => {
      if (effectiveDate(change) > first.date) return;
      if (!change.units) throw changeError(index, ["date"], `only changes of units (with \`before\`) can precede the first unit list (${first.date})`);
      change.units.forEach((unit, u) => {
        const ends = unit.change === "MERGED" || unit.change === "ENDED" || unit.change === "SPLIT";
        if (!ends && unit.change !== "TYPE_CHANGE" && unit.change !== "RENAME") {
          throw changeError(index, ["units", u, "change"], `${unit.code}: only TYPE_CHANGE, RENAME, MERGED, SPLIT and ENDED can precede the first unit list (${first.date})`);
        }
        if (!unit.before) throw changeError(index, ["units", u, "code"], `${unit.code}: changed before the first unit list (${first.date}): give its state \`before\` the change`);
        if (before.has(unit.code) || endedEarly.some((e) => e.fields.code === unit.code)) {
          throw changeError(index, ["units", u, "code"], `${unit.code} changes twice before the first unit list: not supported`);
        }
        const origin = where(index, ["units", u, "before"]);
        if (ends) {
          if (first.rows.has(unit.code)) throw changeError(index, ["units", u, "code"], `${unit.code} ends before ${first.date} but is in ${first.shown}`);
          const { level, parent_code: parent, ...rest } = unit.before;
          if (!level || !parent) throw changeError(index, ["units", u, "before"], `${unit.code} is in no unit list: its \`before\` needs \`level\` and \`parent_code\` too`);
          if (!TYPES_OF_LEVEL[level].includes(rest.unit_type)) throw changeError(index, ["units", u, "before"], `a ${rest.unit_type} is not a unit of level ${level}`);
          endedEarly.push({ fields: { code: unit.code, level, parent_code: parent, ...rest }, sourceId: change.source, origin });
          return;
        }
        if (!first.rows.has(unit.code)) throw changeError(index, ["units", u, "code"], `${unit.code} is not in ${first.shown}`);
        before.set(unit.code, { fields: unit.before, sourceId: change.source, origin });
      });
    });
    for (const unit of endedEarly) this.openVersion(unit.fields, GEOGRAPHY_START, unit.sourceId, unit.origin, START_NOTE);
    for (const { row, line } of first.rows.values()) {
      const override = before.get(row.code);
      this.openVersion(
        { ...fieldsOf(row), ...override?.fields },
        GEOGRAPHY_START,
        override?.sourceId ?? first.sourceId,
        override?.origin ?? { file: first.shown, line, column: 1 },
        START_NOTE,
      );
    }
  }

  private openVersion(fields: UnitFields, validFrom: string, sourceId: string, origin: Version["origin"], note?: Note): Version {
    const version: Version = { ...fields, validFrom, validTo: null, notes: note ? [note] : [], sourceId, origin };
    this.versions.push(version);
    this.open.set(version.code, version);
    this.latest.set(version.code, version);
    return version;
  }

  private close(version: Version, date: string, note?: Note) {
    version.validTo = dayBefore(date);
    if (note) version.notes.push(note);
    this.open.delete(version.code);
  }

  private link(predecessor: Version, successor: Version, change: Change, kind: string, partial: boolean, sourceId: string, note: Note | null) {
    const between = change.between;
    this.links.push({
      predecessor_id: versionId(predecessor),
      successor_id: versionId(successor),
      date: successor.validFrom,
      kind,
      partial: partial ? 1 : 0,
      source_id: sourceId,
      note: note?.en ?? null,
      note_vi: note?.vi ?? null,
      date_note: between
        ? change.dateNoteEn ?? `Between ${en(between[0])} and ${en(between[1])}: recorded on ${en(between[1])}, the date of the first unit list that shows the change; the exact date is not known to the portal.`
        : null,
      date_note_vi: between
        ? change.dateNote ?? `Trong khoảng từ ${vi(between[0])} đến ${vi(between[1])}: ghi vào ngày ${vi(between[1])}, ngày của danh mục đơn vị hành chính đầu tiên cho thấy thay đổi; cổng dữ liệu không biết ngày chính xác.`
        : null,
    });
  }

  /** The first list on or after a date (where the state after a change is read). */
  private listFrom(date: string): UnitList | undefined {
    return this.lists.find((l) => l.date >= date);
  }

  /** The last list before a date (where the state before a change is read). */
  private listBefore(date: string): UnitList | undefined {
    return this.lists.filter((l) => l.date < date).at(-1);
  }

  /** Province code of a version, through the most recent version of each parent (a parent may have ended). */
  private province(version: Version): string {
    let current = version;
    while (current.parent_code !== null) {
      const parent = this.latest.get(current.parent_code);
      if (!parent) return current.parent_code;
      current = parent;
    }
    return current.code;
  }

  /** Apply one change of changes.yaml on its effective date. */
  async apply(change: Change, index: number, changeError: ChangeError, dir: string) {
    const date = effectiveDate(change);
    const next = this.listFrom(date);
    const between = change.between;
    const endNoteOf = (what: "Changed" | "Ended"): Note | undefined => between
      ? {
        en: `${what} between ${en(between[0])} and ${en(between[1])}: recorded as valid until ${en(dayBefore(date))}` +
          (change.dateNoteEn ? `. ${change.dateNoteEn}` : ` (the exact date is not known to the portal), the day before the unit list of ${en(date)} that first shows the change.`),
        vi: `${what === "Changed" ? "Thay đổi" : "Chấm dứt"} trong khoảng từ ${vi(between[0])} đến ${vi(between[1])}: ghi là có hiệu lực đến ngày ${vi(dayBefore(date))}` +
          (change.dateNote ? `. ${change.dateNote}` : ` (cổng dữ liệu không biết ngày chính xác), ngày trước danh mục đơn vị hành chính ngày ${vi(date)}, danh mục đầu tiên cho thấy thay đổi.`),
      }
      : undefined;
    const endNote = endNoteOf("Ended");
    const startNote: Note | undefined = between
      ? {
        en: `Began between ${en(between[0])} and ${en(between[1])}: recorded from ${en(date)}` +
          (change.dateNoteEn ? `. ${change.dateNoteEn}` : ` (the exact date is not known to the portal), the date of the first unit list that shows it.`),
        vi: `Bắt đầu trong khoảng từ ${vi(between[0])} đến ${vi(between[1])}: ghi từ ngày ${vi(date)}` +
          (change.dateNote ? `. ${change.dateNote}` : ` (cổng dữ liệu không biết ngày chính xác), ngày của danh mục đơn vị hành chính đầu tiên cho thấy đơn vị này.`),
      }
      : undefined;
    const afterRow = (code: string, path: (string | number)[]) => {
      const found = next?.rows.get(code);
      if (!found) throw changeError(index, path, `${code} is in no unit list dated ${date} or later, so its state after the change is unknown`);
      return { fields: fieldsOf(found.row), origin: { file: next!.shown, line: found.line, column: 1 } };
    };
    const openNew = (code: string, path: (string | number)[]) => {
      const { fields, origin } = afterRow(code, path);
      return this.openVersion(fields, date, next!.sourceId, origin, startNote);
    };

    if (change.abolishLevel) {
      const level = change.abolishLevel;
      const ended = [...this.open.values()].filter((v) => v.level === level);
      if (ended.length === 0) throw changeError(index, ["abolishLevel"], `no ${level}-level unit is valid on ${dayBefore(date)}`);
      for (const v of ended) this.close(v, date, endNote);
      return;
    }

    if (change.crosswalk) {
      await this.applyCrosswalk(change, index, changeError, join(dir, change.crosswalk.file), date, endNote, startNote);
      return;
    }

    const units = change.units!;
    const previous = units.map((unit, u) => {
      const version = this.open.get(unit.code);
      if (!version) throw changeError(index, ["units", u, "code"], `no unit with code ${unit.code} is valid on ${dayBefore(date)} in the model (check the code and the date)`);
      if (unit.before) checkBefore(unit, version, () => changeError(index, ["units", u, "before"], `\`before\` does not match ${unit.code} as valid on ${dayBefore(date)}`));
      return version;
    });
    for (const [u, version] of previous.entries()) {
      const changed = units[u].change === "TYPE_CHANGE" || units[u].change === "RENAME";
      this.close(version, date, endNoteOf(changed ? "Changed" : "Ended"));
    }

    const opened = new Map<string, Version>();
    for (const [u, unit] of units.entries()) {
      const prev = previous[u];
      if (unit.change === "TYPE_CHANGE" || unit.change === "RENAME") {
        const { fields } = afterRow(unit.code, ["units", u, "code"]);
        if (unit.change === "TYPE_CHANGE" && fields.unit_type === prev.unit_type) {
          throw changeError(index, ["units", u, "change"], `${unit.code} is a ${prev.unit_type} before and after: not a TYPE_CHANGE (RENAME?)`);
        }
        if (unit.change === "RENAME" && (fields.unit_type !== prev.unit_type || fields.name === prev.name)) {
          throw changeError(index, ["units", u, "change"], `${unit.code}: a RENAME keeps the type and changes the name (${prev.unit_type} ${prev.name} → ${fields.unit_type} ${fields.name})`);
        }
        opened.set(unit.code, openNew(unit.code, ["units", u, "code"]));
      }
    }
    for (const [u, unit] of units.entries()) {
      if (unit.change !== "PROVINCE_MERGER") continue;
      if (previous[u].level !== "province") throw changeError(index, ["units", u, "code"], `${unit.code} is not a province`);
      if (!opened.has(unit.into!)) {
        const current = this.open.get(unit.into!);
        if (current) this.close(current, date);
        opened.set(unit.into!, openNew(unit.into!, ["units", u, "into"]));
      }
    }
    // A unit that receives another (whole or a part) and is not itself changed here gets a new
    // version from the change date: its territory is not the same as before.
    const receivers = new Map<string, (string | number)[]>();
    units.forEach((unit, u) => {
      if (unit.change === "MERGED") receivers.set(unit.into!, ["units", u, "into"]);
      unit.parts?.forEach((part, p) => receivers.set(part, ["units", u, "parts", p]));
    });
    for (const [code, path] of receivers) {
      if (opened.has(code)) continue;
      const current = this.open.get(code);
      if (!current) throw changeError(index, path, `no unit with code ${code} is valid on ${date} to receive a unit (check the code and the date)`);
      const received = units.filter((unit) => unit.into === code || unit.parts?.includes(code)).map((unit) => unit.code).join(", ");
      this.close(current, date, {
        en: `Its territory changed on ${en(date)} (it received ${received}): a new version begins.`,
        vi: `Địa giới thay đổi từ ngày ${vi(date)} (nhận thêm ${received}): bắt đầu một phiên bản mới của đơn vị.`,
      });
      const next = this.openVersion(Object.fromEntries(LIST_COLUMNS.map((c) => [c, current[c]])) as UnitFields, date, change.source, current.origin, startNote);
      opened.set(code, next);
      this.link(current, next, change, "MERGE", false, change.source, receiverNote(change, code));
    }
    for (const [u, unit] of units.entries()) {
      const prev = previous[u];
      const note = unit.note ? { vi: unit.note, en: unit.noteEn! } : changeNote(change);
      if (unit.change === "TYPE_CHANGE" || unit.change === "RENAME") {
        this.link(prev, opened.get(unit.code)!, change, unit.change, false, change.source, note);
      } else if (unit.change === "MERGED" || unit.change === "SPLIT") {
        for (const [p, code] of (unit.parts ?? [unit.into!]).entries()) {
          const path = unit.parts ? ["units", u, "parts", p] : ["units", u, "into"];
          const into = opened.get(code);
          if (!into) throw changeError(index, path, `no unit with code ${code} is valid on ${date} to receive ${unit.code}`);
          if (into.level !== prev.level) throw changeError(index, path, `${code} is a ${into.level}, ${unit.code} a ${prev.level}`);
          this.link(prev, into, change, unit.parts ? "SPLIT" : "MERGE", Boolean(unit.parts), change.source, note);
        }
      } else if (unit.change === "PROVINCE_MERGER") {
        this.link(prev, opened.get(unit.into!)!, change, "PROVINCE_MERGER", false, change.source, note);
      }
    }
  }

  /** Rearrangement of commune-level units by a crosswalk (old code → new code, one row per new unit). */
  private async applyCrosswalk(change: Change, index: number, changeError: ChangeError, file: string, date: string, endNote?: Note, startNote?: Note) {
    const shown = displayPath(file);
    const before = this.listBefore(date);
    const after = this.lists.find((l) => l.date === date);
    if (!before || !after) throw changeError(index, ["crosswalk", "file"], `a crosswalk needs a unit list before ${date} and one dated ${date}`);
    const rows = await readCsvAll(file, crosswalkRowSchema);
    const byOld = new Map<string, { row: CrosswalkRow; line: number }[]>();
    const byNew = new Map<string, { row: CrosswalkRow; line: number }[]>();
    const pairs = new Set<string>();
    for (const entry of rows) {
      const { row, line } = entry;
      const old = before.rows.get(row.old_code);
      if (!old || old.row.level !== "commune") throw new DataError(shown, line, 2, `old_code ${row.old_code} is not a commune-level unit of ${before.shown}`);
      if (provinceInList(before, row.old_code) !== row.old_province_code) {
        throw new DataError(shown, line, 1, `old_province_code ${row.old_province_code}: ${row.old_code} is in province ${provinceInList(before, row.old_code)} in ${before.shown}`);
      }
      if (foldForSearch(old.row.full_name) !== foldForSearch(row.old_full_name)) {
        throw new DataError(shown, line, 3, `old_full_name "${row.old_full_name}" is not the name of ${row.old_code} in ${before.shown} ("${old.row.full_name}")`);
      }
      const neu = after.rows.get(row.new_code);
      if (!neu || neu.row.level !== "commune") throw new DataError(shown, line, 4, `new_code ${row.new_code} is not a commune-level unit of ${after.shown}`);
      if (foldForSearch(neu.row.full_name) !== foldForSearch(row.new_full_name)) {
        throw new DataError(shown, line, 5, `new_full_name "${row.new_full_name}" is not the name of ${row.new_code} in ${after.shown} ("${neu.row.full_name}")`);
      }
      const pair = `${row.old_code}>${row.new_code}`;
      if (pairs.has(pair)) throw new DataError(shown, line, 1, `duplicate row ${row.old_code} → ${row.new_code}`);
      pairs.add(pair);
      byOld.set(row.old_code, [...(byOld.get(row.old_code) ?? []), entry]);
      byNew.set(row.new_code, [...(byNew.get(row.new_code) ?? []), entry]);
    }
    for (const [code, entries] of byOld) {
      const flagged = entries.find((e) => e.row.partial);
      if (flagged && entries.length === 1) throw new DataError(shown, flagged.line, 6, `${code} is marked partial but has a single successor`);
    }
    // Every commune-level unit of the provinces concerned must say what it became.
    const provinces = new Set(rows.map((r) => r.row.old_province_code));
    for (const version of this.open.values()) {
      if (version.level === "commune" && provinces.has(this.province(version)) && !byOld.has(version.code)) {
        throw new DataError(version.origin.file, version.origin.line, 1, `${version.code} ${version.full_name} is not in the crosswalk ${shown}: what it became on ${date} is unknown`);
      }
    }
    const olds = new Map<string, Version>();
    for (const [code, entries] of byOld) {
      const version = this.open.get(code);
      if (!version) throw new DataError(shown, entries[0].line, 2, `old_code ${code} is not valid on ${dayBefore(date)} in the model (a change in changes.yaml ended it earlier)`);
      olds.set(code, version);
    }
    for (const version of olds.values()) this.close(version, date, endNote);
    const news = new Map<string, Version>();
    for (const [code, entries] of byNew) {
      if (this.open.has(code)) throw new DataError(shown, entries[0].line, 4, `new_code ${code} is still carried by a unit valid on ${dayBefore(date)} that the crosswalk does not end`);
      const found = after.rows.get(code)!;
      news.set(code, this.openVersion(fieldsOf(found.row), date, after.sourceId, { file: after.shown, line: found.line, column: 1 }, startNote));
    }
    for (const { row } of rows) {
      const partial = byOld.get(row.old_code)!.length > 1;
      const kind = partial ? "SPLIT" : byNew.get(row.new_code)!.length === 1 ? "CONTINUATION" : "MERGE";
      this.link(olds.get(row.old_code)!, news.get(row.new_code)!, change, kind, partial, change.crosswalk!.source, changeNote(change));
    }
  }

  /** On a list's date the model must equal the list: same codes, same fields. */
  checkList(list: UnitList) {
    const newProvinces = new Set([...list.provinces].filter((code) => !this.latest.has(code)));
    for (const { row, line } of list.rows.values()) {
      const version = this.open.get(row.code);
      if (!version) {
        if (newProvinces.has(provinceInList(list, row.code))) {
          const note: Note = {
            en: `Known from the unit list of ${en(list.date)} only: earlier history is not covered (this is the list's date, not the day the unit was created).`,
            vi: `Chỉ biết từ danh mục đơn vị hành chính ngày ${vi(list.date)}: lịch sử trước đó không có (đây là ngày của danh mục, không phải ngày thành lập đơn vị).`,
          };
          this.openVersion(fieldsOf(row), list.date, list.sourceId, { file: list.shown, line, column: 1 }, note);
          continue;
        }
        throw new DataError(list.shown, line, 1, `${row.code} ${row.full_name} is in this list, but no unit with this code is valid on ${list.date} in the model: add the change that created it to data/geography/changes.yaml`);
      }
      for (const [i, field] of LIST_COLUMNS.entries()) {
        if (version[field] !== row[field]) {
          throw new DataError(list.shown, line, i + 1, `${field} of ${row.code} is "${row[field] ?? ""}" here but "${version[field] ?? ""}" in the version valid since ${version.validFrom} (${version.origin.file}:${version.origin.line}), and no change in data/geography/changes.yaml explains the difference`);
        }
      }
    }
    for (const version of this.open.values()) {
      if (list.rows.has(version.code) || !list.provinces.has(this.province(version))) continue;
      throw new DataError(version.origin.file, version.origin.line, version.origin.column, `${version.code} ${version.full_name} is not in ${list.shown} (${list.date}), and no change in data/geography/changes.yaml ends it`);
    }
  }
}

const toLineColumn = (p: Position) => ({ line: p.line, column: p.column });

/** The note of a change in both languages (changes.yaml: note, noteEn). */
const changeNote = (change: Change): Note => ({ vi: change.note, en: change.noteEn });

/** Note of the link from a receiving unit's old version to its new one. */
function receiverNote(change: Change, code: string): Note {
  return { en: `${code} continues with a larger territory: ${change.noteEn}`, vi: `${code} tiếp tục với địa giới rộng hơn: ${change.note}` };
}

function checkBefore(unit: UnitChange, version: Version, fail: () => DataError) {
  const before = unit.before!;
  for (const key of Object.keys(before) as (keyof typeof before)[]) if (before[key] !== version[key]) throw fail();
}

const LEVELS: Record<Level, string> = { province: "PROVINCE", district: "DISTRICT", commune: "COMMUNE" };

function toAreaRow(v: Version): AreaTable {
  return {
    id: versionId(v),
    code: v.code,
    name: v.name,
    full_name: v.full_name,
    name_en: v.name_en,
    full_name_en: v.full_name_en,
    level: LEVELS[v.level],
    unit_type: v.unit_type.toUpperCase(),
    parent_code: v.parent_code,
    valid_from: v.validFrom,
    valid_to: v.validTo,
    validity_note: v.notes.length > 0 ? v.notes.map((n) => n.en).join(" ") : null,
    validity_note_vi: v.notes.length > 0 ? v.notes.map((n) => n.vi).join(" ") : null,
    source_id: v.sourceId,
    search_text: areaSearchText(v),
  };
}

const LEVEL_ORDER: Record<string, number> = { PROVINCE: 0, DISTRICT: 1, COMMUNE: 2 };
/** Storage order (and the API's default order): level, code, then oldest version first. */
function areaOrder(a: AreaTable, b: AreaTable): number {
  return LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.code.localeCompare(b.code) || a.valid_from.localeCompare(b.valid_from);
}
