/**
 * Page weight and Lighthouse scores of the built site (site/dist, `npm run build`): the home
 * page and an indicator page, served by our own server (api/server.ts) on 127.0.0.1.
 *
 * - Bytes per page by kind (HTML, CSS, JS, images, fonts, other): transferred as our server
 *   sends them (Chromium, playwright-core, empty cache) and gzip-compressed (what a CDN
 *   sends), with the goal: an indicator page under 100 KB transferred.
 * - The chart without JavaScript: the indicator page loaded with JavaScript disabled must
 *   show its chart (an inline SVG with marks) and carry no <script> for it.
 * - Lighthouse 12.2.3 (performance, accessibility, best practices, SEO; its default mobile
 *   profile) with Debian's /usr/bin/chromium, never a downloaded browser. Goals:
 *   performance ≥ 95, the other three 100. Failing audits are listed with their items.
 *
 *   npx tsx bench/site.ts [--page /chi-so/<id>/] [--no-lighthouse]     writes bench/site.json
 */
import "reflect-metadata";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "playwright-core";
import { createPortalServer } from "../api/server.js";
import { buildDatabase } from "../data/ingest/build.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SITE_DIR = join(ROOT, "site", "dist");
const RESULT_FILE = fileURLToPath(new URL("./site.json", import.meta.url));
const CHROMIUM = "/usr/bin/chromium";
const CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const GOALS = { indicatorPageKb: 100, performance: 95, accessibility: 100, "best-practices": 100, seo: 100 } as const;
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;

type Kind = "html" | "css" | "js" | "images" | "fonts" | "other";
const KIND_OF: Record<string, Kind> = { document: "html", stylesheet: "css", script: "js", image: "images", font: "fonts" };

export interface PageWeight {
  page: string;
  path: string;
  requests: number;
  /** Bytes transferred by kind, as our server sends them (headers included). */
  transferred: Record<Kind | "total", number>;
  /** Bodies gzip-compressed (level 9), as a CDN would send them. */
  gzip: Record<Kind | "total", number>;
}

export interface LighthouseResult {
  page: string;
  scores: Record<(typeof CATEGORIES)[number], number>;
  failing: { category: string; id: string; title: string; score: number | null; displayValue?: string; items: string[] }[];
}

const emptyKinds = (): Record<Kind | "total", number> => ({ html: 0, css: 0, js: 0, images: 0, fonts: 0, other: 0, total: 0 });

async function pageWeight(browser: Browser, base: string, page: string, path: string): Promise<PageWeight> {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const finished: Promise<void>[] = [];
  const weight: PageWeight = { page, path, requests: 0, transferred: emptyKinds(), gzip: emptyKinds() };
  tab.on("requestfinished", (request) => {
    finished.push((async () => {
      const response = await request.response();
      if (!response) return;
      const sizes = await request.sizes();
      const kind = KIND_OF[request.resourceType()] ?? "other";
      const body = await response.body().catch(() => Buffer.alloc(0));
      weight.requests++;
      weight.transferred[kind] += sizes.responseBodySize + sizes.responseHeadersSize;
      weight.transferred.total += sizes.responseBodySize + sizes.responseHeadersSize;
      const compressed = body.length ? gzipSync(body, { level: 9 }).length : 0;
      weight.gzip[kind] += compressed;
      weight.gzip.total += compressed;
    })());
  });
  await tab.goto(base + path, { waitUntil: "networkidle" });
  await Promise.all(finished);
  await context.close();
  return weight;
}

/** The chart is there and drawn with JavaScript off, and the page has no script for it. */
async function chartWithoutJs(browser: Browser, base: string, path: string) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const tab = await context.newPage();
  await tab.goto(base + path, { waitUntil: "load" });
  const chart = await tab.evaluate(() => {
    const svgs = Array.from(document.querySelectorAll("svg")).filter((svg) => svg.querySelectorAll("path, rect, circle, line").length >= 3);
    const svg = svgs[0];
    const box = svg?.getBoundingClientRect();
    return { charts: svgs.length, marks: svg ? svg.querySelectorAll("path, rect, circle, line").length : 0, visible: !!box && box.width > 0 && box.height > 0, label: svg?.getAttribute("aria-label") ?? null };
  });
  const html = readFileSync(join(SITE_DIR, path, "index.html"), "utf8");
  await context.close();
  // Executable scripts only: JSON-LD (<script type="application/ld+json">) is data, not code.
  const scripts = [...html.matchAll(/<script\b([^>]*)>/gi)].filter((m) => {
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(m[1])?.[1]?.toLowerCase();
    return !type || type === "module" || type.includes("javascript") || type.includes("ecmascript");
  });
  return { ...chart, scripts: scripts.length, dataScripts: (html.match(/<script\b/gi) ?? []).length - scripts.length };
}

function lighthouse(url: string): Promise<any> {
  const bin = join(ROOT, "node_modules", ".bin", "lighthouse");
  const args = [url, "--output=json", "--output-path=stdout", "--quiet", `--only-categories=${CATEGORIES.join(",")}`, `--chrome-flags=${CHROME_FLAGS.join(" ")}`];
  return new Promise((resolve, reject) => {
    execFile(bin, args, { env: { ...process.env, CHROME_PATH: CHROMIUM }, maxBuffer: 256 * 1024 * 1024, timeout: 300_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`lighthouse ${url}: ${error.message}\n${stderr.slice(-2000)}`));
      resolve(JSON.parse(stdout));
    });
  });
}

