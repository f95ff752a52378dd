/**
 * Property tests (fast-check) over HTTP against the real server and data: queries generated
 * from the real schema (random selections, arguments and variables, including garbage
 * strings, negative and huge numbers, unicode), plus random bodies and query strings.
 * Whatever comes in, the answer is never a 5xx or an internal error, always the one error
 * shape with a public code, and the server still answers /healthz.
 */
import fc from "fast-check";
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isLeafType,
  isAbstractType,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Kind, parse, type OperationDefinitionNode, type SelectionNode } from "graphql";
import { portalSchema } from "../api/schema/index.js";
import { DEFAULT_LIMITS, estimateCost } from "../api/http/limits.js";
import { buildTestDatabase, gql, GRAPHQL_RESPONSE, read, startServer, type GqlResponse, type TestServer } from "./helpers/server.js";

const PUBLIC_CODES = ["BAD_USER_INPUT", "NOT_FOUND", "QUERY_TOO_COMPLEX", "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_REQUEST", "PAYLOAD_TOO_LARGE"];

let api: TestServer;
let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await portalSchema();
  api = await startServer(await buildTestDatabase(), { responseCache: false });
});
afterAll(() => api?.close());

/** The property every answer keeps. */
function expectWellFormed(response: GqlResponse, what: string) {
  const context = `${what}\n→ ${response.status} ${response.text.slice(0, 500)}`;
  expect(response.status, context).toBeLessThan(500);
  expect(response.body, context).toBeTypeOf("object");
  expect("data" in response.body || "errors" in response.body, context).toBe(true);
  for (const error of response.body.errors ?? []) {
    expect(typeof error.message, context).toBe("string");
    expect(PUBLIC_CODES, context).toContain(error.extensions?.code);
  }
  expect(response.text, context).not.toMatch(/stacktrace|SQLITE|node_modules|\bat .+\.ts:\d+/);
}

// ---- values -------------------------------------------------------------------------

