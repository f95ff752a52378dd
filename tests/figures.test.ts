/**
 * The public figures reviewed by D2 (economy, governance indices, new rural development by
 * district), through the real ingest on the real data/ and the real schema: the values
 * themselves, their periods, statuses and sources, and the traps of the research file
 * (Vietnamese grouping, a decimal point on one PAPI page, estimates kept beside outturns).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestPortal, run } from "./helpers/portal.js";

type Portal = Awaited<ReturnType<typeof buildTestPortal>>;
let portal: Portal;

beforeAll(async () => {
  portal = await buildTestPortal();
});
afterAll(async () => {
  await portal?.close();
});

/** The sources D2 added (data/catalogue/sources.yaml, section "economy, governance, new rural by district (D2)"). */
const D2_SOURCES = [
  "moc-phu-binh-2022", "tracuuquyhoach-phu-binh-2025", "vov-dinh-hoa-2024", "langngheviet-dai-tu", "dantocmiennui-dinh-hoa-tag",
  "thainguyentv-ntm-2010-2020", "mekongsean-pho-yen-2019", "congly-dong-hy", "vietnamnet-thai-nguyen-2024", "soha-thai-nguyen-2024",
  "dnhn-budget-2024", "thainguyentv-targets-2024", "aloxekhach-thai-nguyen", "thegioitiepthi-grdp-2025", "thanhnien-growth-2025",
  "reatimes-pci-2023", "dnhn-pci-2024", "danviet-papi-2020", "diaocthoibao-papi-2023",
];

const OBSERVATION = `value status note fact en: fact(lang: EN) areaCode period { start end label basis } source { id }`;

async function observations(indicator: string, areaCode: string) {
  const data = await run(portal, `query($id: ID!, $area: ID) { indicator(id: $id) { unit { id kind } observations(areaCode: $area) { ${OBSERVATION} } } }`, { id: indicator, area: areaCode });
  return data.indicator as { unit: { id: string; kind: string }; observations: any[] };
}

describe("district new-rural recognitions are data, with their decisions", () => {
  it("Phú Bình (173) was recognised for 2022 by Decision 567/QĐ-TTg", async () => {
    const { unit, observations: rows } = await observations("ntm-district-recognition-year", "173");
    expect(unit.id).toBe("year");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ value: 2022, status: "REPORTED", period: { start: "2022-01-01", end: "2022-12-31", basis: "REFERENCE" }, source: { id: "ktdt-phu-binh-2023" } });
    expect(rows[0].note).toContain("567/QĐ-TTg");
    expect(rows[0].note).toContain("25 May 2023");
  });

  it("Định Hóa (167) for 2023 by Decision 719/QĐ-TTg of 29 July 2024, Đại Từ (171) for 2023 without a decision number", async () => {
    const dinhHoa = (await observations("ntm-district-recognition-year", "167")).observations;
    expect(dinhHoa.map((o) => [o.value, o.source.id])).toEqual([[2023, "vov-dinh-hoa-2024"]]);
    expect(dinhHoa[0].note).toContain("719/QĐ-TTg of 29 July 2024");
    const daiTu = (await observations("ntm-district-recognition-year", "171")).observations;
    expect(daiTu.map((o) => [o.value, o.source.id])).toEqual([[2023, "langngheviet-dai-tu"]]);
    expect(daiTu[0].note).toContain("neither the decision's number nor its date");
  });

  it("a recognition year reads as a year in the quotable sentence, never with a thousands separator", async () => {
    const [row] = (await observations("ntm-district-recognition-year", "173")).observations;
    expect(row.fact).toContain("là 2022 (2022;");
    expect(row.fact).not.toContain("2.022");
    expect(row.en).toContain("was 2022 (2022;");
    expect(row.en).not.toContain("2,022");
  });

  it("keeps the district milestones beside the data", async () => {
    const data = await run(portal, `{ indicator(id: "ntm-district-recognition-year") { milestones { id date areaCode } } }`);
    const byId = new Map<string, any>(data.indicator.milestones.map((m: any) => [m.id, m]));
    expect(byId.get("phu-binh-district-ntm")).toMatchObject({ date: "2023-05-25", areaCode: "173" });
    expect(byId.get("dinh-hoa-district-ntm")).toMatchObject({ date: "2024-07-29", areaCode: "167" });
  });
});

