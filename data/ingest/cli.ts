/**
 * `npm run data:build`: compile data/ (or the folder in PORTAL_DATA_DIR) into build/portal.sqlite
 * (or the path in PORTAL_DB). Logs go to stderr. A refusal is one line naming file:line:column
 * (or the file and the reason), exit code 1, the previous database untouched and no temporary
 * file left; an interrupted build (SIGINT, SIGTERM) removes its temporary file too.
 */
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DataError } from "./errors.js";
import { buildDatabase, tempFileOf } from "./build.js";

export const DEFAULT_DB = resolve(fileURLToPath(new URL("../../build/portal.sqlite", import.meta.url)));
const DATA_DIR = resolve(process.env.PORTAL_DATA_DIR ?? fileURLToPath(new URL("..", import.meta.url)));
const outFile = resolve(process.env.PORTAL_DB ?? DEFAULT_DB);

/** One line on stderr (a newline inside a message would make it two). */
const fail = (message: string): never => {
  console.error(message.replace(/\s*\n\s*/g, " "));
  process.exit(1);
};

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    rmSync(tempFileOf(outFile), { force: true });
    fail(`data:build interrupted (${signal}): the previous database, if any, was left in place`);
  });
}

try {
  const started = performance.now();
  const summary = await buildDatabase({ dataDir: DATA_DIR, outFile });
  const ms = Math.round(performance.now() - started);
  console.error(`data:build: ${summary.outFile} (version ${summary.dataVersion}) in ${ms} ms: ${JSON.stringify(summary.counts)}`);
} catch (error) {
  if (error instanceof DataError) fail(`data:build refused ${error.message} (the previous database, if any, was left in place)`);
  // Not a data problem (disk full, a bug): still one line, without the stack (DEBUG=1 shows it).
  if (process.env.DEBUG) console.error(error);
  fail(`data:build failed: ${(error as Error)?.message ?? String(error)} (the previous database, if any, was left in place)`);
}
