/**
 * The real site (real ingest → real API → astro build, with the downloads, the CSP hashes and
 * the precompressed files), built once per test run and shared by the test files that only
 * read it (serving, browser). A build takes minutes on a busy machine; one is enough.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inject } from "vitest";
import { buildSite } from "../../site/build.js";
import { buildTestDatabase } from "./server.js";
import { sharedSiteDir } from "./site-dir.js";

export interface BuiltSite {
  /** The database the site was built from. */
  dbPath: string;
  /** The built site (serve it with createPortalServer({ siteDir })). */
  siteDir: string;
}

/** Build the site on the first call of the run; later calls (other files) get the same build. */
export async function sharedSite(): Promise<BuiltSite> {
  const root = sharedSiteDir(inject("testRunId"));
  const marker = join(root, "built.json");
  if (existsSync(marker)) return JSON.parse(readFileSync(marker, "utf8")) as BuiltSite;
  mkdirSync(root, { recursive: true });
  const dbPath = await buildTestDatabase();
  const siteDir = join(root, "dist");
  await buildSite({ dbPath, outDir: siteDir, cacheDir: join(root, "cache"), stdio: "pipe" });
  const built: BuiltSite = { dbPath, siteDir };
  writeFileSync(marker, JSON.stringify(built));
  return built;
}
