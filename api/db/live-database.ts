/**
 * The portal database behind a path, followed while the server runs: the file is polled
 * (inode, size, mtime; fs.watchFile) and, when it changes — a new data version published by
 * rename, a file truncated in place and restored, a rebuild — opened and checked again (meta,
 * schema, every page) and served without a restart. Each request leases the version that is
 * current when it starts and keeps it to its end, so one answer never mixes two versions; a
 * replaced version is closed when its last lease is released. A changed file that fails the
 * checks is refused with its reason and the current version stays.
 */
import { statSync, unwatchFile, watchFile, type Stats } from "node:fs";
import { DatabaseUnavailableError, openPortalDatabase, type PortalDatabase } from "./connect.js";

export interface Lease {
  readonly portal: PortalDatabase;
  /** Keep the version open for more work of this request (e.g. an operation still running after its answer). */
  retain(): void;
  release(): void;
}

export interface LiveDatabase {
  /** The version new requests get. */
  current(): PortalDatabase;
  /** Lease the current version; release it when the request is done. */
  acquire(): Lease;
  /** Why the file now at the path is not served (null: it is the one served). Never names the path. */
  refusedReason(): string | null;
  /** Look at the file now (as the poll does) and reopen it if it changed; resolves when done. */
  checkNow(): Promise<void>;
  /** Stop watching and close every version (after their leases end). */
  close(): Promise<void>;
}

export interface LiveDatabaseOptions {
  /** How often the file is looked at (ms); 0: never (the database is opened once). Default 2,000. */
  pollMs?: number;
  /** Told about each switch and each refused file. */
  onEvent?: (event: { kind: "reopened"; from: string; to: string } | { kind: "refused"; reason: string }) => void;
}

/**
 * A truncated or damaged file may still open and have a meta table: check every page
 * (quick_check reads the whole file once; milliseconds for the portal database) rather
 * than fail on the first query that reaches a bad page.
 */
export async function checkIntegrity(portal: PortalDatabase, path: string) {
  let rows: Record<string, unknown>[];
  try {
    rows = await portal.sqlite.all("pragma quick_check");
  } catch (error) {
    throw new DatabaseUnavailableError(`${path} is damaged (${(error as Error).message}). Rebuild it with \`npm run data:build\`.`);
  }
  const problems = rows
    .map((r) => String(Object.values(r)[0]))
    .filter((v) => v !== "ok")
    .map((v) => v.replace(/\*\*\* in database \w+ \*\*\*/, "").replace(/\s+/g, " ").trim());
  if (problems.length) throw new DatabaseUnavailableError(`${path} is damaged (${problems.slice(0, 2).join("; ")}). Rebuild it with \`npm run data:build\`.`);
}

/** Open and check a portal database (meta and schema in openPortalDatabase, then every page). */
export async function openCheckedDatabase(path: string): Promise<PortalDatabase> {
  const portal = await openPortalDatabase(path);
  try {
    await checkIntegrity(portal, path);
  } catch (error) {
    await portal.close().catch(() => {});
    throw error;
  }
  return portal;
}

/** One opened version and the requests using it. */
class Version {
  private leases = 0;
  private retired = false;
  private closed: Promise<void> | null = null;
  constructor(readonly portal: PortalDatabase) {}
  lease(): Lease {
    this.leases++;
    let held = 1;
    return {
      portal: this.portal,
      retain: () => {
        held++;
        this.leases++;
      },
      release: () => {
        if (held === 0) return;
        held--;
        this.leases--;
        this.closeIfUnused();
      },
    };
  }
  retire(): Promise<void> {
    this.retired = true;
    return this.closeIfUnused() ?? new Promise<void>((resolve) => (this.onClosed = resolve));
  }
  private onClosed?: () => void;
  private closeIfUnused(): Promise<void> | null {
    if (!this.retired || this.leases > 0) return this.closed;
    this.closed ??= this.portal.close().catch(() => {}).then(() => this.onClosed?.());
    return this.closed;
  }
}

const fingerprint = (stats: Stats | null) => (stats && stats.nlink !== 0 ? `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}` : "missing");
const statOrNull = (path: string) => {
  try {
    return statSync(path);
  } catch {
    return null;
  }
};

/**
 * Open the database at `path` and follow it.
 * @throws DatabaseUnavailableError when the file cannot be served at start.
 */
export async function openLiveDatabase(path: string, options: LiveDatabaseOptions = {}): Promise<LiveDatabase> {
  const pollMs = options.pollMs ?? 2_000;
  let seen = fingerprint(statOrNull(path));
  let version = new Version(await openCheckedDatabase(path));
  let refused: string | null = null;
  let closing = false;
  let checking: Promise<void> | null = null;
  let again = false;
  const retiring = new Set<Promise<void>>();
  const publicReason = (error: unknown) => (error instanceof Error ? error.message : String(error)).split(path).join("the database file");

  async function reopenIfChanged() {
    const now = fingerprint(statOrNull(path));
    if (now === seen || closing) return;
    seen = now;
    if (now === "missing") {
      refused = "the database file is missing";
      options.onEvent?.({ kind: "refused", reason: refused });
      return;
    }
    let next: PortalDatabase;
    try {
      next = await openCheckedDatabase(path);
    } catch (error) {
      refused = publicReason(error);
      options.onEvent?.({ kind: "refused", reason: refused });
      return;
    }
    if (closing) return void (await next.close().catch(() => {}));
    const previous = version;
    version = new Version(next);
    refused = null;
    const done = previous.retire();
    retiring.add(done);
    void done.then(() => retiring.delete(done));
    options.onEvent?.({ kind: "reopened", from: previous.portal.meta.dataVersion, to: next.meta.dataVersion });
  }

  /** One check at a time; a change seen meanwhile is looked at once more after it. */
  function checkNow(): Promise<void> {
    if (checking) {
      again = true;
      return checking;
    }
    checking = (async () => {
      do {
        again = false;
        await reopenIfChanged();
      } while (again && !closing);
    })().finally(() => (checking = null));
    return checking;
  }

  const onChange = () => void checkNow();
  if (pollMs > 0) watchFile(path, { interval: pollMs, persistent: false }, onChange);

  return {
    current: () => version.portal,
    acquire: () => version.lease(),
    refusedReason: () => refused,
    checkNow,
    close: async () => {
      closing = true;
      if (pollMs > 0) unwatchFile(path, onChange);
      await checking?.catch(() => {});
      await Promise.all([version.retire(), ...retiring]);
    },
  };
}