describe("communes meeting the standard per district at dated points", () => {
  it("Phú Bình: 19 of 19 communes on 24/11/2022 (100 %, computed), 5 then 11 advanced", async () => {
    const share = (await observations("ntm-communes-share", "173")).observations;
    expect(share.map((o) => [o.period.start, o.value, o.status])).toEqual([["2022-11-24", 100, "COMPUTED"]]);
    const advanced = (await observations("ntm-advanced-communes", "173")).observations;
    expect(advanced.map((o) => [o.period.label, o.value, o.period.basis])).toEqual([["24/11/2022", 5, "REFERENCE"], ["5/2025", 11, "APPROXIMATE"]]);
    // The page says 57.8 %; the portal computes 11/19 itself.
    const advancedShare = (await observations("ntm-advanced-communes-share", "173")).observations;
    expect(advancedShare.find((o) => o.period.label === "5/2025")?.value).toBeCloseTo(57.89, 2);
  });

  it("Định Hóa 22 of 22 at the end of 2023; Đại Từ 25 of 25 in a bracketed 2024–2025 period; Đồng Hỷ 8 of 13 about 2020", async () => {
    const dinhHoa = (await observations("ntm-communes", "167")).observations;
    expect(dinhHoa.map((o) => [o.period.end, o.value])).toEqual([["2023-12-31", 22]]);
    const daiTu = (await observations("ntm-communes", "171")).observations;
    expect(daiTu).toHaveLength(1);
    expect(daiTu[0]).toMatchObject({ value: 25, period: { start: "2024-12-01", end: "2025-06-30", basis: "APPROXIMATE" } });
    const dongHy = (await observations("ntm-communes-share", "169")).observations;
    expect(dongHy[0].value).toBeCloseTo((8 / 13) * 100, 6);
    expect(dongHy[0].period.basis).toBe("APPROXIMATE");
  });

  it("the province: 118 of 126 communes and 6 district-level units, recorded as of the 2024 publication", async () => {
    const share = (await observations("ntm-communes-share", "19")).observations.filter((o) => o.source.id === "vietnamnet-thai-nguyen-2024");
    expect(share).toHaveLength(1);
    expect(share[0].value).toBeCloseTo((118 / 126) * 100, 6);
    expect(share[0].period).toMatchObject({ label: "2024", basis: "PUBLICATION" });
    const districts = (await observations("ntm-districts", "19")).observations.filter((o) => o.period.label === "2024");
    expect(districts.map((o) => o.value)).toEqual([6]);
  });
});

describe("economy", () => {
  it("keeps both 2024 budget revenues, the estimate (19,680 billion VND, two sources) and the outturn (20,403), never an average", async () => {
    const rows = (await observations("state-budget-revenue", "19")).observations.filter((o) => o.period.label === "2024");
    const pairs = rows.map((o) => [o.source.id, o.value, o.status]).sort();
    expect(pairs).toEqual([
      ["dnhn-budget-2024", 20_403_000_000_000, "REPORTED"],
      ["soha-thai-nguyen-2024", 19_680_000_000_000, "ESTIMATE"],
      ["vietnamnet-thai-nguyen-2024", 19_680_000_000_000, "ESTIMATE"],
    ]);
  });

  it("writes “1.030 nghìn tỷ đồng” as 1.03 × 10^15 VND at constant 2010 prices, an unverified estimate", async () => {
    const data = await run(portal, `{ indicator(id: "industrial-production-value-2010-prices") { descriptionEn observations { value status note fact } } }`);
    expect(data.indicator.descriptionEn).toContain("constant 2010 prices");
    expect(data.indicator.observations).toHaveLength(1);
    expect(data.indicator.observations[0]).toMatchObject({ value: 1_030_000_000_000_000, status: "ESTIMATE" });
    expect(data.indicator.observations[0].note).toContain("could not be re-read");
    expect(data.indicator.observations[0].fact).toContain("1.030 nghìn tỷ đồng");
  });

  it("GRDP per capita 2024 is 119.2 million VND in two sources; the 9-month 2025 growth of the merged province is an estimate", async () => {
    const perCapita = (await observations("grdp-per-capita", "19")).observations;
    expect(perCapita.map((o) => [o.source.id, o.value]).sort()).toEqual([["soha-thai-nguyen-2024", 119_200_000], ["vietnamnet-thai-nguyen-2024", 119_200_000]]);
    const growth = (await observations("grdp-growth", "19")).observations;
    expect(growth.map((o) => [o.period.label, o.value, o.status])).toEqual([
      ["2023", 5.56, "REPORTED"],
      ["2024", 6.5, "REPORTED"],
      ["2024", 6.5, "REPORTED"],
      ["1–9/2025", 8, "ESTIMATE"],
    ]);
    expect(growth[3].note).toContain("merged province");
  });

  it("exports of “gần 27,6 tỷ USD” are approximate, in US dollars", async () => {
    const { unit, observations: rows } = await observations("export-value", "19");
    expect(unit.id).toBe("usd");
    expect(rows.map((o) => [o.value, o.status])).toEqual([[27_600_000_000, "APPROXIMATE"]]);
  });

  it("2024 targets: GRDP growth 7.5 %, GRDP per capita at least 123 million VND", async () => {
    const data = await run(portal, `{ growth: indicator(id: "grdp-growth") { targets { value comparator period { label } source { id } } }
      perCapita: indicator(id: "grdp-per-capita") { targets { value comparator } } }`);
    expect(data.growth.targets).toEqual([{ value: 7.5, comparator: "EQ", period: { label: "2024" }, source: { id: "thainguyentv-targets-2024" } }]);
    expect(data.perCapita.targets).toEqual([{ value: 123_000_000, comparator: "GTE" }]);
  });
});