/** Audits that cost points: every weighted audit of a category with a score below 1, with what it points at. */
function failingAudits(report: any): LighthouseResult["failing"] {
  const failing: LighthouseResult["failing"] = [];
  for (const category of CATEGORIES) {
    for (const ref of report.categories[category].auditRefs) {
      const audit = report.audits[ref.id];
      if (!audit || audit.score === null || audit.score >= 1 || ["notApplicable", "manual", "informative"].includes(audit.scoreDisplayMode)) continue;
      if (category !== "performance" && ref.weight === 0) continue;
      const items = (audit.details?.items ?? []).slice(0, 8).map((item: any) =>
        [item.node?.selector, item.node?.snippet, item.url, item.source?.url, item.sourceLocation?.url, item.description, item.wastedBytes ? `${Math.round(item.wastedBytes / 1024)} KiB` : null, item.wastedMs ? `${Math.round(item.wastedMs)} ms` : null]
          .filter(Boolean).join(" · ").slice(0, 300),
      );
      failing.push({ category, id: ref.id, title: audit.title, score: audit.score, displayValue: audit.displayValue, items });
    }
  }
  return failing;
}

/** The indicator page to weigh: --page, else the first indicator with a chart. */
function indicatorPage(): string {
  const given = process.argv.includes("--page") ? process.argv[process.argv.indexOf("--page") + 1] : null;
  if (given) return given;
  for (const id of ["ntm-communes", "cho-4-0-markets"]) if (existsSync(join(SITE_DIR, "chi-so", id, "index.html"))) return `/chi-so/${id}/`;
  throw new Error("No indicator page in site/dist/chi-so/: pass --page /chi-so/<id>/");
}

export async function auditSite(options: { lighthouse: boolean }) {
  if (!existsSync(join(SITE_DIR, "index.html"))) {
    return { todo: "site/dist is not built: run `npm run build`, then `npx tsx bench/site.ts`." };
  }
  let dbPath = process.env.PORTAL_DB ?? join(ROOT, "build", "portal.sqlite");
  let tmp: string | null = null;
  if (!existsSync(dbPath)) {
    tmp = mkdtempSync(join(tmpdir(), "portal-site-bench-"));
    dbPath = join(tmp, "portal.sqlite");
    await buildDatabase({ dataDir: join(ROOT, "data"), outFile: dbPath });
  }
  const server = await createPortalServer({ dbPath, siteDir: SITE_DIR });
  const base = await server.listen(0, "127.0.0.1");
  const pages = [{ page: "home", path: "/" }, { page: "indicator", path: indicatorPage() }];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROME_FLAGS });
  try {
    const weights: PageWeight[] = [];
    for (const p of pages) weights.push(await pageWeight(browser, base, p.page, p.path));
    const chart = await chartWithoutJs(browser, base, pages[1].path);
    const audits: LighthouseResult[] = [];
    if (options.lighthouse) {
      for (const p of pages) {
        const report = await lighthouse(base + p.path);
        audits.push({
          page: p.page,
          scores: Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((report.categories[c].score ?? 0) * 100)])) as LighthouseResult["scores"],
          failing: failingAudits(report),
        });
      }
    }
    return { measuredAt: new Date().toISOString(), weights, chart, audits };
  } finally {
    await browser.close();
    await server.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

export function reportSite(result: Awaited<ReturnType<typeof auditSite>>): { text: string; failed: boolean } {
  if ("todo" in result) return { text: `Site: TODO — ${result.todo}`, failed: false };
  const kb = (n: number) => (n / 1024).toFixed(1);
  const lines = ["Page weight (KB; transferred as our server sends it / gzip as a CDN would)", "page       path                          requests   HTML        CSS         JS          images      fonts       other       total"];
  for (const w of result.weights) {
    const cells = (["html", "css", "js", "images", "fonts", "other", "total"] as const).map((k) => `${kb(w.transferred[k])}/${kb(w.gzip[k])}`.padEnd(11));
    lines.push(`${w.page.padEnd(10)} ${w.path.padEnd(29)} ${String(w.requests).padStart(8)}   ${cells.join(" ")}`);
  }
  let failed = false;
  const check = (ok: boolean, text: string) => {
    failed ||= !ok;
    lines.push(`${ok ? "PASS" : "FAIL"}  ${text}`);
  };
  const indicator = result.weights.find((w) => w.page === "indicator")!;
  check(indicator.transferred.total < GOALS.indicatorPageKb * 1024, `indicator page under ${GOALS.indicatorPageKb} KB transferred: ${kb(indicator.transferred.total)} KB (${kb(indicator.gzip.total)} KB gzip)`);
  const c = result.chart;
  check(c.charts > 0 && c.visible && c.scripts === 0 && indicator.transferred.js === 0,
    `indicator chart without JavaScript: ${c.charts} SVG chart(s) drawn with JavaScript off (${c.marks} marks, “${c.label}”), ${c.scripts} executable <script> in the page (${c.dataScripts} JSON-LD), ${kb(indicator.transferred.js)} KB JS loaded`);
  for (const audit of result.audits) {
    lines.push(`Lighthouse ${audit.page}: ${CATEGORIES.map((k) => `${k} ${audit.scores[k]}`).join(", ")}`);
    for (const k of CATEGORIES) check(audit.scores[k] >= GOALS[k], `${audit.page} ${k} ≥ ${GOALS[k]}: ${audit.scores[k]}`);
    for (const f of audit.failing) {
      lines.push(`      ${f.category} · ${f.id} (score ${f.score}${f.displayValue ? `, ${f.displayValue}` : ""}): ${f.title}`);
      for (const item of f.items) lines.push(`          - ${item}`);
    }
  }
  return { text: lines.join("\n"), failed };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await auditSite({ lighthouse: !process.argv.includes("--no-lighthouse") });
  if (!("todo" in result)) writeFileSync(RESULT_FILE, JSON.stringify(result, null, 2) + "\n");
  const { text, failed } = reportSite(result);
  console.log(text);
  process.exitCode = failed ? 1 : 0;
}
