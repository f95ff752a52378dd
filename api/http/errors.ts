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

/** The one error body. */
export function errorBody(message: string, code: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ errors: [{ message, extensions: { code, ...extra } }] });
}
