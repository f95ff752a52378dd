/**
 * `npm run site:build`: build the static site from the real GraphQL API over HTTP.
 * Starts the API server (createPortalServer, 127.0.0.1, any free port) on the database
 * (PORTAL_DB or build/portal.sqlite), generates the download files from it (downloads/build.ts)
 * into a staging folder, runs `astro build` with PORTAL_API_URL pointing at the API and
 * PORTAL_DOWNLOADS_DIR at the staged files (the data page states their sizes), then copies
 * them to <out>/downloads/ (astro empties <out> first) with schema.graphql, lists the hashes
 * of the pages' inline scripts for the Content-Security-Policy (api/http/headers.ts), writes
 * .br and .gz beside every compressible file (api/http/compress.ts), and stops the server.
 * Exits non-zero when anything fails.
 */
import "reflect-metadata";
import { spawn } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { Writable } from "node:stream";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { pino } from "pino";
import { createPortalServer } from "../api/server.js";
import { siteBaseUrl } from "../api/schema/citation/links.js";
import { buildDownloads } from "../downloads/build.js";
import { precompressDirectory } from "../api/http/compress.js";
import { writeCspManifest } from "../api/http/headers.js";

const siteDir = fileURLToPath(new URL(".", import.meta.url));
const repoDir = resolve(siteDir, "..");

export interface SiteBuildOptions {
  /** SQLite database built by `npm run data:build`. */
  dbPath?: string;
  /** Output folder (default site/dist). */
  outDir?: string;
  /** Public address of the site, for the sitemap and permalinks. */
  siteUrl?: string;
  /** Astro/Vite cache (default site/node_modules/.astro); tests use a temporary one. */
  cacheDir?: string;
  /** Where astro's output goes (default: this process's stdout/stderr). */
  stdio?: "inherit" | "pipe";
  /** Generate the download files into <out>/downloads/ (default true). */
  downloads?: boolean;
}

export interface SiteBuildResult {
  outDir: string;
  apiUrl: string;
  milliseconds: number;
  /** GraphQL requests astro sent to the API (the downloads' requests not counted). */
  requests: number;
}

/** Build the site; rejects when the API cannot start or `astro build` fails. */
export async function buildSite(options: SiteBuildOptions = {}): Promise<SiteBuildResult> {
  const started = Date.now();
  const dbPath = resolve(options.dbPath ?? process.env.PORTAL_DB ?? join(repoDir, "build/portal.sqlite"));
  const outDir = resolve(options.outDir ?? process.env.PORTAL_SITE_OUT_DIR ?? join(siteDir, "dist"));
  // Count the API requests of the build (one per distinct query: the site caches identical ones).
  let requests = 0;
  const counter = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) if (line.includes('"path":"/graphql"')) requests++;
      done();
    },
  });
  // The API writes permalinks and citations with PORTAL_SITE_URL: the same address as the site's.
  const siteUrl = (options.siteUrl ?? siteBaseUrl()).replace(/\/+$/, "");
  const previousSiteUrl = process.env.PORTAL_SITE_URL;
  process.env.PORTAL_SITE_URL = siteUrl;
  const workRoot = join(siteDir, "node_modules");
  mkdirSync(workRoot, { recursive: true });
  const staging = mkdtempSync(join(workRoot, ".downloads-"));
  const portal = await createPortalServer({
    dbPath,
    logger: pino({ level: "info" }, counter),
    log: (message, error) => console.error(`site:build api: ${message}`, error ?? ""),
  });
  try {
    const apiUrl = `${await portal.listen(0, "127.0.0.1")}/graphql`;
    const withDownloads = options.downloads ?? true;
    if (withDownloads) await buildDownloads({ apiUrl, outDir: staging, dbPath, siteUrl });
    // Count the site's own requests only.
    requests = 0;
    await runAstroBuild({
      ...process.env,
      PORTAL_API_URL: apiUrl,
      PORTAL_SITE_OUT_DIR: outDir,
      PORTAL_SITE_URL: siteUrl,
      ...(withDownloads ? { PORTAL_DOWNLOADS_DIR: join(staging, "downloads") } : {}),
      ...(options.cacheDir ? { PORTAL_SITE_CACHE_DIR: resolve(options.cacheDir) } : {}),
      ASTRO_TELEMETRY_DISABLED: "1",
    }, options.stdio ?? "inherit");
    if (withDownloads) cpSync(join(staging, "downloads"), join(outDir, "downloads"), { recursive: true });
    // The schema is the API's data dictionary: serve it beside the site.
    copyFileSync(join(repoDir, "schema.graphql"), join(outDir, "schema.graphql"));
    await writeCspManifest(outDir);
    // Last: every file is final now.
    await precompressDirectory(outDir);
    return { outDir, apiUrl, milliseconds: Date.now() - started, requests };
  } finally {
    await portal.close();
    rmSync(staging, { recursive: true, force: true });
    if (previousSiteUrl === undefined) delete process.env.PORTAL_SITE_URL;
    else process.env.PORTAL_SITE_URL = previousSiteUrl;
  }
}

/** Run the astro CLI in a child process (its own Vite, no tsx loader hooks in the way). */
function runAstroBuild(env: NodeJS.ProcessEnv, stdio: "inherit" | "pipe"): Promise<void> {
  const require = createRequire(import.meta.url);
  const astroCli = join(resolve(require.resolve("astro/package.json"), ".."), "astro.js");
  return new Promise((resolvePromise, reject) => {
    // Astro writes its server chunks to <cwd>/.astro/ when the output is outside cwd. A fresh cwd
    // inside the project per build keeps two builds at once (tests into temporary folders) apart,
    // and the chunks still find node_modules by walking up.
    const workRoot = join(siteDir, "node_modules");
    mkdirSync(workRoot, { recursive: true });
    const cwd = mkdtempSync(join(workRoot, ".build-"));
    const child = spawn(process.execPath, [astroCli, "build", "--root", siteDir, "--silent"], { cwd, env, stdio: ["ignore", stdio, stdio] });
    child.once("close", () => rmSync(cwd, { recursive: true, force: true }));
    // Piped output is kept to explain a failure.
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
    child.stderr?.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`astro build failed (${signal ? `signal ${signal}` : `exit code ${code}`}).${output ? `\n${output}` : ""}`));
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    if (!existsSync(join(repoDir, "schema.graphql"))) throw new Error("schema.graphql is missing: run `npm run schema:emit`.");
    const result = await buildSite();
    console.error(`site:build: ${result.outDir} in ${result.milliseconds} ms (${result.requests} GraphQL requests to ${result.apiUrl})`);
    process.exit(0);
  } catch (error) {
    console.error(`site:build failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
