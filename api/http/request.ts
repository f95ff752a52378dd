/**
 * Read a GraphQL-over-HTTP request: GET parameters or a POST JSON body, checked against the
 * size limits, into { query, variables, operationName }. Every refusal is an HttpError with a
 * message that says what is allowed.
 */
import type { IncomingMessage } from "node:http";
import { badRequest, HttpError } from "./errors.js";
import type { Limits } from "./limits.js";

export interface GraphqlParams {
  query: string;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Parameters of a GET (or HEAD) request, from the URL's query string. */
export function paramsFromUrl(url: URL, limits: Limits): GraphqlParams {
  const searchBytes = Buffer.byteLength(url.search);
  if (searchBytes > limits.maxQueryStringBytes) {
    throw badRequest(`The query string is ${searchBytes} bytes; GET requests allow ${limits.maxQueryStringBytes}. Send long queries with POST (Content-Type: application/json).`, 414);
  }
  const once = (name: string) => {
    const values = url.searchParams.getAll(name);
    if (values.length > 1) throw badRequest(`The "${name}" parameter appears ${values.length} times; give it once.`);
    return values[0];
  };
  const jsonObject = (name: string) => {
    const text = once(name);
    if (text === undefined || text === "" || text === "null") return undefined;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw badRequest(`The "${name}" parameter is not valid JSON; it must be a URL-encoded JSON object, e.g. ${name}=%7B%22id%22%3A%22cho-4-0-markets%22%7D.`);
    }
    if (!isRecord(value)) throw badRequest(`The "${name}" parameter must be a JSON object.`);
    return value;
  };
  const query = once("query");
  if (query === undefined || query.trim() === "") throw badRequest('Missing the "query" parameter: /graphql?query={about{dataVersion}} (URL-encoded).');
  jsonObject("extensions");
  const operationName = once("operationName");
  const variables = jsonObject("variables");
  checkNesting(variables, limits.maxVariablesDepth);
  return { query, variables, operationName: operationName || undefined };
}

/** Parameters of a POST request: a JSON object body. */
export async function paramsFromBody(req: IncomingMessage, limits: Limits): Promise<GraphqlParams> {
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") {
    throw badRequest(`Content-Type ${type ? `"${type}"` : "missing"}: POST a JSON body with Content-Type: application/json, e.g. {"query":"{ about { dataVersion } }"}.`, 415);
  }
  const charset = /charset=([^;]+)/i.exec(req.headers["content-type"] ?? "")?.[1]?.trim().replace(/"/g, "").toLowerCase();
  if (charset && charset !== "utf-8" && charset !== "utf8") throw badRequest(`Charset "${charset}" is not supported: send UTF-8.`, 415);
  const text = await readBody(req, limits.maxBodyBytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest(`The body is not valid JSON. Send an object such as {"query":"{ about { dataVersion } }","variables":{}}.`);
  }
  if (Array.isArray(body)) {
    throw badRequest(`Batched requests (a JSON array of ${body.length} operations) are not supported: send one operation per request, or put several fields in one query.`);
  }
  if (!isRecord(body)) throw badRequest('The body must be a JSON object with a "query" string.');
  const { query, variables, operationName, extensions } = body;
  if (typeof query !== "string" || query.trim() === "") throw badRequest('The body needs a non-empty "query" string.');
  if (variables != null && !isRecord(variables)) throw badRequest('"variables" must be a JSON object (not a string or an array).');
  if (operationName != null && typeof operationName !== "string") throw badRequest('"operationName" must be a string.');
  if (extensions != null && !isRecord(extensions)) throw badRequest('"extensions" must be a JSON object.');
  checkNesting(variables, limits.maxVariablesDepth);
  return { query, variables: (variables as Record<string, unknown> | null) ?? undefined, operationName: (operationName as string | null) || undefined };
}

/** Refuse variables nested deeper than `maxDepth` (checked without recursion: the input may be very deep). */
function checkNesting(variables: unknown, maxDepth: number) {
  const stack: [unknown, number][] = [[variables, 0]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== "object" || value === null) continue;
    if (depth > maxDepth) throw badRequest(`"variables" nest more than ${maxDepth} levels of arrays and objects, the limit; this API's arguments are plain values.`);
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
}

/**
 * Read a body as UTF-8, refusing it (413) as soon as it passes `maxBytes`: a declared
 * Content-Length over the limit is refused before reading anything.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const tooLarge = (size: string) =>
    new HttpError(413, "PAYLOAD_TOO_LARGE", `The request body is ${size}; the limit is ${maxBytes} bytes (${Math.round(maxBytes / 1024)} KiB). Send a shorter query, or split it.`, { connection: "close" });
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge(`${declared} bytes`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off("data", onData);
        req.resume();
        reject(tooLarge(`more than ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    const incomplete = () => reject(badRequest("The request body was not received completely (the connection closed)."));
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    // A client that disconnects mid-body: an answer nobody reads, not a server error.
    req.on("error", incomplete);
    req.on("close", () => {
      if (!req.complete) incomplete();
    });
  });
}
