/**
 * The ingest: validates every file in data/ and compiles it into one SQLite database.
 * It writes to a temporary file and renames it over the previous database only when
 * everything succeeded, so a bad data file never leaves a partial or missing database.
 */
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import type { z } from "zod";
import { DDL, type Database } from "../../api/db/database.js";
import { openSqlite, type SqliteConnection } from "../../api/db/sqlite.js";
import { foldForSearch } from "../../api/lib/text.js";
import { DataError } from "./errors.js";
import { checkPublishedTotals, computeTotals, type LocatedObservation } from "./aggregate.js";
import { buildDerivedTables } from "./derived.js";
import { buildGeography, type Geography } from "./geography.js";
import { harmonise, HARMONISED_VINTAGE } from "./harmonise.js";
import { readShapes, SHAPES } from "./shapes.js";
import { displayPath, readCsv, readYamlList, readCsvAll } from "./read.js";
import { inSentence, noteNumber } from "./words.js";
import {
  breakdownSchema,
  indicatorSchema,
  milestoneSchema,
  observationSchema,
  SOURCE_TEXT_PAIRS,
  sourceSchema,
  targetSchema,
  topicSchema,
  unitSchema,
  type Indicator,
  type Observation,
  type Source,
  type Unit,
} from "./schemas.js";
import { outOfRange } from "./value-ranges.js";
import { readReleases, releaseRows, versionHistory, type ReleaseRow } from "./releases.js";

export interface BuildOptions {
  /** The data/ folder. */
  dataDir: string;
  /** The database file to (re)place. */
  outFile: string;
  /** Extra observation CSV files (benchmarks' synthetic data; never shipped). */
  extraObservationFiles?: string[];
  /**
   * A folder of extra catalogue files (topics.yaml, units.yaml, sources.yaml, breakdowns.yaml,
   * indicators.yaml; each optional) whose records are added to data/catalogue's: the
   * benchmarks' synthetic indicators and source (bench/synthetic.ts); never shipped.
   */
  extraCatalogueDir?: string;
  /** Build date written into the data version (defaults to today, UTC). */
  buildDate?: string;
}

export interface BuildSummary {
  outFile: string;
  dataVersion: string;
  counts: Record<string, number>;
}

/** The temporary file a build of `outFile` writes, named by the building process's id. */
export const tempFileOf = (outFile: string, pid = process.pid) => `${outFile}.tmp-${pid}`;

/** Files SQLite may create beside a database (none with journal_mode off, but a crash may predate it). */
const SIDE_FILES = ["", "-journal", "-wal", "-shm"];

/** Remove a temporary database and the files SQLite may have put beside it. */
function removeTemp(tmpFile: string) {
  for (const suffix of SIDE_FILES) rmSync(`${tmpFile}${suffix}`, { force: true });
}

/** True when a process with this id runs (EPERM: it runs, as another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}

/**
 * Temporary files of earlier builds of `outFile` whose process is gone (killed with SIGKILL, the
 * machine stopped): removed, so that they do not pile up. A running build's file is left alone.
 * @returns the files removed.
 */
export function removeStaleTempFiles(outFile: string): string[] {
  const dir = dirname(outFile);
  const prefix = `${basename(outFile)}.tmp-`;
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const pid = name.startsWith(prefix) ? /^(\d+)(-journal|-wal|-shm)?$/.exec(name.slice(prefix.length))?.[1] : undefined;
    if (!pid || Number(pid) === process.pid || isAlive(Number(pid))) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(join(dir, name));
  }
  return removed;
}

/** Build the database. @throws DataError for any invalid data (the old database stays, no temporary file is left). */
export async function buildDatabase(options: BuildOptions): Promise<BuildSummary> {
  const { dataDir, outFile } = options;
  mkdirSync(dirname(outFile), { recursive: true });
  removeStaleTempFiles(outFile);
  const tmpFile = tempFileOf(outFile);
  removeTemp(tmpFile);
  let db: SqliteConnection | undefined;
  try {
    db = await openSqlite(tmpFile, "readwrite");
    const summary = await compile(db, options);
    await db.close();
    db = undefined;
    renameSync(tmpFile, outFile);
    return { outFile, ...summary };
  } catch (error) {
    await db?.close().catch(() => {});
    removeTemp(tmpFile);
    throw error;
  }
}

