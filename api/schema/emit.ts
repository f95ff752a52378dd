/** `npm run schema:emit`: write schema.graphql (the public data dictionary) from the type-graphql classes. */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { printSchema } from "graphql";
import { portalSchema } from "./index.js";

export const SCHEMA_FILE = fileURLToPath(new URL("../../schema.graphql", import.meta.url));

/** The SDL text of the schema, as committed in schema.graphql. */
export async function schemaSdl(): Promise<string> {
  return `# Generated from api/schema by \`npm run schema:emit\`. Do not edit by hand.\n\n${printSchema(await portalSchema())}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_FILE, await schemaSdl());
  console.error(`schema:emit: wrote ${SCHEMA_FILE}`);
}
