/**
 * Names from the data go into SVG and HTML through one escaping module (site/src/lib/markup.ts):
 * an indicator or area name holding `<`, `&` and quotes builds and renders (issue 9 item 5).
 * Before, the name went raw into the chart's aria-label: the page was fine, but the chart file
 * (XML) was refused by resvg, so the PNG and the site build failed. Rendered here through the
 * real ingest, the real API and the site's own chart functions, without a site build.
 */
import "reflect-metadata";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDatabase } from "../data/ingest/build.js";
import { chartFilePng, chartFileSvg } from "../site/src/lib/chart-file.js";
import { indicatorChart } from "../site/src/lib/indicator.js";
import { choroplethMap, mapFileSvg, type MapValue } from "../site/src/lib/map/index.js";
import { escapeXml, svgMarkup } from "../site/src/lib/markup.js";
import { getAbout, getIndicator } from "../site/src/lib/queries.js";
import { rankedBars } from "../site/src/lib/ranked.js";
import { shapesFileToGeoJson } from "./helpers/area-shapes.js";
import { DATA_DIR } from "./helpers/portal.js";
import { startServer, type TestServer } from "./helpers/server.js";

const NAME = `Tỷ lệ <xã> & "nông thôn mới" 'NTM' </svg>`;
const NAME_EN = `Share <of> communes & "new rural" 'NR'`;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
const SITE = new URL("https://data.example.vn/");

/** The accessible name of the first svg of some markup, as a browser's HTML parser reads it. */
const ariaLabel = (markup: string) => parseHTML(`<!doctype html><html><body>${markup}</body></html>`).document.querySelector("svg")!.getAttribute("aria-label");

let server: TestServer;
beforeAll(async () => {
  const dir = join(mkdtempSync(join(tmpdir(), "portal-markup-")), "data");
  cpSync(DATA_DIR, dir, { recursive: true, filter: (src) => !src.includes(join("data", "ingest")) });
  const file = join(dir, "catalogue/indicators.yaml");
  const yaml = readFileSync(file, "utf8")
    .replace('  name: "Tỷ lệ xã đạt chuẩn nông thôn mới"', `  name: '${NAME.replace(/'/g, "''")}'`)
    .replace(/(- id: ntm-communes-share\n(?:  .*\n)*?  nameEn: )"[^"]*"/, `$1'${NAME_EN.replace(/'/g, "''")}'`);
  expect(yaml).toContain("<xã>");
  expect(yaml).toContain("<of>");
  writeFileSync(file, yaml);
  const db = join(mkdtempSync(join(tmpdir(), "portal-markup-db-")), "portal.sqlite");
  await buildDatabase({ dataDir: dir, outFile: db, buildDate: "2026-01-01" });
  server = await startServer(db);
  process.env.PORTAL_API_URL = `${server.url}/graphql`;
}, 180_000);
afterAll(async () => {
  await server?.close();
});

describe("one escaping for SVG and HTML", () => {
  it("escapes the five characters, so the text is safe in content and in quoted attributes", () => {
    expect(escapeXml(`a<b>&"c"'d'`)).toBe("a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;");
    const { document } = parseHTML("<!doctype html><html><body></body></html>");
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("aria-label", NAME);
    svg.appendChild(document.createElementNS("http://www.w3.org/2000/svg", "clipPath"));
    expect(svgMarkup(svg as never)).toBe(`<svg aria-label="${escapeXml(NAME)}"><clipPath/></svg>`);
  });

  it("an indicator whose name holds <, & and quotes: the chart file is XML that resvg draws, in both languages", async () => {
    const [indicator, about] = await Promise.all([getIndicator("ntm-communes-share"), getAbout()]);
    expect(indicator.name).toBe(NAME);
    for (const [lang, name] of [["vi", NAME], ["en", NAME_EN]] as const) {
      const svg = chartFileSvg(indicator, about, SITE, lang)!;
      expect(svg).not.toContain("<xã>");
      expect(svg).not.toContain("<of>");
      expect(svg).toContain(escapeXml(name));
      // resvg parses the file as XML: a raw "<" or "&" in an attribute was an error before.
      expect(chartFilePng(svg).subarray(0, 4).equals(PNG)).toBe(true);
      // The page's inline chart names itself exactly (the HTML parser reads back the very name, then the area).
      const chart = indicatorChart(indicator, { lang });
      expect(ariaLabel(chart.svg!)).toBe(`${name}, ${lang === "vi" ? "Tỉnh Thái Nguyên" : "Thái Nguyên Province"}`);
    }
  }, 120_000);

  it("an area name with <, & and quotes in a map and in ranked bars", () => {
    const shapes = shapesFileToGeoJson();
    const first = shapes.features[0];
    first.properties.name = `Xã <b>&"A"`;
    const values: MapValue[] = shapes.features.map((f) => ({ code: f.properties.code, value: f.properties.population as number, period: "2025" }));
    const map = choroplethMap(shapes, values, { title: NAME, unit: { kind: "COUNT", symbol: "người", name: "người", nameEn: "persons" }, locale: "vi", href: (c) => `/dia-ban/${c}/?a=1&b=2`, credits: ["Ranh giới <giản lược> & \"không\" pháp lý"], id: "markup" });
    expect(ariaLabel(map.svg)).toBe(NAME);
    expect(map.svg).not.toContain("<b>");
    expect(map.svg).toContain("?a=1&amp;b=2");
    const file = mapFileSvg(map, { title: NAME, footer: ["Nguồn: <x> & y"], locale: "vi" });
    expect(chartFilePng(file).subarray(0, 4).equals(PNG)).toBe(true);

    const bars = rankedBars(
      values.slice(0, 5).map((v, i) => ({ code: v.code, name: i === 0 ? `Xã <b>&"A"` : `Xã ${i}`, value: v.value!, period: "2025" })),
      { title: NAME, unit: { kind: "COUNT", symbol: "người", name: "người", nameEn: "persons" }, locale: "vi", href: (c) => `/dia-ban/${c}/?a=1&b=2` },
    );
    expect(ariaLabel(bars.svg)).toBe(NAME);
    expect(bars.svg).not.toContain("<b>");
    const wrapped = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400">${bars.svg.replace(/^<svg /, '<svg x="0" y="0" ')}</svg>`;
    expect(chartFilePng(wrapped).subarray(0, 4).equals(PNG)).toBe(true);
  });
});