const catalogue = (dataDir: string, name: string) => join(dataDir, "catalogue", name);

/** Records of a catalogue file plus those of the same file in `extraCatalogueDir`, if any. */
function readCatalogue<S extends z.ZodType>(options: BuildOptions, name: string, schema: S): z.output<S>[] {
  const extra = options.extraCatalogueDir ? join(options.extraCatalogueDir, name) : null;
  return [...readYamlList(catalogue(options.dataDir, name), schema), ...(extra && existsSync(extra) ? readYamlList(extra, schema) : [])];
}
const facts = (dataDir: string, name: string) => join(dataDir, "facts", name);

async function compile(db: SqliteConnection, options: BuildOptions) {
  const { dataDir } = options;
  await db.exec("pragma journal_mode = off; pragma synchronous = off; pragma foreign_keys = off;");
  await db.exec(DDL);
  await db.exec("begin");

  const topics = readCatalogue(options, "topics.yaml", topicSchema);
  const units = readCatalogue(options, "units.yaml", unitSchema);
  const sources = readCatalogue(options, "sources.yaml", sourceSchema);
  const breakdowns = readCatalogue(options, "breakdowns.yaml", breakdownSchema);
  const indicators = readCatalogue(options, "indicators.yaml", indicatorSchema);
  const topicIds = uniqueIds(catalogue(dataDir, "topics.yaml"), topics);
  const unitIds = uniqueIds(catalogue(dataDir, "units.yaml"), units);
  const sourceIds = uniqueIds(catalogue(dataDir, "sources.yaml"), sources);
  const breakdownIds = uniqueIds(catalogue(dataDir, "breakdowns.yaml"), breakdowns);
  checkSourceTexts(catalogue(dataDir, "sources.yaml"), sources);
  const indicatorById = new Map(indicators.map((i) => [i.id, i]));
  uniqueIds(catalogue(dataDir, "indicators.yaml"), indicators);
  indicators.forEach((indicator, index) => {
    const file = catalogue(dataDir, "indicators.yaml");
    const fail = (message: string) => {
      throw new DataError(displayPath(file), lineOfId(file, indicator.id), 1, `record ${index + 1} (${indicator.id}): ${message}`);
    };
    if (!topicIds.has(indicator.topic)) fail(`unknown topic "${indicator.topic}"`);
    if (!unitIds.has(indicator.unit)) fail(`unknown unit "${indicator.unit}"`);
    for (const part of [indicator.computed?.numerator, indicator.computed?.denominator]) {
      if (part && !indicatorById.has(part)) fail(`computed from unknown indicator "${part}"`);
    }
    if (indicator.aggregate) {
      const kind = units.find((u) => u.id === indicator.unit)?.kind;
      if (indicator.computed || (kind !== "COUNT" && kind !== "AREA")) fail(`aggregate: sum is for additive counts and areas only, not for ${indicator.computed ? "a computed share or ratio" : `a ${kind} unit`}`);
    }
  });

  await insertAll(db, "topics", topics.map((t, position) => ({
    id: t.id, name: t.name, name_en: t.nameEn, description: t.description, description_en: t.descriptionEn, position,
  })));
  await insertAll(db, "units", units.map((u) => ({ id: u.id, symbol: u.symbol, name: u.name, name_en: u.nameEn, kind: u.kind })));
  await insertAll(db, "sources", sources.map((s) => ({
    id: s.id, title: s.title, title_en: s.titleEn, publisher: s.publisher, publisher_en: s.publisherEn ?? s.publisher, kind: s.kind, url: s.url,
    // The English texts keep the columns the API served first; the Vietnamese ones sit beside them (*_vi).
    published: s.published, published_note: s.publishedNoteEn, licence: s.licenceEn, licence_vi: s.licence, licence_url: s.licenceUrl,
    locator: s.locatorEn, locator_vi: s.locator, snapshot_date: s.snapshotDate ?? null, reliability: s.reliabilityNoteEn, note: s.noteEn,
    search_text: foldForSearch(`${s.title} ${s.titleEn ?? ""} ${s.publisher} ${s.publisherEn ?? ""}`),
    reliability_level: s.reliability, reliability_note_vi: s.reliabilityNote, published_note_vi: s.publishedNote, note_vi: s.note,
  })));
  await insertAll(db, "breakdowns", breakdowns.map((b) => ({ id: b.id, name: b.name, name_en: b.nameEn })));
  await insertAll(db, "indicators", indicators.map((i, position) => ({
    id: i.id, topic_id: i.topic, unit_id: i.unit, name: i.name, name_en: i.nameEn, description: i.description,
    description_en: i.descriptionEn, higher_is_better: i.higherIsBetter ? 1 : 0,
    numerator_id: i.computed?.numerator ?? null, denominator_id: i.computed?.denominator ?? null, position,
    search_text: foldForSearch(`${i.name} ${i.nameEn} ${i.id}`), aggregate: i.aggregate ?? null,
    count_of_level: i.countOf?.level.toUpperCase() ?? null, count_of_unit_types: i.countOf?.unitTypes?.map((t) => t.toUpperCase()).join(",") ?? null,
  })));

  const geography = await buildGeography(dataDir);
  await insertAll(db, "areas", geography.areas);
  await insertAll(db, "area_links", geography.links);
  const areaCodes = new Set(geography.areas.map((a) => a.code));
  if (!sourceIds.has(SHAPES.sourceId)) throw new DataError(displayPath(catalogue(dataDir, "sources.yaml")), 1, 1, `missing source record "${SHAPES.sourceId}" for data/geography/${SHAPES.file}`);
  const shapes = readShapes(dataDir, geography.areas);
  await insertAll(db, "area_shapes", shapes);

  const unitKinds = new Map(units.map((u) => [u.id, u.kind]));
  const kindOf = new Map(indicators.map((i) => [i.id, unitKinds.get(i.unit)!]));
  const refs = { indicatorById, sourceIds, breakdownIds, areaCodes, kindOf };
  const observationFiles = [...observationFilesOf(dataDir), ...(options.extraObservationFiles ?? [])];
  const inserted = await insertObservations(db, {
    files: observationFiles, refs, geography, knownDifferencesFile: facts(dataDir, "known-differences.yaml"),
  });
  const observationCount = inserted.observations;

  let targetCount = 0;
  const targetsFile = facts(dataDir, "targets.csv");
  for (const { row, line } of await readCsvAll(targetsFile, targetSchema)) {
    checkRefs(targetsFile, line, row, refs);
    checkRange(targetsFile, line, row, refs, row.kind === "change");
    checkNotePair(targetsFile, line, 10, row);
    await db.run(
      `insert into targets (indicator_id, area_code, period_start, period_end, period_label, kind, comparator, value, source_id, note, note_vi)
       values (?,?,?,?,?,?,?,?,?,?,?)`,
      [row.indicator, row.area_code, row.period_start, row.period_end, row.period_label, row.kind.toUpperCase(), row.comparator.toUpperCase(), row.value, row.source, row.note_en, row.note_vi],
    );
    targetCount++;
  }

  const milestonesFile = facts(dataDir, "milestones.yaml");
  const milestones = readYamlList(milestonesFile, milestoneSchema);
  uniqueIds(milestonesFile, milestones);
  for (const m of milestones) {
    const line = lineOfId(milestonesFile, m.id);
    if (!sourceIds.has(m.source)) throw new DataError(displayPath(milestonesFile), line, 1, `${m.id}: unknown source "${m.source}"`);
    if (!areaCodes.has(m.area)) throw new DataError(displayPath(milestonesFile), line, 1, `${m.id}: unknown area code "${m.area}"`);
    if ((m.dateNote === null) !== (m.dateNoteEn === null)) {
      throw new DataError(displayPath(milestonesFile), line, 1, `${m.id}: ${m.dateNote === null ? "dateNoteEn has no Vietnamese counterpart dateNote" : "dateNote has no English counterpart dateNoteEn"}; give both or neither`);
    }
    for (const indicatorId of m.indicators) {
      if (!indicatorById.has(indicatorId)) throw new DataError(displayPath(milestonesFile), line, 1, `${m.id}: unknown indicator "${indicatorId}"`);
    }
  }
  await insertAll(db, "milestones", milestones.map((m) => ({
    id: m.id, date: m.date, date_note: m.dateNoteEn, date_note_vi: m.dateNote, area_code: m.area, title: m.title, title_en: m.titleEn, source_id: m.source,
  })));
  await insertAll(db, "milestone_indicators", milestones.flatMap((m) => m.indicators.map((indicator_id) => ({ milestone_id: m.id, indicator_id }))));

  // Maps, rankings and headline values read these (data/ingest/derived.ts).
  await buildDerivedTables(db);

  const dataHash = hashDataFiles([dataDir, ...(options.extraCatalogueDir ? [options.extraCatalogueDir] : []), ...(options.extraObservationFiles ?? [])]);
  const builtAt = options.buildDate ?? new Date().toISOString().slice(0, 10);
  const dataVersion = `${builtAt}.${dataHash.slice(0, 8)}`;

  // What changed since the previous published version (data/releases; data/ingest/releases.ts).
  // Not for the benchmarks' synthetic data (never published: a million "added" values would be noise).
  if (!options.extraObservationFiles?.length && !options.extraCatalogueDir) {
    const current = { version: dataVersion, publishedOn: builtAt, rows: await releaseRows(db) };
    const keyOf = (r: ReleaseRow) => observationKey({ ...r, breakdown: r.breakdown });
    const history = versionHistory(await readReleases(dataDir), current, keyOf);
    await insertAll(db, "data_versions", history.versions);
    await insertAll(db, "data_changes", history.changes);
  }
  const counts = {
    topics: topics.length,
    indicators: indicators.length,
    sources: sources.length,
    areas: geography.areas.length,
    areaShapes: shapes.length,
    observations: observationCount,
    computedTotals: inserted.computedTotals,
    harmonised: inserted.harmonised,
    targets: targetCount,
    milestones: milestones.length,
  };
  await insertAll(db, "meta", [
    { key: "data_version", value: dataVersion },
    { key: "data_hash", value: dataHash },
    { key: "built_at", value: builtAt },
    { key: "counts", value: JSON.stringify(counts) },
  ]);
  await db.exec("commit");
  await db.exec("analyze; pragma optimize;");
  return { dataVersion, counts };
}

