/**
 * The static site: built for real (real ingest → real API server over HTTP → astro build) into a
 * temporary folder, then read as a visitor would: figures, formatting, charts, links, data version.
 * Also the formatting and chart modules the pages use.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../site/build.js";
import * as apiFormat from "../api/lib/format.js";
import { axisTickFormat, formatDate, formatNumber, formatPercent, formatTarget, formatValidity, formatValue, formatVnd } from "../site/src/lib/format.js";
import { textWidth, timeChart } from "../site/src/lib/chart.js";
import { englishAreaName } from "../site/src/lib/names.js";
import { formatBytes, zipName } from "../site/src/lib/downloads.js";
import { createSearch, search } from "../site/src/lib/search.js";
import { counterpartPath } from "../site/src/lib/labels.js";
import { Resvg } from "@resvg/resvg-js";
import { rasterFonts } from "../site/src/lib/chart-file.js";
import { zipName as downloadsZipName } from "../downloads/build.js";
import { parseHTML } from "linkedom";
import { buildTestPortal, run } from "./helpers/portal.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const COUNT = { kind: "COUNT" as const, symbol: "", name: "số lượng", nameEn: "count" };
const PERCENT = { kind: "PERCENT" as const, symbol: "%", name: "phần trăm", nameEn: "percent" };
const VND = { kind: "CURRENCY" as const, symbol: "₫", name: "đồng", nameEn: "Vietnamese dong (VND)" };
const RANK = { kind: "RANK" as const, symbol: "", name: "thứ hạng", nameEn: "rank" };

describe("format (one module for tables, axes and text)", () => {
  it("groups and marks decimals the Vietnamese way on Vietnamese pages, the British way in English", () => {
    expect(formatNumber(2255, "vi")).toBe("2.255");
    expect(formatNumber(2255, "en")).toBe("2,255");
    expect(formatNumber(1286751, "vi")).toBe("1.286.751");
    expect(formatNumber(17.87, "vi")).toBe("17,87");
    expect(formatPercent(109 / 137 * 100, "vi")).toBe("79,6%");
    expect(formatPercent(109 / 137 * 100, "en")).toBe("79.6%");
  });

  it("is the API's formatting module, so pages, facts and citations write a number the same way", () => {
    expect(formatValue).toBe(apiFormat.formatValue);
    expect(formatNumber).toBe(apiFormat.formatNumber);
    expect(formatPercent).toBe(apiFormat.formatPercent);
    expect(formatDate).toBe(apiFormat.formatDate);
  });

  it("writes money in words: nghìn tỷ = 10^12", () => {
    expect(formatVnd(357e12, "vi")).toBe("357 nghìn tỷ đồng");
    expect(formatVnd(357e12, "en")).toBe("VND 357 trillion");
    expect(formatVnd(1.5e9, "vi")).toBe("1,5 tỷ đồng");
    expect(formatVnd(250e6, "en")).toBe("VND 250 million");
    expect(axisTickFormat("CURRENCY", "vi")(300e12)).toBe("300 nghìn tỷ");
    expect(axisTickFormat("CURRENCY", "en")(300e12)).toBe("300 trillion");
    expect(axisTickFormat("RANK", "vi")(10)).toBe("10");
  });

  it("formats each unit kind", () => {
    expect(formatValue(2255, COUNT, "vi")).toBe("2.255");
    expect(formatValue(8, RANK, "vi")).toBe("thứ 8");
    expect(formatValue(8, RANK, "en")).toBe("8th");
    expect(formatValue(3526.64, { kind: "AREA", symbol: "km²", nameEn: "square kilometres" }, "vi")).toBe("3.526,64 km²");
    expect(formatValue(1286751, { kind: "COUNT", symbol: "người", nameEn: "persons" }, "vi")).toBe("1.286.751 người");
    expect(formatValue(1286751, { kind: "COUNT", symbol: "người", nameEn: "persons" }, "en")).toBe("1,286,751 persons");
    expect(formatTarget({ value: 97, comparator: "GT", kind: "LEVEL" }, PERCENT, "vi")).toBe("> 97%");
    expect(formatTarget({ value: 97, comparator: "GT", kind: "LEVEL" }, PERCENT, "en")).toBe("> 97%");
    expect(formatTarget({ value: 5, comparator: "EQ", kind: "CHANGE" }, COUNT, "vi")).toBe("thêm 5");
  });

  it("writes dates as precisely as they are known", () => {
    expect(formatDate("2023-05-25", "vi")).toBe("25/05/2023");
    expect(formatDate("2023-05-25", "en")).toBe("25 May 2023");
    expect(formatDate("2022-06", "vi")).toBe("tháng 6/2022");
    expect(formatDate("2023", "en")).toBe("2023");
    expect(formatValidity("2025-07-01", null, "vi")).toBe("từ 01/07/2025");
  });
});

describe("chart (SVG string, no JavaScript)", () => {
  /** Positions of the value marks (the dot group of the SVG), in data order. */
  const dot = (svg: string) => {
    const group = svg.match(/<g[^>]*class="chart-values"[^>]*>([\s\S]*?)<\/g>/)?.[1] ?? "";
    return [...group.matchAll(/translate\(([\d.]+),([\d.]+)\)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
  };

  it("is a labelled image with a title and a description", () => {
    const svg = timeChart(
      [
        { start: "2022-01-01", end: "2022-06-30", value: 109, status: "REPORTED" },
        { start: "2023-01-01", end: "2023-06-30", value: 357e12, status: "ESTIMATE" },
      ],
      { title: "Tiêu đề", description: "Mô tả một dòng", unit: COUNT, locale: "vi" },
    );
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-label="Tiêu đề"');
    expect(svg).toMatch(/<title>Tiêu đề<\/title><desc>Mô tả một dòng<\/desc>/);
    // An estimate is told by its label, not only by its shape.
    expect(svg).toContain("[ước]");
  });

  it("puts rank 1 at the top (reversed axis) and a larger count higher up", () => {
    const ranks = timeChart(
      [
        { start: "2020-01-01", end: "2020-12-31", value: 12, status: "REPORTED" },
        { start: "2021-01-01", end: "2021-12-31", value: 8, status: "REPORTED" },
      ],
      { title: "DTI", description: "Hạng", unit: RANK, locale: "vi", higherIsBetter: false },
    );
    expect(dot(ranks)).toHaveLength(2);
    const [r12, r8] = dot(ranks);
    expect(r8.x).toBeGreaterThan(r12.x);
    expect(r8.y).toBeLessThan(r12.y);
    const counts = timeChart(
      [
        { start: "2020-12-31", end: "2020-12-31", value: 12, status: "REPORTED" },
        { start: "2021-12-31", end: "2021-12-31", value: 8, status: "REPORTED" },
      ],
      { title: "Số", description: "Số", unit: COUNT, locale: "vi" },
    );
    const [c12, c8] = dot(counts);
    expect(c8.y).toBeGreaterThan(c12.y);
  });

  it("marks a target with the words “mục tiêu”", () => {
    const svg = timeChart([{ start: "2023-12-31", end: "2023-12-31", value: 85.7, status: "COMPUTED" }], {
      title: "Tỷ lệ",
      description: "Tỷ lệ",
      unit: PERCENT,
      locale: "vi",
      targets: [{ end: "2025-12-31", value: 97, comparator: "GT", kind: "LEVEL" }],
    });
    expect(svg).toContain("mục tiêu &gt; 97%");
    expect(svg).toContain("[tính]");
  });
});

describe("data text helpers", () => {
  it("puts the Vietnamese letters back into the GSO's English area names, only on a word-for-word match", () => {
    expect(englishAreaName("Thai Nguyen Province", "Tỉnh Thái Nguyên")).toBe("Thái Nguyên Province");
    expect(englishAreaName("Thai Nguyen City", "Thành phố Thái Nguyên")).toBe("Thái Nguyên City");
    expect(englishAreaName("Dong Hy District", "Huyện Đồng Hỷ")).toBe("Đồng Hỷ District");
    expect(englishAreaName("Ward 1", "Phường 1")).toBe("Ward 1");
    expect(englishAreaName("Some Other Name", "Xã Hồng Tiến")).toBe("Some Other Name");
  });
});

describe("language switch routes", () => {
  it("maps every route to its counterpart, keeping the rest of the path, and a page without one to the other home page", () => {
    const pairs = [["/", "/en/"], ["/dia-ban/171/", "/en/areas/171/"], ["/dia-ban/", "/en/areas/"], ["/sap-xep-2025/", "/en/reorganisation-2025/"], ["/so-sanh/population/", "/en/compare/population/"],
      ["/chi-so/ntm-communes/", "/en/indicators/ntm-communes/"], ["/chu-de/", "/en/topics/"], ["/nguon/gso-units-2025-07-01/", "/en/sources/gso-units-2025-07-01/"], ["/du-lieu/", "/en/data/"], ["/tim-kiem/", "/en/search/"], ["/nhung/dti-rank/", "/en/embed/dti-rank/"]];
    for (const [vi, en] of pairs) {
      expect(counterpartPath(vi, "vi")).toBe(en);
      expect(counterpartPath(en, "en")).toBe(vi);
    }
    expect(counterpartPath("/dia-ban/171", "vi")).toBe("/en/areas/171/");
    expect(counterpartPath("/api/", "vi")).toBe("/en/");
    expect(counterpartPath("/404.html", "vi")).toBe("/en/");
    expect(counterpartPath("/en/nowhere/", "en")).toBe("/");
  });
});

