import { Cite } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PortalDatabase } from "../api/db/connect.js";
import { citationKey, escapeBibtex } from "../api/schema/citation/citation.js";
import { buildTestPortal, run, runRaw } from "./helpers/portal.js";

let portal: PortalDatabase;
let dataVersion: string;
beforeAll(async () => {
  portal = await buildTestPortal();
  dataVersion = (await run(portal, `{ about { dataVersion } }`)).about.dataVersion;
});
afterAll(() => portal?.close());

/** The latest province value of an indicator: its facts and permalink. */
async function latest(indicatorId: string) {
  const data = await run(portal, `query ($id: ID!) { indicator(id: $id) { latest { id value status vi: fact en: fact(lang: EN) permalink permalinkEn: permalink(lang: EN) } } }`, { id: indicatorId });
  return data.indicator.latest;
}

describe("Indicator.citation", () => {
  it("TEXT names the portal, the indicator, the data version, the access date, the sources and the permalink", async () => {
    const data = await run(portal, `{ indicator(id: "cho-4-0-markets") { vi: citation en: citation(lang: EN) sources { title publisher } } }`);
    const { vi, en } = data.indicator;
    expect(dataVersion).toMatch(/^2026-01-01\.[0-9a-f]{8}$/);
    expect(vi).toContain("Cổng dữ liệu mở Thái Nguyên (2026)");
    expect(vi).toContain("Số chợ 4.0 (chợ thanh toán không dùng tiền mặt)");
    expect(vi).toContain(`phiên bản dữ liệu ${dataVersion}`);
    expect(vi).toContain("Truy cập ngày 01/01/2026 tại http://localhost:4000/chi-so/cho-4-0-markets/");
    expect(data.indicator.sources.length).toBeGreaterThan(0);
    for (const source of data.indicator.sources) {
      expect(vi).toContain(source.title);
      expect(vi).toContain(source.publisher);
    }
    expect(en).toContain("Thái Nguyên Open Data Portal (2026). Chợ 4.0 digital markets (cashless-payment markets) [Dataset]");
    expect(en).toContain(`data version ${dataVersion}`);
    expect(en).toContain("Accessed 1 January 2026 at http://localhost:4000/en/indicators/cho-4-0-markets/");
  });

  it("BIBTEX parses as exactly one entry with the title, data version and URL", async () => {
    const data = await run(portal, `{ indicator(id: "ntm-communes-share") { name citation(format: BIBTEX) } }`);
    const bibtex: string = data.indicator.citation;
    expect(bibtex.startsWith(`@misc{${citationKey({ indicatorId: "ntm-communes-share", dataVersion })},`)).toBe(true);
    const entries = new Cite(bibtex).data;
    expect(entries).toHaveLength(1);
    expect(entries[0].title).toBe(data.indicator.name);
    expect(entries[0].version).toBe(dataVersion);
    expect(entries[0].URL).toBe("http://localhost:4000/chi-so/ntm-communes-share/");
    // The author is a corporate name in double braces: one name, not split into family and given.
    expect(entries[0].author).toHaveLength(1);
    expect(Object.values(entries[0].author![0])).toEqual(["Cổng dữ liệu mở Thái Nguyên"]);
    expect(entries[0].note).toContain("Thái Nguyên có 109 xã đạt chuẩn nông thôn mới");
  });

  it("BIBTEX keys are safe and special characters are escaped", () => {
    expect(citationKey({ indicatorId: "cho-4-0-markets", dataVersion: "2026-01-01.abcd1234" })).toBe("tnod-cho-4-0-markets-2026-01-01-abcd1234");
    expect(citationKey({ indicatorId: "a b{c}", dataVersion: "x%y" })).toMatch(/^[A-Za-z0-9-]+$/);
    expect(escapeBibtex("100% & {x} #1 a_b $ ~ ^ \\")).toBe("100\\% \\& \\{x\\} \\#1 a\\_b \\$ \\~{} \\^{} \\textbackslash{}");
    const parsed = new Cite(`@misc{k, title = {${escapeBibtex("50% of {all} & more")}}}`).data;
    expect(parsed[0].title).toBe("50% of {all} & more");
  });

  it("CSL_JSON is one CSL item of type dataset with title, version, URL and dates", async () => {
    const data = await run(portal, `{ indicator(id: "digital-economy-revenue") { nameEn citation(format: CSL_JSON, lang: EN) } }`);
    const items = JSON.parse(data.indicator.citation);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      type: "dataset", title: data.indicator.nameEn, version: dataVersion,
      URL: "http://localhost:4000/en/indicators/digital-economy-revenue/",
      issued: { "date-parts": [[2026, 1, 1]] }, accessed: { "date-parts": [[2026, 1, 1]] },
      author: [{ literal: "Thái Nguyên Open Data Portal" }], language: "en-GB",
    });
    // citation.js accepts it as CSL-JSON and keeps the type.
    expect(new Cite(items).data[0].type).toBe("dataset");
  });

  it("the permalink base comes from PORTAL_SITE_URL", async () => {
    const before = process.env.PORTAL_SITE_URL;
    process.env.PORTAL_SITE_URL = "https://data.example.vn/";
    try {
      const data = await run(portal, `{ indicator(id: "ntm-communes") { permalink en: permalink(lang: EN) citation(format: CSL_JSON) } }`);
      expect(data.indicator.permalink).toBe("https://data.example.vn/chi-so/ntm-communes/");
      expect(data.indicator.en).toBe("https://data.example.vn/en/indicators/ntm-communes/");
      expect(JSON.parse(data.indicator.citation)[0].URL).toBe("https://data.example.vn/chi-so/ntm-communes/");
    } finally {
      if (before === undefined) delete process.env.PORTAL_SITE_URL;
      else process.env.PORTAL_SITE_URL = before;
    }
  });

  it("an unknown format is refused with a GraphQL validation error", async () => {
    const result = await runRaw(portal, `{ indicator(id: "ntm-communes") { citation(format: RIS) } }`);
    expect(result.errors?.[0].message).toMatch(/CitationFormat/);
  });
});