interface Refs {
  indicatorById: Map<string, Indicator>;
  sourceIds: Set<string>;
  breakdownIds: Set<string>;
  areaCodes: Set<string>;
  /** Unit kind of each indicator, for the range of its values. */
  kindOf: Map<string, Unit["kind"]>;
}

/** The value (column 8 of observations and targets) within its unit kind's range (value-ranges.ts). */
function checkRange(file: string, line: number, row: { indicator: string; value: number }, refs: Refs, change = false) {
  const problem = outOfRange(row.value, refs.kindOf.get(row.indicator)!, { change });
  if (problem) throw new DataError(displayPath(file), line, 8, `value: ${problem}`);
}

function checkRefs(file: string, line: number, row: { indicator: string; area_code: string; source: string; period_start: string; period_end: string; breakdown?: string | null }, refs: Refs) {
  const fail = (column: number, message: string) => {
    throw new DataError(displayPath(file), line, column, message);
  };
  if (!refs.indicatorById.has(row.indicator)) fail(1, `indicator: unknown indicator "${row.indicator}" (see catalogue/indicators.yaml)`);
  if (!refs.areaCodes.has(row.area_code)) fail(2, `area_code: no unit with GSO code "${row.area_code}" in data/geography`);
  if (row.period_start > row.period_end) fail(3, `period_start ${row.period_start} is after period_end ${row.period_end}`);
  if (row.breakdown && !refs.breakdownIds.has(row.breakdown)) fail(7, `breakdown: unknown breakdown "${row.breakdown}" (see catalogue/breakdowns.yaml)`);
  if (!refs.sourceIds.has(row.source)) fail(row.breakdown === undefined ? 9 : 10, `source: unknown source "${row.source}" (see catalogue/sources.yaml)`);
}