const garbageString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom("", " ", "'; drop table observations; --", "%00", "\\u0000", "Thái Nguyên", "chợ 4.0", "19", "173", "cho-4-0-markets", "ntm-communes", "thi-dua-2023", "2023-01-01", "9999-99-99", "x".repeat(300)),
);
const anyInt = fc.oneof(fc.integer({ min: -3, max: 1_200 }), fc.constantFrom(0, -1, 1, 1000, 1001, 2_147_483_647, -2_147_483_648), fc.integer());
const dateString = fc.oneof(
  fc.date({ min: new Date("1900-01-01"), max: new Date("2100-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  garbageString,
);

/** A JSON value for an input type: usually of the right type, sometimes not. */
function jsonValue(type: GraphQLInputType): fc.Arbitrary<unknown> {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return fc.array(jsonValue(nullable.ofType), { maxLength: 3 });
  const named = getNamedType(type);
  const right: fc.Arbitrary<unknown> = isEnumType(named)
    ? fc.constantFrom(...named.getValues().map((v) => v.name))
    : named.name === "Int"
      ? anyInt
      : named.name === "Float"
        ? fc.double({ noNaN: true })
        : named.name === "Boolean"
          ? fc.boolean()
          : named.name === "Date"
            ? dateString
            : garbageString;
  return fc.oneof({ weight: 6, arbitrary: right }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
}

/** A GraphQL literal for an input type, sometimes of the wrong type or malformed. */
function literal(type: GraphQLInputType): fc.Arbitrary<string> {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return fc.array(literal(nullable.ofType), { maxLength: 3 }).map((items) => `[${items.join(", ")}]`);
  const named = getNamedType(type);
  const right: fc.Arbitrary<string> = isEnumType(named)
    ? fc.constantFrom(...named.getValues().map((v) => v.name))
    : named.name === "Int"
      ? anyInt.map(String)
      : named.name === "Float"
        ? fc.double({ noNaN: true, noDefaultInfinity: true }).map(String)
        : named.name === "Boolean"
          ? fc.boolean().map(String)
          : named.name === "Date"
            ? dateString.map((s) => JSON.stringify(s))
            : garbageString.map((s) => JSON.stringify(s));
  const wrong = fc.oneof(fc.constant("null"), garbageString.map((s) => JSON.stringify(s)), anyInt.map(String), fc.constantFrom("1e400", "-0", "ENUM_NOPE", "{ a: 1 }", '"unterminated'));
  return fc.oneof({ weight: 5, arbitrary: right }, { weight: 1, arbitrary: wrong });
}

// ---- operations ---------------------------------------------------------------------

interface Generated {
  text: string;
  variables: Record<string, [string, unknown]>;
}

/** One argument: absent, a literal, or a variable of the argument's type with a random value. */
function argument(arg: GraphQLArgument): fc.Arbitrary<Generated | null> {
  const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
  return fc.oneof(
    // A required argument is left out now and then (a validation error), an optional one often.
    { weight: required ? 0 : 2, arbitrary: fc.constant(null) },
    { weight: 3, arbitrary: literal(arg.type).map((value) => ({ text: `${arg.name}: ${value}`, variables: {} })) },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.nat(1_000_000), jsonValue(arg.type)).map(([n, value]) => ({
        text: `${arg.name}: $v${n}`,
        variables: { [`v${n}`]: [String(arg.type), value] as [string, unknown] },
      })),
    },
  );
}

const selectionCache = new Map<string, fc.Arbitrary<Generated>>();
let aliasCounter = 0;

/** Now and then (1 in `every`), one of `values`; else undefined. */
const sometimes = <T,>(every: number, ...values: T[]) =>
  fc.oneof({ weight: every - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...values) });

/** A selection set on a composite type, `depth` levels deep at most (unions: an inline fragment per member). */
function selection(type: GraphQLCompositeType, depth: number): fc.Arbitrary<Generated> {
  const key = `${type.name}/${depth}`;
  const cached = selectionCache.get(key);
  if (cached) return cached;
  if (isAbstractType(type)) {
    const members = schema.getPossibleTypes(type).map((member) => selection(member, depth).map((sub) => ({ text: `__typename ... on ${member.name} { ${sub.text} }`, variables: sub.variables })));
    const arb = fc.oneof(...members);
    selectionCache.set(key, arb);
    return arb;
  }
  const fields = Object.values((type as GraphQLObjectType).getFields()).filter((f) => depth > 0 || isLeafType(getNamedType(f.type)));
  const fieldArbs = fields.map((field) => {
    const named = getNamedType(field.type);
    const sub = isCompositeType(named) ? selection(named, depth - 1) : fc.constant(null);
    return fc
      .tuple(fc.tuple(...(field.args.length ? field.args.map(argument) : [fc.constant(null)])), sub, sometimes(12, "alias"), sometimes(10, "@include(if: true)", "@skip(if: false)", "@skip(if: true)"))
      .map(([args, sub, alias, directive]) => {
        const given = args.filter((a): a is Generated => a !== null);
        const variables = Object.assign({}, ...given.map((a) => a.variables), sub?.variables ?? {});
        // Every field gets its own response name, so repeated fields never conflict.
        const name = alias || given.length ? `r${++aliasCounter}: ` : "";
        const text = `${name}${field.name}${given.length ? `(${given.map((a) => a.text).join(", ")})` : ""}${directive ? ` ${directive}` : ""}${sub ? ` { ${sub.text} }` : ""}`;
        return { text, variables };
      });
  });
  const otherField = fc.constantFrom("nope", "__typename", "password").map((text) => ({ text, variables: {} }));
  const arb = fc
    .array(fc.oneof({ weight: 40, arbitrary: fc.oneof(...fieldArbs) }, { weight: 1, arbitrary: otherField }), { minLength: 1, maxLength: 4 })
    .map((items) => ({ text: items.map((i) => i.text).join(" "), variables: Object.assign({}, ...items.map((i) => i.variables)) }));
  selectionCache.set(key, arb);
  return arb;
}

interface Case {
  query: string;
  variables: Record<string, unknown>;
  method: "GET" | "POST";
  accept: string | undefined;
  operationName: string | undefined;
}

function operations(): fc.Arbitrary<Case> {
  const root = selection(schema.getQueryType()!, 3);
  return fc
    .tuple(root, fc.constantFrom<"GET" | "POST">("GET", "POST"), fc.constantFrom(undefined, "application/json", GRAPHQL_RESPONSE, "*/*"), fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.constant("Q") }, { weight: 1, arbitrary: fc.constant("Other") }), fc.integer({ min: 0, max: 9 }))
    .map(([sel, method, accept, operationName, undeclared]) => {
      const entries = Object.entries(sel.variables);
      // Sometimes a variable is used but not declared: a validation error, never a crash.
      const declared = undeclared === 0 && entries.length ? entries.slice(1) : entries;
      const definitions = declared.length ? `(${declared.map(([name, [type]]) => `$${name}: ${type}`).join(", ")})` : "";
      return {
        query: `query Q${definitions} { ${sel.text} }`,
        variables: Object.fromEntries(entries.map(([name, [, value]]) => [name, value])),
        method,
        accept,
        operationName: operationName ?? undefined,
      };
    });
}

