/**
 * Connections against `npm run serve`'s entry point (api/main.ts in its own process, real data,
 * 127.0.0.1, limits lowered through the environment): floods of idle sockets are held to the
 * per-address and per-process limits, idle, slow and stalled connections are destroyed after
 * their timeout (the server's file descriptors are counted in /proc), and requests that arrived
 * before SIGTERM are answered. Latencies are printed for the record, never asserted.
 */
import { readdirSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestDatabase, read, spawnServer, type SpawnedServer } from "./helpers/server.js";

let dbPath: string;
const started: SpawnedServer[] = [];
const clients: Socket[] = [];

beforeAll(async () => {
  dbPath = await buildTestDatabase();
});
afterAll(async () => {
  for (const socket of clients) socket.destroy();
  for (const run of started) if (run.child.exitCode === null) run.child.kill("SIGKILL");
});

async function serve(env: Record<string, string>) {
  const run = spawnServer({ PORTAL_DB: dbPath, ...env });
  started.push(run);
  return { run, url: await run.listening };
}

/** Open file descriptors of the server process (its sockets among them). */
const serverFds = (run: SpawnedServer) => readdirSync(`/proc/${run.child.pid}/fd`).length;

interface Client {
  socket: Socket;
  text: string;
  /** When the server ended or reset the connection (ms since epoch), if it did. */
  endedAt?: number;
}

/**
 * Open `count` connections from `localAddress` that send `first` (or nothing), never read
 * (unless `flowing`) and never close: a client that holds sockets.
 */
async function openClients(port: number, count: number, options: { localAddress?: string; first?: string; flowing?: boolean } = {}): Promise<Client[]> {
  const opened: Client[] = [];
  for (let batch = 0; batch < count; batch += 250) {
    const size = Math.min(250, count - batch);
    opened.push(...(await Promise.all(Array.from({ length: size }, () => new Promise<Client>((resolve) => {
      const socket = connect({ port, host: "127.0.0.1", localAddress: options.localAddress, allowHalfOpen: true });
      clients.push(socket);
      const client: Client = { socket, text: "" };
      const ended = () => (client.endedAt ??= Date.now());
      socket.on("data", (chunk) => (client.text += chunk));
      socket.on("end", ended);
      socket.on("close", ended);
      socket.on("error", ended);
      socket.once("connect", () => {
        if (options.first) socket.write(options.first);
        if (!options.flowing) socket.pause();
        resolve(client);
      });
      socket.once("error", () => resolve(client));
    })))));
  }
  return opened;
}

/** Wait until `condition` holds (checked every 200 ms), at most `ms`; returns whether it held. */
async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return condition();
}

async function timedFetch(url: string, init?: RequestInit) {
  const start = performance.now();
  const response = await read(await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) }));
  return { ...response, ms: performance.now() - start };
}

describe("connection limits (per client address and per process)", () => {
  let run: SpawnedServer;
  let url: string;
  beforeAll(async () => {
    ({ run, url } = await serve({ PORTAL_MAX_CONNECTIONS: "1000", PORTAL_MAX_CONNECTIONS_PER_ADDRESS: "200", PORTAL_HEADERS_TIMEOUT_MS: "60000", PORTAL_REQUEST_TIMEOUT_MS: "60000" }));
  });

  it("holds a flood of 3,000 idle sockets from two addresses to 200 each, closes the rest at once, and still answers another client", async () => {
    const port = Number(new URL(url).port);
    const baseline = serverFds(run);
    const flood = [...(await openClients(port, 1500, { localAddress: "127.0.0.2", flowing: true })), ...(await openClients(port, 1500, { localAddress: "127.0.0.3", flowing: true }))];
    // Refused sockets are closed by the server as soon as they are accepted.
    await waitFor(() => flood.filter((c) => c.endedAt === undefined).length <= 400, 20_000);
    const held = flood.filter((c) => c.endedAt === undefined).length;
    const fds = serverFds(run) - baseline;
    const health = await timedFetch(`${url}/healthz`);
    const query = await timedFetch(`${url}/graphql?query=${encodeURIComponent('{ indicator(id: "cho-4-0-markets") { latest { value } } }')}`);
    console.log(`flood of 3000 idle sockets: held ${held}, server file descriptors +${fds}; /healthz ${health.ms.toFixed(1)} ms, query ${query.ms.toFixed(1)} ms`);
    expect(held).toBe(400);
    expect(fds).toBeLessThanOrEqual(400 + 20);
    expect(health.status).toBe(200);
    expect(health.body.connections).toMatchObject({ open: expect.any(Number), refused: 2600 });
    expect(query.body.data.indicator.latest.value).toBe(107);
  });

  it("holds connections from many addresses to the per-process limit, and serves again once they are gone", async () => {
    const port = Number(new URL(url).port);
    const baseline = serverFds(run);
    const addresses = Array.from({ length: 10 }, (_, i) => `127.0.0.${10 + i}`);
    const flood = (await Promise.all(addresses.map((localAddress) => openClients(port, 150, { localAddress, flowing: true })))).flat();
    // 400 are held from the test above (and this client's own keep-alive connection): about 600 more fit under 1,000.
    await waitFor(() => flood.filter((c) => c.endedAt === undefined).length <= 600, 20_000);
    const held = flood.filter((c) => c.endedAt === undefined).length;
    expect(held).toBeLessThanOrEqual(600);
    expect(held).toBeGreaterThan(590);
    expect(serverFds(run) - baseline).toBeLessThanOrEqual(600 + 20);
    for (const socket of clients.splice(0)) socket.destroy();
    expect(await waitFor(() => serverFds(run) <= baseline - 400 + 20, 20_000)).toBe(true);
    const health = await timedFetch(`${url}/healthz`);
    expect(health.status).toBe(200);
  });
});