/** Pairing key of a numerator with its denominator: same area, period and source. */
const pairKey = (o: Pick<Observation, "area_code" | "period_start" | "period_end" | "source">) =>
  `${o.area_code}|${o.period_start}|${o.period_end}|${o.source}`;

/** Stable public id of an observation. */
export function observationKey(o: { indicator: string; area_code: string; period_start: string; period_end: string; breakdown: string | null; source: string }): string {
  return createHash("sha256")
    .update([o.indicator, o.area_code, o.period_start, o.period_end, o.breakdown ?? "", o.source].join("|"))
    // Hex, not base64url: an id starting with "-" or "=" would be read as a formula by spreadsheets.
    .digest("hex")
    .slice(0, 12);
}

const INSERT_OBSERVATION = `insert into observations (key, indicator_id, area_code, period_start, period_end, period_label,
  period_basis, breakdown_id, value, status, source_id, note, note_vi) values (?,?,?,?,?,?,?,?,?,?,?,?,?)`;

/** The observation files of data/facts/observations/, in file-name order (DATA-CONTRACT §1). */
export function observationFilesOf(dataDir: string): string[] {
  const dir = facts(dataDir, "observations");
  if (!existsSync(dir)) throw new DataError(displayPath(dir), 1, 1, "missing folder of observation files (data/facts/observations/*.csv)");
  const files = readdirSync(dir).filter((name) => name.endsWith(".csv")).sort().map((name) => join(dir, name));
  if (files.length === 0) throw new DataError(displayPath(dir), 0, 0, "no observation files (*.csv) in the folder");
  return files;
}

