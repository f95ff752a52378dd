/**
 * Maps and ranked charts (site/src/lib/map, site/src/lib/ranked.ts): drawn from the real 2025
 * shapes (data/geography, converted to GeoJSON by tests/helpers/area-shapes.ts) with the real
 * values of that file (area, population: stand-ins for the API's observations), and the real
 * 2019 census by commune for the 180-bar ranking (no open shapes exist for the 2019 units).
 */
import { geoArea } from "d3-geo";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { chartFilePng } from "../site/src/lib/chart-file.js";
import { classIndex, classThresholds, mapClasses, niceRound } from "../site/src/lib/map/classes.js";
import { checkShapes, choroplethMap, locatorMap, mapFileSvg, projectShapes, ShapeError, type AreaShapes, type MapValue } from "../site/src/lib/map/index.js";
import { compactPath } from "../site/src/lib/map/svg.js";
import { competitionRanks, rankedBars, type RankedItem } from "../site/src/lib/ranked.js";
import { mapCoverage } from "../site/src/lib/indicator-map.js";
import { readShapesFile, shapesFileToGeoJson } from "./helpers/area-shapes.js";

const PERSONS = { kind: "COUNT" as const, symbol: "người", name: "người", nameEn: "persons" };
const AREA = { kind: "AREA" as const, symbol: "km²", name: "km²", nameEn: "square kilometres" };
const CREDITS = ["Ranh giới: vietnam-3d-map (MIT), theo gis.vn; dân số: sapnhap.bando.com.vn.", "Ranh giới đã giản lược để hiển thị, không phải địa giới pháp lý."];
const href = (code: string) => `/dia-ban/${code}/`;
/** Ceilings over the sizes measured (choropleth 56 KB, locator 30 KB, 180 bars 82 KB), with room. */
const CEILING = { choropleth: 70_000, locator: 40_000, ranked180: 100_000 };

const shapes = shapesFileToGeoJson();
/** A deep copy: a new object, so nothing cached for `shapes` is reused (as in a new build). */
const fresh = (): AreaShapes => JSON.parse(JSON.stringify(shapes));
const population = (except: string[] = []): MapValue[] =>
  shapes.features.filter((f) => !except.includes(f.properties.code)).map((f) => ({ code: f.properties.code, value: f.properties.population as number, period: "2025" }));
const dom = (markup: string) => parseHTML(`<!doctype html><html><body>${markup}</body></html>`).document;
const bytes = (text: string) => Buffer.byteLength(text, "utf8");

describe("the 2025 shapes as GeoJSON (test helper; the ingest owns the real conversion)", () => {
  it("holds the 92 commune-level units with the file's area and population", () => {
    expect(shapes.features).toHaveLength(92);
    const total = (key: string) => shapes.features.reduce((sum, f) => sum + (f.properties[key] as number), 0);
    expect(Math.round(total("area") * 100) / 100).toBe(8375.27);
    expect(total("population")).toBe(1799489);
    // The id that lost its leading zero, named from the GSO list.
    expect(readShapesFile().wards.some((w) => w.id === "5665")).toBe(true);
    expect(shapes.features.find((f) => f.properties.code === "05665")?.properties.name).toBe("Xã Văn Lăng");
  });
});

