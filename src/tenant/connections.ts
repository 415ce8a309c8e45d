import { statSync } from "node:fs";
import { join } from "node:path";
import type { Clock } from "../time/clock.ts";
import { openDatabase, type Database } from "../db/database.ts";
import { LocalClient } from "../db/local-client.ts";
import type { Registry } from "./registry.ts";
import { migrateOpenTenant } from "./upgrade.ts";
import { logLine } from "../http/log.ts";
import { withTimeout } from "../net/timeout.ts";
import type { TenantRow } from "./schema.ts";

export interface OpenTenant {
  row: TenantRow;
  db: Database;
}

interface Entry extends OpenTenant {
  lastUsed: number;
  /** The registry generation this entry's row was last read at. */
  generation: number;
  /** `dev:inode` of a local database file when it was opened (null: a remote database). */
  file: string | null;
  /** How many `get` calls returned this entry: a job closes a database only it asked for (see `visit`). */
  gets: number;
}

export interface ConnectionLimits {
  maxOpen: number;
  idleMs: number;
}

// Another instance (on any host sharing the registry) or the CLI may disable, delete, restore or
// re-create a salon while we serve it. Every change to the tenants table moves the registry's
// generation (by trigger); reading that one number this often, and re-reading a salon's row only
// when it moved, bounds how long a stale status or a replaced database lives (well under the 5 s
// promised to operators) at one cheap registry read a second, however many salons are open.
export const REGISTRY_POLL_MS = 1_000;
// An evicted database may still serve a request that fetched it a moment ago; close it a bit later.
const CLOSE_GRACE_MS = 30_000;
// A salon not asked for in this share of the idle time (60 s of the default 300) stays open but
// closes the transaction connection its last write left warm: ~300 KB each (its own copy of the
// schema); the next write opens one again, ~0.6 ms once instead of ~0.05 ms on a warm one.
const QUIET_SHARE = 0.2;

export function tenantDbUrl(dataDir: string, row: Pick<TenantRow, "slug" | "dbUrl">): string {
  return row.dbUrl ?? `file:${join(dataDir, row.slug, "tenant.db")}`;
}

/**
 * Tenant databases, opened on first use and kept in an LRU: thousands of tenants cost nothing while
 * idle, the busiest stay open. Idle ones are closed by a sweep; the least recently used is closed
 * when more than `maxOpen` are open.
 */
export class TenantConnections {
  private readonly open = new Map<string, Entry>();
  private readonly opening = new Map<string, Promise<Entry | null>>();
  private readonly sweeper: ReturnType<typeof setInterval>;
  private generation = Number.NEGATIVE_INFINITY;
  private generationReadAt = Number.NEGATIVE_INFINITY;
  private generationRead: Promise<void> | null = null;

  constructor(
    private readonly registry: Registry,
    private readonly dataDir: string,
    private readonly limits: ConnectionLimits,
    private readonly clock: Clock,
  ) {
    this.sweeper = setInterval(() => this.closeIdle(), Math.max(1_000, limits.idleMs / 2));
    this.sweeper.unref();
  }

  /**
   * The tenant when it is open and its row known current (the registry polled recently, no change
   * since): no await at all. Null means "ask get()", not "no such tenant". Every request of a salon
   * resolves its tenant (issue 20: the awaits of get() were ≈ 0.5 µs of a ≈ 10 µs cached page).
   */
  current(slug: string): OpenTenant | null {
    const now = this.clock.now();
    const hit = this.open.get(slug);
    if (!hit || now - this.generationReadAt >= REGISTRY_POLL_MS || hit.generation !== this.generation) return null;
    this.touch(slug, hit, now);
    return hit;
  }

  /** The tenant with its open database, or null when no such tenant is registered. */
  async get(slug: string): Promise<OpenTenant | null> {
    const now = this.clock.now();
    await this.pollGeneration(now);
    const hit = this.open.get(slug);
    if (hit) {
      this.touch(slug, hit, now);
      const state = hit.generation === this.generation ? "current" : await this.refreshRow(slug, hit);
      if (state === "current") return hit;
      if (state === "gone") return null;
      // replaced (deleted and created again, or restored, elsewhere): the new database, opened once for everyone
      return this.get(slug);
    }
    const joined = this.opening.get(slug);
    if (joined) {
      const entry = await joined;
      if (entry) entry.gets++;
      return entry;
    }
    const pending = this.connect(slug, now).finally(() => this.opening.delete(slug));
    this.opening.set(slug, pending);
    return pending;
  }

  /**
   * Runs `work` on the tenant (null: no such tenant). A database this call opened, and nothing else
   * asked for meanwhile, is closed as soon as `work` is done instead of joining the LRU: jobs visit
   * every salon (payments and waitlist each minute, telegram at start), and with 1,000 salons those
   * passes kept ~4,900 connections and 1.6 GB open after a minute of idle serving (each evicted
   * database stays open for CLOSE_GRACE_MS), pushing the salons that serve requests out of the LRU.
   */
  async visit<T>(slug: string, work: (tenant: OpenTenant) => Promise<T>): Promise<T | null> {
    const wasOpen = this.open.has(slug) || this.opening.has(slug);
    const entry = (await this.get(slug)) as Entry | null;
    if (!entry) return null;
    try {
      return await work(entry);
    } finally {
      if (!wasOpen && entry.gets === 1 && this.open.get(slug) === entry) this.evict(slug);
    }
  }