/** A note is given in both languages or in neither (every row: Vietnamese pages show note_vi, English pages note_en). */
function checkNotePair(file: string, line: number, column: number, row: { note_vi: string | null; note_en: string | null }) {
  if (row.note_vi !== null && row.note_en === null) {
    throw new DataError(displayPath(file), line, column + 1, "note_en: the row has a Vietnamese note (note_vi) but no English one; give both or neither");
  }
  if (row.note_en !== null && row.note_vi === null) {
    throw new DataError(displayPath(file), line, column, "note_vi: the row has an English note (note_en) but no Vietnamese one; give both or neither");
  }
}

/** Every text of a source record in both languages or in neither; the error points at the text given alone. */
function checkSourceTexts(file: string, sources: Source[]) {
  const lines = readFileSync(file, "utf8").split("\n");
  for (const source of sources) {
    for (const [vi, en] of SOURCE_TEXT_PAIRS) {
      const [hasVi, hasEn] = [source[vi] !== null, source[en] !== null];
      if (hasVi === hasEn) continue;
      const start = lineOfId(file, source.id);
      const given = hasVi ? vi : en;
      const end = lines.findIndex((l, i) => i >= start && /^- /.test(l));
      const at = lines.slice(start, end === -1 ? undefined : end).findIndex((l) => l.startsWith(`  ${given}:`));
      throw new DataError(displayPath(file), at === -1 ? start : start + at + 1, at === -1 ? 1 : 3,
        `${source.id}: ${hasVi ? `${vi} has no English counterpart ${en}` : `${en} has no Vietnamese counterpart ${vi}`}; give both or neither`);
    }
  }
}

interface ObservationInputs {
  files: string[];
  refs: Refs;
  geography: Geography;
  knownDifferencesFile: string;
}

/**
 * Stream every typed observation into the database, then add what the portal computes: totals of
 * additive indicators (checked against published totals), shares and ratios, and the series
 * harmonised to the units of 2025-07-01. Only additive indicators and the parts of computed ones
 * are kept in memory; everything else streams.
 */
