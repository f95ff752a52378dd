/**
 * GraphQL over HTTP at /graphql: GET and POST, both JSON media types, the limits, caching by
 * data version (ETag, 304, in-memory response cache) and a time limit per operation.
 * Apollo Server executes; this module owns everything HTTP around it.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApolloServer } from "@apollo/server";
import { LRUCache } from "lru-cache";
import { GraphQLError, getOperationAST, print, type DocumentNode, type ExecutionResult, type GraphQLFormattedError } from "graphql";
import type { KyselyPlugin } from "kysely";
import type { PortalDatabase } from "../db/connect.js";
import type { Lease, LiveDatabase } from "../db/live-database.js";
import { createContext } from "../schema/context.js";
import { portalSchema } from "../schema/index.js";
import { AnswerBudget, answerTooLargeMessage, type Deadline } from "./answer-budget.js";
import { fieldNodeCount, PARSED_BYTES_PER_FIELD } from "./document-size.js";
import { createFastExecutor } from "./fast-execute.js";
import { CACHE_CONTROL_NONE, cacheControlOk, cacheKey, DEFAULT_API_MAX_AGE_SECONDS, etagFor, etagForCoding, matchingEtag, normaliseRequest, type ResponseCache } from "./cache.js";
import { acceptedCodings, chooseCoding, EncodedBody, setCodingHeaders, type ContentCoding } from "./compress.js";
import { badRequest, HttpError, shortenEchoes } from "./errors.js";
import { parseWithLimit, tooComplex, type Limits } from "./limits.js";
import { chooseMediaType, prefersHtml, statusFor, type MediaType } from "./media.js";
import { paramsFromBody, paramsFromUrl, type GraphqlParams } from "./request.js";
import { send, sendError, sendHttpError, setCors, type RequestLogFields } from "./respond.js";
import { formatError, type ApiContext } from "../graphql.js";
import type { Logger } from "./log.js";

/** How operations without errors run: compiled (graphql-jit), graphql-js, or all through Apollo. */
export type FastExecution = "jit" | "graphql-js" | "off";

export interface GraphqlHandlerOptions {
  apollo: ApolloServer<ApiContext>;
  /** Each request leases the version current at its start (api/db/live-database.ts). */
  database: Pick<LiveDatabase, "acquire">;
  limits: Limits;
  /** null: every operation is executed. */
  cache: ResponseCache | null;
  logger: Logger;
  /** Default "jit". */
  fastExecution?: FastExecution;
  /** Freshness of a successful GET in shared caches and browsers (default 60 s; 0: revalidate every time). */
  maxAgeSeconds?: number;
}

interface ExecutionOutcome {
  status: number;
  body: string;
  /** Complete answer without errors: may be cached and get public Cache-Control. */
  cacheable: boolean;
  headers?: Record<string, string>;
  errorCodes: string[];
  /** A refusal before execution that the same request always gets from this data version (see REPEATABLE_REFUSALS). */
  repeatable?: boolean;
}

/**
 * Refusals decided before anything runs, from the document, its variables and the data's list
 * sizes alone: the same request gets the same answer from the same data version. Kept (with
 * the response cache on), a flood of one refused query skips Apollo's pipeline (about 2 ms of
 * CPU each: cost estimate, error objects) and /healthz waits less behind it. Not kept: time and
 * answer-size refusals (measured while running) and internal errors.
 */
const REPEATABLE_REFUSALS = new Set(["GRAPHQL_VALIDATION_FAILED", "QUERY_TOO_COMPLEX", "BAD_USER_INPUT"]);
const REPEATABLE_LIMITS = new Set([undefined, "depth", "aliases", "directives", "tokens", "cost", "schemaIntrospections"]);

/** What answers and their caches are keyed by: the data version and the content hash (two builds of the same files differ in builtAt). */
const versionKey = (portal: PortalDatabase) => `${portal.meta.dataVersion}/${portal.meta.dataHash ?? ""}`;