describe("site build (real data, real API over HTTP, astro build)", () => {
  let outDir: string;
  let work: string;
  let dataVersion: string;
  let pages: Map<string, string>;
  let requests: number;
  let portal: Awaited<ReturnType<typeof buildTestPortal>>;

  const page = (path: string) => {
    const html = pages.get(path);
    if (html === undefined) throw new Error(`No page ${path} in the build (${pages.size} pages).`);
    return html;
  };
  // Pages do not change once built: each page's text is worked out once (pages with hundreds of values are large).
  const texts = new Map<string, string>();
  const text = (path: string) => texts.get(path) ?? texts.set(path, pageText(path)).get(path)!;
  /** Visible text of a page: tags dropped, entities of the numbers decoded, spaces collapsed. */
  const pageText = (path: string) =>
    page(path)
      .replace(/<svg[\s\S]*?<\/svg>/g, " ")
      .replace(/<[^>]+>/g, " ")
      .replace(/&nbsp;/g, " ")
      .replace(/&gt;/g, ">")
      .replace(/&lt;/g, "<")
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&")
      .replace(/\s+/g, " ");

  beforeAll(async () => {
    portal = await buildTestPortal();
    dataVersion = portal.meta.dataVersion;
    work = mkdtempSync(join(tmpdir(), "portal-site-"));
    outDir = join(work, "dist");
    ({ requests } = await buildSite({ dbPath: portal.file, outDir, cacheDir: join(work, "cache"), siteUrl: "https://example.test", stdio: "pipe" }));
    pages = new Map();
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name.endsWith(".html")) pages.set(`/${relative(outDir, full).replace(/index\.html$/, "")}`, readFileSync(full, "utf8"));
      }
    };
    walk(outDir);
    // A whole site build with its downloads: minutes when other builds share the 2 cores (load 20 measured).
  }, 900_000);

  afterAll(async () => {
    await portal?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("builds a page for every indicator, topic, source and area code of the API", async () => {
    const data = await run(portal, `{ indicators(first: 1000) { nodes { id } } topics { id } sources { id } areas(first: 1000) { nodes { code } } }`);
    for (const { id } of data.indicators.nodes) expect(pages.has(`/chi-so/${id}/`), id).toBe(true);
    for (const { id } of data.topics) expect(pages.has(`/chu-de/${id}/`), id).toBe(true);
    for (const { id } of data.sources) expect(pages.has(`/nguon/${id}/`), id).toBe(true);
    for (const code of new Set<string>(data.areas.nodes.map((a: { code: string }) => a.code))) expect(pages.has(`/dia-ban/${code}/`), code).toBe(true);
    for (const path of ["/", "/chu-de/", "/chi-so/", "/nguon/", "/dia-ban/", "/sap-xep-2025/", "/api/", "/404.html", "/du-lieu/", "/tim-kiem/"]) expect(pages.has(path), path).toBe(true);
    // English: the same pages under /en/ (the API page is Vietnamese only, with English beside).
    for (const code of new Set<string>(data.areas.nodes.map((a: { code: string }) => a.code))) expect(pages.has(`/en/areas/${code}/`), code).toBe(true);
    for (const { id } of data.indicators.nodes) expect(pages.has(`/en/indicators/${id}/`), id).toBe(true);
    for (const { id } of data.topics) expect(pages.has(`/en/topics/${id}/`), id).toBe(true);
    for (const { id } of data.sources) expect(pages.has(`/en/sources/${id}/`), id).toBe(true);
    for (const path of ["/en/", "/en/indicators/", "/en/topics/", "/en/sources/", "/en/data/", "/en/search/", "/en/areas/", "/en/reorganisation-2025/"]) expect(pages.has(path), path).toBe(true);
    // An embeddable figure per indicator, in both languages.
    for (const { id } of data.indicators.nodes) expect(pages.has(`/nhung/${id}/`) && pages.has(`/en/embed/${id}/`), id).toBe(true);
  });

  it("shows the Chợ 4.0 figure with its source", async () => {
    const data = await run(portal, `{ indicator(id: "cho-4-0-markets") { latest { value source { id title } } } }`);
    expect(data.indicator.latest.value).toBe(107);
    const html = text("/chi-so/cho-4-0-markets/");
    expect(html).toMatch(/\b107\b/);
    expect(html).toContain(data.indicator.latest.source.title);
    expect(page("/chi-so/cho-4-0-markets/")).toContain(`href="/nguon/${data.indicator.latest.source.id}/"`);
  });

  it("shows 109 of 137 communes and the computed share 79,6% on the new-rural page", () => {
    const html = text("/chi-so/ntm-communes/");
    expect(html).toMatch(/\b109\b/);
    expect(html).toMatch(/\b137\b/);
    expect(html).toContain("109/137");
    expect(html).toContain("79,6%");
    // The share page explains numerator and denominator with links, and sets the value against the target.
    const share = page("/chi-so/ntm-communes-share/");
    expect(share).toContain('href="/chi-so/ntm-communes/"');
    expect(share).toContain('href="/chi-so/rural-communes/"');
    expect(text("/chi-so/ntm-communes-share/")).toMatch(/so với mục tiêu > 97% vào cuối 2025/);
  });

  it("writes the digital-economy revenue in words, marked as an estimate", () => {
    const html = text("/chi-so/digital-economy-revenue/");
    expect(html).toContain("357 nghìn tỷ đồng");
    expect(html).toContain("[ước]");
    expect(html).not.toContain("357000000000000");
  });

  it("draws charts as inline, labelled SVG beside a captioned table with a download link", () => {
    const html = page("/chi-so/dti-rank/");
    const svg = html.match(/<svg[^>]*>/)?.[0] ?? "";
    expect(svg).toContain('role="img"');
    expect(svg).toMatch(/aria-label="[^"]+"/);
    expect(html).toMatch(/<svg[^>]*>\s*<title>[^<]+<\/title>/);
    expect(html).toMatch(/<caption>[^<]+/);
    expect(html).toMatch(/<th scope="col"/);
    expect(html).toMatch(/<th scope="row"/);
    expect(html).toContain('href="/downloads/indicators/dti-rank.csv"');
    expect(text("/chi-so/dti-rank/")).toContain("thứ 8");
    // No page needs JavaScript to show its data: the API explorer and the search box carry a (progressive) script,
    // indicator pages one for copy buttons and table sorting, embeds one that reports their height, the home map's and
    // the compare pages' sortable tables and the communes of a compare page; every page has the language switch's two lines.
    const scripted = (path: string) => ["/api/", "/tim-kiem/", "/en/search/", "/", "/en/"].includes(path) || /^\/(chi-so|en\/indicators|nhung|en\/embed|so-sanh|en\/compare)\//.test(path);
    for (const [path, body] of pages) if (!scripted(path)) expect(/<script(?![^>]*(application\/ld\+json|data-lang-switch))/.test(body), path).toBe(false);
  });

  it("shows the headline figures on the home page with vi-VN grouping", () => {
    const html = text("/");
    expect(html).toContain("2.255");
    expect(html).toContain("107");
    expect(html).toContain("357 nghìn tỷ đồng");
    expect(html).toContain("23/25");
    expect(html).toContain("thứ 8");
    for (const topic of ["/chu-de/nong-thon-moi/", "/chu-de/kinh-te-so/"]) expect(page("/")).toContain(`href="${topic}"`);
  });

  it("reads the API over HTTP, sending each distinct query once", () => {
    // Every page's footer asks for the data version: without the cache there would be a request per page.
    expect(requests).toBeGreaterThan(10);
    expect(requests).toBeLessThan(pages.size / 2);
  });

  it("puts the data version in the footer of every page", () => {
    expect(dataVersion).toMatch(/^2026-01-01\.[0-9a-f]{8}$/);
    for (const [path, html] of pages) {
      if (html.includes('http-equiv="refresh"')) continue; // /data/ → /du-lieu/
      expect(html.includes(dataVersion), path).toBe(true);
    }
  });

  it("shows Đại Từ's 2019 census population, 171.703, with its rank among the 9 districts and its share of the province, as the API ranks them", async () => {
    const data = await run(portal, `{ area(code: "171", asOf: "2019-04-01") { values(indicatorId: "population") { value period { end } rankInParent { position of } shareOfParent } } }`);
    const census = data.area.values.find((v: { period: { end: string } }) => v.period.end === "2019-04-01");
    expect(census.value).toBe(171703);
    expect(census.rankInParent).toEqual({ position: 3, of: 9 });
    const row = (path: string) => {
      const html = page(path).split('data-indicator="population"')[1].split("</tr>")[0].replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
      return html;
    };
    expect(row("/dia-ban/171/")).toContain("171.703 người");
    expect(row("/dia-ban/171/")).toContain(`thứ ${census.rankInParent.position}/${census.rankInParent.of} huyện`);
    expect(row("/dia-ban/171/")).toContain(`${formatPercent(census.shareOfParent, "vi")} của Tỉnh Thái Nguyên`);
    expect(row("/dia-ban/171/")).toContain("1/4/2019");
    expect(row("/en/areas/171/")).toContain("171,703 persons");
    expect(row("/en/areas/171/")).toContain("3rd of 9 districts");
    // The district's page links each value to the comparison of the 9 districts.
    expect(page("/dia-ban/171/")).toContain('href="/so-sanh/population/"');
  });

  it("shows a 2025 commune's rank among the 92, its locator map and the old units it was formed from, with their census population", async () => {
    const data = await run(portal, `{ area(code: "05443", asOf: "2025-07-01") { fullName values(indicatorId: "land-area") { value rank { position of } } formedFrom { partial area { code fullName values(indicatorId: "population") { value } } } } }`);
    const [land] = data.area.values;
    expect(land.rank.of).toBe(92);
    const html = page("/dia-ban/05443/");
    expect(text("/dia-ban/05443/")).toContain(`thứ ${land.rank.position}/92 xã`);
    const locator = html.match(/<svg[^>]*class="[^"]*\bmap--locator"[\s\S]*?<\/svg>/)![0];
    expect(locator.match(/<path/g)!.length).toBeGreaterThanOrEqual(92);
    expect(locator.match(/<a /g)).toHaveLength(92);
    expect(locator).toMatch(/href="\/dia-ban\/05443\/"[^>]*><title>Phường Phan Đình Phùng<\/title><path fill="#1d3557"/);
    expect(locator.match(/fill="#1d3557"/g)).toHaveLength(1);
    expect(locator).toContain('aria-label="Vị trí của Phường Phan Đình Phùng trong tỉnh"');
    // Every predecessor is linked, with its census population when it has one.
    expect(data.area.formedFrom.length).toBeGreaterThan(1);
    for (const link of data.area.formedFrom) {
      expect(html, link.area.code).toContain(`href="/dia-ban/${link.area.code}/"`);
      const population = link.area.values[0]?.value;
      if (population) expect(text("/dia-ban/05443/"), link.area.code).toContain(`${link.area.fullName} (${link.area.code}`);
      if (population) expect(text("/dia-ban/05443/")).toContain(`${formatNumber(population, "vi")} người`);
    }
    // An old unit's page shows where its successor is, and says that it is the successor's shape.
    expect(page("/dia-ban/05437/")).toContain('aria-label="Vị trí của Phường Phan Đình Phùng (đơn vị Phường Túc Duyên nhập vào từ 01/07/2025) trong tỉnh"');
    expect(page("/en/areas/05443/")).toMatch(/class="[^"]*\bmap--locator"/);
  });

  it("compares the 9 districts on one indicator without JavaScript, and offers the communes through the API by GET", async () => {
    const data = await run(portal, `{ indicator(id: "population") { areaValues(level: DISTRICT, periodEnd: "2019-04-01") { values { areaCode value rank { position of } } } } }`);
    const values = data.indicator.areaValues.values;
    expect(values).toHaveLength(9);
    const html = page("/so-sanh/population/");
    const table = html.split('class="observations ranked-table stack"')[1].split("</table>")[0];
    const rows = table.split("<tbody")[1].split("<tr").slice(1);
    expect(rows).toHaveLength(9);
    for (const v of values) {
      const row = rows.find((r) => r.includes(`href="/dia-ban/${v.areaCode}/"`))!;
      expect(row, v.areaCode).toBeTruthy();
      expect(row).toContain(`${formatNumber(v.value, "vi")} người`);
      expect(row).toContain(`${v.rank.position}/9`);
    }
    expect(text("/so-sanh/population/")).toMatch(/Huyện Đại Từ 171\.703 người/);
    // The communes: a GET link that answers JSON without JavaScript, and the form the script fills in.
    const link = html.match(/href="(\/graphql\?query=[^"]+)"/)![1].replace(/&amp;/g, "&");
    const query = decodeURIComponent(link.split("query=")[1]);
    const answer = await run(portal, query);
    expect(answer.indicator.areaValues.values).toHaveLength(180);
    expect(html).toMatch(/<form class="compare-form" id="compare-form" hidden/);
    expect(text("/en/compare/population/")).toContain("171,703 persons");
  });

  it("lists every old commune-level unit of 2025 with its new unit, whole or in part, and the resolution; the search index finds a new unit by an old name", async () => {
    const data = await run(portal, `{ areas(level: COMMUNE, asOf: "2025-06-30", first: 1000) { nodes { code fullName wentInto { date partial area { code fullName } } } } }`);
    const old = data.areas.nodes.filter((a: { wentInto: { date: string }[] }) => a.wentInto.some((c) => c.date === "2025-07-01"));
    expect(old.length).toBe(280);
    const html = page("/sap-xep-2025/");
    const rows = html.split('class="stack old-units"').slice(1).flatMap((t) => t.split("</table>")[0].split("<tbody")[1].split("<tr").slice(1));
    expect(rows).toHaveLength(old.length);
    for (const unit of old) {
      const row = rows.find((r) => r.includes(`<th scope="row" role="rowheader"><a href="/dia-ban/${unit.code}/">${unit.fullName}</a>`))!;
      expect(row, unit.code).toBeTruthy();
      for (const into of unit.wentInto) expect(row, unit.code).toContain(`href="/dia-ban/${into.area.code}/">${into.area.fullName}</a> <span class="note">(${into.partial ? "một phần" : "toàn bộ"})`);
      expect(row).toContain('href="/nguon/nq-1683-2025/"');
    }
    expect(old.filter((u: { wentInto: { partial: boolean }[] }) => u.wentInto.some((c) => c.partial)).length).toBeGreaterThan(0);
    // A map of the 92 new units, each a link.
    const map = html.match(/<svg[^>]*class="[^"]*\bmap--choropleth"[\s\S]*?<\/svg>/)![0];
    expect(map.match(/<a /g)).toHaveLength(92);
    expect(map).toMatch(/<title>Phường Phan Đình Phùng: \d+ đơn vị cũ: [^<]*Phường Túc Duyên/);
    expect(text("/en/reorganisation-2025/")).toContain("What became of each old unit (280)");
    // The search: an old name finds the unit it went into as well as its own page.
    const docs = JSON.parse(readFileSync(join(outDir, "tim-kiem/chi-muc.json"), "utf8"));
    const hits = search(createSearch(docs), "Túc Duyên");
    expect(hits.map((h) => h.id)).toEqual(expect.arrayContaining(["05437", "05443"]));
    expect(hits.find((h) => h.id === "05437")!.d).toContain("nay thuộc Phường Phan Đình Phùng");
    expect(hits.find((h) => h.id === "05443")!.ue).toBe("/en/areas/05443/");
  });

  it("leads the home page with a map of the 92 communes, each shape a link to its page with a title", () => {
    for (const [path, prefix] of [["/", "/dia-ban/"], ["/en/", "/en/areas/"]]) {
      const html = page(path);
      const map = html.match(/<svg[^>]*class="[^"]*\bmap--choropleth"[\s\S]*?<\/svg>/)![0];
      const links = [...map.matchAll(/<a [^>]*href="([^"]+)"[^>]*><title>([^<]+)<\/title><path /g)];
      expect(links, path).toHaveLength(92);
      for (const [, href] of links) expect(pages.has(href), href).toBe(true);
      expect(links.every(([, href]) => href.startsWith(prefix))).toBe(true);
      // Before the headline figures.
      expect(html.indexOf("map--choropleth")).toBeLessThan(html.indexOf('class="cards"'));
    }
    expect(page("/")).toMatch(/<title>Phường Phan Đình Phùng: 111\.482 người \(khoảng 1\/7\/2025\)<\/title>/);
  });

  it("switches language to the same page, for every page", () => {
    const without: string[] = [];
    for (const [path, html] of pages) {
      if (html.includes('http-equiv="refresh"')) continue;
      const href = html.match(/<a class="lang-switch" href="([^"]+)"/)?.[1];
      if (!href) continue;
      const english = path.startsWith("/en/");
      const home = english ? "/" : "/en/";
      // Pages in one language only (the API page) and the 404 page lead to the other home page.
      if (href === home && path !== (english ? "/en/" : "/")) without.push(path);
      else expect(pages.has(href), `${path} → ${href}`).toBe(true);
      // And back.
      if (href !== home) expect(page(href).match(/<a class="lang-switch" href="([^"]+)"/)?.[1], href).toBe(path);
    }
    expect(without.sort()).toEqual(["/404.html", "/api/"]);
    for (const [vi, en] of [["/dia-ban/171/", "/en/areas/171/"], ["/dia-ban/", "/en/areas/"], ["/sap-xep-2025/", "/en/reorganisation-2025/"], ["/tim-kiem/", "/en/search/"], ["/so-sanh/population/", "/en/compare/population/"]]) {
      expect(page(vi)).toContain(`<a class="lang-switch" href="${en}" hreflang="en"`);
      expect(page(en)).toContain(`<a class="lang-switch" href="${vi}" hreflang="vi"`);
    }
    // The query string goes along (the search page's q) by a script on every page.
    expect(page("/tim-kiem/")).toMatch(/<script data-lang-switch>[\s\S]*location\.search[\s\S]*<\/script>/);
  });

  it("counts the commune-level units of the 2025 reorganisation from the API", async () => {
    const html = text("/sap-xep-2025/");
    const dates = ["2021-01-01", "2022-10-01", "2024-01-01", "2025-03-01", "2025-07-01"];
    const counts: number[] = [];
    for (const date of dates) {
      const districts = await run(portal, `query($d: Date) { areas(level: DISTRICT, parentCode: "19", asOf: $d, first: 100) { nodes { code } } }`, { d: date });
      let total = 0;
      for (const parent of ["19", ...districts.areas.nodes.map((n: { code: string }) => n.code)]) {
        total += (await run(portal, `query($d: Date, $p: ID) { areas(level: COMMUNE, parentCode: $p, asOf: $d) { totalCount } }`, { d: date, p: parent })).areas.totalCount;
      }
      counts.push(total);
      const [y, m, d] = date.split("-");
      if (total > 0) expect(html).toMatch(new RegExp(`${d}/${m}/${y}( [^ ]+){0,6} ${total}\\b`));
    }
    // The province had units on the dates of its unit lists; after the merger, 92 communes.
    expect(counts[4]).toBe(92);
    for (const id of ["nq-469-2022", "nq-202-2025", "nq-1683-2025"]) expect(page("/sap-xep-2025/")).toContain(`href="/nguon/${id}/"`);
    const csv = readFileSync(join(outDir, "sap-xep-2025/so-don-vi-cap-xa.csv"), "utf8");
    expect(csv.startsWith("\uFEFFdate,")).toBe(true);
    expect(csv).toContain("2025-07-01,19,");
  });

  it("links no internal page or file that does not exist (pages, charts, downloads; relative and absolute)", () => {
    const missing: string[] = [];
    const checked = new Set<string>();
    const check = (from: string, link: string) => {
      const target = decodeURI(link.replace(/[?#].*$/, ""));
      // The API is served beside the site.
      if (target === "/graphql" || target === "/graphql/") return;
      checked.add(target);
      const file = join(outDir, target.endsWith("/") ? `${target}index.html` : target);
      if (!existsSync(file)) missing.push(`${from} → ${target}`);
    };
    for (const [path, html] of pages) {
      for (const match of html.matchAll(/\s(?:href|src|action)="(\/[^"]*)"/g)) check(path, match[1]);
      // Addresses written out in full: permalinks, the embed code's iframe, commands (in text and in code).
      for (const match of html.replace(/&quot;/g, '"').matchAll(/https:\/\/example\.test(\/[^\s"'<>&)}]*)/g)) check(path, match[1].replace(/[.,;:]+$/, ""));
    }
    expect(missing).toEqual([]);
    expect(checked.size).toBeGreaterThan(300);
    // Chart files and downloads are among the links checked (the build writes both).
    expect([...checked].filter((t) => t.startsWith("/charts/")).length).toBeGreaterThan(10);
    expect([...checked].filter((t) => t.startsWith("/en/charts/")).length).toBeGreaterThan(10);
    expect([...checked].filter((t) => t.startsWith("/downloads/indicators/")).length).toBeGreaterThan(50);
    expect(checked).toContain(`/downloads/thai-nguyen-open-data-${dataVersion}.zip`);
    expect(checked).toContain("/favicon.ico");
    // An indicator with a single value has no chart file, and no page offers one.
    expect(existsSync(join(outDir, "charts/cho-4-0-markets.svg"))).toBe(false);
    for (const [path, html] of pages) expect(html.includes("/charts/cho-4-0-markets."), path).toBe(false);
  });

  it("serves the schema, a sitemap with the public address, and a 404 page", () => {
    expect(readFileSync(join(outDir, "schema.graphql"), "utf8")).toBe(readFileSync(join(ROOT, "schema.graphql"), "utf8"));
    expect(readFileSync(join(outDir, "sitemap-0.xml"), "utf8")).toContain("https://example.test/chi-so/ntm-communes/");
    expect(text("/404.html")).toContain("Không tìm thấy trang");
    const api = page("/api/");
    expect(api).toMatch(/<form[^>]*method="get"[^>]*action="\/graphql"/);
    expect(api).toMatch(/<textarea[^>]*name="query"[^>]*>\s*\{/);
    expect(text("/api/")).toContain("curl -g 'https://example.test/graphql?query={indicators{totalCount}}'");
  });

  it("gives every value of an indicator page its anchor, sentence, permalink, query and curl (as the API's permalinks say)", async () => {
    const data = await run(portal, `{ indicators(first: 1000) { nodes { id observations(includeBreakdowns: true) { id fact factEn: fact(lang: EN) } } } }`);
    let checked = 0;
    for (const indicator of data.indicators.nodes) {
      const vi = page(`/chi-so/${indicator.id}/`);
      const en = page(`/en/indicators/${indicator.id}/`);
      for (const o of indicator.observations) {
        for (const html of [vi, en]) expect(html, `${indicator.id} ${o.id}`).toContain(`<tr id="obs-${o.id}"`);
        expect(text(`/chi-so/${indicator.id}/`)).toContain(o.fact);
        expect(text(`/en/indicators/${indicator.id}/`)).toContain(o.factEn);
        expect(text(`/chi-so/${indicator.id}/`)).toContain(`curl -g 'https://example.test/graphql?query={observation(id:"${o.id}"){value,fact,permalink,source{title,url}}}'`);
        expect(text(`/en/indicators/${indicator.id}/`)).toContain(`{ observation(id: "${o.id}") { value fact(lang: EN) permalink(lang: EN) source { title url } } }`);
        expect(vi).toContain(`https://example.test/chi-so/${indicator.id}/#obs-${o.id}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
    // The quote reads the Chợ 4.0 figure as a sentence.
    expect(text("/chi-so/cho-4-0-markets/")).toContain("Tỉnh Thái Nguyên có 107 chợ 4.0 (công bố năm 2023, không nêu kỳ số liệu; nguồn:");
    expect(text("/en/indicators/cho-4-0-markets/")).toContain("Thái Nguyên Province had 107 Chợ 4.0 digital markets (published 2023, period not stated; source:");
  });

  it("puts a “Cite this” box on every indicator page: the API's citations as text, BibTeX and CSL-JSON, naming the data version", async () => {
    // The build's API wrote permalinks with the site's address: ask this one with the same.
    process.env.PORTAL_SITE_URL = "https://example.test";
    const data = await run(portal, `{ indicator(id: "cho-4-0-markets") { text: citation bib: citation(format: BIBTEX) csl: citation(format: CSL_JSON, lang: EN) textEn: citation(lang: EN) } }`).finally(() => delete process.env.PORTAL_SITE_URL);
    const { text: citeText, bib, csl, textEn } = data.indicator;
    expect(citeText).toContain(dataVersion);
    expect(citeText).toContain("https://example.test/chi-so/cho-4-0-markets/");
    expect(text("/chi-so/cho-4-0-markets/")).toContain(citeText);
    expect(text("/chi-so/cho-4-0-markets/")).toContain(bib.trim().split("\n")[0]);
    expect(text("/en/indicators/cho-4-0-markets/")).toContain(textEn);
    expect(text("/en/indicators/cho-4-0-markets/")).toContain(JSON.parse(csl)[0].URL);
    expect(page("/chi-so/cho-4-0-markets/")).toMatch(/<details>\s*<summary>BibTeX<\/summary>/);
  });

  it("links each indicator's CSV and JSON and its chart as SVG and PNG, and shows the embed code pinned to the data version", () => {
    const html = page("/chi-so/ntm-communes/");
    for (const href of ["/downloads/indicators/ntm-communes.csv", "/downloads/indicators/ntm-communes.json", "/charts/ntm-communes.svg", "/charts/ntm-communes.png"]) expect(html).toContain(`href="${href}"`);
    expect(page("/en/indicators/ntm-communes/")).toContain('href="/en/charts/ntm-communes.png"');
    const embed = text("/chi-so/ntm-communes/");
    expect(embed).toContain(`<iframe src="https://example.test/nhung/ntm-communes/" title="Số xã đạt chuẩn nông thôn mới — Cổng dữ liệu mở Thái Nguyên, phiên bản dữ liệu ${dataVersion}"`);
    expect(text("/en/indicators/ntm-communes/")).toContain('<iframe src="https://example.test/en/embed/ntm-communes/"');
    // The embed page: the figure and table, the version, no navigation, not indexed.
    const frame = page("/nhung/ntm-communes/");
    expect(frame).toContain(dataVersion);
    expect(frame).toMatch(/<svg[^>]*role="img"/);
    expect(frame).toContain("<table");
    expect(frame).not.toContain("site-nav");
    expect(frame).toContain('<meta name="robots" content="noindex">');
  });

  it("writes each chart as a standalone SVG and a PNG twice its size, with title, sources and data version", () => {
    const svg = readFileSync(join(outDir, "charts/ntm-communes-share.svg"), "utf8");
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(svg).toContain("Tỷ lệ xã đạt chuẩn nông thôn mới");
    expect(svg).toContain(`phiên bản dữ liệu ${dataVersion}`);
    expect(svg).toContain("https://example.test/chi-so/ntm-communes-share/");
    expect(svg).toContain("79,6%");
    expect(readFileSync(join(outDir, "en/charts/ntm-communes-share.svg"), "utf8")).toContain("79.6%");
    const png = readFileSync(join(outDir, "charts/ntm-communes-share.png"));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const svgWidth = Number(/<svg[^>]* width="(\d+)"/.exec(svg)![1]);
    expect(png.readUInt32BE(16)).toBe(svgWidth * 2);
    // The rasteriser has a font with the Vietnamese letters: text leaves ink (without a font it draws nothing).
    const ink = (text: string) => {
      const { pixels } = new Resvg(`<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="200" height="40" fill="#fff"/><text x="4" y="28" font-size="24" font-family="sans-serif" fill="#000">${text}</text></svg>`, { font: rasterFonts() }).render();
      let dark = 0;
      for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 128) dark++;
      return dark;
    };
    expect(ink("Thái Nguyên ệ ỗ ữ đ")).toBeGreaterThan(100);
    expect(ink("")).toBe(0);
    // Only indicators with a chart get files; every link to one resolves (see the link check).
    expect(existsSync(join(outDir, "charts/digital-economy-revenue.svg"))).toBe(page("/chi-so/digital-economy-revenue/").includes("/charts/digital-economy-revenue.svg"));
  });

  it("describes every indicator page for machines: schema.org Dataset in JSON-LD with version, licence and downloads", () => {
    for (const [path, lang] of [["/chi-so/ntm-communes/", "vi-VN"], ["/en/indicators/ntm-communes/", "en-GB"]] as const) {
      const json = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page(path))?.[1];
      const dataset = JSON.parse(json!);
      expect(dataset["@type"]).toBe("Dataset");
      expect(dataset.version).toBe(dataVersion);
      expect(dataset.inLanguage).toBe(lang);
      expect(dataset.license).toBe("https://creativecommons.org/licenses/by/4.0/");
      expect(dataset.distribution.map((d: { contentUrl: string }) => d.contentUrl)).toEqual([
        "https://example.test/downloads/indicators/ntm-communes.csv",
        "https://example.test/downloads/indicators/ntm-communes.json",
      ]);
      expect(dataset.temporalCoverage).toMatch(/^\d{4}-\d{2}-\d{2}\/\d{4}-\d{2}-\d{2}$/);
    }
    expect(page("/du-lieu/")).toContain('<link rel="alternate" type="application/ld+json" href="/downloads/catalog.json"');
    expect(readFileSync(join(outDir, "robots.txt"), "utf8")).toContain("Sitemap: https://example.test/sitemap-index.xml");
    const sitemap = readFileSync(join(outDir, "sitemap-0.xml"), "utf8");
    expect(sitemap).toContain("https://example.test/en/indicators/ntm-communes/");
    expect(sitemap).toContain("https://example.test/du-lieu/");
    expect(sitemap).not.toContain("/nhung/");
  });

  it("writes English pages with en-GB numbers, a language switch on every page and links between the two versions", () => {
    expect(text("/en/")).toContain("2,255");
    expect(text("/en/")).toContain("VND 357 trillion");
    expect(text("/en/indicators/ntm-communes-share/")).toContain("79.6%");
    expect(text("/en/indicators/ntm-communes-share/")).toContain("109/137");
    expect(text("/en/indicators/dti-rank/")).toContain("8th");
    expect(page("/en/indicators/ntm-communes/")).toMatch(/<html lang="en">/);
    expect(page("/chi-so/ntm-communes/")).toMatch(/<html lang="vi">/);
    // Counterparts point at each other (switch and hreflang).
    expect(page("/chi-so/ntm-communes/")).toContain('<a class="lang-switch" href="/en/indicators/ntm-communes/" hreflang="en"');
    expect(page("/en/indicators/ntm-communes/")).toContain('<a class="lang-switch" href="/chi-so/ntm-communes/" hreflang="vi"');
    expect(page("/en/topics/nong-thon-moi/")).toContain('hreflang="vi" href="https://example.test/chu-de/nong-thon-moi/"');
    for (const [path, html] of pages) {
      if (html.includes('http-equiv="refresh"') || path.startsWith("/nhung/") || path.startsWith("/en/embed/")) continue;
      expect(html, path).toMatch(/<a class="lang-switch" href="\/[^"]*"/);
    }
    // English pages speak English: the Vietnamese labels of the tables are not there.
    expect(text("/en/indicators/ntm-communes/")).not.toMatch(/Giá trị|Nguồn|Trích dẫn/);
  });

  it("has a data page listing every download with its real size, the licences of the sources and how to cite", async () => {
    const html = text("/du-lieu/");
    const zip = `thai-nguyen-open-data-${dataVersion}.zip`;
    expect(zipName(dataVersion)).toBe(downloadsZipName(dataVersion));
    for (const file of [zip, "thai-nguyen-open-data.xlsx", "observations.csv", "observations-excel.csv", "indicators.csv", "areas.csv", "areas-excel.csv", "sources.csv", "targets.csv", "portal.sqlite", "datapackage.json", "catalog.json", "README.md", "thai-nguyen-communes-2025-07-01.geojson"]) {
      expect(page("/du-lieu/"), file).toContain(`href="/downloads/${file}"`);
      const bytes = statSync(join(outDir, "downloads", file)).size;
      expect(html, file).toContain(formatBytes(bytes, "vi"));
      expect(text("/en/data/"), file).toContain(formatBytes(bytes, "en"));
    }
    // Each page lists the sources' licences in its own language.
    const { sources } = await run(portal, `{ sources { id licenceVi licenceEn } }`);
    for (const s of sources) expect(html, s.id).toContain(s.licenceVi);
    for (const s of sources) expect(text("/en/data/"), s.id).toContain(s.licenceEn);
    expect(html).toContain("CC BY 4.0");
    expect(html).toContain("MIT");
    // The map of the communes: its shapes' source and licence, and that the files hold every level.
    expect(html).toContain("lamngockhuong/vietnam-3d-map (MIT");
    expect(html).toContain("mọi địa bàn có số liệu: tỉnh, huyện và xã");
    expect(html).toContain(`phiên bản dữ liệu ${dataVersion}`);
    expect(text("/en/data/")).toContain(`data version ${dataVersion}`);
    // Linked from every indicator page and from the navigation.
    expect(page("/chi-so/cho-4-0-markets/")).toContain('href="/du-lieu/"');
    expect(page("/")).toMatch(/<nav class="site-nav"[\s\S]*href="\/du-lieu\/"[\s\S]*<\/nav>/);
    expect(readFileSync(join(outDir, "data/index.html"), "utf8")).toContain('content="0;url=/du-lieu/"');
  });

  it("builds a search index in which “cho 4.0” finds the Chợ 4.0 indicator and “thai nguyen” the province, as the API's search does", async () => {
    const docs = JSON.parse(readFileSync(join(outDir, "tim-kiem/chi-muc.json"), "utf8"));
    const engine = createSearch(docs);
    const first = (q: string) => search(engine, q)[0];
    expect(first("cho 4.0")).toMatchObject({ k: "i", id: "cho-4-0-markets", u: "/chi-so/cho-4-0-markets/", ue: "/en/indicators/cho-4-0-markets/" });
    expect(first("Chợ 4.0")?.id).toBe("cho-4-0-markets");
    expect(first("thai nguyen")).toMatchObject({ k: "a", id: "19", u: "/dia-ban/19/" });
    expect(first("PHÚ BÌNH")).toMatchObject({ k: "a", id: "173" });
    expect(search(engine, "!!!")).toEqual([]);
    // One entry per area code, every indicator and source.
    const { indicators, sources } = await run(portal, `{ indicators(first: 1000) { totalCount } sources { id } }`);
    expect(docs.filter((d: { k: string }) => d.k === "i")).toHaveLength(indicators.totalCount);
    expect(docs.filter((d: { k: string }) => d.k === "s")).toHaveLength(sources.length);
    expect(new Set(docs.filter((d: { k: string }) => d.k === "a").map((d: { id: string }) => d.id)).size).toBe(docs.filter((d: { k: string }) => d.k === "a").length);
    // The same first hit as Query.search for a few queries.
    for (const q of ["cho 4.0", "thai nguyen", "nong thon moi", "dti", "phu binh", "Hồng Tiến"]) {
      const api = await run(portal, `query($q: String!) { search(q: $q, first: 1) { __typename ... on Indicator { id } ... on Area { code } ... on Source { id } } }`, { q });
      const hit = api.search[0];
      expect(first(q)?.id, q).toBe(hit.code ?? hit.id);
    }
    // Without JavaScript the search page lists everything.
    const html = page("/tim-kiem/");
    expect(html).toContain('href="/chi-so/cho-4-0-markets/"');
    expect(html).toContain('href="/dia-ban/19/"');
    expect(html).toMatch(/<form id="search-form"[^>]* hidden/);
  });

  /** A page's HTML with the entities the build writes decoded. */
  const decoded = (path: string) => page(path).replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

  it("places chart labels where they overlap no other label and stay inside the chart (widths of the widest font)", () => {
    let charts = 0;
    let labels = 0;
    for (const [path, html] of pages) {
      if (!/^\/(chi-so|en\/indicators|nhung|en\/embed)\//.test(path)) continue;
      for (const [svg] of html.matchAll(/<svg[^>]*class="[^"]*\bchart\b[^"]*"[\s\S]*?<\/svg>/g)) {
        if (svg.includes("chart--compact")) continue;
        charts++;
        const width = Number(/<svg[^>]* width="(\d+)"/.exec(svg)![1]);
        const boxes: { text: string; x0: number; x1: number; y0: number; y1: number }[] = [];
        for (const group of svg.matchAll(/<g transform="translate\(([-\d.]+),([-\d.]+)\)" font-weight="600" font-size="12" text-anchor="(start|end)"[^>]*>([\s\S]*?)<\/g>/g)) {
          const [dx, dy, anchor] = [Number(group[1]), Number(group[2]), group[3]];
          for (const t of group[4].matchAll(/<text transform="translate\(([-\d.]+),([-\d.]+)\)"[^>]*>([^<]*)<\/text>/g)) {
            const text = t[3].replace(/&gt;/g, ">").replace(/&lt;/g, "<").replace(/&amp;/g, "&");
            const x = Number(t[1]) + dx;
            const y = Number(t[2]) + dy;
            const w = textWidth(text, 12, true);
            boxes.push({ text, x0: anchor === "start" ? x : x - w, x1: anchor === "start" ? x + w : x, y0: y - 7, y1: y + 7 });
          }
        }
        labels += boxes.length;
        for (const [i, a] of boxes.entries()) {
          expect(a.x0, `${path} “${a.text}” leaves the chart`).toBeGreaterThanOrEqual(0);
          expect(a.x1, `${path} “${a.text}” leaves the chart`).toBeLessThanOrEqual(width);
          for (const b of boxes.slice(i + 1)) {
            const overlaps = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
            expect(overlaps, `${path}: “${a.text}” overlaps “${b.text}”`).toBe(false);
          }
        }
      }
    }
    expect(charts).toBeGreaterThan(40);
    expect(labels).toBeGreaterThan(100);
    // The labels that overlapped on the share of new-rural communes are both there.
    expect(decoded("/chi-so/ntm-communes-share/")).toContain("mục tiêu 70%");
    expect(decoded("/chi-so/ntm-communes-share/")).toContain("79,6% [tính]");
  });

  it("names the unit of every value table: under the value column's name, or beside each value", () => {
    let tables = 0;
    for (const [path, html] of pages) {
      for (const [table] of html.matchAll(/<table class="observations[\s\S]*?<\/thead>/g)) {
        tables++;
        expect(table, path).toMatch(/<span class="unit-head">(đơn vị|unit): [^<]+<\/span>/);
      }
    }
    expect(tables).toBeGreaterThan(100);
    expect(text("/nhung/cho-4-0-markets/")).toContain("đơn vị: số lượng");
    expect(text("/en/embed/cho-4-0-markets/")).toContain("unit: count");
    // An area's values, of several indicators: a unit column, and the unit in each value's label on phones.
    const area = page("/dia-ban/164/");
    expect(area).toMatch(/<th scope="col" role="columnheader">Đơn vị<\/th>/);
    expect(area).toMatch(/data-label="Giá trị \(đơn vị: số lượng\)"><span class="value">74\.000<\/span>/);
    expect(text("/dia-ban/164/")).toMatch(/74\.000 \[≈\] số lượng /);
    expect(text("/chi-so/ntm-communes-share/")).toMatch(/Tử số đơn vị: số lượng Mẫu số đơn vị: số lượng Tỷ lệ đơn vị: phần trăm/);
  });

  it("shows tables as stacked rows on phones: every cell carries its column's name, every wide table sits in a labelled, focusable region", () => {
    let cells = 0;
    for (const [path, html] of pages) {
      for (const [table] of html.matchAll(/<table class="[^"]*\bstack\b[\s\S]*?<\/table>/g)) {
        const body = table.slice(table.indexOf("<tbody"));
        for (const [cell] of body.matchAll(/<td(?![^>]*colspan)[^>]*>/g)) {
          cells++;
          expect(cell, path).toMatch(/data-label="[^"]+"/);
        }
      }
      for (const [wrap] of html.matchAll(/<div class="table-wrap"[^>]*>/g)) expect(wrap, path).toMatch(/role="region" aria-label="[^"]+" tabindex="0"/);
      // Every table of the site stacks.
      for (const [tag] of html.matchAll(/<table[^>]*>/g)) expect(tag, path).toContain("stack");
    }
    expect(cells).toBeGreaterThan(1000);
  });

  it("shows Vietnamese pages in Vietnamese only: no “(tiếng Anh)”, no lang=\"en\" in the main content, each note in its page's language", async () => {
    // The API page and the 404 page have no English version: they stay bilingual.
    const bilingual = new Set(["/api/", "/404.html"]);
    let vietnamese = 0;
    for (const [path, html] of pages) {
      if (!/<html lang="vi">/.test(html) || bilingual.has(path)) continue;
      vietnamese++;
      expect(html, path).not.toContain("(tiếng Anh)");
      const main = html.match(/<main[\s\S]*<\/main>/)?.[0] ?? "";
      expect(main, path).not.toMatch(/<[^>]+\slang="en"/);
    }
    expect(vietnamese).toBeGreaterThan(400);
    // Every note of every indicator page in the page's language: the Vietnamese note on the Vietnamese page, the English one on the English page.
    const data = await run(portal, `{ indicators(first: 1000) { nodes { id observations(includeBreakdowns: true) { noteVi noteEn } targets { noteVi noteEn } } } }`);
    let notes = 0;
    for (const indicator of data.indicators.nodes) {
      const [vi, en] = [decoded(`/chi-so/${indicator.id}/`), decoded(`/en/indicators/${indicator.id}/`)];
      for (const { noteVi, noteEn } of [...indicator.observations, ...indicator.targets]) {
        if (!noteVi) continue;
        notes++;
        expect(vi, `${indicator.id}: ${noteVi}`).toContain(noteVi);
        expect(en, `${indicator.id}: ${noteEn}`).toContain(noteEn);
        if (!noteVi.includes(noteEn)) expect(vi, `${indicator.id}: ${noteEn}`).not.toContain(noteEn);
      }
    }
    expect(notes).toBeGreaterThan(200);
    // Known records: a seed note, a computed share in words, a source's licence, locator and caveat.
    expect(text("/chi-so/cho-4-0-markets/")).toContain("Sau hơn một năm triển khai chương trình Chợ 4.0. Bài báo không nêu kỳ số liệu.");
    expect(text("/chi-so/cho-4-0-markets/")).not.toContain("After a little over a year");
    expect(text("/en/indicators/cho-4-0-markets/")).toContain("After a little over a year of the Chợ 4.0 programme.");
    expect(text("/chi-so/ntm-communes-share/")).toContain("Cổng dữ liệu tính: số xã đạt chuẩn nông thôn mới chia cho số xã (đơn vị hành chính loại xã), nhân 100 (109 / 137 × 100).");
    expect(text("/chi-so/ntm-communes-share/")).not.toMatch(/ntm-communes \/ rural-communes|Computed by the portal/);
    const source = text("/nguon/tothethao-ntm-2025/");
    expect(source).toContain("Bài báo, bảo lưu mọi quyền; chỉ ghi nhận số liệu, không sao chép văn bản");
    expect(source).toContain("Trang đăng lại, ngày đăng không rõ: độ tin cậy thấp hơn bài gốc.");
    expect(source).toContain("Thân bài (kết quả và mục tiêu đến năm 2025)");
    expect(source).not.toMatch(/News article|Republished page|Article body/);
    expect(text("/en/sources/tothethao-ntm-2025/")).toContain("Republished page, date unclear: lower reliability than the original reporting.");
    // Labels without English glosses.
    expect(page("/chi-so/cho-4-0-markets/")).not.toMatch(/Nguồn \(Source\)|data-label="[^"]*\([A-Z][a-z]+\)"/);
  });

  it("has a favicon (SVG, and an ICO for browsers that ask for /favicon.ico) linked from every page", () => {
    expect(readFileSync(join(outDir, "favicon.svg"), "utf8")).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const ico = readFileSync(join(outDir, "favicon.ico"));
    expect([...ico.subarray(0, 6)]).toEqual([0, 0, 1, 0, 1, 0]);
    expect(ico.readUInt32LE(14)).toBe(ico.length - 22);
    expect(ico.subarray(22, 30)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    for (const [path, html] of pages) {
      if (html.includes('http-equiv="refresh"')) continue;
      expect(html, path).toContain('<link rel="icon" href="/favicon.ico" sizes="32x32">');
      expect(html, path).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml">');
    }
  });

  it("calls the portal by one name, the API's, and writes Thái Nguyên with its diacritics on English pages", () => {
    for (const [path, html] of pages) {
      if (html.includes('http-equiv="refresh"')) continue;
      const title = /<title>([^<]*)<\/title>/.exec(html)![1];
      expect(title, path).toMatch(path.startsWith("/en/") ? /Thái Nguyên Open Data Portal$/ : /(Cổng dữ liệu mở Thái Nguyên|Thái Nguyên Open Data Portal)$/);
      expect(html, path).not.toMatch(/Dữ liệu mở Thái Nguyên|Thái Nguyên Open Data(?! Portal)/);
      // Area names the site writes (the API's quotable sentences aside).
      if (path.startsWith("/en/")) expect(html.replace(/<p class="fact">[^<]*<\/p>/g, ""), path).not.toMatch(/Thai Nguyen (Province|City)/);
    }
    expect(text("/en/indicators/cho-4-0-markets/")).toContain("Thái Nguyên Province, published 2023, period not stated");
    expect(readFileSync(join(outDir, "charts/ntm-communes.svg"), "utf8")).toContain("Cổng dữ liệu mở Thái Nguyên, phiên bản dữ liệu");
    expect(text("/du-lieu/")).toContain(`Cổng dữ liệu mở Thái Nguyên (2026). Toàn bộ dữ liệu [Bộ dữ liệu], phiên bản dữ liệu ${dataVersion}.`);
  });

  it("writes “1 result” and “2 results” on the English search page", () => {
    const labelsOf = (path: string) => JSON.parse(/data-labels="([^"]*)"/.exec(page(path))![1].replace(/&quot;|&#34;/g, '"').replace(/&amp;/g, "&"));
    const labels = labelsOf("/en/search/");
    expect(labels).toMatchObject({ one: "result", many: "results" });
    const vi = labelsOf("/tim-kiem/");
    expect(vi).toMatchObject({ one: "kết quả", many: "kết quả" });
  });

  it("leads every card and indicator page with one headline value, the API's, and says where its period's sources disagree", async () => {
    const data = await run(portal, `{ indicators(first: 1000) { nodes { id latest { value } headline { distinctValues sourcesForPeriod } } } }`);
    const cards = page("/").split('<li class="card">').slice(1);
    expect(cards.length).toBeGreaterThan(5);
    for (const card of cards) {
      const id = /href="\/chi-so\/([^/]+)\/"/.exec(card)![1];
      const node = data.indicators.nodes.find((i: { id: string }) => i.id === id);
      // No second “latest” value beside the headline any more.
      expect(card, id).not.toContain('class="steady"');
      expect(card.includes("data-disagree"), id).toBe((node.headline?.distinctValues ?? 1) > 1);
    }
    // New-rural communes: 118 of 126 (2024) is the headline by the rule; 109 of 137 (2023) is only in the table.
    const home = text("/");
    expect(home).toMatch(/118 Tỷ lệ ?: 118\/126 = 93,7% Tỉnh Thái Nguyên, công bố năm 2024, không nêu kỳ số liệu\./);
    expect(home).not.toContain("Số gần nhất từ nguồn không có lưu ý");
    const share = page("/chi-so/ntm-communes-share/");
    expect(share.match(/data-headline/g)).toHaveLength(1);
    expect(text("/chi-so/ntm-communes-share/")).toMatch(/93,7% \[tính\] — Tỉnh Thái Nguyên, công bố năm 2024, không nêu kỳ số liệu \(.*; ⚠ độ tin cậy thấp hơn\)/);
    expect(text("/chi-so/ntm-communes-share/")).toContain("Cách chọn số này khi có nhiều giá trị: Kỳ có ngày kết thúc muộn nhất; trong các giá trị của kỳ đó, nguồn đáng tin cậy nhất");
    expect(text("/en/indicators/ntm-communes-share/")).toContain("How this value is chosen among several: The latest period end; among values of that period, the most reliable source");
    // 126 xã in the 2024 article, 123 in the unit lists on 31/12/2024: flagged beside the headline.
    expect(text("/chi-so/ntm-communes-share/")).toMatch(/93,7% .*⚠ Không khớp danh mục đơn vị: Tính trên mẫu số 126/);
    // The other values stay in the table: 79,6% (109 of 137, 2023) and 85,7% (108 of 126, about end of 2023).
    expect(text("/chi-so/ntm-communes-share/")).toMatch(/công bố năm 2023, không nêu kỳ số liệu 79,6%/);
    expect(text("/chi-so/ntm-communes-share/")).toMatch(/khoảng cuối 2023 85,7%/);
    // Land area of the merged province: two sources, two values (8.375,21 and 8.375,27 km²).
    expect(text("/chi-so/land-area/")).toContain("⚠ 2 nguồn khác nhau cho kỳ này: giá trị của các nguồn khác ở bảng");
    expect(text("/en/indicators/land-area/")).toContain("⚠ 2 sources differ for this period: the other sources' values are in the table");
  });

  it("never writes a bare year or an invented day range for a value whose source states no period", () => {
    for (const path of ["/chi-so/cho-4-0-markets/", "/nhung/cho-4-0-markets/"]) {
      const t = text(path);
      expect(t, path).toContain("công bố năm 2023, không nêu kỳ số liệu");
      expect(t, path).not.toContain("01/01/2023–31/12/2023");
      // A year alone as the period: “, 2023 ·”, “(2023;”, “, 2023 (”.
      expect(t, path).not.toMatch(/(, |\()2023( ·|;| \()/);
    }
    expect(text("/en/indicators/cho-4-0-markets/")).not.toContain("1 January 2023–31 December 2023");
    // The table writes a bracketed period as about it, without its placeholder day.
    expect(text("/chi-so/ntm-communes/")).toMatch(/khoảng cuối 2023 108/);
    expect(text("/en/indicators/ntm-communes/")).toMatch(/about end of 2023 108/);
    // The CSV says it too.
    const csv = readFileSync(join(outDir, "downloads/indicators/cho-4-0-markets.csv"), "utf8");
    expect(csv).toContain('PUBLICATION,"công bố năm 2023, không nêu kỳ số liệu","published 2023, period not stated",107');
  });

  it("draws values without a stated period hollow, with a legend entry", () => {
    const svg = readFileSync(join(outDir, "charts/ntm-communes.svg"), "utf8");
    const dots = /<g[^>]*class="chart-values"[^>]*>([\s\S]*?)<\/g>/.exec(svg)![1];
    // Filled (period stated) and hollow (publication year, bracketed) marks side by side.
    expect(dots).toMatch(/fill="white"/);
    expect(dots).toMatch(/fill="#1d3557"/);
    expect(page("/chi-so/ntm-communes/")).toContain('data-legend="unstated"');
  });

  it("breaks the population series at the merger of 1 July 2025 and draws the like-for-like baseline", () => {
    const html = page("/chi-so/population-reorganisation-scale/");
    expect(html).toMatch(/class="chart-breaks"/);
    expect(html).toMatch(/class="chart-baseline"/);
    expect(html).toContain('data-legend="break"');
    expect(html).toContain('data-legend="baseline"');
    const t = text("/chi-so/population-reorganisation-scale/");
    expect(t).toContain("Chuỗi số bị ngắt ngày 01/07/2025");
    // Old Thái Nguyên (1.434.171) + Bắc Kạn (365.318) on the units of 2025-07-01: no 25 % jump.
    expect(t).toMatch(/Cùng địa giới \(quy đổi, ô vuông cam\) ?: 1\.799\.489 người — khoảng 2025 \(trước sáp nhập\)\. Quy đổi theo đơn vị hành chính ngày 01\/07\/2025 .*365\.318 \+ 1\.434\.171 = 1\.799\.489/);
    expect(text("/en/indicators/population-reorganisation-scale/")).toContain("The series breaks on 1 July 2025");
    // A series of one unit has no break.
    expect(page("/chi-so/ntm-communes/")).not.toContain("data-series-break");
  });

  it("lists an indicator's revisions: the 2024 budget revenue estimated in 12/2024 and 2/2025, then the outturn", () => {
    const t = text("/chi-so/state-budget-revenue/");
    expect(t).toMatch(/Các lần công bố .*2024, Tỉnh Thái Nguyên \(số đã thay đổi\) tháng 12\/2024 ?: 19,68 nghìn tỷ đồng ?\[ước\].* tháng 2\/2025 ?: 19,68 nghìn tỷ đồng ?\[ước\].* ngày công bố chưa ghi nhận ?: 20,4 nghìn tỷ đồng \(khác lần trước\)/);
    expect(text("/en/indicators/state-budget-revenue/")).toMatch(/Revisions .*2024, Thái Nguyên Province \(the value changed\) December 2024 ?: VND 19\.68 trillion/);
    expect(page("/chi-so/cho-4-0-markets/")).not.toContain("data-revisions");
  });

  it("sizes the embed frame for each indicator and offers chart files only where there is a chart", () => {
    const height = (path: string) => Number(/height="(\d+)"/.exec(decoded(path).slice(decoded(path).indexOf('<div class="embed-code">')))![1]);
    // A figure with a chart is taller than a single value; neither is the old fixed 720.
    expect(height("/chi-so/ntm-communes-share/")).toBeGreaterThan(height("/chi-so/cho-4-0-markets/"));
    expect(height("/chi-so/cho-4-0-markets/")).toBeLessThan(500);
    const single = text("/chi-so/cho-4-0-markets/");
    expect(single).not.toMatch(/SVG\/PNG/);
    expect(single).toContain("chỉ số chỉ có một giá trị nên không có ảnh biểu đồ");
    // The embed page: the value, the table folded away, sources and the data version at the foot.
    const frame = page("/nhung/cho-4-0-markets/");
    expect(frame).toMatch(/<details class="embed-table">/);
    expect(text("/nhung/cho-4-0-markets/")).toMatch(/107 Tỉnh Thái Nguyên, công bố năm 2023, không nêu kỳ số liệu · đơn vị: số lượng/);
    expect(text("/nhung/cho-4-0-markets/")).toMatch(new RegExp(`Nguồn ?: Đổi mới nội dung.* Cổng dữ liệu mở Thái Nguyên, phiên bản dữ liệu ${dataVersion.replace(/\./g, "\\.")}`));
  });

  it("draws the 92 communes of 2025 on the land-area page: one shape each with a <title>, the legend, missing areas named, attribution and “simplified shapes”", async () => {
    const data = await run(portal, `{ indicator(id: "land-area") { areaValues(level: COMMUNE) { withValue values { areaCode value area { fullName } rank { position of } } } } }`);
    const values = data.indicator.areaValues.values as { areaCode: string; value: number | null; area: { fullName: string }; rank: { position: number; of: number } | null }[];
    expect(values).toHaveLength(92);
    const { document } = parseHTML(page("/chi-so/land-area/"));
    const panel = document.querySelector("#ban-do")!;
    expect(panel, "map tab").toBeTruthy();
    const svg = panel.querySelector("#ban-do-xa svg.map--choropleth")!;
    const shapes = Array.from(svg.querySelectorAll(".map-areas a"));
    expect(shapes).toHaveLength(92);
    expect(svg.querySelectorAll(".map-areas path")).toHaveLength(92);
    const titles = new Map(shapes.map((a) => [a.getAttribute("href"), a.querySelector("title")!.textContent]));
    // The API's value of Phường Sông Công, as the map writes it (vi-VN decimals).
    const songCong = values.find((v) => v.areaCode === "05518")!;
    expect(songCong.value).toBe(13.98);
    expect(titles.get("/dia-ban/05518/")).toBe("Phường Sông Công: 13,98 km² (khoảng 1/7/2025)");
    for (const v of values) expect(titles.get(`/dia-ban/${v.areaCode}/`)!.startsWith(`${v.area.fullName}: `), v.areaCode).toBe(true);
    const legend = Array.from(panel.querySelectorAll("#ban-do-xa .map-legend li"), (li) => li.textContent);
    expect(legend.length).toBeGreaterThanOrEqual(4);
    expect(legend.at(-1)).toBe("Không có số liệu");
    const credits = panel.querySelector("#ban-do-xa .map-credits")!.textContent!;
    expect(credits).toContain("vietnam-3d-map");
    expect(credits).toContain("Hình dạng đã giản lược");
    // Beside it, the ranked table: 92 rows in rank order (largest first), and the same rows A–Z.
    const ranked = Array.from(panel.querySelectorAll("#ban-do-xa-hang tbody tr"));
    expect(ranked).toHaveLength(92);
    const first = values.find((v) => v.rank?.position === 1)!;
    expect(ranked[0].querySelector("th")!.textContent!.trim()).toBe(first.area.fullName);
    expect(ranked[0].querySelector("td")!.textContent).toBe("1/92");
    const byName = Array.from(panel.querySelectorAll("#ban-do-xa-ten tbody tr th"), (th) => th.textContent!.trim());
    expect(byName).toEqual([...byName].sort(new Intl.Collator("vi").compare));
    expect(panel.querySelector('a[href="#ban-do-xa-ten"]')).toBeTruthy();
    // English: en-GB decimals, the English credits.
    const en = parseHTML(page("/en/indicators/land-area/")).document;
    expect(en.querySelector('#ban-do-xa .map-areas a[href="/en/areas/05518/"] title')!.textContent).toBe("Sông Công Ward: 13.98 km² (about 1 July 2025)");
    expect(en.querySelector("#ban-do-xa .map-credits")!.textContent).toContain("Simplified shapes");
  });

  it("ranks the 180 communes of the 2019 census in bars grouped by district, the 9 districts, and the census carried to the 2025 communes on a map", () => {
    const { document } = parseHTML(page("/chi-so/population/"));
    const bars = Array.from(document.querySelectorAll("#xep-hang-xa svg.ranked .ranked-bars rect"));
    expect(bars).toHaveLength(180);
    const titles = bars.map((b) => b.querySelector("title")!.textContent);
    expect(titles).toContain("Phường Đồng Tiến (Thị xã Phổ Yên): 33.711 người (1/4/2019), thứ 1/180");
    expect(Array.from(document.querySelectorAll("#xep-hang-xa .ranked-groups text"), (t) => t.textContent)).toContain("Huyện Đại Từ (30)");
    const districts = Array.from(document.querySelectorAll("#xep-hang-huyen svg.ranked .ranked-bars rect title"), (t) => t.textContent);
    expect(districts).toHaveLength(9);
    expect(districts).toContain("Huyện Đại Từ: 171.703 người (1/4/2019), thứ 3/9");
    expect(document.querySelectorAll("#xep-hang-huyen-hang tbody tr")).toHaveLength(9);
    // Carried to the 2025 communes only where every predecessor went in whole: the others hatched, and the page says why.
    const harmonised = document.querySelector("#ban-do-xa-tinh-lai")!;
    expect(harmonised.querySelectorAll(".map-areas path")).toHaveLength(92);
    const hatched = harmonised.querySelectorAll('.map-areas path[fill^="url(#"]').length;
    expect(hatched).toBeGreaterThan(0);
    expect(harmonised.textContent).toContain(`${hatched} đơn vị không tính lại được`);
    // An indicator with values for the province only has no map tab.
    expect(page("/chi-so/cho-4-0-markets/")).not.toContain('id="ban-do"');
  });

  it("gives every indicator page tabs that are links to its sections, and a link preview with the chart's PNG", async () => {
    const data = await run(portal, `{ indicators(first: 1000) { nodes { id topic { id } } } }`);
    let withImage = 0;
    for (const { id } of data.indicators.nodes as { id: string }[]) {
      for (const path of [`/chi-so/${id}/`, `/en/indicators/${id}/`]) {
        const { document } = parseHTML(page(path));
        const tabs = Array.from(document.querySelectorAll("nav.tabs a"), (a) => a.getAttribute("href")!);
        expect(tabs.slice(0, 2), path).toEqual(["#bieu-do", "#bang"]);
        expect(tabs.slice(-2), path).toEqual(["#nguon", "#tai-ve"]);
        for (const href of tabs) expect(document.querySelector(`${href}.tab-panel`), `${path} ${href}`).toBeTruthy();
        const meta = (key: string) => document.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute("content") ?? null;
        expect(meta("og:title"), path).toBeTruthy();
        expect(meta("og:url"), path).toBe(`https://example.test${path}`);
        const image = meta("og:image");
        const hasChart = document.querySelector("#bieu-do svg.chart") !== null;
        expect(Boolean(image), path).toBe(hasChart);
        if (!image) {
          expect(meta("twitter:card")).toBe("summary");
          continue;
        }
        withImage++;
        expect(image).toBe(`https://example.test${path.startsWith("/en/") ? "/en" : ""}/charts/${id}.png`);
        expect(existsSync(join(outDir, new URL(image).pathname)), image).toBe(true);
        expect(meta("twitter:card")).toBe("summary_large_image");
        expect(meta("twitter:image")).toBe(image);
        expect(meta("og:image:alt")).toBeTruthy();
      }
    }
    expect(withImage).toBeGreaterThan(40);
    // Related indicators: the others of the same topic.
    const topic = (data.indicators.nodes as { id: string; topic: { id: string } }[]).find((i) => i.id === "ntm-communes")!.topic.id;
    const sameTopic = (data.indicators.nodes as { id: string; topic: { id: string } }[]).filter((i) => i.topic.id === topic && i.id !== "ntm-communes");
    const related = Array.from(parseHTML(page("/chi-so/ntm-communes/")).document.querySelectorAll("ul.related a"), (a) => a.getAttribute("href"));
    expect(related.sort()).toEqual(sameTopic.map((i) => `/chi-so/${i.id}/`).sort());
  });

  it("draws the chart in three sizes, each 12 px text at the width it is shown at, every point with a tooltip", () => {
    const { document } = parseHTML(page("/chi-so/ntm-communes/"));
    const sizes = Array.from(document.querySelectorAll("#bieu-do .chart-size"));
    expect(sizes.map((s) => s.getAttribute("class"))).toEqual(["chart-size chart-size--narrow", "chart-size chart-size--medium", "chart-size chart-size--wide"]);
    const widths = sizes.map((s) => Number(s.querySelector("svg")!.getAttribute("width")));
    // The narrow one is drawn for the 296 px a 360 px phone leaves in a figure: 12 px text shown at 12 px.
    expect(widths).toEqual([296, 480, 720]);
    for (const s of sizes) {
      const svg = s.querySelector("svg")!;
      expect(svg.getAttribute("viewBox")).toBe(`0 0 ${svg.getAttribute("width")} ${svg.getAttribute("height")}`);
      const fonts = Array.from(svg.outerHTML.matchAll(/font-size(?:="|:\s*)(\d+(?:\.\d+)?)/g), (m) => Number(m[1]));
      expect(Math.min(...fonts)).toBeGreaterThanOrEqual(12);
      const points = Array.from(svg.querySelectorAll(".chart-values > *"));
      expect(points.length).toBeGreaterThan(1);
      for (const p of points) expect(p.querySelector("title")?.textContent).toMatch(/: .+ \(nguồn: .+\)$/);
    }
  });

  it("writes the periods of the English What's new page in English (they were the data's 1/4/2019 and cuối 2023)", () => {
    const periodsOf = (path: string) => Array.from(parseHTML(page(path)).document.querySelectorAll("td[data-label]"))
      .filter((td) => ["Period", "Kỳ"].includes(td.getAttribute("data-label")!)).map((td) => td.textContent!.trim());
    const en = new Set(periodsOf("/en/whats-new/"));
    const vi = new Set(periodsOf("/moi-cap-nhat/"));
    expect(vi).toContain("1/4/2019");
    expect(en).toContain("1 April 2019");
    expect([...en].filter((p) => /\d\/\d{4}|cuối|Tổng điều tra/.test(p))).toEqual([]);
  });
});
