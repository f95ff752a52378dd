/**
 * What was known when (api/lib/vintage.ts, api/schema/indicator/vintage.ts, revision.resolver.ts)
 * and the one headline (api/lib/headline.ts), through the real schema on the real data: the
 * province's 2024 budget revenue, an estimate of 19,680 billion đồng published in December 2024
 * (VietNamNet) and again in February 2025 (Soha), then the outturn of 20,403 billion (an
 * undated article); GRDP growth of 6.5 % for 2024, reported in December 2024 and again in
 * February 2025.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PortalDatabase } from "../api/db/connect.js";
import { formatPeriod } from "../api/lib/format.js";
import { HEADLINE_RULE, HEADLINE_RULE_VI } from "../api/lib/headline.js";
import { asKnownOn, knownFrom } from "../api/lib/vintage.js";
import { buildTestPortal, run, runRaw } from "./helpers/portal.js";

let portal: PortalDatabase & { file: string };
beforeAll(async () => {
  portal = await buildTestPortal();
}, 120_000);
afterAll(() => portal?.close());

const BUDGET = "state-budget-revenue";

describe("publication dates", () => {
  it("counts a source dated by year or month from the last day of it, and leaves an undated one out", () => {
    expect(knownFrom("2023")).toBe("2023-12-31");
    expect(knownFrom("2024-12")).toBe("2024-12-31");
    expect(knownFrom("2025-02")).toBe("2025-02-28");
    expect(knownFrom("2024-02")).toBe("2024-02-29");
    expect(knownFrom("2023-05-25")).toBe("2023-05-25");
    expect(knownFrom(null)).toBeNull();
    const rows = [
      { area_code: "19", period_start: "2024-01-01", period_end: "2024-12-31", breakdown_id: null, source_id: "a" },
      { area_code: "19", period_start: "2024-01-01", period_end: "2024-12-31", breakdown_id: null, source_id: "b" },
      { area_code: "19", period_start: "2024-01-01", period_end: "2024-12-31", breakdown_id: null, source_id: "undated" },
    ];
    const published: Record<string, string | null> = { a: "2024-12", b: "2025-02", undated: null };
    expect(asKnownOn(rows, (id) => published[id], "2024-12-30").map((r) => r.source_id)).toEqual([]);
    expect(asKnownOn(rows, (id) => published[id], "2024-12-31").map((r) => r.source_id)).toEqual(["a"]);
    expect(asKnownOn(rows, (id) => published[id], "2030-01-01").map((r) => r.source_id)).toEqual(["b"]);
  });

  it("gives every observation the day it was surely public (Observation.knownFrom)", async () => {
    const data = await run(portal, `{ indicator(id: "${BUDGET}") { observations(areaCode: "19") { value knownFrom source { id published } } } }`);
    const by = Object.fromEntries(data.indicator.observations.filter((o: any) => o.value > 1e13).map((o: any) => [o.source.id, o.knownFrom]));
    expect(by).toEqual({ "vietnamnet-thai-nguyen-2024": "2024-12-31", "soha-thai-nguyen-2024": "2025-02-28", "dnhn-budget-2024": null });
  });
});

describe("as known on a date (asOf)", () => {
  const query = (asOf: string) => `{ indicator(id: "${BUDGET}") {
    observations(areaCode: "19", asOf: "${asOf}") { value status period { end } source { id } }
    latest(asOf: "${asOf}") { value source { id } }
    headline(asOf: "${asOf}") { asOf sourcesForPeriod distinctValues observation { value source { id } } } } }`;

  it("knows nothing of 2024's budget revenue before the first report was surely out (31/12/2024)", async () => {
    const data = await run(portal, query("2024-12-30"));
    expect(data.indicator.observations.filter((o: any) => o.period.end === "2024-12-31")).toEqual([]);
  });

  it("gives the estimate of December 2024 as known on 15/01/2025, and the February repeat as known on 01/03/2025", async () => {
    const january = await run(portal, query("2025-01-15"));
    expect(january.indicator.observations.filter((o: any) => o.period.end === "2024-12-31")).toEqual([
      { value: 19_680e9, status: "ESTIMATE", period: { end: "2024-12-31" }, source: { id: "vietnamnet-thai-nguyen-2024" } },
    ]);
    expect(january.indicator.latest).toEqual({ value: 19_680e9, source: { id: "vietnamnet-thai-nguyen-2024" } });
    expect(january.indicator.headline).toMatchObject({ asOf: "2025-01-15", sourcesForPeriod: 1, distinctValues: 1 });

    const march = await run(portal, query("2025-03-01"));
    // The later publication of the same period replaces the earlier one in a vintage.
    expect(march.indicator.observations.filter((o: any) => o.period.end === "2024-12-31").map((o: any) => o.source.id)).toEqual(["soha-thai-nguyen-2024"]);
    expect(march.indicator.latest).toEqual({ value: 19_680e9, source: { id: "soha-thai-nguyen-2024" } });
  });

  it("never shows the undated outturn in a vintage, though it is the headline of everything the portal holds", async () => {
    const data = await run(portal, `{ indicator(id: "${BUDGET}") { latest { value source { id } } headline { asOf rule ruleVi sourcesForPeriod distinctValues } } }`);
    expect(data.indicator.latest).toEqual({ value: 20_403e9, source: { id: "dnhn-budget-2024" } });
    expect(data.indicator.headline).toEqual({ asOf: null, rule: HEADLINE_RULE, ruleVi: HEADLINE_RULE_VI, sourcesForPeriod: 3, distinctValues: 2 });
    const far = await run(portal, query("2099-12-31"));
    expect(far.indicator.latest.source.id).not.toBe("dnhn-budget-2024");
  });

  it("chooses the same headline as the ingest for every indicator when every dated value is known", async () => {
    const data = await run(portal, `{ indicators(first: 1000) { nodes { id latest { id knownFrom } vintage: latest(asOf: "2099-12-31") { id } } } }`);
    let compared = 0;
    for (const node of data.indicators.nodes) {
      const all = await run(portal, `{ indicator(id: "${node.id}") { observations(areaCode: "19") { id knownFrom period { start end } } } }`);
      const periods = new Map<string, Set<string | null>>();
      for (const o of all.indicator.observations) periods.set(`${o.period.start}|${o.period.end}`, (periods.get(`${o.period.start}|${o.period.end}`) ?? new Set()).add(o.knownFrom));
      // Where every value is dated and no period was published twice, the vintage is everything.
      const simple = all.indicator.observations.every((o: any) => o.knownFrom) && [...periods.values()].every((dates) => dates.size === 1);
      if (!simple) continue;
      expect(node.vintage?.id ?? null, node.id).toBe(node.latest?.id ?? null);
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
  });

  it("refuses a date that is not a date", async () => {
    const result = await runRaw(portal, `{ indicator(id: "${BUDGET}") { latest(asOf: "2025-13-01") { value } } }`);
    expect(result.errors?.[0].message).toMatch(/not a date/);
  });
});

describe("revisions", () => {
  it("lists the 2024 budget revenue's three reports in publication order, the undated outturn last, as a changed value", async () => {
    const data = await run(portal, `{ indicator(id: "${BUDGET}") { revisions { areaCode valueChanged period { label text } reports { value status knownFrom source { id } } } } }`);
    expect(data.indicator.revisions).toEqual([{
      areaCode: "19", valueChanged: true, period: { label: "2024", text: "2024" },
      reports: [
        { value: 19_680e9, status: "ESTIMATE", knownFrom: "2024-12-31", source: { id: "vietnamnet-thai-nguyen-2024" } },
        { value: 19_680e9, status: "ESTIMATE", knownFrom: "2025-02-28", source: { id: "soha-thai-nguyen-2024" } },
        { value: 20_403e9, status: "REPORTED", knownFrom: null, source: { id: "dnhn-budget-2024" } },
      ],
    }]);
  });

  it("lists GRDP growth 2024 (6.5 % in December 2024 and February 2025) as repeated, not changed; an indicator reported once has none", async () => {
    const data = await run(portal, `{ growth: indicator(id: "grdp-growth") { revisions(areaCode: "19") { valueChanged reports { value knownFrom } } }
      markets: indicator(id: "cho-4-0-markets") { revisions { areaCode } } }`);
    expect(data.growth.revisions).toEqual([{ valueChanged: false, reports: [{ value: 6.5, knownFrom: "2024-12-31" }, { value: 6.5, knownFrom: "2025-02-28" }] }]);
    expect(data.markets.revisions).toEqual([]);
  });

  it("has a measured length for the new lists (the cost limit multiplies by it)", async () => {
    expect(portal.listSizes["Indicator.revisions"]).toBe(1);
    expect(portal.listSizes["Revision.reports"]).toBe(3);
  });
});

describe("honest periods in the API", () => {
  it("writes a value without a stated period as published that year, in the sentence and in Period.text", async () => {
    const data = await run(portal, `{ indicator(id: "cho-4-0-markets") { observations(areaCode: "19") { value period { basis text textEn: text(lang: EN) } fact factEn: fact(lang: EN) } } }`);
    const markets = data.indicator.observations.find((o: any) => o.value === 107);
    expect(markets.period).toEqual({ basis: "PUBLICATION", text: "công bố năm 2023, không nêu kỳ số liệu", textEn: "published 2023, period not stated" });
    expect(markets.fact).toContain("(công bố năm 2023, không nêu kỳ số liệu; nguồn:");
    expect(markets.factEn).toContain("(published 2023, period not stated; source:");
    expect(markets.fact).not.toMatch(/\(2023[;)]/);
  });

  it("writes a bracketed period as about it", () => {
    expect(formatPeriod({ start: "2023-12-31", end: "2023-12-31", label: "cuối 2023", basis: "APPROXIMATE" }, "vi")).toBe("khoảng cuối 2023");
    expect(formatPeriod({ start: "2023-12-31", end: "2023-12-31", label: "cuối 2023", basis: "APPROXIMATE" }, "en")).toBe("about end of 2023");
    expect(formatPeriod({ start: "2022-01-01", end: "2022-06-30", label: "2022-H1", basis: "REFERENCE" }, "en")).toBe("H1 2022");
  });

  it("flags the share over 137 xã for 2023, when the unit lists give 126", async () => {
    const data = await run(portal, `{ indicator(id: "ntm-communes-share") { observations(areaCode: "19") { value period { basis } flags { kind expected onDate } } } }`);
    const share = data.indicator.observations.find((o: any) => o.period.basis === "PUBLICATION" && Math.abs(o.value - (109 / 137) * 100) < 1e-9);
    expect(share.flags).toEqual([{ kind: "UNIT_COUNT", expected: 126, onDate: "2023-12-31" }]);
  });
});
