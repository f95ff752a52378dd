/**
 * `npm run data:build`: compile data/ into build/portal.sqlite (or the path in PORTAL_DB).
 * Logs go to stderr; exits 1 with file:line:column on invalid data.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DataError } from "./errors.js";
import { buildDatabase } from "./build.js";

export const DEFAULT_DB = resolve(fileURLToPath(new URL("../../build/portal.sqlite", import.meta.url)));
const DATA_DIR = resolve(fileURLToPath(new URL("..", import.meta.url)));

try {
  const started = performance.now();
  const summary = await buildDatabase({ dataDir: DATA_DIR, outFile: process.env.PORTAL_DB ?? DEFAULT_DB });
  const ms = Math.round(performance.now() - started);
  console.error(`data:build: ${summary.outFile} (version ${summary.dataVersion}) in ${ms} ms: ${JSON.stringify(summary.counts)}`);
} catch (error) {
  if (error instanceof DataError) {
    console.error(`data:build failed: ${error.message}\nThe previous database, if any, was left in place.`);
    process.exit(1);
  }
  throw error;
}
