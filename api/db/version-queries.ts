/** Queries of the version history (tables data_versions and data_changes, data/ingest/releases.ts). */
import type { Kysely } from "kysely";
import type { Database, DataChangeRow, DataVersionRow } from "./database.js";

/** Every data version, newest first. */
export function findDataVersions(db: Kysely<Database>): Promise<DataVersionRow[]> {
  return db.selectFrom("data_versions").selectAll().orderBy("position", "desc").execute();
}

/** One data version by name. */
export function findDataVersion(db: Kysely<Database>, version: string): Promise<DataVersionRow | undefined> {
  return db.selectFrom("data_versions").selectAll().where("version", "=", version).executeTakeFirst();
}

/** The changes of a version, optionally of one kind, by indicator, area and period. */
export function findDataChanges(db: Kysely<Database>, version: string, kind: string | null): Promise<DataChangeRow[]> {
  let query = db.selectFrom("data_changes").selectAll().where("version", "=", version);
  if (kind) query = query.where("kind", "=", kind);
  return query.orderBy("indicator_id").orderBy("area_code").orderBy("period_end").orderBy("period_start").orderBy("source_id").execute();
}
