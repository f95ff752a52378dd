/**
 * The site's view of the version history (issue 11, items 4 and 7): the Atom feed of data
 * versions (/feed.xml) and the summaries the What's new and about pages print, read through the
 * real ingest and the real API, without a site build.
 */
import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseHTML } from "linkedom";
import { atomFeed, changeValue, getDataVersions, versionAnchor, versionSummary } from "../site/src/lib/versions.js";
import { buildTestDatabase, startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer(await buildTestDatabase());
  process.env.PORTAL_API_URL = `${server.url}/graphql`;
}, 180_000);
afterAll(async () => server?.close());

const SITE = new URL("https://data.example.vn/");

describe("the Atom feed of data versions", () => {
  it("has one entry per version, newest first, linking to its place on the What's new page", async () => {
    const versions = await getDataVersions();
    expect(versions.length).toBeGreaterThanOrEqual(2);
    const feed = atomFeed(versions, SITE, { vi: "Cổng dữ liệu mở Thái Nguyên", en: "Thái Nguyên Open Data Portal" }, "/moi-cap-nhat/");
    expect(feed.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">')).toBe(true);
    const { document } = parseHTML(feed.replace(/^<\?xml[^>]*>\n/, ""));
    const entries = Array.from(document.querySelectorAll("entry"));
    expect(entries).toHaveLength(versions.length);
    const first = versions[versions.length - 1];
    const last = entries[entries.length - 1];
    expect(last.querySelector("id")!.textContent).toBe(`https://data.example.vn/moi-cap-nhat/#${versionAnchor("2026-11-30.13c16d75")}`);
    expect(first.version).toBe("2026-11-30.13c16d75");
    expect(last.querySelector("updated")!.textContent).toBe("2026-11-30T00:00:00Z");
    expect(last.querySelector("summary")!.textContent).toContain("Phiên bản đầu tiên được ghi lại: 67 giá trị. The first recorded version: 67 values.");
    const current = versions[0];
    expect(entries[0].querySelector("summary")!.textContent).toContain(`so với 2026-11-30.13c16d75: ${current.added.toLocaleString("vi-VN")} mới, 0 thay đổi, 3 bị bỏ.`);
    expect(document.querySelector("feed > updated")!.textContent).toBe(`${current.publishedOn}T00:00:00Z`);
  });

  it("writes values with their units in the reader's language", async () => {
    const [current] = await getDataVersions();
    const removed = current.changes.find((c) => c.kind === "REMOVED" && c.oldValue === 1434171)!;
    expect(changeValue(removed, "old", "vi")).toBe("1.434.171 người");
    expect(changeValue(removed, "old", "en")).toBe("1,434,171 persons");
    expect(changeValue(removed, "new", "vi")).toBe("—");
    expect(versionSummary(current, "en")).toMatch(/^1,\d{3} values; since 2026-11-30\.13c16d75: \d+ added, 0 changed, 3 removed\.$/);
  });
});
