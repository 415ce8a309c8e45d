/**
 * Rendered public pages and fragments, per tenant database, keyed by locale + path (the caller's
 * key) and valid for one business.data_version (bumped by every write that changes what public
 * pages show). A hit costs a map lookup: hono/jsx rendering, not the database, is what limits
 * page throughput (DESIGN §2).
 *
 * Knowing the current data_version must be cheap too: reading it per request would cost about as
 * much as the rest of a hit (measured: ≈26 µs; Elysia + the cached body ≈ 50 µs). So the version is
 * kept in memory and re-read only when it may have changed:
 *  - after any state-changing request this process served (`invalidation()`, used once in app.ts),
 *    which covers every write made through this process's pages and API;
 *  - at most `recheckMs` after the last read, for writes made by another process (the CLI, a
 *    second instance on the same data folder).
 * Per-request values (the CSRF token) are never cached: views write CSRF_SLOT and `fill` puts the
 * request's token there. Pages with no per-request value at all use `ready`: the entry then holds
 * the bytes, headers and compressed variants, and a hit does no rendering, hashing or compression.
 */
import { eq } from "drizzle-orm";
import { Elysia } from "elysia";
import { catalogueMayHaveChanged } from "../business/catalogue-cache.ts";
import { business } from "../business/schema.ts";
import type { Database } from "../db/database.ts";
import type { Clock } from "../time/clock.ts";
import { ReadyBody } from "./compression.ts";
import { PAGE_HEADERS } from "./render.ts";

/** Where a cached page's CSRF token goes; replaced per request. Never a valid token itself. */
export const CSRF_SLOT = "__csrf_slot__";

export interface Rendered {
  body: string;
  /** The page goes stale by itself at this instant (a hold expires, a start falls inside the notice). */
  validUntil?: number;
}

interface Entry {
  version: number;
  validUntil: number;
  value: unknown;
}

interface TenantState {
  version: number;
  /** The process-wide write generation the version was read at. */
  generation: number;
  readAt: number;
  entries: Map<string, Entry>;
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface PageCacheOptions {
  recheckMs: number;
  /** Pages kept per tenant; the least recently used goes first. */
  maxEntries: number;
}

export class PageCache {
  private readonly tenants = new WeakMap<Database, TenantState>();
  /** The database and key each ReadyBody was made for. */
  private readonly readyEntries = new WeakMap<ReadyBody, { db: Database; key: string }>();
  private generation = 0;

  constructor(
    private readonly clock: Clock,
    private readonly options: PageCacheOptions = { recheckMs: 2_000, maxEntries: 1_000 },
  ) {}

  /** The page under `key` for the current data version, rendered on a miss. */
  get(db: Database, key: string, render: () => Promise<Rendered>): Promise<string> {
    return this.remember(db, `page|${key}`, async () => {
      const page = await render();
      return { value: page.body, validUntil: page.validUntil ?? Infinity };
    });
  }

  /**
   * A page or fragment that is the same for every visitor (no CSRF slot, no per-request value),
   * kept ready to answer: its bytes, headers and compressed variants live with the entry.
   */
  ready(db: Database, key: string, render: () => Promise<Rendered & { status?: number }>): Promise<ReadyBody> {
    const entryKey = `ready|${key}`;
    return this.remember(db, entryKey, async () => {
      const page = await render();
      const body = new ReadyBody(page.body, page.status ?? 200, PAGE_HEADERS);
      this.readyEntries.set(body, { db, key: entryKey });
      return { value: body, validUntil: page.validUntil ?? Infinity };
    });
  }

  /**
   * True while `body` is what ready() would answer for its page of `db` right now: the version
   * needs no re-read and the entry holds this very body, still valid. Synchronous, like a hit; a
   * hit for the LRU order too. (src/http/page-hits.ts answers a repeated request with it.)
   */
  isCurrent(body: ReadyBody, db: Database): boolean {
    const entry = this.readyEntries.get(body);
    if (entry?.db !== db) return false;
    const now = this.clock.now();
    const state = this.current(db, now);
    return state !== null && this.lookup(state, entry.key, now)?.value === body;
  }

  /** Any value that holds as long as the data version does (e.g. the salon's profile). */
  value<T>(db: Database, key: string, load: () => Promise<T>): Promise<T> {
    return this.remember(db, `value|${key}`, async () => ({ value: await load(), validUntil: Infinity }));
  }

  /**
   * A hit whose version needs no re-read answers without any await of its own (issue 20: the async
   * version check and lookup were ≈ 1 µs of a ≈ 10 µs hit, in promises and microtask turns).
   */
  private remember<T>(db: Database, key: string, make: () => Promise<{ value: T; validUntil: number }>): Promise<T> {
    const now = this.clock.now();
    const known = this.current(db, now);
    const hit = known && this.lookup<T>(known, key, now);
    return hit ? Promise.resolve(hit.value) : this.make(db, key, make, now, known);
  }

  private lookup<T>(state: TenantState, key: string, now: number): { value: T } | null {
    const hit = state.entries.get(key);
    if (!hit || hit.version !== state.version || now >= hit.validUntil) return null;
    state.entries.delete(key);
    state.entries.set(key, hit); // most recently used goes last
    return hit as { value: T };
  }

  /** A miss: the version read again if due (the page may be cached for it), else the page made. */
  private async make<T>(db: Database, key: string, make: () => Promise<{ value: T; validUntil: number }>, now: number, known: TenantState | null): Promise<T> {
    const state = known ?? (await this.readVersion(db, now));
    const hit = known ? null : this.lookup<T>(state, key, now);
    if (hit) return hit.value;
    const version = state.version;
    const made = await make();
    state.entries.delete(key);
    state.entries.set(key, { version, validUntil: made.validUntil, value: made.value });
    if (state.entries.size > this.options.maxEntries) state.entries.delete(state.entries.keys().next().value!);
    return made.value;
  }

  /** Every write this process serves may change a data version: re-read them after it. */
  invalidation() {
    // After the handler (its write has committed), before the response goes out: the client's next
    // request already sees fresh pages.
    return new Elysia({ name: "page-cache-invalidation" }).onAfterHandle({ as: "global" }, ({ request }) => {
      if (UNSAFE.has(request.method)) this.generation++;
    });
  }

  /** The tenant's state when its version needs no re-read (no write since, read recently enough). */
  private current(db: Database, now: number): TenantState | null {
    const known = this.tenants.get(db);
    return known && known.generation === this.generation && now - known.readAt < this.options.recheckMs ? known : null;
  }

  private async readVersion(db: Database, now: number): Promise<TenantState> {
    const known = this.tenants.get(db);
    const generation = this.generation;
    const [row] = await db.orm.select({ v: business.dataVersion }).from(business).where(eq(business.id, 1));
    const version = row?.v ?? 0;
    const state: TenantState = known ?? { version, generation, readAt: now, entries: new Map() };
    if (state.version !== version) {
      state.entries.clear();
      // the pages about to be made for this version must not read an older catalogue (kept by its
      // own cache, re-read on its own clock): a change by another process moves both versions
      if (known) catalogueMayHaveChanged(db);
    }
    Object.assign(state, { version, generation, readAt: now });
    this.tenants.set(db, state);
    return state;
  }
}

/** A cached page with this request's CSRF token in its slots. */
export const fill = (body: string, csrfToken: string): string => body.replaceAll(CSRF_SLOT, csrfToken);
