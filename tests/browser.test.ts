/**
 * The built site in a real browser (Debian's chromium via playwright-core): pages read without
 * JavaScript on a phone-sized screen, the API explorer works as a plain form, the search box
 * finds “cho 4.0”, downloads arrive with the right types and open with their Vietnamese text,
 * English pages link back, and axe-core finds no serious or critical accessibility violation.
 * Served by the real portal server; the site build writes the downloads into the site.
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createRequire } from "node:module";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPortalServer, type PortalServer } from "../api/server.js";
import { sharedSite } from "./helpers/site.js";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser tests skipped: ${CHROMIUM} is missing (install Debian's chromium: apt-get install chromium).`);

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const PHONE = { width: 390, height: 844 };
// Tests that walk every indicator page: their time grows with the data and with the machine's load.
const PAGE_WALK_TIMEOUT_MS = 1_200_000;

describe.skipIf(!hasChromium)("site in a browser (chromium, JavaScript off, axe-core)", () => {
  let server: PortalServer;
  let url: string;
  let browser: Browser;
  let noScript: BrowserContext;
  let withScript: BrowserContext;
  /** For axe-core, which Playwright injects as an inline script: the site's CSP would refuse it. */
  let axeContext: BrowserContext;
  let outDir: string;

  beforeAll(async () => {
    // The build also writes the downloads (downloads/build.ts) into <outDir>/downloads/.
    const site = await sharedSite();
    outDir = site.siteDir;
    server = await createPortalServer({ dbPath: site.dbPath, siteDir: outDir });
    url = await server.listen(0, "127.0.0.1");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    noScript = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE, locale: "vi-VN" });
    withScript = await browser.newContext({ javaScriptEnabled: true, viewport: PHONE, locale: "vi-VN" });
    axeContext = await browser.newContext({ javaScriptEnabled: true, viewport: PHONE, locale: "vi-VN", bypassCSP: true });
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
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
    // The table is the next tab: a link, no JavaScript.
    expect(await page.locator("#bang").isVisible()).toBe(false);
    await page.click('nav.tabs a[href="#bang"]');
    const table = page.locator("#bang table").first();
    expect(await table.isVisible()).toBe(true);
    expect(await chart.isVisible()).toBe(false);
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

  it("finds “cho 4.0” as you type, ignoring diacritics, and lists everything without JavaScript", async () => {
    const page = await withScript.newPage();
    await page.goto(`${url}/`);
    await page.click('.site-nav a[href="/tim-kiem/"]');
    expect(new URL(page.url()).pathname).toBe("/tim-kiem/");
    await page.fill("#search-q", "cho 4.0");
    const first = page.locator("#search-results li a").first();
    await expect.poll(() => first.getAttribute("href")).toBe("/chi-so/cho-4-0-markets/");
    expect(await first.innerText()).toContain("Số chợ 4.0");
    expect(await page.locator("#a-z").isVisible()).toBe(false);
    await page.fill("#search-q", "thai nguyen");
    await expect.poll(() => page.locator("#search-results li a").first().getAttribute("href")).toBe("/dia-ban/19/");
    // Opening the hit leads to the indicator's page.
    await page.fill("#search-q", "cho 4.0");
    await expect.poll(() => first.getAttribute("href")).toBe("/chi-so/cho-4-0-markets/");
    await Promise.all([page.waitForURL(`${url}/chi-so/cho-4-0-markets/`), first.click()]);
    expect(await page.locator("h1").innerText()).toContain("chợ 4.0");
    await page.close();

    const english = await withScript.newPage();
    await english.goto(`${url}/en/search/?q=cho%204.0`);
    await expect.poll(() => english.locator("#search-results li a").first().getAttribute("href")).toBe("/en/indicators/cho-4-0-markets/");
    await english.close();

    const plain = await noScript.newPage();
    await plain.goto(`${url}/tim-kiem/`);
    expect(await plain.locator("#search-form").isVisible()).toBe(false);
    expect(await plain.locator('#a-z a[href="/chi-so/cho-4-0-markets/"]').isVisible()).toBe(true);
    expect(await plain.locator('#a-z a[href="/dia-ban/19/"]').count()).toBe(1);
    await plain.close();
  });

  it("serves the downloads with their types; the indicator's CSV opens with its Vietnamese text and the figure", async () => {
    const types: Record<string, string> = {
      "/downloads/observations.csv": "text/csv; charset=utf-8",
      "/downloads/indicators/cho-4-0-markets.csv": "text/csv; charset=utf-8",
      "/downloads/indicators/cho-4-0-markets.json": "application/json; charset=utf-8",
      "/downloads/portal.sqlite": "application/vnd.sqlite3",
      [`/downloads/thai-nguyen-open-data-${server.portal.meta.dataVersion}.zip`]: "application/zip",
      "/downloads/README.md": "text/markdown; charset=utf-8",
      "/schema.graphql": "text/plain; charset=utf-8",
      "/charts/ntm-communes.png": "image/png",
      "/charts/ntm-communes.svg": "image/svg+xml; charset=utf-8",
    };
    for (const [path, type] of Object.entries(types)) {
      const response = await fetch(`${url}${path}`);
      await response.arrayBuffer();
      expect(response.status, path).toBe(200);
      expect(response.headers.get("content-type"), path).toBe(type);
    }

    // Download the CSV for Excel from the indicator page, as a reader would.
    const page = await noScript.newPage();
    await page.goto(`${url}/chi-so/cho-4-0-markets/`);
    await page.click('nav.tabs a[href="#tai-ve"]');
    const [download] = await Promise.all([page.waitForEvent("download"), page.click('#tai-ve ul a[href$="cho-4-0-markets-excel.csv"]')]);
    expect(download.suggestedFilename()).toBe("cho-4-0-markets-excel.csv");
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.toString("utf8").slice(1), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ indicator_id: "cho-4-0-markets", value: "107", area_name: "Tỉnh Thái Nguyên", data_version: server.portal.meta.dataVersion });
    expect(rows[0].indicator_name).toContain("Số chợ 4.0");
    expect(rows[0].permalink).toMatch(/\/chi-so\/cho-4-0-markets\/#obs-/);
    await page.close();
    expect(existsSync(join(outDir, "downloads/catalog.json"))).toBe(true);
  });

  it("opens a value's permalink on its row, with the sentence, the query and the curl command to copy", async () => {
    const page = await noScript.newPage();
    await page.goto(`${url}/chi-so/cho-4-0-markets/`);
    const rowId = await page.locator("table.observations tbody tr[id^=obs-]").first().getAttribute("id");
    await page.goto(`${url}/chi-so/cho-4-0-markets/#${rowId}`);
    const row = page.locator(`#${rowId}`);
    expect(await row.evaluate((element) => element.matches(":target"))).toBe(true);
    expect(await row.isVisible()).toBe(true);
    const quote = page.locator(`#${rowId} + tr.quote-row details`);
    await quote.locator("summary").click();
    expect(await quote.locator(".fact").innerText()).toContain("Tỉnh Thái Nguyên có 107 chợ 4.0 (công bố năm 2023, không nêu kỳ số liệu;");
    expect(await quote.locator("pre").last().innerText()).toContain(`observation(id:"${rowId!.slice(4)}")`);
    // Opened, the quote still fits the phone's width.
    const box = await quote.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    // The citation box reads without JavaScript; BibTeX and CSL-JSON open on a tap.
    expect(await page.locator(".cite-box pre.citation").innerText()).toContain(server.portal.meta.dataVersion);
    await page.locator(".cite-box summary", { hasText: "BibTeX" }).click();
    expect(await page.locator(".cite-box details pre").first().innerText()).toMatch(/^@misc\{tnod-cho-4-0-markets-/);
    expect(await page.locator(".embed-code pre").innerText()).toContain('<iframe src="http://localhost:4000/nhung/cho-4-0-markets/"');
    await page.close();
  });

  it("shows the same indicator in English, with en-GB numbers, and switches back to Vietnamese", async () => {
    const page = await noScript.newPage();
    await page.goto(`${url}/chi-so/ntm-communes-share/`);
    await Promise.all([page.waitForURL(`${url}/en/indicators/ntm-communes-share/`), page.click("a.lang-switch")]);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("h1").innerText()).toContain("Share of communes meeting the new-rural standard");
    expect(await page.locator("#bang table").first().textContent()).toContain("79.6%");
    expect(await page.locator("figure svg[role=img]").first().isVisible()).toBe(true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await Promise.all([page.waitForURL(`${url}/chi-so/ntm-communes-share/`), page.click("a.lang-switch")]);
    expect(await page.locator("#bang table").first().textContent()).toContain("79,6%");
    await page.close();
  });

  it("embeds a figure without the site's navigation, naming the data version", async () => {
    const page = await noScript.newPage();
    await page.goto(`${url}/nhung/ntm-communes/`);
    expect(await page.locator("nav").count()).toBe(0);
    // One of the chart's three sizes is shown at a width.
    expect(await page.locator("figure svg[role=img]:visible").count()).toBe(1);
    expect(await page.locator("figure").innerText()).toContain(server.portal.meta.dataVersion);
    await page.close();
  });

  it("sizes the embed code's frame so that, 320, 420 and 700 px wide, the figure's sources and data version show without scrolling inside it", async () => {
    const page = await noScript.newPage();
    // An article as wide as a phone's column, and as wide as the frame's widest.
    const articles: Record<number, Page> = {};
    for (const width of [320, 420, 700]) {
      articles[width] = await noScript.newPage();
      await articles[width].setViewportSize({ width, height: 900 });
    }
    const problems: string[] = [];
    let frames = 0;
    for (const [lang, list] of [["vi", "/chi-so/"], ["en", "/en/indicators/"]] as const) {
      await page.goto(`${url}${list}`);
      const ids = await page.locator(`main table a[href^="${list}"]`).evaluateAll((links) => links.map((a) => a.getAttribute("href")!.split("/").at(-2)!));
      expect(ids.length).toBeGreaterThan(30);
      for (const [index, id] of ids.entries()) {
        await page.goto(`${url}${list}${id}/`);
        // The code as a journalist copies it; the test server's address instead of the site's public one.
        const snippet = (await page.locator(".embed-code pre code").innerText()).replace(/https?:\/\/[^/"]+\//g, `${url}/`);
        // Every indicator at 320 px (the narrowest, where the figure is tallest); every sixth at 420 and 700 too.
        for (const width of index % 6 === 0 ? [320, 420, 700] : [320]) {
          const article = articles[width];
          await article.setContent(`<!doctype html><meta charset="utf-8"><body style="margin:0"><p>Bài viết…</p>${snippet.replace('loading="lazy"', "")}<p>…</p></body>`);
          const frame = article.frameLocator("iframe");
          await frame.locator(".embed-attribution").waitFor();
          const fit = await frame.locator("body").evaluate(() => {
            const foot = document.querySelector(".embed-attribution")!.getBoundingClientRect();
            const body = document.querySelector(".embed-body")!;
            return { footBottom: foot.bottom, innerHeight: window.innerHeight, bodyScrolls: body.scrollHeight > body.clientHeight + 1, text: document.querySelector(".embed-attribution")!.textContent ?? "" };
          });
          frames++;
          if (fit.footBottom > fit.innerHeight || fit.bodyScrolls) problems.push(`${lang} ${id} at ${width}px: foot ends at ${fit.footBottom} in a frame of ${fit.innerHeight}${fit.bodyScrolls ? ", the figure scrolls" : ""}`);
          if (!fit.text.includes(server.portal.meta.dataVersion)) problems.push(`${lang} ${id}: no data version in the foot`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(frames).toBeGreaterThan(180);
    for (const article of Object.values(articles)) await article.close();
    await page.close();
  }, PAGE_WALK_TIMEOUT_MS);

  it("keeps every column of every table readable on a 360 px phone, and no page scrolls sideways", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 }, locale: "vi-VN" });
    const page = await context.newPage();
    await page.goto(`${url}/en/indicators/`);
    const english = await page.locator('main table a[href^="/en/indicators/"]').evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
    // The map tab (hundreds of ranked rows in two orders) is measured on its own pages, not forced open on every page.
    const paths = ["/chi-so/cho-4-0-markets/", "/chi-so/ntm-communes-share/", "/chi-so/land-area/", "/chi-so/land-area/#ban-do", "/chi-so/population/#ban-do", "/en/embed/population/", "/nhung/cho-4-0-markets/", "/dia-ban/164/", "/dia-ban/19/", "/dia-ban/05443/", "/sap-xep-2025/", "/so-sanh/population/", "/du-lieu/", "/en/data/", "/chi-so/", ...english];
    const problems: string[] = [];
    for (const path of paths) {
      await page.goto(`${url}${path}`);
      // Every tab's section shown at once (as in print), so that every table is measured.
      await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
      // Inserted by evaluate: addStyleTag waits for a load event that a page without JavaScript never fires.
      await page.evaluate(() => {
        const style = document.createElement("style");
        style.textContent = ".indicator-tabs > .tab-panel:not(#ban-do) { display: block !important; }";
        document.head.append(style);
      });
      const found = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const out: string[] = [];
        if (document.documentElement.scrollWidth > width) out.push(`page is ${document.documentElement.scrollWidth} px wide`);
        for (const cell of Array.from(document.querySelectorAll<HTMLElement>("tbody td, tbody th"))) {
          const box = cell.getBoundingClientRect();
          // Cells that phones do without (the unit column: each value's label names the unit).
          if (box.width === 0 && box.height === 0) continue;
          // Off the screen, or squeezed to a few letters a line.
          if (box.right > width + 0.5 || (cell.textContent!.trim().length > 12 && box.width < 120)) out.push(`cell “${cell.textContent!.trim().slice(0, 30)}” at ${Math.round(box.left)}–${Math.round(box.right)}`);
        }
        return out;
      });
      for (const f of found) problems.push(`${path}: ${f}`);
    }
    expect(problems).toEqual([]);
    expect(paths.length).toBeGreaterThan(40);
    await context.close();
  }, PAGE_WALK_TIMEOUT_MS);

  it("serves a favicon and counts results in English with the right plural", async () => {
    const icon = await fetch(`${url}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(Buffer.from(await icon.arrayBuffer()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
    expect((await fetch(`${url}/favicon.svg`)).headers.get("content-type")).toContain("image/svg+xml");
    const page = await withScript.newPage();
    await page.goto(`${url}/en/search/?q=cho%204.0`);
    await expect.poll(() => page.locator("#search-status").innerText()).toBe("1 result");
    await page.fill("#search-q", "phu binh");
    await expect.poll(() => page.locator("#search-status").innerText()).toMatch(/^\d+ results$/);
    await page.goto(`${url}/tim-kiem/?q=cho%204.0`);
    await expect.poll(() => page.locator("#search-status").innerText()).toBe("1 kết quả");
    await page.close();
  });

  it("reads a value whose source states no period as published that year, never as a bare 2023: headline, sentence, embed", async () => {
    const page = await noScript.newPage();
    await page.goto(`${url}/chi-so/cho-4-0-markets/`);
    const headline = await page.locator("[data-headline]").innerText();
    expect(headline).toMatch(/^107 — Tỉnh Thái Nguyên, công bố năm 2023, không nêu kỳ số liệu \(/);
    // The values with their sentences are in the Table tab.
    await page.click('nav.tabs a[href="#bang"]');
    const quote = page.locator("tr.quote-row details").first();
    await quote.locator("summary").click();
    const sentence = await quote.locator(".fact").innerText();
    expect(sentence).toContain("(công bố năm 2023, không nêu kỳ số liệu; nguồn:");
    // The table shows the period in words and no day range the source never gave.
    const row = await page.locator("table.observations tbody tr[id^=obs-]").first().innerText();
    expect(row).toContain("công bố năm 2023, không nêu kỳ số liệu");
    expect(row).not.toContain("01/01/2023");
    for (const text of [headline, sentence, row]) expect(text).not.toMatch(/(, |\()2023( ·|;|\)| \()/);
    await page.goto(`${url}/nhung/cho-4-0-markets/`);
    const embed = await page.locator(".embed-value").innerText();
    expect(embed).toMatch(/107\s+Tỉnh Thái Nguyên, công bố năm 2023, không nêu kỳ số liệu · đơn vị/);
    await page.goto(`${url}/en/embed/cho-4-0-markets/`);
    expect(await page.locator(".embed-value").innerText()).toContain("Thái Nguyên Province, published 2023, period not stated");
    await page.close();
  });

  it("leads the new-rural share page with one headline and the rule that chose it", async () => {
    const page = await noScript.newPage();
    await page.goto(`${url}/chi-so/ntm-communes-share/`);
    expect(await page.locator("[data-headline]").count()).toBe(1);
    expect(await page.locator("[data-headline] .headline-value").innerText()).toMatch(/^93,7% ?\[tính\] — Tỉnh Thái Nguyên, công bố năm 2024, không nêu kỳ số liệu/);
    expect(await page.locator("[data-rule]").innerText()).toMatch(/^Cách chọn số này khi có nhiều giá trị: Kỳ có ngày kết thúc muộn nhất/);
    expect(await page.locator(".steady").count()).toBe(0);
    await page.close();
  });

  it("leads the home page with a map of the 92 communes: a click opens the commune's page with its figures, sources and rank", async () => {
    const page = await noScript.newPage();
    await page.goto(`${url}/`);
    const shapes = page.locator(".home-map svg.map a");
    expect(await shapes.count()).toBe(92);
    const target = page.locator('.home-map svg.map a[href="/dia-ban/05443/"]');
    expect(await target.locator("title").textContent()).toMatch(/^Phường Phan Đình Phùng: /);
    await Promise.all([page.waitForURL(`${url}/dia-ban/05443/`), target.click({ force: true })]);
    expect(await page.locator("h1").innerText()).toContain("Phường Phan Đình Phùng");
    const landArea = page.locator('tr[data-indicator="land-area"]').first();
    expect(await landArea.innerText()).toMatch(/thứ \d+\/92 xã/);
    expect(await landArea.locator(".source-cell a").count()).toBeGreaterThan(0);
    expect(await page.locator("svg.map--locator").isVisible()).toBe(true);
    await page.close();
  });

  it("shows Đại Từ's 2019 population with its rank among the 9 districts, and compares the districts without JavaScript", async () => {
    const page = await noScript.newPage();
    await page.goto(`${url}/dia-ban/171/`);
    const row = page.locator('tr[data-indicator="population"]').first();
    expect(await row.innerText()).toContain("171.703");
    expect(await row.innerText()).toContain("thứ 3/9 huyện");
    await Promise.all([page.waitForURL(`${url}/so-sanh/population/`), row.locator('a[href="/so-sanh/population/"]').click()]);
    const rows = page.locator("table.ranked-table tbody tr");
    expect(await rows.count()).toBe(9);
    expect(await rows.nth(2).innerText()).toMatch(/3\/9\s+Huyện Đại Từ\s+171\.703/);
    // The communes' form needs the script: hidden without it.
    expect(await page.locator("#compare-form").isVisible()).toBe(false);
    await page.close();

    const scripted = await withScript.newPage();
    await scripted.goto(`${url}/so-sanh/population/`);
    await scripted.fill("#compare-names", "phan dinh phung");
    await scripted.click("#compare-form button[type=submit]");
    const result = scripted.locator("#compare-result tbody tr");
    await expect.poll(() => result.count(), { timeout: 30_000 }).toBe(1);
    expect(await result.first().innerText()).toMatch(/2\/180\s+Phường Phan Đình Phùng\s+Thành phố Thái Nguyên\s+21\.394/);
    // A district's name picks its communes: the 30 of Huyện Đại Từ in 2019.
    await scripted.fill("#compare-names", "Đại Từ");
    await scripted.click("#compare-form button[type=submit]");
    await expect.poll(() => result.count(), { timeout: 30_000 }).toBe(30);
    await scripted.close();
  });

  it("finds an old commune's new unit from the reorganisation page's search box", async () => {
    const page = await withScript.newPage();
    await page.goto(`${url}/sap-xep-2025/`);
    await page.fill("#old-name", "tuc duyen");
    await Promise.all([page.waitForURL(/\/tim-kiem\/\?q=tuc\+duyen$/), page.click('form[action="/tim-kiem/"] button[type=submit]')]);
    await expect.poll(() => page.locator('#search-results a[href="/dia-ban/05443/"]').count()).toBe(1);
    expect(await page.locator("#search-results").innerText()).toContain("nay thuộc Phường Phan Đình Phùng");
    await page.close();
    // Without JavaScript the page itself lists the old unit with its new one.
    const plain = await noScript.newPage();
    await plain.goto(`${url}/sap-xep-2025/`);
    const row = plain.locator("table.old-units tr", { hasText: "Phường Túc Duyên" });
    expect(await row.locator('a[href="/dia-ban/05443/"]').innerText()).toBe("Phường Phan Đình Phùng");
    await plain.close();
  });

  it("switches language on the same page, keeping the search query; without JavaScript it still switches the page", async () => {
    const plain = await noScript.newPage();
    await plain.goto(`${url}/dia-ban/171/`);
    await Promise.all([plain.waitForURL(`${url}/en/areas/171/`), plain.click("a.lang-switch")]);
    expect(await plain.locator("h1").innerText()).toContain("Đại Từ District");
    await Promise.all([plain.waitForURL(`${url}/dia-ban/171/`), plain.click("a.lang-switch")]);
    await plain.goto(`${url}/sap-xep-2025/`);
    await Promise.all([plain.waitForURL(`${url}/en/reorganisation-2025/`), plain.click("a.lang-switch")]);
    await plain.close();

    const page = await withScript.newPage();
    await page.goto(`${url}/tim-kiem/?q=cho%204.0`);
    await expect.poll(() => page.locator("#search-results li").count()).toBeGreaterThan(0);
    await Promise.all([page.waitForURL(/\/en\/search\/\?q=cho(\+|%20)4\.0$/), page.click("a.lang-switch")]);
    await expect.poll(() => page.locator("#search-results li a").first().getAttribute("href")).toBe("/en/indicators/cho-4-0-markets/");
    // A query typed on the page (not submitted) goes along too.
    await page.fill("#search-q", "phu binh");
    await expect.poll(() => page.locator("#search-status").innerText()).toMatch(/results?$/);
    await Promise.all([page.waitForURL(`${url}/tim-kiem/?q=phu+binh`), page.click("a.lang-switch")]);
    expect(await page.inputValue("#search-q")).toBe("phu binh");
    await page.close();
  });

  // One test per page: each gets the whole test timeout, so a busy machine does not fail the suite.
  const AXE_PATHS = [
    "/", "/chi-so/ntm-communes/", "/chi-so/ntm-communes-share/", "/chi-so/dti-rank/", "/chu-de/nong-thon-moi/", "/nguon/thi-dua-2023/", "/nguon/tothethao-ntm-2025/", "/dia-ban/19/", "/dia-ban/164/", "/dia-ban/", "/sap-xep-2025/", "/api/", "/does-not-exist/",
    "/tim-kiem/", "/tim-kiem/?q=cho%204.0", "/du-lieu/", "/nhung/ntm-communes/", "/nhung/cho-4-0-markets/", "/en/", "/en/indicators/cho-4-0-markets/", "/en/search/?q=thai", "/en/data/",
    // Indicator pages' other tabs, and the map tab (a choropleth of 92 communes, ranked bars of 180).
    "/chi-so/ntm-communes/#bang", "/chi-so/land-area/#ban-do", "/chi-so/population/#ban-do", "/en/indicators/land-area/#ban-do", "/chi-so/ntm-communes/#tai-ve",
    "/dia-ban/171/", "/dia-ban/05443/", "/en/areas/05443/", "/en/areas/171/", "/en/areas/", "/en/reorganisation-2025/", "/so-sanh/population/", "/en/compare/population/",
  ];
  it.each(AXE_PATHS)("has no serious or critical accessibility violations (axe-core): %s", async (path) => {
    const page = await axeContext.newPage();
    await page.goto(`${url}${path}`);
    // Search results appear once the index is loaded.
    if (path.includes("?q=")) await expect.poll(() => page.locator("#search-results li").count()).toBeGreaterThan(0);
    // Open every <details> (quotes, citations) so that their content is checked too.
    await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe.run(document, { resultTypes: ["violations"] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
    });
    await page.close();
    const found = violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${path}: ${v.id} (${v.impact}) ${v.targets.join(" ")}`);
    expect(found).toEqual([]);
    // A long page (the province's lists every value) is slow through axe-core on a busy machine.
  }, 300_000);

  it("switches tabs without JavaScript, by link and by keyboard, and shows the tab a value's permalink is in", async () => {
    const page = await noScript.newPage();
    await page.goto(`${url}/chi-so/population/`);
    const panels = ["bieu-do", "bang", "ban-do", "nguon", "tai-ve"];
    const shown = () => page.evaluate((ids) => ids.filter((id) => getComputedStyle(document.getElementById(id)!).display !== "none"), panels);
    expect(await shown()).toEqual(["bieu-do"]);
    for (const id of panels) {
      await page.click(`nav.tabs a[href="#${id}"]`);
      expect(await shown()).toEqual([id]);
      // The current tab is marked (a line under it) without a script.
      const line = await page.locator(`nav.tabs a[href="#${id}"]`).evaluate((a) => getComputedStyle(a).borderBottomColor);
      expect(line).toBe("rgb(29, 53, 87)");
    }
    // Keyboard: Tab reaches the tab links, Enter opens one.
    await page.goto(`${url}/chi-so/population/`);
    await page.locator('nav.tabs a[href="#bieu-do"]').focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("href"))).toBe("#bang");
    await page.keyboard.press("Enter");
    await expect.poll(shown).toEqual(["bang"]);
    // The map's sort links show the other order, still in the map tab.
    await page.goto(`${url}/chi-so/land-area/#ban-do`);
    expect(await page.locator("#ban-do-xa svg.map").isVisible()).toBe(true);
    expect(await page.locator("#ban-do-xa-ten").isVisible()).toBe(false);
    await page.click('a[href="#ban-do-xa-ten"]');
    expect(await page.locator("#ban-do-xa-ten").isVisible()).toBe(true);
    expect(await page.locator("#ban-do-xa-hang").isVisible()).toBe(false);
    expect(await shown()).toEqual(["ban-do"]);
    // Printing shows every tab.
    await page.emulateMedia({ media: "print" });
    expect((await shown()).sort()).toEqual([...panels].sort());
    await page.close();
  });

  it("shows the headline number on a 360 × 640 phone's first screen, and the chart's text at 12 px or more", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 640 }, locale: "vi-VN" });
    const page = await context.newPage();
    for (const path of ["/chi-so/ntm-communes-share/", "/chi-so/cho-4-0-markets/", "/chi-so/population/", "/en/indicators/ntm-communes-share/"]) {
      await page.goto(`${url}${path}`);
      const value = page.locator("dl.facts .value").first();
      const box = (await value.boundingBox())!;
      expect(box.y + box.height, path).toBeLessThanOrEqual(640);
      const fonts = await page.evaluate(() => {
        const svg = Array.from(document.querySelectorAll<SVGSVGElement>("#bieu-do svg.chart")).find((s) => s.getBoundingClientRect().width > 0);
        if (!svg) return [];
        return Array.from(svg.querySelectorAll("text")).map((t) => t.getBoundingClientRect().height > 0 ? Number.parseFloat(getComputedStyle(t).fontSize) * (svg.getBoundingClientRect().width / svg.viewBox.baseVal.width) : 99);
      });
      if (path !== "/chi-so/cho-4-0-markets/") expect(fonts.length, path).toBeGreaterThan(0);
      for (const size of fonts) expect(size, path).toBeGreaterThanOrEqual(11.9);
    }
    await context.close();
  });

  it("fits an embed to its figure with the postMessage script, and shows a single value as a number card", async () => {
    const page = await noScript.newPage();
    await page.goto(`${url}/chi-so/population/`);
    const snippet = (await page.locator(".embed-code pre code").textContent())!.replace(/https?:\/\/[^/"]+\//g, `${url}/`);
    await page.close();
    expect(snippet).toContain("<script>");
    const article = await withScript.newPage();
    await article.setViewportSize({ width: 420, height: 900 });
    await article.setContent(`<!doctype html><meta charset="utf-8"><body style="margin:0">${snippet.replace('loading="lazy"', "")}</body>`);
    const frame = article.frameLocator("iframe");
    await frame.locator(".embed-attribution").waitFor();
    // The frame takes the height the page reports: no space left empty, nothing cropped.
    await expect.poll(() => article.locator("iframe").evaluate((f: HTMLIFrameElement) => f.style.height)).toMatch(/^\d+px$/);
    const fit = await frame.locator("body").evaluate(() => {
      const card = document.querySelector(".embed-card")!.getBoundingClientRect();
      const body = document.querySelector(".embed-body")!;
      return { gap: window.innerHeight - card.bottom, scrolls: body.scrollHeight > body.clientHeight + 1 };
    });
    expect(fit.scrolls).toBe(false);
    expect(fit.gap).toBeGreaterThanOrEqual(-1);
    expect(fit.gap).toBeLessThan(4);
    await article.close();

    const single = await noScript.newPage();
    await single.setViewportSize({ width: 320, height: 600 });
    await single.goto(`${url}/nhung/cho-4-0-markets/`);
    expect(await single.locator(".embed-number").innerText()).toContain("107");
    expect(await single.locator(".embed-number").isVisible()).toBe(true);
    await single.close();
  });

  it("adds copy buttons for the sentence, the citation and the embed code when JavaScript runs (the text stays selectable without)", async () => {
    const page = await withScript.newPage();
    await page.goto(`${url}/chi-so/cho-4-0-markets/`);
    for (const name of ["Sao chép câu trích dẫn", "Sao chép trích dẫn", "Sao chép mã nhúng"]) expect(await page.getByRole("button", { name, exact: true }).count(), name).toBeGreaterThan(0);
    await page.close();
    const plain = await noScript.newPage();
    await plain.goto(`${url}/chi-so/cho-4-0-markets/`);
    expect(await plain.locator(".copy-button").count()).toBe(0);
    expect(await plain.locator("#cite p.fact").innerText()).toContain("107");
    await plain.close();
  });

  it("raises no Content-Security-Policy violation on any kind of page, in the search, the API explorer, or an embed framed by another site", async () => {
    const context = await browser.newContext({ javaScriptEnabled: true, viewport: PHONE, locale: "vi-VN" });
    // Runs before the page's own scripts, in every frame (Playwright's init scripts are not subject to the page's CSP).
    await context.addInitScript(() => {
      const seen: string[] = ((window as unknown as { __csp: string[] }).__csp = []);
      document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} in ${e.sourceFile}:${e.lineNumber}`));
    });
    const problems: string[] = [];
    context.on("console", (message) => {
      if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text())) problems.push(`${message.location().url}: ${message.text()}`);
    });
    const violationsOf = async (target: Page | import("playwright-core").Frame, label: string) => {
      for (const v of await target.evaluate(() => (window as unknown as { __csp: string[] }).__csp)) problems.push(`${label}: ${v}`);
    };
    const page = await context.newPage();
    const paths = [
      "/", "/chi-so/", "/chi-so/cho-4-0-markets/", "/chu-de/", "/chu-de/nong-thon-moi/", "/dia-ban/", "/dia-ban/19/", "/nguon/", "/nguon/thi-dua-2023/", "/du-lieu/", "/sap-xep-2025/",
      "/en/", "/en/indicators/cho-4-0-markets/", "/en/topics/", "/en/sources/", "/en/data/", "/does-not-exist/", "/nhung/cho-4-0-markets/", "/en/embed/cho-4-0-markets/",
    ];
    for (const path of paths) {
      const response = await page.goto(`${url}${path}`);
      expect(response?.headers()["content-security-policy"], path).toContain("script-src 'self'");
      await violationsOf(page, path);
    }
    // The search (a module script that fetches the index) finds a result.
    await page.goto(`${url}/tim-kiem/?q=cho%204.0`);
    await expect.poll(() => page.locator("#search-results li").count()).toBeGreaterThan(0);
    await violationsOf(page, "search");
    // The explorer (the inline script, allowed by its hash) posts the query and shows the JSON.
    await page.goto(`${url}/api/`);
    await page.click("#explorer-form button[type=submit]");
    await expect.poll(() => page.locator("#explorer-result pre").innerText()).toContain('"data"');
    expect(page.url()).toBe(`${url}/api/`);
    await violationsOf(page, "explorer");

    // Another site frames an embed (allowed) and an ordinary page (refused by frame-ancestors 'none'):
    // a page served from another port, another origin on the same loopback address.
    const elsewhereServer = createHttpServer((_req, res) => {
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.end(`<!doctype html><title>Elsewhere</title><iframe id="embed" src="${url}/nhung/cho-4-0-markets/"></iframe><iframe id="page" src="${url}/chi-so/cho-4-0-markets/"></iframe>`);
    });
    await new Promise<void>((resolve) => elsewhereServer.listen(0, "127.0.0.1", resolve));
    const framingProblems = problems.length;
    await page.goto(`http://127.0.0.1:${(elsewhereServer.address() as { port: number }).port}/`);
    const embed = await (await page.waitForSelector("#embed")).contentFrame();
    await expect.poll(async () => embed?.locator("figure").count() ?? 0).toBeGreaterThan(0);
    await violationsOf(embed!, "embed in a frame");
    const refused = await (await page.waitForSelector("#page")).contentFrame();
    // Chromium shows its own error page in place of the refused one.
    await expect.poll(() => refused?.url() ?? "").toMatch(/^chrome-error:/);
    // The refusal is the one expected report (the framed page, not a script); nothing else.
    const framing = problems.splice(framingProblems);
    expect(framing.every((p) => /frame-ancestors|Refused to frame/.test(p)), framing.join("\n")).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
    elsewhereServer.close();
  }, PAGE_WALK_TIMEOUT_MS);
});