describe("winding and broken geometry (d3-geo is spherical)", () => {
  it("rewinds the file's RFC 7946 rings so that no area covers the globe, without changing the input", () => {
    const before = JSON.stringify(shapes);
    const raw = shapes.features.map((f) => geoArea(f));
    // Read as d3 reads them, most rings are "the globe minus the commune".
    expect(raw.filter((a) => a > 2 * Math.PI).length).toBeGreaterThan(80);
    const { shapes: checked, rewoundRings } = checkShapes(shapes);
    expect(rewoundRings).toBeGreaterThan(90);
    for (const f of checked.features) expect(geoArea(f)).toBeLessThan(0.0001);
    expect(JSON.stringify(shapes)).toBe(before);
  });

  it("corrects a deliberately reversed ring: the map is byte-identical to the one from the original", () => {
    const reversed = fresh();
    const target = reversed.features.find((f) => f.properties.code === "05443")!;
    expect(target.geometry.type).toBe("Polygon");
    const ring = (target.geometry.coordinates as number[][][])[0];
    ring.reverse();
    const { shapes: checked } = checkShapes(reversed);
    const original = checkShapes(shapes).shapes;
    expect(checked.features.find((f) => f.properties.code === "05443")!.geometry).toEqual(original.features.find((f) => f.properties.code === "05443")!.geometry);
    const options = { title: "Dân số", unit: PERSONS, locale: "vi" as const, href, credits: CREDITS, id: "pop" };
    expect(choroplethMap(reversed, population(), options).svg).toBe(choroplethMap(fresh(), population(), options).svg);
  });

  it("refuses a broken geometry with the area's code and what is wrong", () => {
    const broken = (edit: (s: AreaShapes) => void) => {
      const s = fresh();
      edit(s);
      return () => checkShapes(s);
    };
    const first = (s: AreaShapes) => (s.features[0].geometry.coordinates as number[][][])[0];
    const code = shapes.features[0].properties.code;
    expect(broken((s) => first(s).pop())).toThrow(new RegExp(`Shape of ${code} .*ring 1 of polygon 1 is not closed`));
    expect(broken((s) => (first(s)[3] = [NaN, 21.5]))).toThrow(/position 4: \[null,21.5\] is not a \[longitude, latitude\] pair/);
    expect(broken((s) => (first(s)[3] = [1_200_000, 2_400_000]))).toThrow(ShapeError);
    expect(broken((s) => (s.features[1].properties.code = s.features[0].properties.code))).toThrow(/appears twice/);
    expect(broken((s) => ((s.features[0].properties as { code?: string }).code = undefined))).toThrow(/feature 0 has no properties.code/);
    expect(broken((s) => ((s.features[0].geometry as unknown as { type: string }).type = "LineString"))).toThrow(/must be a Polygon or MultiPolygon, not LineString/);
    // A "hole" as large as its exterior: nothing left to draw.
    expect(broken((s) => {
      const g = s.features[0].geometry as { coordinates: number[][][] };
      g.coordinates = [g.coordinates[0], [...g.coordinates[0]].reverse()];
    })).toThrow(/no area|more than a hemisphere/);
  });
});