describe("generated queries over HTTP", () => {
  it("never answer a 5xx or an internal error (200 queries from the real schema)", async () => {
    let answeredWithData = 0;
    await fc.assert(
      fc.asyncProperty(operations(), async (c) => {
        const response = await gql(api, c.query, { method: c.method, variables: c.variables, accept: c.accept, operationName: c.operationName });
        expectWellFormed(response, `${c.method} ${c.query} ${JSON.stringify(c.variables)}`);
        if (response.body.data) answeredWithData++;
      }),
      { numRuns: 200 },
    );
    // The generator is not only producing errors: a good share of the queries run.
    expect(answeredWithData).toBeGreaterThan(20);
  });

  it("never answer a 5xx to random query text, bodies and query strings (150 cases)", async () => {
    const requests = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 200 }).map((query) => () => gql(api, query, { accept: GRAPHQL_RESPONSE })),
      fc.string({ maxLength: 200 }).map((query) => () => gql(api, query, { method: "GET" })),
      fc.json({ maxDepth: 3 }).map((body) => () => fetch(`${api.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body }).then(read)),
      fc.string({ unit: "binary", maxLength: 300 }).map((body) => () => fetch(`${api.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body }).then(read)),
      fc.dictionary(fc.constantFrom("query", "variables", "operationName", "extensions", "x"), fc.string({ maxLength: 40 }), { maxKeys: 4 }).map((params) => () => fetch(`${api.url}/graphql?${new URLSearchParams(params)}`).then(read)),
    );
    await fc.assert(
      fc.asyncProperty(requests, async (send) => {
        const response = await send();
        expect(response.status).toBeLessThan(500);
        expect(response.body?.errors?.[0]?.extensions?.code ?? "data").not.toBe("INTERNAL_SERVER_ERROR");
      }),
      { numRuns: 150 },
    );
  });

  it("still answers /healthz afterwards", async () => {
    const health = await read(await fetch(`${api.url}/healthz`));
    expect(health.status).toBe(200);
    expect(health.body.status).toBe("ok");
  });
});

// ---- nested lists: refused before they run, or answered within the budget ------------

/** Roots with real arguments, so that the lists below them have something to return. */
const ROOTS = [
  ["Area", `area(code: "19")`], ["Area", `area(code: "173", asOf: "2021-06-01")`], ["Area", `area(code: "05692")`],
  ["Indicator", `indicator(id: "ntm-communes")`], ["Indicator", `indicator(id: "population")`], ["Source", `source(id: "thi-dua-2023")`],
  ["Topic", `topic(id: "nong-thon-moi")`], ["Source", "sources"], ["Topic", "topics"],
  ["Area", "areas(first: $n) { nodes"], ["Indicator", "indicators(first: $n) { nodes"], ["Observation", "observations(first: $n) { nodes"],
  ["AreaValueSet", `indicator(id: "population") { areaValues(level: COMMUNE, periodEnd: "2019-04-01")`],
  ["AreaValueSet", `indicator(id: "population") { areaValues(level: COMMUNE, harmonisedTo: "2025-07-01")`],
  ["AreaShapeCollection", "areaShapes"],
] as const;

