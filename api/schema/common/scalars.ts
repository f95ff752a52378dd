import { GraphQLScalarType } from "graphql";
import { GraphQLLocalDate } from "graphql-scalars";

/** A calendar date, `YYYY-MM-DD` (ISO 8601), no time or zone. */
export const DateScalar = new GraphQLScalarType({
  ...GraphQLLocalDate.toConfig(),
  name: "Date",
  description: "A calendar date in ISO 8601 form, YYYY-MM-DD (no time, no time zone).",
});
