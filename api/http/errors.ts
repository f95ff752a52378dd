/**
 * HTTP-level problems (before any GraphQL runs): status, code and a message that says what
 * is allowed. Sent in the API's one error shape, `{ errors: [{ message, extensions: { code } }] }`.
 */

export type HttpErrorCode = "BAD_REQUEST" | "PAYLOAD_TOO_LARGE" | "NOT_FOUND" | "QUERY_TOO_COMPLEX" | "INTERNAL_SERVER_ERROR";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: HttpErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export const badRequest = (message: string, status = 400, headers?: Record<string, string>) => new HttpError(status, "BAD_REQUEST", message, headers);

/** Characters of a client's value that a message quotes; longer values are cut to their start and length. */
export const MAX_ECHOED_CHARACTERS = 80;
/** Characters of a whole message; a longer one keeps its start and its end (where the hint is). */
export const MAX_MESSAGE_CHARACTERS = 1000;

const LONG_QUOTED = new RegExp(`"((?:[^"\\\\]|\\\\.){${MAX_ECHOED_CHARACTERS + 1},})"`, "g");

/**
 * An error message with the client's long values shortened: a message that echoed a 90 KB
 * argument in full (graphql-js's "got invalid value", "No area with code …") was 90 KB, sent
 * back and logged. A quoted value keeps its first characters and says how long it was.
 */
export function shortenEchoes(message: string): string {
  const shortened = message.replace(LONG_QUOTED, (_, inner: string) => `"${Array.from(inner).slice(0, MAX_ECHOED_CHARACTERS - 20).join("")}…" (${inner.length} characters)`);
  if (shortened.length <= MAX_MESSAGE_CHARACTERS) return shortened;
  const head = Array.from(shortened.slice(0, 600)).join("");
  const tail = shortened.slice(-300);
  return `${head} … (${shortened.length - head.length - tail.length} characters left out) … ${tail}`;
}

/** The one error body (messages shortened: they may quote what the client sent). */
export function errorBody(message: string, code: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ errors: [{ message: shortenEchoes(message), extensions: { code, ...extra } }] });
}