export function createGraphqlHandler({ apollo, database, limits, cache, logger, fastExecution = "jit", maxAgeSeconds = DEFAULT_API_MAX_AGE_SECONDS }: GraphqlHandlerOptions) {
  const cacheControl = cacheControlOk(maxAgeSeconds);
  // Parsed and printed once per query text (documents are never modified). Bounded by count
  // and by the measured size of an entry (document-size.ts): the key, the printed text, the tree.
  const parsed = new LRUCache<string, { document: DocumentNode; text: string; bytes: number }>({
    max: 1000, maxSize: 32 * 1024 * 1024, sizeCalculation: (value) => value.bytes,
  });
  // Repeatable refusals by cache key and media type (the status depends on it), only with the
  // response cache on: with it off every request is executed, as benchmarks expect.
  const refusals = cache ? new LRUCache<string, { status: number; body: string; errorCodes: string[] }>({
    max: 1000, maxSize: 4 * 1024 * 1024, sizeCalculation: (value, key) => 2 * (key.length + value.body.length) + 64,
  }) : null;
  // The same schema object Apollo executes (built once per process).
  const fast = portalSchema().then((schema) => createFastExecutor(schema, limits, { jit: fastExecution === "jit" }));

  return async function handleGraphql(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string, log: RequestLogFields): Promise<void> {
    // One version for the whole request, even if a new one is published meanwhile.
    const lease = database.acquire();
    try {
      await handle(lease, req, res, url, requestId, log);
    } finally {
      lease.release();
    }
  };

  async function handle(lease: Lease, req: IncomingMessage, res: ServerResponse, url: URL, requestId: string, log: RequestLogFields): Promise<void> {
    const portal = lease.portal;
    // Answers show the data version (about { dataVersion builtAt }), which a rebuild of the same
    // files changes while the hash stays: both go into ETags and cache keys.
    const dataKey = versionKey(portal);
    setCors(res);
    const method = (req.method ?? "GET").toUpperCase();
    if (method === "OPTIONS") {
      res.statusCode = 204;
      res.setHeader("content-length", "0");
      return void res.end();
    }
    if (method !== "GET" && method !== "HEAD" && method !== "POST") {
      return sendHttpError(res, badRequest(`Method ${method} is not allowed: use GET (queries in the URL) or POST (a JSON body).`, 405, { allow: "GET, POST, OPTIONS" }));
    }
    const isGet = method !== "POST";
    const mediaType = chooseMediaType(req.headers.accept);
    if (!mediaType) {
      return sendHttpError(res, badRequest(`Accept "${req.headers.accept}" allows neither application/graphql-response+json nor application/json, the two formats of this API.`, 406));
    }
    if (isGet && !url.searchParams.has("query") && prefersHtml(req.headers.accept)) {
      // A browser opening /graphql gets the API page of the site.
      res.statusCode = 302;
      res.setHeader("location", "/api/");
      return void res.end();
    }

    let params: GraphqlParams;
    try {
      params = isGet ? paramsFromUrl(url, limits) : await paramsFromBody(req, limits);
    } catch (error) {
      if (error instanceof HttpError) return sendHttpError(res, error, mediaType);
      throw error;
    }
    log.query = params.query;

    let document: DocumentNode;
    let printed = parsed.get(params.query);
    try {
      document = printed?.document ?? parseWithLimit(params.query, limits.maxTokens);
    } catch (error) {
      const gqlError = error instanceof GraphQLError ? error : new GraphQLError(String(error));
      const code = (gqlError.extensions?.code as string | undefined) ?? "GRAPHQL_PARSE_FAILED";
      log.errorCodes = [code];
      return sendRequestError(res, mediaType, { message: gqlError.message, locations: gqlError.locations, extensions: { ...gqlError.extensions, code } });
    }

    const operation = getOperationAST(document, params.operationName);
    if (!operation) return sendHttpError(res, operationNotFound(document, params.operationName), mediaType);
    log.operationName = operation.name?.value ?? params.operationName;
    if (isGet && operation.operation !== "query") {
      return sendHttpError(res, badRequest(`GET runs queries only; this is a ${operation.operation}. The API is read-only: it has no mutations or subscriptions.`, 405, { allow: "POST" }), mediaType);
    }
    if (operation.operation !== "query") {
      // graphql-js 16 would only find out during execution (an unexplained error there).
      log.errorCodes = ["GRAPHQL_VALIDATION_FAILED"];
      return sendRequestError(res, mediaType, { message: `This API is read-only: it has no ${operation.operation}s. Send a query.`, extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
    }

    if (!printed) {
      const text = print(document);
      printed = { document, text, bytes: 2 * (params.query.length + text.length) + PARSED_BYTES_PER_FIELD * fieldNodeCount(document) };
      parsed.set(params.query, printed);
    }
    const normalised = normaliseRequest(printed.text, params.operationName, params.variables);
    const etag = isGet ? etagFor(dataKey, mediaType, normalised) : undefined;
    const contentType = `${mediaType}; charset=utf-8`;
    const okHeaders = (): Record<string, string> => (etag ? { "cache-control": cacheControl } : { "cache-control": CACHE_CONTROL_NONE });
    const coding = chooseCoding(req);

    const notModified = etag ? matchingEtag(req.headers["if-none-match"], etag, acceptedCodings(req)) : null;
    if (notModified) {
      log.cache = "not-modified";
      res.statusCode = 304;
      // The tag the client holds (any coding of this answer decodes to the same bytes).
      res.setHeader("etag", notModified);
      res.setHeader("vary", VARY);
      for (const [name, value] of Object.entries(okHeaders())) res.setHeader(name, value);
      return void res.end();
    }

    const key = cache ? cacheKey(dataKey, normalised) : "";
    const cached = cache?.get(key);
    if (cached) {
      log.cache = "hit";
      return sendEncoded(res, 200, contentType, await encode(key, cached, coding), coding, etag, { ...okHeaders(), "x-cache": "HIT" });
    }
    const refusalKey = `${mediaType}\u0000${key}`;
    const refusal = refusals?.get(refusalKey);
    if (refusal) {
      log.cache = "hit";
      log.errorCodes = refusal.errorCodes;
      return sendEncoded(res, refusal.status, contentType, await EncodedBody.of(refusal.body).withCoding(coding), coding, undefined, { "cache-control": CACHE_CONTROL_NONE, "x-cache": "HIT" });
    }
    log.cache = cache ? "miss" : "off";

    const outcome = await execute(lease, params, document, mediaType, requestId);
    log.errorCodes = outcome.errorCodes.length ? outcome.errorCodes : undefined;
    if (outcome.repeatable) refusals?.set(refusalKey, { status: outcome.status, body: outcome.body, errorCodes: outcome.errorCodes });
    if (outcome.cacheable) {
      const body = EncodedBody.of(outcome.body);
      cache?.set(key, body);
      return sendEncoded(res, outcome.status, contentType, await encode(key, body, coding), coding, etag, { ...okHeaders(), ...(cache ? { "x-cache": "MISS" } : {}) });
    }
    sendEncoded(res, outcome.status, contentType, await EncodedBody.of(outcome.body).withCoding(coding), coding, undefined, { "cache-control": CACHE_CONTROL_NONE, ...outcome.headers });
  }

  /** The answer in `coding`, compressed once: the cached entry is replaced by one that keeps the new coding too. */
  async function encode(key: string, body: EncodedBody, coding: ContentCoding): Promise<EncodedBody> {
    if (body.has(coding)) return body;
    const encoded = await body.withCoding(coding);
    // Only if still cached: a body evicted meanwhile stays out.
    if (cache?.has(key)) cache.set(key, encoded);
    return encoded;
  }

  /** Run one operation within the time limit and the answer budget (fast path, else Apollo). */
  async function execute(lease: Lease, params: GraphqlParams, document: DocumentNode, mediaType: MediaType, requestId: string): Promise<ExecutionOutcome> {
    const portal = lease.portal;
    // Shared by reference by both attempts (Apollo copies the context object shallowly).
    const deadline: Deadline = { at: performance.now() + limits.timeLimitMs, exceeded: false };
    const db = portal.db.withPlugin(refuseAfter(deadline, limits));
    let budget: AnswerBudget | undefined;
    const newContext = (): ApiContext => {
      budget = new AnswerBudget(limits.maxAnswerValues, deadline, limits.timeLimitMs, portal.listSizes);
      return { ...createContext(db, portal.meta, portal.reference), requestId, deadline, budget, listSizes: portal.listSizes };
    };
    const run = async (): Promise<Awaited<ReturnType<typeof apollo.executeOperation>> | { fast: ExecutionResult } | { refused: GraphQLError } | "stopped"> => {
      if (fastExecution !== "off") {
        const result = await (await fast).run(document, params.query, params.operationName, params.variables, newContext()).catch(() => null);
        if (result && "refused" in result) return result;
        if (result) return { fast: result };
        if (deadline.exceeded || budget?.exceeded) return "stopped";
      }
      // Errors and refusals: Apollo's pipeline says what went wrong (a fresh context: no cached failures).
      const response = await apollo.executeOperation({ query: params.query, variables: params.variables, operationName: params.operationName }, { contextValue: newContext() });
      return deadline.exceeded || budget?.exceeded ? "stopped" : response;
    };
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), limits.timeLimitMs);
    });
    let response: Awaited<ReturnType<typeof run>> | "timeout";
    try {
      // An operation abandoned at the time limit keeps its version open until it stops.
      lease.retain();
      const running = run();
      void running.catch(() => {}).finally(() => lease.release());
      response = await Promise.race([running, timedOut]);
    } catch (error) {
      logger.error({ reqId: requestId, err: error }, "graphql execution failed");
      return internalError(requestId);
    } finally {
      clearTimeout(timer);
    }
    if (response === "timeout" || deadline.exceeded) {
      deadline.exceeded = true;
      logger.warn({ reqId: requestId, timeLimitMs: limits.timeLimitMs }, "graphql time limit exceeded");
      const seconds = limits.timeLimitMs / 1000;
      return {
        status: 503,
        cacheable: false,
        errorCodes: ["QUERY_TOO_COMPLEX"],
        headers: { "retry-after": String(Math.max(1, Math.ceil(seconds))) },
        body: JSON.stringify({ errors: [{ message: `The query did not finish within ${seconds} s, the time limit per request. Ask for fewer items (lower \`first\`) or fewer nested lists, or try again later.`, extensions: { code: "QUERY_TOO_COMPLEX", limit: "time", max: limits.timeLimitMs } }] }),
      };
    }
    if (response === "stopped") {
      logger.warn({ reqId: requestId, maxAnswerValues: limits.maxAnswerValues, values: budget?.values }, "graphql answer budget exceeded");
      return answerTooLarge(mediaType, { message: answerTooLargeMessage(limits.maxAnswerValues), extensions: { code: "QUERY_TOO_COMPLEX", limit: "answer", max: limits.maxAnswerValues } });
    }
    let outcome: ExecutionOutcome;
    if ("fast" in response) outcome = { status: 200, body: JSON.stringify({ data: response.fast.data }), cacheable: true, errorCodes: [] };
    else if ("refused" in response) {
      // Formatted as Apollo formats the same refusal from its cost plugin (tests/http.test.ts compares both).
      const errors = [formatError(response.refused.toJSON(), response.refused)];
      outcome = { status: statusFor({ errors }, mediaType), body: JSON.stringify({ errors }), cacheable: false, errorCodes: ["QUERY_TOO_COMPLEX"], repeatable: true };
    } else {
      if (response.body.kind !== "single") return internalError(requestId);
      const result = response.body.singleResult;
      const errors = result.errors?.map((e) => withRequestId(e, requestId));
      const shaped = { ...(errors ? { errors } : {}), ...("data" in result && result.data !== undefined ? { data: result.data } : {}), ...(result.extensions ? { extensions: result.extensions } : {}) };
      const status = statusFor(shaped, mediaType);
      const repeatable = !!errors?.length && !("data" in shaped) && errors.every((e) => REPEATABLE_REFUSALS.has(String(e.extensions?.code)) && REPEATABLE_LIMITS.has(e.extensions?.limit as string | undefined));
      outcome = { status, body: JSON.stringify(shaped), cacheable: status === 200 && !errors?.length, errorCodes: (errors ?? []).map((e) => String(e.extensions?.code)), repeatable };
    }
    if (Buffer.byteLength(outcome.body) > limits.maxAnswerBytes) {
      logger.warn({ reqId: requestId, maxAnswerBytes: limits.maxAnswerBytes }, "graphql answer too large");
      const megabytes = limits.maxAnswerBytes / 1024 / 1024;
      return answerTooLarge(mediaType, {
        message: `The answer is larger than ${megabytes} MiB, the limit per request. Ask for fewer items (lower \`first\`) or fewer fields and page through with \`after\`; bulk data is in the downloads (/du-lieu/).`,
        extensions: { code: "QUERY_TOO_COMPLEX", limit: "answerBytes", max: limits.maxAnswerBytes },
      });
    }
    return outcome;
  }

  /** A refusal during execution answers like one before it: no data, the status of a request error. */
  function answerTooLarge(mediaType: MediaType, error: GraphQLFormattedError): ExecutionOutcome {
    return { status: statusFor({ errors: [error] }, mediaType), cacheable: false, errorCodes: ["QUERY_TOO_COMPLEX"], body: JSON.stringify({ errors: [error] }) };
  }

  function sendRequestError(res: ServerResponse, mediaType: MediaType, formatted: GraphQLFormattedError) {
    const error = { ...formatted, message: shortenEchoes(formatted.message) };
    send(res, statusFor({ errors: [error] }, mediaType), `${mediaType}; charset=utf-8`, JSON.stringify({ errors: [error] }), { "cache-control": CACHE_CONTROL_NONE, vary: VARY });
  }
}

