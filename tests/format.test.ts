import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCurrency, formatCurrencyAmount, formatDate, formatNumber, formatPercent, formatPeriodLabel, formatRank, formatValue } from "../api/lib/format.js";

const unit = (kind: string, symbol = "", nameEn = "") => ({ kind, symbol, nameEn });

describe("numbers in Vietnamese (vi-VN) and English (en-GB)", () => {
  it("groups thousands: 2.255 in vi, 2,255 in en (also 4-digit numbers)", () => {
    expect(formatNumber(2255, "vi")).toBe("2.255");
    expect(formatNumber(2255, "en")).toBe("2,255");
    expect(formatNumber(1286751, "vi")).toBe("1.286.751");
    expect(formatNumber(1286751, "en")).toBe("1,286,751");
  });

  it("rounds a share to one decimal with the language's decimal mark", () => {
    expect(formatNumber(79.5620437956, "vi", 1)).toBe("79,6");
    expect(formatNumber(79.5620437956, "en", 1)).toBe("79.6");
    expect(formatPercent(79.5620437956, "vi")).toBe("79,6%");
    expect(formatPercent(79.5620437956, "en")).toBe("79.6%");
    expect(formatPercent(92, "vi")).toBe("92%");
  });

  it("writes VND in words: nghìn tỷ = 10^12, tỷ = 10^9, triệu = 10^6", () => {
    expect(formatCurrency(357e12, "vi")).toBe("357 nghìn tỷ đồng");
    expect(formatCurrency(357e12, "en")).toBe("VND 357 trillion");
    expect(formatCurrency(1.5e9, "vi")).toBe("1,5 tỷ đồng");
    expect(formatCurrency(1.5e9, "en")).toBe("VND 1.5 billion");
    expect(formatCurrency(25e6, "vi")).toBe("25 triệu đồng");
    expect(formatCurrency(500000, "vi")).toBe("500.000 đồng");
    expect(formatCurrency(500000, "en")).toBe("VND 500,000");
    expect(formatCurrency(1234e12, "vi")).toBe("1.234 nghìn tỷ đồng");
    expect(formatCurrency(-2.5e9, "en")).toBe("-VND 2.5 billion");
    expect(formatCurrency(-2.5e9, "vi")).toBe("-2,5 tỷ đồng");
  });

  it("writes the amount alone for chart axes, whose title names the currency", () => {
    expect(formatCurrencyAmount(300e12, "vi")).toBe("300 nghìn tỷ");
    expect(formatCurrencyAmount(300e12, "en")).toBe("300 trillion");
    expect(formatCurrencyAmount(0, "vi")).toBe("0");
    expect(formatCurrencyAmount(-1e-9, "en")).toBe("0");
  });

  it("formats by unit kind", () => {
    expect(formatValue(2255, unit("COUNT"), "vi")).toBe("2.255");
    expect(formatValue(1286751, unit("COUNT", "người", "persons"), "vi")).toBe("1.286.751 người");
    expect(formatValue(1286751, unit("COUNT", "người", "persons"), "en")).toBe("1,286,751 persons");
    expect(formatValue(17.87, unit("COUNT", "tiêu chí", "criteria"), "vi")).toBe("17,87 tiêu chí");
    expect(formatValue(357e12, unit("CURRENCY", "₫"), "vi")).toBe("357 nghìn tỷ đồng");
    expect(formatValue(8, unit("RANK"), "vi")).toBe("thứ 8");
    expect(formatValue(3526.64, unit("AREA", "km²"), "vi")).toBe("3.526,64 km²");
    expect(formatValue(3526.64, unit("AREA", "km²"), "en")).toBe("3,526.64 km²");
    expect(formatValue(0.8512, unit("SCORE"), "vi")).toBe("0,851");
  });

  it("writes English ordinals for ranks", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101].map((r) => formatRank(r, "en"))).toEqual(["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st"]);
  });

  it("reads back to the rounded number in both languages (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e15, max: 1e15, noNaN: true }), fc.integer({ min: 0, max: 3 }), (value, digits) => {
        const rounded = Number(value.toFixed(digits));
        const vi = formatNumber(value, "vi", digits).replace(/\./g, "").replace(",", ".").replace("−", "-");
        const en = formatNumber(value, "en", digits).replace(/,/g, "");
        // toFixed and Intl may round a binary tie differently: allow one unit in the last place.
        const tolerance = 10 ** -digits + Math.abs(value) * 1e-15;
        expect(Math.abs(Number(vi) - rounded)).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(Number(en) - rounded)).toBeLessThanOrEqual(tolerance);
      }),
    );
  });

  it("never prints a negative zero", () => {
    expect(formatNumber(-0.001, "vi", 0)).toBe("0");
    expect(formatNumber(-0.001, "en", 1)).toBe("0");
    expect(formatNumber(-0.5, "en", 0)).toBe("-1");
  });

  it("rejects what is not a number instead of printing NaN", () => {
    expect(() => formatNumber(Number.NaN, "vi")).toThrow(/finite/);
    expect(() => formatNumber(Number.POSITIVE_INFINITY, "en")).toThrow(/finite/);
  });

  it("writes a calendar year (unit kind YEAR) without grouping in both languages, and refuses a fraction", () => {
    expect(formatValue(2022, unit("YEAR"), "vi")).toBe("2022");
    expect(formatValue(2022, unit("YEAR"), "en")).toBe("2022");
    expect(formatNumber(2022, "vi")).toBe("2.022");
    expect(() => formatValue(2022.5, unit("YEAR"), "vi")).toThrow(/not a whole number/);
  });
});

