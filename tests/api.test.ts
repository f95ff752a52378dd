import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PortalDatabase } from "../api/db/connect.js";
import { buildTestPortal, run, runRaw } from "./helpers/portal.js";

let portal: PortalDatabase;
beforeAll(async () => {
  portal = await buildTestPortal();
});
afterAll(() => portal?.close());

const LATEST = `query ($id: ID!) { indicator(id: $id) { unit { id kind } latest { value status period { start end label basis } area { code fullName } source { id title } note } } }`;

describe("every figure of the article through the API, with unit, period and source", () => {
  const cases: [string, number, string, string, string][] = [
    // indicator, value, unit, status, period label
    ["cho-4-0-markets", 107, "count", "REPORTED", "2023"],
    ["community-digital-teams", 2255, "count", "REPORTED", "2023"],
    ["digital-economy-revenue", 357_000_000_000_000, "vnd", "ESTIMATE", "2023-H1"],
    ["digital-enterprises", 324, "count", "REPORTED", "2023"],
    ["essential-online-services-provided", 23, "count", "REPORTED", "2023"],
    ["essential-online-services-total", 25, "count", "REPORTED", "2023"],
    ["procedures-on-national-portal", 760, "count", "REPORTED", "2023"],
    ["data-network-channels-province-district", 36, "count", "REPORTED", "2023"],
    ["data-network-channels-commune", 178, "count", "REPORTED", "2023"],
  ];
  for (const [id, value, unit, status, label] of cases) {
    it(`${id} = ${value} ${unit} (${label}), from the article`, async () => {
      const { indicator } = await run(portal, LATEST, { id });
      expect(indicator.unit.id).toBe(unit);
      expect(indicator.latest).toMatchObject({ value, status, period: { label }, area: { code: "19", fullName: "Tỉnh Thái Nguyên" }, source: { id: "thi-dua-2023" } });
    });
  }

  it("109 of 137 communes meet the new-rural standard; the share 79.6 % is computed", async () => {
    const data = await run(portal, `{
      numerator: observations(indicatorId: "ntm-communes", sourceId: "thi-dua-2023") { nodes { value period { label basis } } }
      denominator: observations(indicatorId: "rural-communes", sourceId: "thi-dua-2023") { nodes { value } }
      share: observations(indicatorId: "ntm-communes-share", sourceId: "thi-dua-2023") { nodes { value status note } }
    }`);
    expect(data.numerator.nodes).toEqual([{ value: 109, period: { label: "2023", basis: "PUBLICATION" } }]);
    expect(data.denominator.nodes).toEqual([{ value: 137 }]);
    expect(data.share.nodes).toHaveLength(1);
    expect(data.share.nodes[0].value).toBeCloseTo(79.562, 3);
    expect(data.share.nodes[0].status).toBe("COMPUTED");
    expect(data.share.nodes[0].note).toContain("109 / 137");
  });

  it("the farmers of Thái Nguyên city: nearly 74,000 and 40,000, approximate", async () => {
    const data = await run(portal, `{ observations(areaCode: "164") { nodes { indicator { id } value status area { fullName level unitType } } } }`);
    expect(data.observations.nodes.filter((n: { indicator: { id: string } }) => n.indicator.id.startsWith("farmer-"))).toEqual([
      { indicator: { id: "farmer-households-registered" }, value: 74000, status: "APPROXIMATE", area: { fullName: "Thành phố Thái Nguyên", level: "DISTRICT", unitType: "THANH_PHO_THUOC_TINH" } },
      { indicator: { id: "farmer-households-good-producer" }, value: 40000, status: "APPROXIMATE", area: { fullName: "Thành phố Thái Nguyên", level: "DISTRICT", unitType: "THANH_PHO_THUOC_TINH" } },
    ]);
  });

  it("the 2025 target: more than 97 % of communes and seven district-level units", async () => {
    const data = await run(portal, `{
      share: indicator(id: "ntm-communes-share") { targets { value comparator kind period { end } source { id } } }
      districts: indicator(id: "ntm-districts") { targets { value comparator kind period { end } source { id } } }
    }`);
    expect(data.share.targets).toContainEqual({ value: 97, comparator: "GT", kind: "LEVEL", period: { end: "2025-12-31" }, source: { id: "thi-dua-2023" } });
    expect(data.districts.targets).toContainEqual({ value: 7, comparator: "EQ", kind: "LEVEL", period: { end: "2025-12-31" }, source: { id: "thi-dua-2023" } });
  });

  it("qualitative facts are milestones, not numbers", async () => {
    const data = await run(portal, `{ indicator(id: "community-digital-teams") { milestones { id titleEn source { id } } } }`);
    expect(data.indicator.milestones).toEqual([{ id: "thai-nguyen-id", titleEn: "Launch of the Thai Nguyen ID digital-society platform", source: { id: "thi-dua-2023" } }]);
  });
});