describe("timeouts: every connection that stops moving is destroyed", () => {
  let run: SpawnedServer;
  let url: string;
  beforeAll(async () => {
    ({ run, url } = await serve({ PORTAL_HEADERS_TIMEOUT_MS: "1500", PORTAL_REQUEST_TIMEOUT_MS: "2500", PORTAL_IDLE_TIMEOUT_MS: "2500", PORTAL_KEEP_ALIVE_TIMEOUT_MS: "1000", PORTAL_LINGER_MS: "500" }));
  });

  it("sends 408 to 300 sockets that send nothing, never read and never close, then destroys them (not left in FIN-WAIT-2)", async () => {
    const port = Number(new URL(url).port);
    const baseline = serverFds(run);
    const idle = await openClients(port, 300, { localAddress: "127.0.0.4" });
    let peak = 0;
    const released = await waitFor(() => (peak = Math.max(peak, serverFds(run) - baseline)) > 100 && serverFds(run) - baseline <= 5, 30_000);
    expect(peak).toBeGreaterThan(100);
    expect(released, `server still holds ${serverFds(run) - baseline} more descriptors`).toBe(true);
    // The answer waited in the client's buffer.
    const first = idle[0]!;
    first.socket.resume();
    await waitFor(() => first.text.length > 0, 5_000);
    expect(first.text).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
    expect(first.text).toContain("The request headers were not received within 1.5 s");
  }, 60_000);

  it("answers a slow body with the documented 408 at the request timeout, not a silent close", async () => {
    const port = Number(new URL(url).port);
    const [slow] = await openClients(port, 1, { first: 'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":', flowing: true });
    await waitFor(() => slow!.endedAt !== undefined, 20_000);
    expect(slow!.text).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
    expect(slow!.text).toContain('"code":"BAD_REQUEST"');
    expect(slow!.text).toContain("The request body was not received within 2.5 s");
  }, 30_000);

  it("destroys a connection whose client stops reading its answers (a guard: the old code did too, through the next pipelined request's headers timeout)", async () => {
    const port = Number(new URL(url).port);
    const big = `/graphql?query=${encodeURIComponent("{ observations(first: 1000) { nodes { id value note period { label start end } area { fullName nameEn } source { title publisher } } } }")}`;
    expect((await timedFetch(`${url}${big}`)).status).toBe(200);
    const baseline = serverFds(run);
    // 100 pipelined requests of a few hundred KB each: far more than the socket buffers hold.
    await openClients(port, 1, { localAddress: "127.0.0.5", first: `GET ${big} HTTP/1.1\r\nHost: localhost\r\n\r\n`.repeat(100) });
    // The client is connected before the server has accepted: wait for the server's descriptor.
    expect(await waitFor(() => serverFds(run) > baseline, 5_000)).toBe(true);
    expect(await waitFor(() => serverFds(run) <= baseline, 30_000)).toBe(true);
    expect((await timedFetch(`${url}/healthz`)).status).toBe(200);
  }, 60_000);
});

describe("shutdown (SIGTERM) with the response cache off", () => {
  it("answers every request that arrived before SIGTERM, on new and on kept-alive connections, then exits 0", async () => {
    const { run, url } = await serve({ PORTAL_RESPONSE_CACHE: "off" });
    const port = Number(new URL(url).port);
    const body = JSON.stringify({ query: "{ observations(first: 300) { nodes { id value period { label } area { name } source { title } } } }" });
    const request = `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    const kept = await openClients(port, 10, { flowing: true });
    for (const client of kept) client.socket.write(request);
    await waitFor(() => kept.every((c) => /\r\n\r\n[\s\S]*\}\}\}$/.test(c.text)), 30_000);
    for (const client of kept) client.text = "";
    const fresh = await openClients(port, 40, { flowing: true });
    // Every request is in the server's socket buffers (or its accept queue) before the signal.
    await Promise.all([...kept, ...fresh].map((c) => new Promise((resolve) => c.socket.write(request, resolve))));
    await new Promise((resolve) => setTimeout(resolve, 30));
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
    const all = [...kept, ...fresh];
    // The server closes every connection itself, none is left open for a client to reuse.
    expect(await waitFor(() => all.every((c) => c.endedAt !== undefined), 10_000)).toBe(true);
    const outcome = (c: Client) => (c.text.startsWith("HTTP/1.1 200") ? "200" : c.text ? c.text.slice(0, 12) : "closed without an answer");
    expect(all.map(outcome)).toEqual(all.map(() => "200"));
    // An answer sent after the signal says so; one sent before it (on a busy machine, several of
    // the 50) rightly said keep-alive, and its connection was closed at rest by the drain.
    const saidClose = all.filter((c) => c.text.includes("connection: close")).length;
    const saidKeepAlive = all.filter((c) => /\r\nConnection: keep-alive\r\n/i.test(c.text)).length;
    console.log(`shutdown: ${saidClose} answers said connection: close, ${saidKeepAlive} were sent before the signal with keep-alive`);
    expect(saidClose).toBeGreaterThan(0);
    expect(saidClose + saidKeepAlive).toBe(all.length);
  }, 90_000);
});