async function insertObservations(db: SqliteConnection, inputs: ObservationInputs): Promise<{ observations: number; computedTotals: number; harmonised: number }> {
  const { files, refs, geography } = inputs;
  const indicators = [...refs.indicatorById.values()];
  const computed = indicators.filter((i) => i.computed);
  const parts = new Set(computed.flatMap((i) => [i.computed!.numerator, i.computed!.denominator]));
  const additive = new Set(indicators.filter((i) => i.aggregate === "sum").map((i) => i.id));
  const kept: LocatedObservation[] = [];
  const typedComputed: LocatedObservation[] = [];
  const statement = await db.prepare(INSERT_OBSERVATION);
  let count = 0;
  for (const file of files) {
    for await (const { row, line } of readCsv(file, observationSchema)) {
      checkRefs(file, line, row, refs);
      checkRange(file, line, row, refs);
      checkNotePair(file, line, 11, row);
      const key = observationKey(row);
      try {
        await statement.run([key, row.indicator, row.area_code, row.period_start, row.period_end, row.period_label,
          row.period_basis.toUpperCase(), row.breakdown, row.value, row.status.toUpperCase(), row.source, row.note_en, row.note_vi]);
      } catch (error) {
        if ((error as { code?: string }).code === "SQLITE_CONSTRAINT") {
          throw new DataError(displayPath(file), line, 1, `duplicate observation: the same indicator, area, period, breakdown and source appear on an earlier line`);
        }
        throw error;
      }
      count++;
      if (parts.has(row.indicator) || additive.has(row.indicator)) kept.push({ row, file, line });
      if (refs.indicatorById.get(row.indicator)!.computed) typedComputed.push({ row, file, line });
    }
  }

  // Totals of additive indicators, checked against the published ones, then stored as COMPUTED.
  const typedAdditive = kept.filter((k) => additive.has(k.row.indicator));
  const totals = computeTotals(typedAdditive, geography.areas);
  const explained = checkPublishedTotals(totals, typedAdditive, inputs.knownDifferencesFile);
  for (const total of totals) {
    const r = total.row;
    await statement.run([observationKey(r), r.indicator, r.area_code, r.period_start, r.period_end, r.period_label,
      r.period_basis.toUpperCase(), null, r.value, total.status, r.source, r.note_en, r.note_vi]);
    count++;
  }
  await insertAll(db, "known_differences", explained.map(({ entry, published, computed: total }) => ({
    indicator_id: entry.indicator, area_code: entry.area, period_start: entry.period_start, period_end: entry.period_end,
    observation_key: observationKey(published.row), source_id: published.row.source,
    computed_observation_key: observationKey(total.row), computed_source_id: total.row.source,
    published_value: published.row.value, computed_value: total.row.value, reason: entry.reason_en, reason_vi: entry.reason_vi,
  })));

  // Shares (× 100) and ratios (× 1) where a source gives both parts for the same area and period,
  // its computed totals included. A typed value of such an indicator is refused when both parts are there.
  const pooled = [...kept.map((k) => ({ row: k.row, status: k.row.status === "reported" ? "COMPUTED" : "ESTIMATE" })),
    ...totals.map((t) => ({ row: t.row, status: t.status === "COMPUTED" ? "COMPUTED" : "ESTIMATE" }))];
  const partRows = new Map<string, Map<string, { row: Observation; status: string }>>();
  for (const p of pooled) {
    if (!parts.has(p.row.indicator) || p.row.breakdown !== null) continue;
    if (!partRows.has(p.row.indicator)) partRows.set(p.row.indicator, new Map());
    partRows.get(p.row.indicator)!.set(pairKey(p.row), p);
  }
  const levelOf = new Map(geography.areas.map((a) => [a.code, a.level.toLowerCase()]));
  for (const indicator of computed) {
    const { numerator, denominator, scale, levels } = indicator.computed!;
    const denominators = partRows.get(denominator) ?? new Map();
    for (const [pair, top] of partRows.get(numerator) ?? new Map<string, { row: Observation; status: string }>()) {
      const bottom = denominators.get(pair);
      if (!bottom || bottom.row.value === 0) continue;
      if (levels && !levels.includes(levelOf.get(top.row.area_code) as "province")) continue;
      const typed = typedComputed.find((t) => t.row.indicator === indicator.id && pairKey(t.row) === pair);
      if (typed) {
        throw new DataError(displayPath(typed.file), typed.line, 8,
          `${indicator.id} is computed from ${numerator} and ${denominator}, which this source gives for the same area and period: remove the typed value`);
      }
      const row = { ...top.row, indicator: indicator.id, breakdown: null };
      const status = top.status === "COMPUTED" && bottom.status === "COMPUTED" ? "COMPUTED" : "COMPUTED_FROM_ESTIMATE";
      const [top_, bottom_] = [refs.indicatorById.get(numerator)!, refs.indicatorById.get(denominator)!];
      const formula = (lang: "vi" | "en") => `${noteNumber(top.row.value, lang)} / ${noteNumber(bottom.row.value, lang)}${scale === 100 ? " × 100" : ""}`;
      // In words, with the indicators' names: a reader needs no ids to follow it.
      const noteEn = `Computed by the portal: ${inSentence(top_.nameEn)} divided by ${inSentence(bottom_.nameEn)}${scale === 100 ? ", times 100" : ""} (${formula("en")}).`;
      const noteVi = `Cổng dữ liệu tính: ${inSentence(top_.name)} chia cho ${inSentence(bottom_.name)}${scale === 100 ? ", nhân 100" : ""} (${formula("vi")}).`;
      await statement.run([observationKey(row), indicator.id, row.area_code, row.period_start, row.period_end,
        row.period_label, row.period_basis.toUpperCase(), null, (top.row.value / bottom.row.value) * scale, status, row.source,
        noteEn, noteVi]);
      count++;
    }
  }
  await statement.finalize();

  // Series harmonised to the units of 2025-07-01 (their own tables: they are not values of the units of their period).
  const harmonised = harmonise([...typedAdditive, ...totals], geography.areas, geography.links);
  await insertAll(db, "harmonised_observations", harmonised.map((h) => ({
    key: h.key, indicator_id: h.indicator, area_code: h.target.code, area_id: h.target.id, vintage: HARMONISED_VINTAGE,
    period_start: h.period.period_start, period_end: h.period.period_end, period_label: h.period.period_label,
    period_basis: h.period.period_basis.toUpperCase(), value: h.value, status: h.status, source_id: h.source, note: h.note_en, note_vi: h.note_vi,
  })));
  await insertAll(db, "harmonised_components", harmonised.flatMap((h) => h.components.map((c) => ({
    harmonised_key: h.key, area_id: c.area.id, area_code: c.area.code, value: c.value,
  }))));
  return { observations: count, computedTotals: totals.length, harmonised: harmonised.filter((h) => h.value !== null).length };
}

