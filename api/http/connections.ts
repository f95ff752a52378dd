/**
 * Connections: every connection that stops moving is destroyed after its timeout (one that
 * sends nothing, slow headers or body, an idle keep-alive, a client that stops reading its
 * answer), the number of connections is limited per process and per client address, the
 * 400/408/431 answers Node's parser leaves to us are sent and the socket is then destroyed
 * (not left half-closed in FIN-WAIT-2 until the client closes), and shutdown drains: requests
 * that arrived are answered, idle keep-alive connections are closed, then the process exits.
 */
import { readFileSync, readlinkSync } from "node:fs";
import { RAW_SECURITY_HEADERS } from "./headers.js";
import type { IncomingMessage, Server, ServerOptions, ServerResponse } from "node:http";
import { Server as NetServer, type Socket } from "node:net";
import { errorBody } from "./errors.js";

export interface ConnectionLimits {
  /** Request line and headers must arrive within this; a connection that sends nothing gets a 408 then too. */
  headersTimeoutMs: number;
  /** The whole request, body included; a slow body gets a 408. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection between requests. */
  keepAliveTimeoutMs: number;
  /** No byte moves either way while a request is open (a client that stops reading): destroyed. Keep it above the time limit of one operation. */
  idleTimeoutMs: number;
  /** Open connections of one process; further ones are closed at once. */
  maxConnections: number;
  /** Open connections from one client address (IPv6: one /64); further ones are closed at once. 0: no limit (behind a reverse proxy every client is the proxy). */
  maxConnectionsPerAddress: number;
  /** After an error answer (400, 408, 431) the client may read it this long before the socket is destroyed. */
  lingerMs: number;
  /** At shutdown, how long an idle keep-alive connection may still bring a request before it is closed. */
  drainIdleMs: number;
}

/** Open files of this process (Linux soft limit), or null where it cannot be read. */
function openFileLimit(): number | null {
  try {
    const soft = /^Max open files\s+(\d+)/m.exec(readFileSync("/proc/self/limits", "utf8"))?.[1];
    return soft ? Number(soft) : null;
  } catch {
    return null;
  }
}

/** 10,000 connections per process, fewer when the process may not open that many files (the database and logs need some). */
const defaultMaxConnections = () => Math.max(64, Math.min(10_000, (openFileLimit() ?? 20_000) - 200));

export const DEFAULT_CONNECTION_LIMITS: Readonly<ConnectionLimits> = Object.freeze({
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 30_000,
  maxConnections: defaultMaxConnections(),
  maxConnectionsPerAddress: 256,
  lingerMs: 1_000,
  drainIdleMs: 500,
});

/** Environment variables that override a limit (README, "Limits"). */
export const CONNECTION_LIMIT_ENV: Record<keyof ConnectionLimits, string> = {
  headersTimeoutMs: "PORTAL_HEADERS_TIMEOUT_MS",
  requestTimeoutMs: "PORTAL_REQUEST_TIMEOUT_MS",
  keepAliveTimeoutMs: "PORTAL_KEEP_ALIVE_TIMEOUT_MS",
  idleTimeoutMs: "PORTAL_IDLE_TIMEOUT_MS",
  maxConnections: "PORTAL_MAX_CONNECTIONS",
  maxConnectionsPerAddress: "PORTAL_MAX_CONNECTIONS_PER_ADDRESS",
  lingerMs: "PORTAL_LINGER_MS",
  drainIdleMs: "PORTAL_DRAIN_IDLE_MS",
};

/** A setting in the environment that cannot be used (start-up stops with its message). */
export class ConfigurationError extends Error {
  name = "ConfigurationError";
}

/**
 * The limits set in the environment.
 * @throws ConfigurationError naming the variable when a value is not a whole number ≥ 0 (≥ 1 for timeouts and maxConnections).
 */
export function connectionLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<ConnectionLimits> {
  const limits: Partial<ConnectionLimits> = {};
  for (const [key, name] of Object.entries(CONNECTION_LIMIT_ENV) as [keyof ConnectionLimits, string][]) {
    const value = wholeNumberFromEnv(name, key === "maxConnectionsPerAddress" || key === "lingerMs" || key === "drainIdleMs" ? 0 : 1, env);
    if (value !== undefined) limits[key] = value;
  }
  return limits;
}

/**
 * A whole number ≥ `least` from the environment; undefined when unset.
 * @throws ConfigurationError naming the variable.
 */
export function wholeNumberFromEnv(name: string, least: number, env: NodeJS.ProcessEnv = process.env): number | undefined {
  const text = env[name];
  if (text === undefined || text === "") return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < least) throw new ConfigurationError(`${name} must be a whole number ≥ ${least}, not "${text}".`);
  return value;
}