/** An API answer differs by media type (Accept) and coding (Accept-Encoding): shared caches keep one copy per pair. */
const VARY = "Accept, Accept-Encoding";

/** Send `body` in the coding chosen for this client, with the ETag of that coding. */
function sendEncoded(res: ServerResponse, status: number, contentType: string, body: EncodedBody, wanted: ContentCoding, etag: string | undefined, headers: Record<string, string>) {
  const { coding, body: bytes } = body.pick(wanted);
  res.setHeader("vary", VARY);
  setCodingHeaders(res, coding);
  send(res, status, contentType, bytes, { ...headers, ...(etag ? { etag: etagForCoding(etag, coding) } : {}) });
}

/**
 * After the time limit, the request's queries are refused, so an abandoned operation ends
 * soon. Checked per SQL query, not per field: a per-field hook (Apollo's willResolveField)
 * makes Apollo wrap every resolver, which cost 18 % on a page of 1,000 observations.
 */
function refuseAfter(deadline: Deadline, limits: Limits): KyselyPlugin {
  return {
    transformQuery({ node }) {
      if (deadline.exceeded || performance.now() > deadline.at) {
        deadline.exceeded = true;
        throw tooComplex(`Time limit of ${limits.timeLimitMs / 1000} s exceeded.`, "time", limits.timeLimitMs);
      }
      return node;
    },
    transformResult: async ({ result }) => result,
  };
}