describe("time series from more sources", () => {
  it("communes meeting the new-rural standard: 88 (2018) → 109 (2022-H1) → 109 (2023, as reported) → 108 (end 2023) → 118 (2024, unverified page)", async () => {
    const data = await run(portal, `{ indicator(id: "ntm-communes") { observations(areaCode: "19") { value period { end label } source { id } } } }`);
    expect(data.indicator.observations.map((o: any) => [o.period.label, o.value, o.source.id])).toEqual([
      ["cuối 2018", 88, "vietnamnet-ntm-2019"],
      ["2022-H1", 109, "bvpl-ntm-2022"],
      ["2023", 109, "thi-dua-2023"],
      ["cuối 2023", 108, "tothethao-ntm-2025"],
      ["2024", 118, "vietnamnet-thai-nguyen-2024"],
    ]);
  });

  it("DTI rank 2020–2024 with a gap for 2023; a lower rank is better", async () => {
    const data = await run(portal, `{ indicator(id: "dti-rank") { higherIsBetter unit { kind } observations { value period { label } } } }`);
    expect(data.indicator.higherIsBetter).toBe(false);
    expect(data.indicator.unit.kind).toBe("RANK");
    expect(data.indicator.observations.map((o: any) => [o.period.label, o.value])).toEqual([["DTI 2020", 12], ["DTI 2021", 8], ["DTI 2022", 8], ["DTI 2024", 8]]);
  });

  it("breakdowns are listed only when asked", async () => {
    const totals = await run(portal, `{ indicator(id: "em-communes-ntm") { observations { value } } }`);
    expect(totals.indicator.observations).toEqual([{ value: 72 }]);
    const parts = await run(portal, `{ indicator(id: "em-communes-ntm") { observations(includeBreakdowns: true) { value breakdown { id } } } }`);
    expect(parts.indicator.observations.map((o: any) => [o.breakdown?.id ?? null, o.value])).toEqual([[null, 72], ["khu-vuc-i", 32], ["khu-vuc-ii", 27], ["khu-vuc-iii", 13]]);
  });
});

describe("connections, lookups and errors", () => {
  it("pages through indicators with cursors, without gaps or repeats", async () => {
    const all = await run(portal, `{ indicators(first: 1000) { totalCount nodes { id } } }`);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await run(portal, `query ($after: String) { indicators(first: 7, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`, { after })).indicators;
      expect(page.totalCount).toBe(all.indicators.totalCount);
      seen.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.indicators.nodes.map((n: any) => n.id));
  });

  it("filters indicators by topic and by search words without diacritics", async () => {
    const topic = await run(portal, `{ indicators(topic: "kinh-te-so") { nodes { id } } }`);
    expect(topic.indicators.nodes.map((n: any) => n.id)).toEqual(["digital-economy-revenue", "digital-enterprises"]);
    const search = await run(portal, `{ indicators(search: "cho 4.0") { nodes { id } } }`);
    expect(search.indicators.nodes.map((n: any) => n.id)).toEqual(["cho-4-0-markets"]);
  });

  it("lists the sources of an indicator, with licence and locator", async () => {
    const data = await run(portal, `{ indicator(id: "dti-rank") { sources { id url licence } } source(id: "thi-dua-2023") { locator indicators { id } } }`);
    expect(data.indicator.sources.map((s: any) => s.id)).toEqual(["kdtt-dti-2022", "thainguyentv-dti-2020", "thainguyentv-dti-2021", "vov5-dti-2024"]);
    expect(data.source.indicators.map((i: any) => i.id)).toContain("cho-4-0-markets");
    expect(data.source.locator).toContain("Đầu tàu");
  });

  it("an unknown id is a NOT_FOUND error that says how to list ids", async () => {
    const result = await runRaw(portal, `{ indicator(id: "nope") { id } }`);
    expect(result.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    expect(result.errors?.[0].message).toMatch(/No indicator with id "nope"/);
  });

  it("a page larger than 1000 is a BAD_USER_INPUT error", async () => {
    const result = await runRaw(portal, `{ observations(first: 100000) { totalCount } }`);
    expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0].message).toMatch(/between 1 and 1000/);
  });

  it("a forged cursor is a BAD_USER_INPUT error", async () => {
    const result = await runRaw(portal, `{ observations(after: "bm9wZQ") { totalCount } }`);
    expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("a cursor works only in the list that issued it", async () => {
    const areas = await run(portal, `{ areas(first: 2) { pageInfo { endCursor } } }`);
    const result = await runRaw(portal, `query ($after: String) { observations(after: $after) { totalCount } }`, { after: areas.areas.pageInfo.endCursor });
    expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0].message).toMatch(/cursor of the areas list, not of observations/);
  });

  it("a search without letters or digits is refused instead of matching everything", async () => {
    for (const query of [`{ areas(search: "😀") { totalCount } }`, `{ indicators(search: "%") { totalCount } }`]) {
      const result = await runRaw(portal, query);
      expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(result.errors?.[0].message).toMatch(/needs at least one letter or digit/);
    }
  });

  it("an unknown filter id is NOT_FOUND, not an empty list", async () => {
    for (const [query, message] of [
      [`{ indicators(topic: "nope") { totalCount } }`, /No topic with id "nope"/],
      [`{ observations(indicatorId: "nope") { totalCount } }`, /No indicator with id "nope"/],
      [`{ observations(areaCode: "99999") { totalCount } }`, /No area with code "99999"/],
      [`{ area(code: "99999") { name } }`, /No area with code "99999"/],
    ] as const) {
      const result = await runRaw(portal, query);
      expect(result.errors?.[0].extensions?.code).toBe("NOT_FOUND");
      expect(result.errors?.[0].message).toMatch(message);
    }
  });

  it("an impossible date says how to write a date", async () => {
    const literal = await runRaw(portal, `{ observations(from: "2023-02-30") { totalCount } }`);
    expect(literal.errors?.[0].message).toMatch(/"2023-02-30" is not a date: write a real calendar date as YYYY-MM-DD/);
    const variable = await runRaw(portal, `query ($from: Date) { observations(from: $from) { totalCount } }`, { from: "30/06/2023" });
    expect(variable.errors?.[0].message).toMatch(/"30\/06\/2023" is not a date/);
  });

  it("about: the data version and counts", async () => {
    const data = await run(portal, `{ about { dataVersion counts { indicators observations } } }`);
    expect(data.about.dataVersion).toMatch(/^2026-01-01\.[0-9a-f]{8}$/);
    expect(data.about.counts.indicators).toBe(78);
  });
});
