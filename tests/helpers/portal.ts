/**
 * Test helpers: build the real database from the real data/ once per test file (into a
 * temporary folder) and run GraphQL operations against the real schema.
 */
import "reflect-metadata";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { graphql } from "graphql";
import { openPortalDatabase, type PortalDatabase } from "../../api/db/connect.js";
import { createContext } from "../../api/schema/context.js";
import { portalSchema } from "../../api/schema/index.js";
import { buildDatabase } from "../../data/ingest/build.js";

export const DATA_DIR = fileURLToPath(new URL("../../data", import.meta.url));

/** Build data/ into a fresh temporary database and open it read-only. */
export async function buildTestPortal(): Promise<PortalDatabase & { file: string }> {
  const file = join(mkdtempSync(join(tmpdir(), "portal-test-")), "portal.sqlite");
  await buildDatabase({ dataDir: DATA_DIR, outFile: file, buildDate: "2026-01-01" });
  return Object.assign(await openPortalDatabase(file), { file });
}

/** Run an operation through the real schema with a fresh per-request context; throws on errors. */
export async function run<T = any>(portal: PortalDatabase, query: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await runRaw(portal, query, variables);
  if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join("; "));
  return result.data as T;
}

/** Like run, but returns errors instead of throwing. */
export async function runRaw(portal: PortalDatabase, query: string, variables?: Record<string, unknown>) {
  return graphql({ schema: await portalSchema(), source: query, variableValues: variables, contextValue: createContext(portal.db, portal.meta, portal.reference) });
}