/** Options for node:http createServer: its own timeouts, checked often enough to honour short test timeouts. */
export function httpServerOptions(limits: ConnectionLimits): Pick<ServerOptions, "requestTimeout" | "headersTimeout" | "connectionsCheckingInterval" | "keepAliveTimeout"> {
  const headersTimeout = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  return {
    headersTimeout,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.max(100, Math.min(2_000, Math.floor(headersTimeout / 5))),
  };
}

/** The key a connection is counted under: its IPv4 address, or the /64 of an IPv6 one (one host usually has a whole /64). */
export function addressKey(address: string | undefined): string {
  if (!address) return "unknown";
  if (address.startsWith("::ffff:") && address.includes(".")) return address.slice(7);
  if (!address.includes(":")) return address;
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

export interface ConnectionStats {
  open: number;
  /** Closed at once since start: over maxConnections or over maxConnectionsPerAddress. */
  refused: number;
}

export interface ConnectionGuard {
  stats(): ConnectionStats;
  /** Call for every request: during shutdown its answer says `Connection: close`. */
  track(req: IncomingMessage, res: ServerResponse): void;
  /** Error answer for Node's clientError event: sent, then the socket destroyed. */
  onClientError(error: NodeJS.ErrnoException, socket: Socket): void;
  /**
   * Stop accepting (after the connections the kernel has already queued), answer the requests
   * that arrived, close idle keep-alive connections, resolve when none is left. Connections
   * still open after `graceMs` are cut.
   */
  drain(graceMs: number): Promise<void>;
}

/** Header and URL limits named in the 431 answer. */
export interface HeaderLimits {
  maxHeaderBytes: number;
  maxQueryStringBytes: number;
}

/** Apply the limits to `server` (created with httpServerOptions) and take over its client errors and shutdown. */
export function guardConnections(server: Server, limits: ConnectionLimits, headerLimits: HeaderLimits): ConnectionGuard {
  // Node closes connections over maxConnections before any JavaScript runs ("drop").
  server.maxConnections = limits.maxConnections;
  // Inactivity of a socket with a request open; between requests keepAliveTimeout applies.
  server.timeout = limits.idleTimeoutMs;
  let open = 0;
  let accepted = 0;
  let refused = 0;
  let draining = false;
  const perAddress = new Map<string, number>();
  const inFlight = new Set<ServerResponse>();
  server.on("drop", () => void refused++);
  // A socket quiet for idleTimeoutMs (keepAliveTimeoutMs between requests): a request whose body
  // stopped coming gets its 408, anything else is destroyed. (With this listener Node destroys nothing itself.)
  server.on("timeout", (socket: Socket) => {
    const response = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
    if (response && !response.headersSent && response.req?.complete === false) return onClientError(Object.assign(new Error("request timeout"), { code: "ERR_HTTP_REQUEST_TIMEOUT" }), socket);
    socket.destroy();
  });
  server.on("connection", (socket: Socket) => {
    const key = addressKey(socket.remoteAddress);
    const count = perAddress.get(key) ?? 0;
    if (limits.maxConnectionsPerAddress > 0 && count >= limits.maxConnectionsPerAddress) {
      refused++;
      return void socket.destroy();
    }
    open++;
    accepted++;
    perAddress.set(key, count + 1);
    socket.once("close", () => {
      open--;
      const left = (perAddress.get(key) ?? 1) - 1;
      if (left > 0) perAddress.set(key, left);
      else perAddress.delete(key);
    });
  });

  function onClientError(error: NodeJS.ErrnoException, socket: Socket) {
    const response = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
    // Part of an answer is on the wire: nothing sensible can follow it.
    if (!socket.writable || response?.headersSent) return void socket.destroy();
    const [status, reason, message] =
      error.code === "HPE_HEADER_OVERFLOW"
        ? [431, "Request Header Fields Too Large", `The request line and headers exceed ${headerLimits.maxHeaderBytes} bytes. GET URLs may carry at most ${headerLimits.maxQueryStringBytes} bytes of query string: send long queries with POST.`]
        : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
          ? [408, "Request Timeout", response
              ? `The request body was not received within ${limits.requestTimeoutMs / 1000} s.`
              : `The request headers were not received within ${limits.headersTimeoutMs / 1000} s.`]
          : [400, "Bad Request", "The request is not valid HTTP."];
    const body = errorBody(message, "BAD_REQUEST");
    // A request whose body was too slow is answered here: read no more of it (the handler's
    // own answer then goes to a destroyed socket, which drops it).
    if (response) socket.pause();
    socket.end(`HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\ncache-control: no-store\r\n${RAW_SECURITY_HEADERS}connection: close\r\n\r\n${body}`);
    // Half-closed, a socket lives until the client closes it too; give it time to read, then destroy it.
    const destroy = setTimeout(() => socket.destroy(), limits.lingerMs);
    destroy.unref();
    socket.once("close", () => clearTimeout(destroy));
  }

  // Per connection: requests in flight, and bytes read when the last one finished (a
  // connection at rest whose count has not moved has not started another request).
  const rest = new WeakMap<Socket, { inFlight: number; bytesRead: number }>();
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    if (socket.destroyed) return;
    sockets.add(socket);
    rest.set(socket, { inFlight: 0, bytesRead: 0 });
    socket.once("close", () => sockets.delete(socket));
  });

  function track(req: IncomingMessage, res: ServerResponse) {
    if (draining) res.setHeader("connection", "close");
    inFlight.add(res);
    const state = rest.get(req.socket);
    if (state) state.inFlight++;
    res.once("close", () => {
      inFlight.delete(res);
      if (state) {
        state.inFlight--;
        state.bytesRead = req.socket.bytesRead;
      }
    });
  }

  /** Connections with no request in flight and nothing read since their last answer. */
  const atRest = () => new Map([...sockets].flatMap((socket) => {
    const state = rest.get(socket);
    return state && state.inFlight === 0 && socket.bytesRead === state.bytesRead ? [[socket, socket.bytesRead] as const] : [];
  }));

  let drained: Promise<void> | undefined;
  function drain(graceMs: number) {
    return (drained ??= (async () => {
      draining = true;
      // Answers not yet started close their connection when sent.
      for (const res of inFlight) if (!res.headersSent) res.setHeader("connection", "close");
      const force = setTimeout(() => server.closeAllConnections(), graceMs);
      force.unref();
      const giveUpAt = performance.now() + graceMs;
      const nextIteration = async () => {
        // An immediate queued from an immediate runs in the next loop iteration, after its poll phase.
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setImmediate(resolve));
      };
      if (server.listening) {
        // Closing the listening socket resets the connections the kernel has queued for it, and
        // libuv accepts about one of them per loop iteration (a busy loop takes seconds for a few
        // dozen): keep accepting until the queue is empty, then stop.
        const queue = acceptQueue(server);
        for (let before = -1; performance.now() < giveUpAt; ) {
          const waiting = queue();
          if (waiting === 0 || (waiting === null && before === accepted)) break;
          before = accepted;
          await nextIteration();
        }
      }
      const allClosed = new Promise<void>((resolve) => {
        // net.Server.close: stop listening, call back when the last connection has closed. (http's
        // close would also destroy every connection without a parsed request, even one whose
        // request is in the kernel's buffer and not read yet: those got ECONNRESET.)
        if (server.listening) NetServer.prototype.close.call(server, () => resolve());
        else if (sockets.size === 0) resolve();
        else server.once("close", () => resolve());
      });
      // Idle keep-alive connections: closed once at rest over two sweeps drainIdleMs apart (a
      // request sent before the shutdown has been read by then), again while requests finish.
      let previous = new Map<Socket, number>();
      const sweep = setInterval(() => setImmediate(() => {
        const now = atRest();
        for (const [socket, bytes] of now) if (previous.get(socket) === bytes) socket.destroy();
        previous = now;
      }), Math.max(10, limits.drainIdleMs));
      sweep.unref();
      try {
        await allClosed;
      } finally {
        clearTimeout(force);
        clearInterval(sweep);
        stopConnectionChecks(server);
      }
    })());
  }

  return { stats: () => ({ open, refused }), track, onClientError, drain };
}

/**
 * How many connections the kernel has queued on the listening socket, not yet accepted (Linux:
 * rx_queue of the socket in /proc/net/tcp); null where this cannot be read.
 */
function acceptQueue(server: Server): () => number | null {
  let inode: string | undefined;
  try {
    const fd = (server as unknown as { _handle?: { fd?: number } })._handle?.fd;
    if (typeof fd === "number" && fd >= 0) inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`))?.[1];
  } catch {
    inode = undefined;
  }
  if (!inode) return () => null;
  return () => {
    for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
      try {
        for (const line of readFileSync(table, "utf8").split("\n")) {
          const fields = line.trim().split(/\s+/);
          if (fields[9] === inode) return parseInt(fields[4]?.split(":")[1] ?? "", 16);
        }
      } catch {
        // not on Linux, or no IPv6
      }
    }
    return null;
  };
}

/** http's own close would stop its timer that checks request timeouts; net's close (used above) does not. */
function stopConnectionChecks(server: Server) {
  const key = Object.getOwnPropertySymbols(server).find((s) => s.description === "http.server.connectionsCheckingInterval");
  if (key) clearInterval((server as unknown as Record<symbol, NodeJS.Timeout>)[key]);
}