function internalError(requestId: string): ExecutionOutcome {
  return {
    status: 500,
    cacheable: false,
    errorCodes: ["INTERNAL_SERVER_ERROR"],
    body: JSON.stringify({ errors: [{ message: "Internal server error. The problem has been logged; please try again later.", extensions: { code: "INTERNAL_SERVER_ERROR", requestId } }] }),
  };
}

/** Masked internal errors carry the request id, so a report can be matched with the log. */
function withRequestId(error: GraphQLFormattedError, requestId: string): GraphQLFormattedError {
  return error.extensions?.code === "INTERNAL_SERVER_ERROR" ? { ...error, extensions: { ...error.extensions, requestId } } : error;
}

/** Why no operation was selected: an unknown operationName, or several operations and no name. */
function operationNotFound(document: DocumentNode, operationName: string | undefined): HttpError {
  const names = document.definitions.flatMap((d) => (d.kind === "OperationDefinition" ? [d.name?.value ?? "(anonymous)"] : []));
  if (names.length === 0) return badRequest("The document has no operation (only fragments): add a query such as { about { dataVersion } }.");
  if (operationName) return badRequest(`Unknown operationName "${operationName}": the document defines ${names.map((n) => `"${n}"`).join(", ")}.`);
  return badRequest(`The document defines ${names.length} operations (${names.join(", ")}): say which one to run with "operationName".`);
}