/** Fields a selection can take without required arguments (lists and objects weighted up). */
function nestedSelection(type: GraphQLObjectType, depth: number): fc.Arbitrary<string> {
  const fields = Object.values(type.getFields()).filter((f) => f.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined));
  const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)));
  const nested = fields.filter((f) => isCompositeType(getNamedType(f.type)) && !isAbstractType(getNamedType(f.type)) && !getNamedType(f.type).name.endsWith("Connection"));
  const leaf = fc.constantFrom(...leaves.map((f) => f.name));
  if (depth === 0 || nested.length === 0) return fc.array(leaf, { minLength: 1, maxLength: 3 }).map((names) => [...new Set(names)].join(" "));
  const child = fc.constantFrom(...nested).chain((field) => {
    const first = field.args.some((a) => a.name === "first") ? fc.constantFrom("", "(first: 1)", "(first: 20)", "(first: 500)") : fc.constant("");
    return fc.tuple(first, nestedSelection(getNamedType(field.type) as GraphQLObjectType, depth - 1)).map(([args, sub]) => `${field.name}${args} { ${sub} }`);
  });
  return fc.tuple(leaf, fc.array(child, { minLength: 1, maxLength: 3 })).map(([name, children]) => `${name} ${children.map((c, i) => `c${i}: ${c}`).join(" ")}`);
}

/**
 * Fields in an answer: what the cost estimate counts (a list's fields once per item). Walked
 * beside the query, so a leaf whose value is a JSON object (a GeoJSON geometry) counts once.
 */
function answerFields(value: unknown, selections: readonly SelectionNode[], type: GraphQLObjectType): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + answerFields(item, selections, type), 0);
  if (!value || typeof value !== "object") return 0;
  let sum = 0;
  for (const selection of selections) {
    if (selection.kind !== Kind.FIELD) throw new Error("the generator writes fields only");
    const key = selection.alias?.value ?? selection.name.value;
    if (!(key in value)) continue;
    sum += 1;
    const fieldType = getNamedType(type.getFields()[selection.name.value]?.type);
    const child = (value as Record<string, unknown>)[key];
    if (selection.selectionSet && isObjectType(fieldType)) sum += answerFields(child, selection.selectionSet.selections, fieldType);
  }
  return sum;
}

describe("nested lists over every list field", () => {
  it("are refused before they run, or answered within the budget with no more fields than estimated (150 queries)", async () => {
    let answered = 0;
    let refused = 0;
    const nested = fc.tuple(fc.constantFrom(...ROOTS), fc.integer({ min: 1, max: 6 }), fc.constantFrom(1, 10, 100, 1000)).chain(([[typeName, root], depth, n]) =>
      nestedSelection(schema.getType(typeName) as GraphQLObjectType, depth).map((sub) => {
        const paged = root.includes("$n");
        const nested = root.includes("{");
        return { query: `query${paged ? "($n: Int)" : ""} { r: ${root} { ${sub} }${nested ? " }" : ""} }`, variables: paged ? { n } : {} };
      }),
    );
    await fc.assert(
      fc.asyncProperty(nested, async ({ query, variables }) => {
        const before = api.sqlCount();
        const response = await gql(api, query, { method: "POST", variables, accept: GRAPHQL_RESPONSE });
        const context = `${query} ${JSON.stringify(variables)}\n→ ${response.status} ${response.text.slice(0, 300)}`;
        if (response.body.errors) {
          // Refused before execution (by its estimated cost, depth, aliases...), never stopped half-way.
          expect(response.body.errors[0].extensions, context).toMatchObject({ code: "QUERY_TOO_COMPLEX" });
          expect(["answer", "answerBytes", "time"], context).not.toContain(response.body.errors[0].extensions.limit);
          expect(api.sqlCount(), context).toBe(before);
          refused++;
          return;
        }
        const document = parse(query);
        const operation = document.definitions[0] as OperationDefinitionNode;
        const estimate = estimateCost(schema, document, undefined, variables, api.portal.listSizes)!;
        expect(answerFields(response.body.data, operation.selectionSet.selections, schema.getQueryType()!), context).toBeLessThanOrEqual(estimate);
        expect(estimate, context).toBeLessThanOrEqual(DEFAULT_LIMITS.maxCost);
        expect(Buffer.byteLength(response.text), context).toBeLessThanOrEqual(DEFAULT_LIMITS.maxAnswerBytes);
        answered++;
      }),
      { numRuns: 150 },
    );
    // Both outcomes occur: the generator reaches over the limit and below it.
    expect(answered).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(5);
  });
});