describe("governance indices", () => {
  it("PCI 2024: 68.13 points, 26th of 63; PCI 2023: 67.48 points, 23rd", async () => {
    const score = (await observations("pci-score", "19")).observations;
    expect(score.map((o) => [o.period.label, o.value])).toEqual([["PCI 2023", 67.48], ["PCI 2024", 68.13]]);
    const rank = (await observations("pci-rank", "19")).observations;
    expect(rank.map((o) => [o.period.label, o.value])).toEqual([["PCI 2023", 23], ["PCI 2024", 26]]);
    const transparency = (await observations("pci-transparency", "19")).observations;
    expect(transparency.map((o) => o.value)).toEqual([5.56, 6.29]);
  });

  it("PAPI: the page's decimal point read as a decimal (7.656 points, not 7,656), 45.7875 and 2nd in 2023", async () => {
    const procedures = (await observations("papi-public-administrative-procedures", "19")).observations;
    expect(procedures.map((o) => [o.period.label, o.value])).toEqual([["PAPI 2020", 7.656]]);
    const score = (await observations("papi-score", "19")).observations;
    expect(score.map((o) => [o.period.label, o.value])).toEqual([["PAPI 2019", 43.2], ["PAPI 2023", 45.7875]]);
    const rank = (await observations("papi-rank", "19")).observations;
    expect(rank.map((o) => o.value)).toEqual([2]);
  });
});

describe("sources of D2's figures", () => {
  it("name the page each figure was read on, with a reliability caveat where the page is weak", async () => {
    const data = await run(portal, `{ sources { id url reliability } }`);
    const byId = new Map<string, any>(data.sources.map((s: any) => [s.id, s]));
    expect(byId.get("vietnamnet-thai-nguyen-2024")?.reliability).toContain("Unverified");
    expect(byId.get("tracuuquyhoach-phu-binh-2025")?.reliability).toContain("baothainguyen.vn");
    expect(byId.get("diaocthoibao-papi-2023")?.reliability).toContain("PAPI 2023 report");
    expect(byId.get("vov-dinh-hoa-2024")?.url).toBe("https://vov.gov.vn/huyen-dinh-hoa-thai-nguyen-dat-chuan-nong-thon-moi-dtnew-985369");
  });

  it("carry their contract reliability levels (DATA-CONTRACT §4)", async () => {
    const rows = await portal.db.selectFrom("sources").select(["id", "reliability_level"])
      .where("id", "in", ["vietnamnet-thai-nguyen-2024", "tracuuquyhoach-phu-binh-2025", "aloxekhach-thai-nguyen", "diaocthoibao-papi-2023", "mekongsean-pho-yen-2019", "vov-dinh-hoa-2024", "dnhn-pci-2024", "danviet-papi-2020"])
      .orderBy("id").execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.reliability_level]))).toEqual({
      "aloxekhach-thai-nguyen": "weak",
      "danviet-papi-2020": "primary",
      "diaocthoibao-papi-2023": "weak",
      "dnhn-pci-2024": "primary",
      "mekongsean-pho-yen-2019": "weak",
      "tracuuquyhoach-phu-binh-2025": "weak",
      "vietnamnet-thai-nguyen-2024": "weak",
      "vov-dinh-hoa-2024": "primary",
    });
  });

  it("every D2 observation with a note has it in Vietnamese and English (65 typed rows, Phú Bình's recognition under the seed's Kinh tế & Đô thị source)", async () => {
    const rows = await portal.db.selectFrom("observations").select(["indicator_id", "area_code", "note", "note_vi", "status"])
      .where("source_id", "in", [...D2_SOURCES, "ktdt-phu-binh-2023"]).where("status", "not in", ["COMPUTED", "COMPUTED_FROM_ESTIMATE"]).execute();
    expect(rows.length).toBe(65);
    for (const row of rows) expect(row.note === null).toBe(row.note_vi === null);
    const phuBinh = rows.find((r) => r.indicator_id === "ntm-district-recognition-year" && r.area_code === "173");
    expect(phuBinh?.note_vi).toContain("Quyết định 567/QĐ-TTg");
    expect(phuBinh?.note_vi).toContain("25/5/2023");
  });
});