  /**
   * Reads the registry generation when the last read is older than REGISTRY_POLL_MS (one read for
   * all concurrent callers). A registry that does not answer leaves the last known state in force:
   * nobody can change a salon through it meanwhile either.
   */
  private async pollGeneration(now: number): Promise<void> {
    if (now - this.generationReadAt < REGISTRY_POLL_MS) return;
    // a registry that hangs (the libSQL client over HTTP has no timeout) costs a request this much, once a poll
    this.generationRead ??= withTimeout(this.registry.generation(), REGISTRY_POLL_MS, "the registry")
      .then(
        (generation) => {
          this.generation = generation;
          this.generationReadAt = now;
        },
        (error: unknown) => {
          this.generationReadAt = now;
          logLine({ level: "warn", msg: "registry generation unreadable; keeping what is known", error: error instanceof Error ? error.message : String(error) });
        },
      )
      .finally(() => (this.generationRead = null));
    await this.generationRead;
  }

  /** The tenant's database if this process has it open right now; never opens one. */
  peek(slug: string): Database | null {
    return this.open.get(slug)?.db ?? null;
  }

  get size(): number {
    return this.open.size;
  }

  private touch(slug: string, entry: Entry, now: number): void {
    this.open.delete(slug);
    this.open.set(slug, entry); // most recently used goes last
    entry.lastUsed = now;
    entry.gets++; // a job's visit closes only what nobody else asked for meanwhile
  }

  /** Forget a tenant (after a restore or delete), closing its database. */
  evict(slug: string): void {
    const entry = this.open.get(slug);
    if (!entry) return;
    this.open.delete(slug);
    entry.db.close();
  }

  closeAll(): void {
    clearInterval(this.sweeper);
    for (const entry of this.open.values()) entry.db.close();
    this.open.clear();
  }

  private async connect(slug: string, now: number): Promise<Entry | null> {
    // the generation before the row: a change committed in between moves it past what we store
    const generation = this.generation;
    const row = await this.registry.get(slug);
    if (!row) return null;
    const db = await openDatabase({ url: tenantDbUrl(this.dataDir, row), authToken: row.dbToken ?? undefined });
    try {
      // Never serve a tenant behind its schema (e.g. restored from an old backup), nor one a newer
      // version migrated: one cheap query when current, the missing migrations otherwise.
      await migrateOpenTenant(this.registry, slug, db, this.clock);
    } catch (e) {
      db.close();
      throw e;
    }
    const entry: Entry = { row, db, lastUsed: now, generation, file: fileIdentity(db.url), gets: 1 };
    this.open.set(slug, entry);
    this.evictOverflow();
    return entry;
  }

  /**
   * Re-reads the tenant's registry row. "replaced": the row is another incarnation (deleted and
   * created again, or restored, through any instance) or the file at the database's path is no
   * longer the one opened: the old connection, and the pages cached on it, are retired and never
   * answer again.
   */
  private async refreshRow(slug: string, entry: Entry): Promise<"current" | "gone" | "replaced"> {
    const generation = this.generation;
    const row = await this.registry.get(slug);
    if (this.open.get(slug) !== entry) return row ? "replaced" : "gone"; // retired meanwhile
    const same = row && row.incarnation === entry.row.incarnation && row.dbUrl === entry.row.dbUrl && fileIdentity(entry.db.url) === entry.file;
    if (!same) {
      this.retire(slug, entry);
      return row ? "replaced" : "gone";
    }
    entry.row = row;
    entry.generation = generation;
    return "current";
  }

  /** Forgets an entry now and closes it a little later: a request that fetched it may still be using it. */
  private retire(slug: string, entry: Entry): void {
    if (this.open.get(slug) === entry) this.open.delete(slug);
    setTimeout(() => entry.db.close(), CLOSE_GRACE_MS).unref();
  }

  private evictOverflow(): void {
    while (this.open.size > this.limits.maxOpen) {
      const [slug, oldest] = this.open.entries().next().value as [string, Entry];
      this.retire(slug, oldest);
    }
  }

  private closeIdle(): void {
    const now = this.clock.now();
    for (const [slug, entry] of this.open) {
      if (entry.lastUsed < now - this.limits.idleMs) this.evict(slug);
      else if (entry.lastUsed < now - this.limits.idleMs * QUIET_SHARE && entry.db.client instanceof LocalClient) entry.db.client.closeIdleConnections();
    }
  }
}

/** `dev:inode` of a local database file, "missing" when no file is there; null for a remote URL. */
function fileIdentity(url: string): string | null {
  if (!url.startsWith("file:")) return null;
  try {
    const stat = statSync(url.slice("file:".length));
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return "missing";
  }
}
