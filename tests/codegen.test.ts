import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSchema } from "graphql";
import { afterAll, describe, expect, it } from "vitest";
import { generate, loadSchema, loadTargetDocuments, ROOT, TARGETS, validateDocuments, writeGenerated } from "../scripts/codegen.js";

const temps: string[] = [];
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "portal-codegen-"));
  temps.push(dir);
  return dir;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
}

describe("types generated from schema.graphql and the queries (npm run codegen)", () => {
  it("every query of the site and the downloads validates against schema.graphql", async () => {
    const schema = buildSchema(await loadSchema());
    for (const target of TARGETS) {
      const documents = await loadTargetDocuments(target);
      // The site reads about, indicators, sources and areas; the downloads also enums and observations.
      expect(documents.length, target.name).toBeGreaterThanOrEqual(7);
      expect(validateDocuments(schema, documents), target.name).toEqual([]);
    }
  });

  it("the committed files are what codegen writes now (run `npm run codegen` when this fails)", async () => {
    const dir = await tempDir();
    await writeGenerated(await generate(), dir);
    for (const target of TARGETS) {
      const fresh = await filesUnder(join(dir, target.outDir));
      expect(fresh, target.name).toContain("graphql.ts");
      expect(await filesUnder(join(ROOT, target.outDir)), `${target.outDir}: files`).toEqual(fresh);
      for (const file of fresh) {
        const committed = await readFile(join(ROOT, target.outDir, file), "utf8");
        expect(committed, `${target.outDir}/${file} is stale`).toBe(await readFile(join(dir, target.outDir, file), "utf8"));
      }
    }
  });

  it("types an answer as the schema says: a nullable field is `| null`, an enum a union of its values", async () => {
    const site = await readFile(join(ROOT, "site/src/lib/graphql/graphql.ts"), "utf8");
    expect(site).toContain("export type SourceRefFieldsFragment = { id: string, title: string, titleEn: string | null };");
    expect(site).toMatch(/export type AreaLevel =[\s\S]*?\| 'PROVINCE'[\s\S]*?\| 'DISTRICT'[\s\S]*?\| 'COMMUNE';/);
    const downloads = await readFile(join(ROOT, "downloads/graphql/graphql.ts"), "utf8");
    expect(downloads).toContain("export type DownloadAboutQuery = { about: { dataVersion: string, dataHash: string, builtAt: string, licence: string } };");
  });

  it("refuses a query that does not validate, naming the file and the field", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "bad.ts"), 'const graphql = (s: string) => s;\nexport const BAD = graphql(`query Bad { about { dataVersion noSuchField } }`);\n');
    const target = { name: "bad", outDir: "generated", documents: ["*.ts"] };
    const problems = validateDocuments(buildSchema(await loadSchema()), await loadTargetDocuments(target, dir));
    expect(problems).toEqual([{ location: "bad.ts", message: 'Cannot query field "noSuchField" on type "About".' }]);
    await expect(generate([target], dir)).rejects.toThrow(/bad\.ts: Cannot query field "noSuchField" on type "About"/);
  });

  it("notices a stale file: a query changed without codegen gives different output", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "q.ts"), 'const graphql = (s: string) => s;\nexport const Q = graphql(`query Q { about { dataVersion } }`);\n');
    const target = { name: "q", outDir: "generated", documents: ["*.ts"] };
    const before = (await generate([target], dir)).get("generated/graphql.ts");
    await writeFile(join(dir, "q.ts"), 'const graphql = (s: string) => s;\nexport const Q = graphql(`query Q { about { dataVersion dataHash } }`);\n');
    const after = (await generate([target], dir)).get("generated/graphql.ts");
    expect(before).toContain("export type QQuery = { about: { dataVersion: string } };");
    expect(after).toContain("export type QQuery = { about: { dataVersion: string, dataHash: string } };");
  });
});