describe("choropleth map", () => {
  const missingCodes = ["05443", "05809", "02014"];
  const map = choroplethMap(shapes, population(missingCodes), { title: "Dân số theo xã, phường, 2025", unit: PERSONS, locale: "vi", href, credits: CREDITS, id: "pop" });
  const document = dom(map.html);
  const svg = document.querySelector("svg.map")!;
  const names = new Map(shapes.features.map((f) => [f.properties.code, f.properties.name]));

  it("draws the 92 units, each a link to its page with a <title> naming it, its value with unit and period", () => {
    const links = Array.from(svg.querySelectorAll(".map-areas a"));
    expect(links).toHaveLength(92);
    expect(svg.querySelectorAll(".map-areas path")).toHaveLength(92);
    const byHref = new Map(links.map((a) => [a.getAttribute("href"), a]));
    for (const [code, name] of names) {
      const link = byHref.get(`/dia-ban/${code}/`)!;
      expect(link, code).toBeTruthy();
      expect(link.querySelector("title")!.textContent!.startsWith(`${name}: `)).toBe(true);
      expect(link.getAttribute("aria-label")).toBe(link.querySelector("title")!.textContent);
    }
    // Phường Phan Đình Phùng has no value here; Phường Sông Công has 21.039 people.
    expect(byHref.get("/dia-ban/05518/")!.querySelector("title")!.textContent).toBe("Phường Sông Công: 21.039 người (2025)");
    expect(byHref.get("/dia-ban/05443/")!.querySelector("title")!.textContent).toBe("Phường Phan Đình Phùng: không có số liệu");
  });

  it("hatches the units without a value and names them under the map", () => {
    const hatched = Array.from(svg.querySelectorAll('.map-areas path[fill="url(#pop-hatch)"]')).map((p) => p.parentElement!.getAttribute("href"));
    expect(hatched.sort()).toEqual(missingCodes.map(href).sort());
    expect(svg.querySelector("pattern#pop-hatch")).toBeTruthy();
    expect(map.missing.map((m) => m.code).sort()).toEqual([...missingCodes].sort());
    const list = document.querySelector(".map-missing")!;
    expect(list.textContent).toBe("Không có số liệu (3): Phường Phan Đình Phùng, Xã An Khánh, Xã Bạch Thông.");
    expect(Array.from(list.querySelectorAll("a")).map((a) => a.getAttribute("href"))).toEqual(["/dia-ban/05443/", "/dia-ban/05809/", "/dia-ban/02014/"]);
    // Every other unit is filled with a class colour.
    const coloured = Array.from(svg.querySelectorAll(".map-areas path")).filter((p) => /^#[0-9a-f]{6}$/.test(p.getAttribute("fill")!));
    expect(coloured).toHaveLength(89);
  });

  it("has a legend of the classes in the page's number format and a no-data swatch", () => {
    expect(map.thresholds).toEqual([7500, 10000, 20000, 25000]);
    const items = Array.from(document.querySelectorAll(".map-legend li")).map((li) => li.textContent);
    expect(items).toEqual(["< 7.500", "7.500–10.000", "10.000–20.000", "20.000–25.000", "≥ 25.000", "Không có số liệu"]);
    expect(document.querySelector(".map-legend__title")!.textContent).toBe("người");
    expect(document.querySelector(".map-legend li:last-child > svg > rect")!.getAttribute("fill")).toBe("url(#pop-hatch-key)");
    // Every class holds units, and the counts add up to the units with a value.
    expect(map.classes.map((c) => c.count).reduce((a, b) => a + b)).toBe(89);
    for (const c of map.classes) expect(c.count).toBeGreaterThan(0);
    // The legend's colours are the map's.
    const fills = new Set(Array.from(svg.querySelectorAll(".map-areas path")).map((p) => p.getAttribute("fill")));
    for (const c of map.classes) expect(fills.has(c.colour)).toBe(true);
    const english = choroplethMap(shapes, population(), { title: "Population", unit: PERSONS, locale: "en", href, credits: CREDITS, id: "pop" });
    expect(english.classes.map((c) => c.label)).toEqual(["< 7,500", "7,500–10,000", "10,000–20,000", "20,000–25,000", "≥ 25,000"]);
    expect(english.missingHtml).toBe("");
    expect(english.svg).toContain("<title>Sông Công Ward: 21,039 persons (2025)</title>");
  });

  it("is one accessible object: a named group of named links, or an image without them", () => {
    expect(svg.getAttribute("role")).toBe("group");
    expect(svg.getAttribute("aria-label")).toBe("Dân số theo xã, phường, 2025");
    expect(svg.querySelector("desc")!.textContent).toBe("Dân số theo xã, phường, 2025: bản đồ 89 địa bàn có số liệu, màu càng đậm giá trị càng cao (người: < 7.500; 7.500–10.000; 10.000–20.000; 20.000–25.000; ≥ 25.000). 3 địa bàn không có số liệu, tô gạch chéo.");
    // No ARIA left on Plot's inner groups; the outline is decoration.
    expect(svg.querySelectorAll("g[aria-label]")).toHaveLength(0);
    expect(svg.querySelector(".map-outline")!.getAttribute("aria-hidden")).toBe("true");
    const plain = choroplethMap(shapes, population(), { title: "Diện tích", unit: AREA, locale: "vi", credits: CREDITS, id: "area" });
    expect(plain.svg).toMatch(/^<svg[^>]* role="img"/);
    expect(plain.svg).not.toContain("<a ");
    expect((plain.svg.match(/<title>/g) ?? []).length).toBe(93);
    expect(document.querySelectorAll(".map-credits p")).toHaveLength(2);
    expect(document.querySelector(".map-credits")!.textContent).toContain("không phải địa giới pháp lý");
  });

  it("is small: paths at 0.1 px, relative moves, one outline, under the ceiling", () => {
    expect(bytes(map.svg)).toBeLessThan(CEILING.choropleth);
    for (const d of Array.from(svg.querySelectorAll("path"), (p) => p.getAttribute("d")!)) expect(d).not.toMatch(/\d\.\d\d/);
    expect(svg.querySelectorAll(".map-outline path")).toHaveLength(1);
  });

  it("puts every position where the projection put it (relative moves do not drift)", () => {
    const projected = projectShapes(shapes, { width: 420, minArea: 4 });
    const area = projected.areas.find((a) => a.properties.code === "05518")!;
    const rings = area.geometry.type === "Polygon" ? [area.geometry.coordinates] : area.geometry.coordinates;
    const absolute = rings.map((polygon) => polygon.map((ring) => `M${ring.slice(0, -1).map((p) => p.join(",")).join("L")}Z`).join("")).join("");
    const decoded = decodePath(compactPath(absolute));
    expect(decoded).toEqual(rings.flatMap((polygon) => polygon.map((ring) => ring.slice(0, -1))));
    // 1.75 → 1.8 and -0.25 → -0.2 (half rounds up), each position rounded, then the moves between them.
    expect(compactPath("M0,0L1.2,0L1.2,3L1.7,3L1.75,-0.25Z")).toBe("M0 0l1.2 0 0 3 .5 0 .1-3.2z");
  });

  it("is byte-identical from one build to the next, whatever else was drawn before", () => {
    const options = { title: "Dân số", unit: PERSONS, locale: "vi" as const, href, credits: CREDITS, id: "pop" };
    const a = choroplethMap(fresh(), population(missingCodes), options);
    locatorMap(fresh(), { code: "05518", locale: "vi" });
    rankedBars(census2019(), { title: "x", unit: PERSONS, locale: "vi" });
    const b = choroplethMap(fresh(), population(missingCodes), options);
    expect(b.html).toBe(a.html);
    expect(a.svg).not.toMatch(/plot-clip|plot-pattern|-\d+-\d+"/);
  });

  it("refuses values it cannot draw, rather than dropping them", () => {
    const options = { title: "Dân số", unit: PERSONS, locale: "vi" as const, credits: CREDITS, id: "pop" };
    expect(() => choroplethMap(shapes, [...population(), { code: "05431", value: 9383 }], options)).toThrow(/no shape for 05431/);
    expect(() => choroplethMap(shapes, [...population(), population()[0]], options)).toThrow(/two values for/);
    expect(() => choroplethMap(shapes, population(), { ...options, credits: [] })).toThrow(/credits/);
    expect(() => choroplethMap(shapes, population(), { ...options, id: "1 bad" })).toThrow(/id prefix/);
  });
});

describe("map classes", () => {
  it("rounds thresholds to numbers a legend can show", () => {
    expect([490, 17000, 12000, 0.073, 445.86, -12, 1].map(niceRound)).toEqual([500, 15000, 10000, 0.075, 400, -10, 1]);
  });

  it("puts a value on a threshold in the class above it, and never makes an empty end class", () => {
    expect(classIndex(7500, [7500, 10000])).toBe(1);
    expect(classIndex(7499, [7500, 10000])).toBe(0);
    expect(classThresholds([5, 5, 5, 5])).toEqual([]);
    expect(mapClasses([], [5], PERSONS, "vi").map((c) => c.label)).toEqual(["mọi giá trị"]);
    const density = shapes.features.map((f) => (f.properties.population as number) / (f.properties.area as number));
    const thresholds = classThresholds(density, 5);
    expect(thresholds).toEqual([60, 100, 250, 500]);
    expect(mapClasses(thresholds, density, PERSONS, "vi").every((c) => c.count > 0)).toBe(true);
    expect(() => mapClasses([10, 5], [], PERSONS, "vi")).toThrow(/must increase/);
  });
});

describe("locator map", () => {
  it("highlights one unit among the 92 and rings it when it is too small to see", () => {
    const small = locatorMap(shapes, { code: "05518", locale: "vi" });
    const document = dom(small.svg);
    const paths = Array.from(document.querySelectorAll(".map-areas path"));
    expect(paths).toHaveLength(92);
    expect(paths.filter((p) => p.getAttribute("fill") === "#1d3557")).toHaveLength(1);
    expect(paths.find((p) => p.getAttribute("fill") === "#1d3557")!.querySelector("title")!.textContent).toBe("Phường Sông Công");
    expect(document.querySelectorAll(".map-marker circle")).toHaveLength(1);
    expect(document.querySelector("svg")!.getAttribute("role")).toBe("img");
    expect(document.querySelector("svg")!.getAttribute("aria-label")).toBe("Vị trí của Phường Sông Công trong tỉnh");
    expect(bytes(small.svg)).toBeLessThan(CEILING.locator);
    // A large commune needs no ring.
    expect(locatorMap(shapes, { code: "01864", locale: "en" }).svg).not.toContain("map-marker");
    expect(() => locatorMap(shapes, { code: "05431", locale: "vi" })).toThrow(/no shape has the code 05431/);
  });
});

describe("map as a file (SVG and PNG)", () => {
  it("draws the title, legend, map, missing units and credits in one SVG that rasterises", () => {
    const map = choroplethMap(shapes, population(["05443"]), { title: "Dân số", unit: PERSONS, locale: "vi", credits: CREDITS, id: "pop" });
    const file = mapFileSvg(map, { title: "Dân số theo xã, phường", subtitle: "Tỉnh Thái Nguyên, 1/7/2025", footer: ["Cổng dữ liệu mở Thái Nguyên"], locale: "vi" });
    for (const text of ["Dân số theo xã, phường", "&lt; 7.500", "≥ 25.000", "Không có số liệu", "Không có số liệu (1): Phường Phan Đình Phùng.", "không phải địa giới pháp lý", "Cổng dữ liệu mở Thái Nguyên"]) expect(file).toContain(text);
    expect(file).toMatch(/^<\?xml/);
    const png = chartFilePng(file);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
  });
});

describe("ranked bars", () => {
  const items = census2019();
  const chart = rankedBars(items, { title: "Dân số theo xã, 1/4/2019", unit: PERSONS, locale: "vi", groups: DISTRICTS_2019, href, highlight: "05449" });
  const document = dom(chart.svg);

  it("uses the real census figures (1,286,751 people; Đại Từ 171,703)", () => {
    expect(items).toHaveLength(180);
    expect(items.reduce((sum, i) => sum + i.value, 0)).toBe(1286751);
    expect(items.filter((i) => i.group === "171").reduce((sum, i) => sum + i.value, 0)).toBe(171703);
  });

  it("draws the 180 communes of 2019, each bar with a title: name, district, value, period, rank", () => {
    const bars = Array.from(document.querySelectorAll(".ranked-bars rect"));
    expect(bars).toHaveLength(180);
    const titles = bars.map((b) => b.querySelector("title")!.textContent!);
    expect(titles).toContain("Phường Đồng Tiến (Thị xã Phổ Yên): 33.711 người (1/4/2019), thứ 1/180");
    expect(titles).toContain("Xã Bảo Linh (Huyện Định Hóa): 2.043 người (1/4/2019), thứ 180/180");
    // The two communes of 4,306 people share a rank.
    const tied = titles.filter((t) => t.includes(": 4.306 người"));
    expect(tied).toHaveLength(2);
    expect(new Set(tied.map((t) => t.split(", ").pop()))).toHaveProperty("size", 1);
  });

  it("groups the bars under their district's name, sorted within each, on one scale", () => {
    const headings = Array.from(document.querySelectorAll(".ranked-groups text"), (t) => t.textContent);
    expect(headings).toEqual(["Thành phố Thái Nguyên (32)", "Thành phố Sông Công (11)", "Huyện Định Hóa (24)", "Huyện Phú Lương (15)", "Huyện Đồng Hỷ (15)", "Huyện Võ Nhai (15)", "Huyện Đại Từ (30)", "Thị xã Phổ Yên (18)", "Huyện Phú Bình (20)"]);
    const bars = Array.from(document.querySelectorAll(".ranked-bars rect"), (b) => ({ y: Number(b.getAttribute("y")), width: Number(b.getAttribute("width")), title: b.querySelector("title")!.textContent! }));
    const byY = [...bars].sort((a, b) => a.y - b.y);
    const daiTu = byY.filter((b) => b.title.includes("(Huyện Đại Từ)"));
    expect(daiTu).toHaveLength(30);
    for (let i = 1; i < daiTu.length; i++) expect(daiTu[i].width).toBeLessThanOrEqual(daiTu[i - 1].width);
    // One scale: the longest bar of all is Đồng Tiến's.
    expect(bars.reduce((a, b) => (b.width > a.width ? b : a)).title).toMatch(/^Phường Đồng Tiến/);
  });

  it("is readable on a 360 px phone: drawn 296 px wide (what a figure leaves), no text under 12 px, names linked and named", () => {
    expect(chart.width).toBe(296);
    const sizes = Array.from(chart.svg.matchAll(/font-size(?:="|:)(\d+(?:\.\d+)?)/g), (m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(0);
    for (const size of sizes) expect(size).toBeGreaterThanOrEqual(12);
    const svg = document.querySelector("svg")!;
    expect(svg.getAttribute("role")).toBe("group");
    const links = Array.from(svg.querySelectorAll(".ranked-names a"));
    expect(links).toHaveLength(180);
    const own = links.find((a) => a.getAttribute("href") === "/dia-ban/05449/")!;
    expect(own.getAttribute("aria-label")).toBe("Phường Phan Đình Phùng (Thành phố Thái Nguyên): 21.394 người (1/4/2019), thứ 2/180");
    expect(own.closest("g")!.getAttribute("font-weight")).toBe("700");
    expect(bytes(chart.svg)).toBeLessThan(CEILING.ranked180);
    expect(rankedBars(census2019(), { title: "Dân số theo xã, 1/4/2019", unit: PERSONS, locale: "vi", groups: DISTRICTS_2019, href, highlight: "05449" }).svg).toBe(chart.svg);
  });

  it("compares up to a dozen units: the 9 districts, largest first, ranks of 9", () => {
    const districts = DISTRICTS_2019.map((d) => ({ code: d.code, name: d.name, value: items.filter((i) => i.group === d.code).reduce((s, i) => s + i.value, 0), period: "1/4/2019" }));
    const small = rankedBars(districts, { title: "Population by district, 2019", unit: PERSONS, locale: "en", highlight: "171" });
    const doc = dom(small.svg);
    const titles = Array.from(doc.querySelectorAll(".ranked-bars rect title"), (t) => t.textContent);
    expect(titles).toHaveLength(9);
    expect(titles[0]).toBe("Thành phố Thái Nguyên: 340,403 persons (1/4/2019), rank 1/9");
    expect(titles).toContain("Huyện Đại Từ: 171,703 persons (1/4/2019), rank 3/9");
    expect(small.ranks.get("171")).toEqual({ rank: 3, of: 9 });
    expect(doc.querySelector("svg")!.getAttribute("role")).toBe("img");
    // Đại Từ dark, the others light; an area not in the chart highlights nothing.
    expect(Array.from(doc.querySelectorAll(".ranked-bars rect"), (r) => r.getAttribute("fill")).filter((f) => f === "#1d3557")).toHaveLength(1);
    const none = dom(rankedBars(districts, { title: "t", unit: PERSONS, locale: "en", highlight: "05443" }).svg);
    expect(new Set(Array.from(none.querySelectorAll(".ranked-bars rect"), (r) => r.getAttribute("fill")))).toEqual(new Set(["#1d3557"]));
    expect(Array.from(doc.querySelectorAll(".ranked-values text"), (t) => t.textContent)[0]).toBe("340,403");
  });

  it("ranks ties together (1, 2, 2, 4), in either order", () => {
    const values = [{ code: "a", value: 5 }, { code: "b", value: 3 }, { code: "c", value: 3 }, { code: "d", value: 1 }];
    expect([...competitionRanks(values)]).toEqual([["a", 1], ["b", 2], ["c", 2], ["d", 4]]);
    expect(competitionRanks(values, "ascending").get("d")).toBe(1);
    expect(() => rankedBars([{ code: "a", name: "A", value: 1, group: "x" }], { title: "t", unit: PERSONS, locale: "vi", groups: [] })).toThrow(/not in any of the groups/);
  });
});

/** Absolute positions of a compacted path (M, l, z only), one list per ring. */
function decodePath(d: string): number[][][] {
  const rings: number[][][] = [];
  let ring: number[][] = [];
  let [x, y] = [0, 0];
  let command = "";
  const numbers: number[] = [];
  for (const token of d.match(/[Mlz]|-?(\d+(\.\d+)?|\.\d+)/g)!) {
    if (token === "z") {
      rings.push(ring);
      ring = [];
    } else if (token === "M" || token === "l") command = token;
    else if (numbers.push(Number(token)) === 2) {
      const [a, b] = numbers.splice(0);
      [x, y] = command === "M" ? [a * 10, b * 10] : [x + Math.round(a * 10), y + Math.round(b * 10)];
      ring.push([x / 10, y / 10]);
    }
  }
  return rings;
}

/** The district-level units of 2019-04-01 (Phổ Yên was a thị xã until 2022-04-10: data/geography/changes.yaml). */
const DISTRICTS_2019 = [
  ["164", "Thành phố Thái Nguyên"], ["165", "Thành phố Sông Công"], ["167", "Huyện Định Hóa"], ["168", "Huyện Phú Lương"], ["169", "Huyện Đồng Hỷ"],
  ["170", "Huyện Võ Nhai"], ["171", "Huyện Đại Từ"], ["172", "Thị xã Phổ Yên"], ["173", "Huyện Phú Bình"],
].map(([code, name]) => ({ code, name }));

/** The 180 commune-level units of 2019-04-01 and their census population. */
function census2019(): RankedItem[] {
  return CENSUS_2019.trim().split("\n").map((line) => {
    const [code, group, value, ...name] = line.split(" ");
    return { code, group, value: Number(value), name: name.join(" "), period: "1/4/2019" };
  });
}

/**
 * 2019 Population and Housing Census (GSO), population by commune on 2019-04-01: code, district,
 * persons, name, as compiled in the shared census file (data README: read from
 * hgscarlette/vn-demographic, VN_Population_ward.csv, commit bfc5508). D1 ingests the same
 * figures into data/facts/observations/; once that is merged, read them from there instead.
 */
const CENSUS_2019 = `
05431 164 9383 Phường Quán Triều
05434 164 8172 Phường Quang Vinh
05437 164 11726 Phường Túc Duyên
05440 164 14818 Phường Hoàng Văn Thụ
05443 164 6538 Phường Trưng Vương
05446 164 18985 Phường Quang Trung
05449 164 21394 Phường Phan Đình Phùng
05452 164 15155 Phường Tân Thịnh
05455 164 14220 Phường Thịnh Đán
05458 164 11860 Phường Đồng Quang
05461 164 14101 Phường Gia Sàng
05464 164 10620 Phường Tân Lập
05467 164 11200 Phường Cam Giá
05470 164 11027 Phường Phú Xá
05473 164 11830 Phường Hương Sơn
05476 164 13632 Phường Trung Thành
05479 164 4995 Phường Tân Thành
05482 164 6832 Phường Tân Long
05485 164 3996 Xã Phúc Hà
05488 164 5707 Xã Phúc Xuân
05491 164 17252 Xã Quyết Thắng
05494 164 6244 Xã Phúc Trìu
05497 164 8707 Xã Thịnh Đức
05500 164 13528 Phường Tích Lương
05503 164 5783 Xã Tân Cương
05506 165 12839 Phường Lương Sơn
05509 165 2880 Phường Lương Châu
05512 165 6741 Phường Mỏ Chè
05515 165 5425 Phường Cải Đan
05518 165 7632 Phường Thắng Lợi
05521 165 6305 Phường Phố Cò
05524 165 2797 Xã Vinh Sơn
05527 165 5161 Xã Tân Quang
05528 165 6185 Phường Bách Quang
05530 165 8531 Xã Bình Sơn
05533 165 4886 Xã Bá Xuyên
05536 167 6526 Thị trấn Chợ Chu
05539 167 2598 Xã Linh Thông
05542 167 3685 Xã Lam Vỹ
05545 167 4146 Xã Quy Kỳ
05548 167 4028 Xã Tân Thịnh
05551 167 2675 Xã Kim Phượng
05554 167 2043 Xã Bảo Linh
05557 167 2142 Xã Kim Sơn
05560 167 2613 Xã Phúc Chu
05563 167 3032 Xã Tân Dương
05566 167 3475 Xã Phượng Tiến
05569 167 3913 Xã Bảo Cường
05572 167 4161 Xã Đồng Thịnh
05575 167 2674 Xã Định Biên
05578 167 3556 Xã Thanh Định
05581 167 4672 Xã Trung Hội
05584 167 3772 Xã Trung Lương
05587 167 3406 Xã Bình Yên
05590 167 4097 Xã Điềm Mặc
05593 167 3157 Xã Phú Tiến
05596 167 3839 Xã Bộc Nhiêu
05599 167 4929 Xã Sơn Phú
05602 167 5724 Xã Phú Đình
05605 167 4425 Xã Bình Thành
05608 168 3542 Thị trấn Giang Tiên
05611 168 8829 Thị trấn Đu
05614 168 6777 Xã Yên Ninh
05617 168 6118 Xã Yên Trạch
05620 168 7245 Xã Yên Đổ
05623 168 7085 Xã Yên Lạc
05626 168 3300 Xã Ôn Lương
05629 168 8882 Xã Động Đạt
05632 168 3163 Xã Phủ Lý
05635 168 5768 Xã Phú Đô
05638 168 2596 Xã Hợp Thành
05641 168 8826 Xã Tức Tranh
05644 168 10471 Xã Phấn Mễ
05647 168 9227 Xã Vô Tranh
05650 168 10463 Xã Cổ Lũng
05653 164 15357 Xã Sơn Cẩm
05656 169 3895 Thị trấn Sông Cầu
05659 164 11816 Phường Chùa Hang
05662 169 3848 Thị trấn Trại Cau
05665 169 5228 Xã Văn Lăng
05668 169 5987 Xã Tân Long
05671 169 2892 Xã Hòa Bình
05674 169 3386 Xã Quang Sơn
05677 169 6579 Xã Minh Lập
05680 169 10983 Xã Văn Hán
05683 169 4765 Xã Hóa Trung
05686 169 7106 Xã Khe Mo
05689 169 3407 Xã Cây Thị
05692 169 12312 Xã Hóa Thượng
05695 164 7375 Xã Cao Ngạn
05698 169 6283 Xã Hợp Tiến
05701 164 10017 Xã Linh Sơn
05704 169 5064 Xã Tân Lợi
05707 169 10686 Xã Nam Hòa
05710 164 7172 Phường Đồng Bẩm
05713 164 6202 Xã Huống Thượng
05716 170 3810 Thị trấn Đình Cả
05719 170 2820 Xã Sảng Mộc
05722 170 2996 Xã Nghinh Tường
05725 170 2606 Xã Thần Xa
05728 170 2943 Xã Vũ Chấn
05731 170 2486 Xã Thượng Nung
05734 170 4936 Xã Phú Thượng
05737 170 2855 Xã Cúc Đường
05740 170 8082 Xã La Hiên
05743 170 6728 Xã Lâu Thượng
05746 170 7529 Xã Tràng Xá
05749 170 4306 Xã Phương Giao
05752 170 4605 Xã Liên Minh
05755 170 6212 Xã Dân Tiến
05758 170 5166 Xã Bình Long
05761 171 15800 Thị trấn Hùng Sơn
05764 171 3259 Thị trấn Quân Chu
05767 171 4306 Xã Phúc Lương
05770 171 4232 Xã Minh Tiến
05773 171 11342 Xã Yên Lãng
05776 171 2963 Xã Đức Lương
05779 171 4813 Xã Phú Cường
05782 171 3083 Xã Na Mao
05785 171 6822 Xã Phú Lạc
05788 171 5569 Xã Tân Linh
05791 171 4017 Xã Phú Thịnh
05794 171 6467 Xã Phục Linh
05797 171 6620 Xã Phú Xuyên
05800 171 7358 Xã Bản Ngoại
05803 171 6503 Xã Tiên Hội
05809 171 6663 Xã Cù Vân
05812 171 5100 Xã Hà Thượng
05815 171 3695 Xã La Bằng
05818 171 4968 Xã Hoàng Nông
05821 171 6377 Xã Khôi Kỳ
05824 171 6017 Xã An Khánh
05827 171 3826 Xã Tân Thái
05830 171 6629 Xã Bình Thuận
05833 171 4142 Xã Lục Ba
05836 171 5563 Xã Mỹ Yên
05839 171 3490 Xã Vạn Thọ
05842 171 7068 Xã Văn Yên
05845 171 7723 Xã Ký Phú
05848 171 3778 Xã Cát Nê
05851 171 3510 Xã Quân Chu
05854 172 6469 Phường Bãi Bông
05857 172 3531 Phường Bắc Sơn
05860 172 10580 Phường Ba Hàng
05863 172 3161 Xã Phúc Tân
05866 172 14359 Xã Phúc Thuận
05869 172 13744 Xã Hồng Tiến
05872 172 8258 Xã Minh Đức
05875 172 10706 Xã Đắc Sơn
05878 172 33711 Phường Đồng Tiến
05881 172 16327 Xã Thành Công
05884 172 16235 Xã Tiên Phong
05887 172 8949 Xã Vạn Phái
05890 172 8310 Xã Nam Tiến
05893 172 9578 Xã Tân Hương
05896 172 8824 Xã Đông Cao
05899 172 11849 Xã Trung Thành
05902 172 5857 Xã Tân Phú
05905 172 5930 Xã Thuận Thành
05908 173 9456 Thị trấn Hương Sơn
05911 173 6684 Xã Bàn Đạt
05914 164 4759 Xã Đồng Liên
05917 173 8263 Xã Tân Khánh
05920 173 7967 Xã Tân Kim
05923 173 5523 Xã Tân Thành
05926 173 5683 Xã Đào Xá
05929 173 7163 Xã Bảo Lý
05932 173 9468 Xã Thượng Đình
05935 173 8940 Xã Tân Hòa
05938 173 8248 Xã Nhã Lộng
05941 173 9889 Xã Điềm Thụy
05944 173 8313 Xã Xuân Phương
05947 173 9767 Xã Tân Đức
05950 173 6123 Xã Úc Kỳ
05953 173 4866 Xã Lương Phú
05956 173 11371 Xã Nga My
05959 173 9115 Xã Kha Sơn
05962 173 5874 Xã Thanh Ninh
05965 173 7432 Xã Dương Thành
05968 173 6659 Xã Hà Châu
`;

describe("the map tab's views (lib/indicator-map)", () => {
  const period = (end: string, start = end) => ({ start, end, label: end, basis: "REFERENCE" as const });
  const row = (level: "COMMUNE" | "DISTRICT" | "PROVINCE", end: string, areasWithValue: number, harmonisedTo: string | null = null) => ({ level, harmonisedTo, areasWithValue, areaCount: level === "DISTRICT" ? 9 : 92, period: period(end) });

  it("draws the latest period of each kind: 2025 communes on the map, the census carried to them, 2019 communes in bars, districts only when two or more have a value", () => {
    const picks = mapCoverage([
      row("COMMUNE", "2019-04-01", 180),
      row("COMMUNE", "2019-04-01", 44, "2025-07-01"),
      row("COMMUNE", "2025-07-01", 92),
      row("DISTRICT", "2019-04-01", 9),
      row("DISTRICT", "2023-12-31", 1),
      row("PROVINCE", "2024-12-31", 1),
    ]);
    expect(picks.map((p) => [p.kind, p.coverage.period.end, p.coverage.areasWithValue])).toEqual([
      ["choropleth", "2025-07-01", 92],
      ["harmonised", "2019-04-01", 44],
      ["communes", "2019-04-01", 180],
      // 2023 has one district only: no ranking of one; 2019's nine are drawn.
      ["districts", "2019-04-01", 9],
    ]);
    expect(mapCoverage([row("PROVINCE", "2024-12-31", 1), row("DISTRICT", "2023-12-31", 1)])).toEqual([]);
  });
});
