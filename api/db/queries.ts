/**
 * Query functions of the API, one small function per question. Resolvers never build SQL:
 * they call these (directly or through the DataLoaders of api/schema/loaders.ts).
 */
import { sql, type Kysely } from "kysely";
import type { AreaRow, Database, IndicatorRow, ObservationRow } from "./database.js";

type Db = Kysely<Database>;

/** A page request: `limit` rows after the keyset position `after` (exclusive). Queries fetch one row more to tell whether a next page exists. */
export interface Page {
  limit: number;
  after: number | null;
}

/** Rows of a page plus the total count of matching rows. */
export interface PageResult<T> {
  rows: T[];
  totalCount: number;
}

/** LIKE patterns requiring every folded token (tokens escaped for LIKE). */
function tokenPatterns(tokens: string[]): string[] {
  return tokens.map((t) => `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}

export async function findIndicators(db: Db, filter: { topicId?: string | null; tokens: string[] }, page: Page): Promise<PageResult<IndicatorRow & { _pos: number }>> {
  let query = db.selectFrom("indicators");
  if (filter.topicId) query = query.where("topic_id", "=", filter.topicId);
  for (const pattern of tokenPatterns(filter.tokens)) query = query.where(sql<boolean>`search_text like ${pattern} escape '\\'`);
  const ordered = query.selectAll().select(sql<number>`rowid`.as("_pos")).orderBy(sql`rowid`);
  const [rows, total] = await Promise.all([
    (page.after === null ? ordered : ordered.where(sql<boolean>`rowid > ${page.after}`)).limit(page.limit + 1).execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, totalCount: Number(total.n) };
}

export interface ObservationFilter {
  indicatorId?: string | null;
  areaCode?: string | null;
  from?: string | null;
  to?: string | null;
  sourceId?: string | null;
  /** null: only totals (no breakdown); undefined: all rows. */
  breakdownId?: string | null;
}

function observationQuery(db: Db, f: ObservationFilter) {
  let query = db.selectFrom("observations");
  if (f.indicatorId) query = query.where("indicator_id", "=", f.indicatorId);
  if (f.areaCode) query = query.where("area_code", "=", f.areaCode);
  if (f.sourceId) query = query.where("source_id", "=", f.sourceId);
  // A period overlaps [from, to] when it ends on or after `from` and starts on or before `to`.
  if (f.from) query = query.where("period_end", ">=", f.from);
  if (f.to) query = query.where("period_start", "<=", f.to);
  if (f.breakdownId === null) query = query.where("breakdown_id", "is", null);
  else if (f.breakdownId) query = query.where("breakdown_id", "=", f.breakdownId);
  return query;
}

export async function findObservations(db: Db, filter: ObservationFilter, page: Page): Promise<PageResult<ObservationRow>> {
  const query = observationQuery(db, filter);
  const rows = query.selectAll().orderBy("id");
  const [pageRows, total] = await Promise.all([
    (page.after === null ? rows : rows.where("id", ">", page.after)).limit(page.limit + 1).execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: pageRows, totalCount: Number(total.n) };
}

/** One observation by its public id, the `key` column (Query.observation: the value behind a permalink #obs-<key>). */
export function observationByKey(db: Db, key: string): Promise<ObservationRow | undefined> {
  return db.selectFrom("observations").selectAll().where("key", "=", key).executeTakeFirst();
}

/** All observations matching a filter, in time order (one indicator's series: small). */
export function observationSeries(db: Db, filter: ObservationFilter): Promise<ObservationRow[]> {
  return observationQuery(db, filter).selectAll().orderBy("period_end").orderBy("period_start").orderBy("id").execute();
}

/** The series of several indicators under one filter, in time order (for a batching loader). */
export function observationSeriesOfIndicators(db: Db, indicatorIds: readonly string[], filter: Omit<ObservationFilter, "indicatorId">): Promise<ObservationRow[]> {
  return observationQuery(db, filter)
    .selectAll()
    .where("indicator_id", "in", indicatorIds)
    .orderBy("period_end")
    .orderBy("period_start")
    .orderBy("id")
    .execute();
}

/** An area search: words to find (the last may be the start of a word) and phrases that rank a unit first. */
export interface AreaSearchFilter {
  tokens: string[];
  /** The query without its unit-type prefix: units with exactly this name rank first. */
  name: string;
  /** The whole query: a unit whose full name is exactly this ranks before them. */
  fullName: string;
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Areas by level, type, parent, ancestor, validity date and name. Without a search, in storage
 * order (level, code, oldest version first) with keyset cursors; with one, by relevance (full
 * name, then name, then name start) and position cursors. search_text is ` name | full name |
 * English full name | code ` folded (api/schema/area/area-search.ts), so words match whole.
 */
export async function findAreas(
  db: Db,
  filter: { level?: string | null; unitType?: string | null; parentCode?: string | null; withinCode?: string | null; asOf?: string | null; search?: AreaSearchFilter | null },
  page: Page,
): Promise<PageResult<AreaRow & { _pos: number }>> {
  let query = db.selectFrom("areas");
  if (filter.level) query = query.where("level", "=", filter.level);
  if (filter.unitType) query = query.where("unit_type", "=", filter.unitType);
  if (filter.parentCode) query = query.where("parent_code", "=", filter.parentCode);
  if (filter.withinCode) {
    const within = filter.withinCode;
    // Children and grandchildren: a province's districts and their communes, and (from 2025-07-01) its communes.
    query = query.where((eb) => eb.or([
      eb("parent_code", "=", within),
      eb("parent_code", "in", eb.selectFrom("areas as middle").select("middle.code").where("middle.parent_code", "=", within)),
    ]));
  }
  if (filter.asOf) {
    const asOf = filter.asOf;
    query = query.where("valid_from", "<=", asOf).where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", asOf)]));
  }
  const search = filter.search;
  search?.tokens.forEach((token, i) => {
    const pattern = i === search.tokens.length - 1 ? `% ${likeEscape(token)}%` : `% ${likeEscape(token)} %`;
    query = query.where(sql<boolean>`search_text like ${pattern} escape '\\'`);
  });
  const total = query.select((eb) => eb.fn.countAll<number>().as("n"));
  if (!search) {
    const ordered = query.selectAll().select(sql<number>`rowid`.as("_pos")).orderBy(sql`rowid`);
    const [rows, n] = await Promise.all([
      (page.after === null ? ordered : ordered.where(sql<boolean>`rowid > ${page.after}`)).limit(page.limit + 1).execute(),
      total.executeTakeFirstOrThrow(),
    ]);
    return { rows, totalCount: Number(n.n) };
  }
  const rank = sql<number>`case when search_text like ${`%| ${likeEscape(search.fullName)} |%`} escape '\\' then 0
    when search_text like ${` ${likeEscape(search.name)} |%`} escape '\\' then 1
    when search_text like ${` ${likeEscape(search.name)}%`} escape '\\' then 2 else 3 end`;
  const offset = page.after ?? 0;
  const [rows, n] = await Promise.all([
    query.selectAll().orderBy(rank).orderBy(sql`rowid`).limit(page.limit + 1).offset(offset).execute(),
    total.executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((row, i) => ({ ...row, _pos: offset + i + 1 })), totalCount: Number(n.n) };
}

/** Every version of the units carrying these codes, oldest first. */
export function areaVersionsByCodes(db: Db, codes: readonly string[]): Promise<AreaRow[]> {
  return db.selectFrom("areas").selectAll().where("code", "in", codes).orderBy("code").orderBy("valid_from").execute();
}

export function areasByIds(db: Db, ids: readonly string[]): Promise<AreaRow[]> {
  return db.selectFrom("areas").selectAll().where("id", "in", ids).execute() as never;
}

/** Units whose parent carries one of these codes (every version). */
export function areasByParentCodes(db: Db, codes: readonly string[]): Promise<AreaRow[]> {
  return db.selectFrom("areas").selectAll().where("parent_code", "in", codes).orderBy("code").orderBy("valid_from").execute();
}

export function areaLinks(db: Db, ids: readonly string[], direction: "predecessors" | "successors") {
  const column = direction === "predecessors" ? "successor_id" : "predecessor_id";
  return db.selectFrom("area_links").selectAll().where(column, "in", ids).execute();
}

/** Which observations of an area to read: those of the code whose period ends in [from, to] (null: open). */
export interface AreaObservationsKey {
  code: string;
  from: string | null;
  to: string | null;
  indicatorId: string | null;
  limit: number;
}

/** Observations for several areas in one statement (a limited subquery per key, glued with union all), tagged with the key's index. */
export function observationsOfAreas(db: Db, keys: readonly AreaObservationsKey[]): Promise<(ObservationRow & { _key: number })[]> {
  const parts = keys.map((key, i) => {
    let query = db.selectFrom("observations").selectAll().select(sql<number>`${i}`.as("_key")).where("area_code", "=", key.code);
    if (key.from) query = query.where("period_end", ">=", key.from);
    if (key.to) query = query.where("period_end", "<=", key.to);
    if (key.indicatorId) query = query.where("indicator_id", "=", key.indicatorId);
    return db.selectFrom(query.orderBy("indicator_id").orderBy("period_end").orderBy("period_start").orderBy("id").limit(key.limit).as(`k${i}`)).selectAll();
  });
  return parts.reduce((all, part) => all.unionAll(part)).execute();
}

export function targetsByIndicators(db: Db, ids: readonly string[]) {
  return db.selectFrom("targets").selectAll().where("indicator_id", "in", ids).orderBy("period_end").orderBy("id").execute();
}

/** Distinct sources of the observations and targets of each indicator. */
export function sourceIdsByIndicators(db: Db, ids: readonly string[]) {
  return db
    .selectFrom("observations")
    .select(["indicator_id", "source_id"])
    .where("indicator_id", "in", ids)
    .union(db.selectFrom("targets").select(["indicator_id", "source_id"]).where("indicator_id", "in", ids))
    .execute();
}

export function indicatorIdsBySources(db: Db, ids: readonly string[]) {
  return db
    .selectFrom("observations")
    .select(["source_id", "indicator_id"])
    .where("source_id", "in", ids)
    .union(db.selectFrom("targets").select(["source_id", "indicator_id"]).where("source_id", "in", ids))
    .execute();
}

export function indicatorIdsByAreaCodes(db: Db, codes: readonly string[]) {
  return db.selectFrom("observations").select(["area_code", "indicator_id"]).distinct().where("area_code", "in", codes).execute();
}

export function milestonesByIndicators(db: Db, ids: readonly string[]) {
  return db
    .selectFrom("milestones")
    .innerJoin("milestone_indicators", "milestone_indicators.milestone_id", "milestones.id")
    .selectAll("milestones")
    .select("milestone_indicators.indicator_id")
    .where("milestone_indicators.indicator_id", "in", ids)
    .orderBy("milestones.date")
    .execute();
}

type LookupTable = "topics" | "units" | "sources" | "breakdowns" | "indicators" | "milestones";

/** Rows of a table by primary key (order not guaranteed: loaders re-order by key). */
export function byIds<T extends LookupTable>(db: Db, table: T, ids: readonly string[]): Promise<Database[T][]> {
  return (db as unknown as Kysely<any>).selectFrom(table).selectAll().where("id", "in", ids).execute() as never;
}

/** Every row of a small table in its natural order. */
export function allRows<T extends "topics" | "sources">(db: Db, table: T): Promise<Database[T][]> {
  const order = table === "topics" ? "position" : "id";
  return (db as unknown as Kysely<any>).selectFrom(table).selectAll().orderBy(order).execute() as never;
}

export function indicatorsByTopics(db: Db, ids: readonly string[]) {
  return db.selectFrom("indicators").selectAll().where("topic_id", "in", ids).orderBy("position").execute();
}

/** Rows of a searchable table whose folded search_text contains every token (the search query ranks them). */
export function searchRows<T extends "indicators" | "areas" | "sources">(db: Db, table: T, tokens: string[]): Promise<Database[T][]> {
  let query = (db as unknown as Kysely<any>).selectFrom(table).selectAll();
  for (const pattern of tokenPatterns(tokens)) query = query.where(sql<boolean>`search_text like ${pattern} escape '\\'`);
  return query.execute() as never;
}
