/**
 * The SQL our API runs for a GraphQL operation, captured at the driver (api/db/sqlite.ts):
 * the baseline server replays exactly these statements, and tests/scale.test.ts checks
 * their query plans.
 */
import "reflect-metadata";
import { graphql } from "graphql";
import { openPortalDatabase } from "../api/db/connect.js";
import { createContext } from "../api/schema/context.js";
import { portalSchema } from "../api/schema/index.js";

export interface CapturedStatement {
  sql: string;
  params: unknown[];
}

export interface CapturedOperation {
  statements: CapturedStatement[];
  data: any;
}

/**
 * Run each operation once through the real schema on `dbPath` and record every statement
 * sent to the driver, in order. @throws when an operation answers with errors.
 */
export async function captureSql(dbPath: string, queries: Record<string, string>): Promise<Record<string, CapturedOperation>> {
  const portal = await openPortalDatabase(dbPath);
  const schema = await portalSchema();
  const captured: Record<string, CapturedOperation> = {};
  const all = portal.sqlite.all;
  let statements: CapturedStatement[] = [];
  portal.sqlite.all = ((sql: string, params: readonly unknown[] = []) => {
    statements.push({ sql, params: [...params] });
    return all(sql, params);
  }) as typeof all;
  try {
    for (const [name, query] of Object.entries(queries)) {
      statements = [];
      const result = await graphql({ schema, source: query, contextValue: createContext(portal.db, portal.meta, portal.reference) });
      if (result.errors?.length) throw new Error(`${name}: ${result.errors.map((e) => e.message).join("; ")}`);
      if (statements.length === 0) throw new Error(`${name}: no SQL captured (has api/db changed how it calls the driver?)`);
      captured[name] = { statements, data: result.data };
    }
  } finally {
    portal.sqlite.all = all;
    await portal.close();
  }
  return captured;
}
