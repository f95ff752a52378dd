import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PortalDatabase } from "../api/db/connect.js";
import { buildTestPortal, run, runRaw } from "./helpers/portal.js";

let portal: PortalDatabase;
beforeAll(async () => {
  portal = await buildTestPortal();
});
afterAll(() => portal?.close());

describe("the article's figures through the API", () => {
  it("Chợ 4.0: 107 markets, as of the article (2023), with unit and source", async () => {
    const data = await run(portal, `{ indicator(id: "cho-4-0-markets") { unit { id } latest { value status period { label basis } area { code fullName } source { id } } } }`);
    expect(data.indicator.unit.id).toBe("count");
    expect(data.indicator.latest).toEqual({
      value: 107, status: "REPORTED", period: { label: "2023", basis: "PUBLICATION" },
      area: { code: "19", fullName: "Tỉnh Thái Nguyên" }, source: { id: "thi-dua-2023" },
    });
  });
});