describe("dates and period labels", () => {
  it("writes dates as Vietnamese and British readers expect", () => {
    expect(formatDate("2026-01-01", "vi")).toBe("01/01/2026");
    expect(formatDate("2026-01-01", "en")).toBe("1 January 2026");
    expect(formatDate("2022-06", "vi")).toBe("tháng 6/2022");
    expect(formatDate("2022-06", "en")).toBe("June 2022");
    expect(formatDate("2023", "en")).toBe("2023");
    expect(() => formatDate("2026-1-1", "en")).toThrow(/YYYY-MM-DD/);
    expect(() => formatDate("2026-13-01", "vi")).toThrow(/YYYY-MM-DD/);
  });

  it("translates the Vietnamese words of period labels for English pages", () => {
    expect(formatPeriodLabel("cuối 2023", "en")).toBe("end of 2023");
    expect(formatPeriodLabel("cuối 2023", "vi")).toBe("cuối 2023");
    expect(formatPeriodLabel("Tổng điều tra 2019", "en")).toBe("2019 census");
    expect(formatPeriodLabel("2025 (trước sáp nhập)", "en")).toBe("2025 (before the merger)");
    expect(formatPeriodLabel("2023-H1", "en")).toBe("H1 2023");
    expect(formatPeriodLabel("2023-H1", "vi")).toBe("2023-H1");
    expect(formatPeriodLabel("DTI 2024", "en")).toBe("DTI 2024");
  });

  it("writes the data's day/month/year labels as English pages write dates (the census date read 1/4/2019 on English pages)", () => {
    expect(formatPeriodLabel("1/4/2019", "en")).toBe("1 April 2019");
    expect(formatPeriodLabel("1/4/2019", "vi")).toBe("1/4/2019");
    expect(formatPeriodLabel("24/11/2022", "en")).toBe("24 November 2022");
    expect(formatPeriodLabel("5/2025", "en")).toBe("May 2025");
    expect(formatPeriodLabel("1–9/2025", "en")).toBe("January–September 2025");
    expect(formatPeriodLabel("2025-07-01 (sau sáp nhập)", "en")).toBe("1 July 2025 (after the merger)");
    // Year ranges are not months.
    expect(formatPeriodLabel("2021–2022", "en")).toBe("2021–2022");
  });
});
