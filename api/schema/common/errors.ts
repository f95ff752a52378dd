/**
 * The API's one error shape: a GraphQLError whose `extensions.code` says what kind of
 * problem it is (BAD_USER_INPUT, NOT_FOUND, ...) and whose message says what is allowed.
 */
import { GraphQLError } from "graphql";

export type ErrorCode = "BAD_USER_INPUT" | "NOT_FOUND" | "QUERY_TOO_COMPLEX" | "INTERNAL_SERVER_ERROR";

/** Input the API cannot use (bad cursor, page too large, unknown enum value). */
export function badUserInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", ...(argument ? { argument } : {}) } });
}

/** A lookup by id or code that matched nothing; `key` names the argument (id, code). */
export function notFound(what: string, id: string, hint: string, key = "id"): GraphQLError {
  return new GraphQLError(`No ${what} with ${key} "${id}". ${hint}`, { extensions: { code: "NOT_FOUND" } });
}

/** A search text without any letter or digit would match everything: refuse it. */
export function noSearchWords(argument = "search"): GraphQLError {
  return badUserInput(`"${argument}" needs at least one letter or digit (diacritics and case are ignored); leave it out to list everything.`, argument);
}