describe("Observation.fact", () => {
  it("Chợ 4.0: 107 markets in 2023 with the source, in Vietnamese", async () => {
    const o = await latest("cho-4-0-markets");
    expect(o.vi).toBe(
      "Tỉnh Thái Nguyên có 107 chợ 4.0 (công bố năm 2023, không nêu kỳ số liệu; nguồn: “Đổi mới nội dung, phương thức tổ chức tạo động lực trong thi đua”, " +
        "không rõ cơ quan báo chí).",
    );
    // Each language names the publisher in its own words (no “– publisher unknown” gloss in the Vietnamese).
    expect(o.en).toContain("Thái Nguyên Province had 107 Chợ 4.0 digital markets (published 2023, period not stated; source: “Đổi mới nội dung");
    expect(o.en).toMatch(/, publisher unknown\)\.$/);
  });

  it("2,255 community digital teams: 2.255 in Vietnamese, 2,255 in English", async () => {
    const o = await latest("community-digital-teams");
    expect(o.value).toBe(2255);
    expect(o.vi).toContain("có 2.255 tổ công nghệ số cộng đồng");
    expect(o.en).toContain("had 2,255 community digital-technology teams");
    expect(o.vi).not.toContain("2,255");
  });

  it("digital-economy revenue: 357 nghìn tỷ đồng, marked as an estimate", async () => {
    const o = await latest("digital-economy-revenue");
    expect(o.status).toBe("ESTIMATE");
    expect(o.vi).toContain("ước tính là 357 nghìn tỷ đồng");
    expect(o.vi).toContain("(2023-H1;");
    expect(o.en).toContain("was an estimated VND 357 trillion");
  });

  it("a share computed by the portal says what it is computed from (109 of 137 = 79,6%)", async () => {
    const data = await run(portal, `{ indicator(id: "ntm-communes-share") { observations { value status period { label } vi: fact en: fact(lang: EN) } } }`);
    const h1 = data.indicator.observations.find((o: any) => o.period.label === "2022-H1");
    expect(h1.value).toBeCloseTo((109 / 137) * 100, 6);
    expect(h1.status).toBe("COMPUTED");
    expect(h1.vi).toContain("là 79,6% (tính từ số xã đạt chuẩn nông thôn mới và số xã; 2022-H1;");
    expect(h1.en).toContain("was 79.6% (computed from communes meeting the new-rural standard and rural communes; H1 2022;");
  });

  it("approximate values say xấp xỉ/approximately (the sources say “gần” or “khoảng”); period labels are translated; areas are named in full", async () => {
    const data = await run(portal, `{ observations(indicatorId: "farmer-households-registered") { nodes { status vi: fact en: fact(lang: EN) } } }`);
    const [o] = data.observations.nodes;
    expect(o.status).toBe("APPROXIMATE");
    expect(o.vi).toContain("của thành phố Thái Nguyên là xấp xỉ 74.000");
    expect(o.en).toContain("in Thái Nguyên City was approximately 74,000");
    const end2018 = await run(portal, `{ indicator(id: "ntm-communes") { observations(to: "2018-12-31") { en: fact(lang: EN) } } }`);
    expect(end2018.indicator.observations[0].en).toContain("had 88 communes meeting the new-rural standard (about end of 2018;");
  });

  it("a broken-down value names its part", async () => {
    const data = await run(portal, `{ indicator(id: "em-communes-ntm") { observations(includeBreakdowns: true) { value fact breakdown { id } } } }`);
    const areaI = data.indicator.observations.find((o: any) => o.breakdown?.id === "khu-vuc-i");
    expect(areaI.value).toBe(32);
    expect(areaI.fact).toContain("có 32 xã vùng dân tộc thiểu số và miền núi đạt 19 tiêu chí nông thôn mới (Khu vực I; khoảng 2021–2022;");
  });

  it("ranks read as ranks", async () => {
    const o = await latest("dti-rank");
    expect(o.vi).toContain("là thứ 8 (DTI 2024;");
    expect(o.en).toContain("was 8th (DTI 2024;");
  });

  it("every observation has a fact in both languages and a permalink to its anchor", async () => {
    const nodes: any[] = [];
    let after: string | null = null;
    let totalCount = 0;
    do {
      const page: any = await run(portal, `query($after: String) { observations(first: 1000, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id indicator { id } vi: fact en: fact(lang: EN) permalink } } }`, { after });
      nodes.push(...page.observations.nodes);
      totalCount = page.observations.totalCount;
      after = page.observations.pageInfo.hasNextPage ? page.observations.pageInfo.endCursor : null;
    } while (after);
    expect(nodes).toHaveLength(totalCount);
    expect(totalCount).toBeGreaterThan(1000);
    for (const o of nodes) {
      expect(o.vi).toMatch(/ \(.*nguồn: “.+”, .+\)\.$/);
      expect(o.en).toMatch(/ \(.*source: “.+”, .+\)\.$/);
      expect(o.en).not.toMatch(/NaN|undefined|null/);
      expect(o.permalink).toBe(`http://localhost:4000/chi-so/${o.indicator.id}/#obs-${o.id}`);
    }
    const cho = await latest("cho-4-0-markets");
    expect(cho.permalinkEn).toBe(`http://localhost:4000/en/indicators/cho-4-0-markets/#obs-${cho.id}`);
  });
});
