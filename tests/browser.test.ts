/**
 * The built site in a real browser (Debian's chromium via playwright-core): pages read without
 * JavaScript on a phone-sized screen, the API explorer works as a plain form, and axe-core finds
 * no serious or critical accessibility violation. Served by the real portal server.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPortalServer, type PortalServer } from "../api/server.js";
import { buildSite } from "../site/build.js";
import { buildTestPortal } from "./helpers/portal.js";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser tests skipped: ${CHROMIUM} is missing (install Debian's chromium: apt-get install chromium).`);

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const PHONE = { width: 390, height: 844 };

describe.skipIf(!hasChromium)("site in a browser (chromium, JavaScript off, axe-core)", () => {
  let work: string;
  let server: PortalServer;
  let url: string;
  let browser: Browser;
  let noScript: BrowserContext;
  let withScript: BrowserContext;

  beforeAll(async () => {
    const portal = await buildTestPortal();
    await portal.close();
    work = mkdtempSync(join(tmpdir(), "portal-browser-"));
    const outDir = join(work, "dist");
    await buildSite({ dbPath: portal.file, outDir, cacheDir: join(work, "cache"), stdio: "pipe" });
    server = await createPortalServer({ dbPath: portal.file, siteDir: outDir });
    url = await server.listen(0, "127.0.0.1");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    noScript = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE, locale: "vi-VN" });
    withScript = await browser.newContext({ javaScriptEnabled: true, viewport: PHONE, locale: "vi-VN" });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("shows the headline figures on the home page without JavaScript", async () => {
    const page = await noScript.newPage();
    const response = await page.goto(`${url}/`);
    expect(response?.status()).toBe(200);
    const cards = page.locator(".cards .card");
    expect(await cards.count()).toBeGreaterThanOrEqual(6);
    await expect.poll(() => cards.first().isVisible()).toBe(true);
    expect(await page.locator(".cards").innerText()).toContain("2.255");
    expect(await page.locator("footer").innerText()).toContain(server.portal.meta.dataVersion);
    await page.close();
  });

  it("shows an indicator's chart and table without JavaScript, within a phone's width", async () => {
    const page = await noScript.newPage();
    await page.goto(`${url}/chi-so/ntm-communes/`);
    const chart = page.locator("figure svg[role=img]").first();
    expect(await chart.isVisible()).toBe(true);
    const box = await chart.boundingBox();
    expect(box!.width).toBeGreaterThan(250);
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    const table = page.locator("figure table").first();
    expect(await table.isVisible()).toBe(true);
    expect(await table.locator("caption").innerText()).toContain("Số xã đạt chuẩn nông thôn mới");
    expect(await table.innerText()).toContain("109");
    // The page itself never scrolls sideways; wide tables scroll inside their own region.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });

  it("runs a query from the API explorer as a plain form, and shows the result inline with JavaScript", async () => {
    const page = await noScript.newPage();
    await page.goto(`${url}/api/`);
    await page.fill("textarea[name=query]", "{ indicator(id: \"cho-4-0-markets\") { latest { value } } }");
    const [response] = await Promise.all([page.waitForNavigation(), page.click("form.explorer button[type=submit]")]);
    expect(new URL(response!.url()).pathname).toBe("/graphql");
    expect(JSON.parse(await response!.text())).toEqual({ data: { indicator: { latest: { value: 107 } } } });
    await page.close();

    const scripted = await withScript.newPage();
    await scripted.goto(`${url}/api/`);
    await scripted.fill("textarea[name=query]", "{ indicators { totalCount } }");
    await scripted.click("form.explorer button[type=submit]");
    await expect.poll(() => scripted.locator("#explorer-result pre").textContent()).toContain('"totalCount"');
    expect(new URL(scripted.url()).pathname).toBe("/api/");
    await scripted.close();
  });

  it("has no serious or critical accessibility violations (axe-core)", async () => {
    const paths = ["/", "/chi-so/ntm-communes/", "/chi-so/dti-rank/", "/chu-de/nong-thon-moi/", "/nguon/thi-dua-2023/", "/dia-ban/19/", "/dia-ban/", "/sap-xep-2025/", "/api/", "/does-not-exist/"];
    const found: string[] = [];
    for (const path of paths) {
      const page = await withScript.newPage();
      await page.goto(`${url}${path}`);
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe.run(document, { resultTypes: ["violations"] });
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
      });
      for (const v of violations) if (v.impact === "serious" || v.impact === "critical") found.push(`${path}: ${v.id} (${v.impact}) ${v.targets.join(" ")}`);
      await page.close();
    }
    expect(found).toEqual([]);
  });
});