async function insertAll<T extends keyof Database>(db: SqliteConnection, table: T, rows: Database[T][]) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object);
  const statement = await db.prepare(`insert into ${table} (${columns.join(",")}) values (${columns.map(() => "?").join(",")})`);
  for (const row of rows) await statement.run(columns.map((c) => (row as unknown as Record<string, unknown>)[c]));
  await statement.finalize();
}

function uniqueIds<T extends { id: string }>(file: string, records: T[]): Set<string> {
  const ids = new Set<string>();
  for (const record of records) {
    if (ids.has(record.id)) throw new DataError(displayPath(file), lineOfId(file, record.id, 2), 1, `duplicate id "${record.id}"`);
    ids.add(record.id);
  }
  return ids;
}

/** Line of the n-th `id: <id>` in a YAML file (for cross-reference errors). */
function lineOfId(file: string, id: string, occurrence = 1): number {
  const lines = readFileSync(file, "utf8").split("\n");
  let seen = 0;
  for (const [index, line] of lines.entries()) {
    if (new RegExp(`^\\s*-?\\s*id:\\s*"?${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"?\\s*$`).test(line) && ++seen === occurrence) return index + 1;
  }
  return 1;
}

/** SHA-256 over every data file (path and content), sorted: the content part of the data version. */
function hashDataFiles(roots: string[]): string {
  const hash = createHash("sha256");
  const files: string[] = [];
  const walk = (path: string) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      // Not the code, and not the release records: writing a version's record must not change the version.
      for (const name of readdirSync(path)) if (name !== "ingest" && name !== "releases") walk(join(path, name));
    } else files.push(path);
  };
  roots.forEach(walk);
  // Read in chunks: a data file may be larger than the memory the ingest should take.
  const chunk = Buffer.alloc(1 << 20);
  for (const file of files.sort()) {
    hash.update(relative(roots[0], file)).update("\0");
    const fd = openSync(file, "r");
    try {
      for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) hash.update(chunk.subarray(0, read));
    } finally {
      closeSync(fd);
    }
    hash.update("\0");
  }
  return hash.digest("hex");
}
