import { readFileSync } from "node:fs";
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isUnionType, isScalarType } from "graphql";
import { describe, expect, it } from "vitest";
import { SCHEMA_FILE, schemaSdl } from "../api/schema/emit.js";
import { portalSchema } from "../api/schema/index.js";

describe("schema.graphql, the public data dictionary", () => {
  it("is up to date with the type-graphql classes (run `npm run schema:emit` when this fails)", async () => {
    expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(await schemaSdl());
  });

  it("describes every type, field, argument and enum value", async () => {
    const schema = await portalSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__") || ["String", "Int", "Float", "Boolean", "ID"].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of "args" in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      if (isUnionType(type) || isScalarType(type)) continue;
    }
    expect(missing).toEqual([]);
  });

  it("has no mutations or subscriptions: the API is read-only", async () => {
    const schema = await portalSchema();
    expect(schema.getMutationType()).toBeFalsy();
    expect(schema.getSubscriptionType()).toBeFalsy();
  });
});
