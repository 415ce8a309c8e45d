/**
 * When each tenant next needs a job: an outbox sender (notifications, webhooks), or a job with its
 * own deadlines (payment windows, waitlist offers). The lease/wake pattern shared by every job that
 * would otherwise open every salon on every tick.
 */
import { commitMark } from "../db/commit-mark.ts";
import type { Database, Reader } from "../db/database.ts";
import { tenantDbUrl } from "../tenant/connections.ts";
import type { TenantRow } from "../tenant/schema.ts";
import { logLine } from "../http/log.ts";
import { withTimeout } from "../net/timeout.ts";
import type { OpenTenant } from "../tenant/connections.ts";
import type { JobContext, JobRunOptions, TenantResult } from "./job.ts";
import { forEachTenant } from "./tenants.ts";

// A tenant is looked at again at its next due row, but at least this often: rows written by a
// process the commit marks cannot see (an import run from the CLI that closed the database before
// the next tick, or any process on a libSQL server) show up within this bound.
const MAX_IDLE_MS = 10 * 60_000;
// How many tenants whose next due time is unknown or has passed may be opened in one tick, for a
// job every few seconds: after a restart a thousand tenants are looked at over ~200 s instead of
// all at once (each open libSQL connection holds ~0.4 MB). Reminders are queued hours ahead, and a
// tenant written to is looked at on the next tick whatever the budget. A job every minute whose
// deadlines are minutes away (payment windows, waitlist offers) takes no budget: it looks at every
// tenant on its first tick, as it did on every tick before it had a schedule.
const LOOKS_PER_TICK = 25;
// A registry that does not answer must not hold a tick (and every tick after it) forever.
const WAKES_TIMEOUT_MS = 3_000;

/** What the last look at a tenant saw: its next due time, and the marks of the writes before it. */
interface Look {
  at: number;
  /** The connection `writes` counts on: a tenant closed and reopened here counts from zero again. */
  db: WeakRef<Database>;
  writes: number;
  /** The database's commit mark (local files), which moves with a commit by any process. */
  mark: string | null;
}

/**
 * When each tenant next needs a sender. After a drain the tenant sleeps until its next due row;
 * a write wakes it on the next tick: through this process's connection (its write counter), or
 * through any process while the database is open somewhere (its commit mark, for local files), or
 * through an instance on another host (its announcement in the registry, issue 19). So quiet
 * tenants are not opened every tick, and confirmations stay prompt wherever they were booked.
 */
export class DueSchedule {
  private readonly looks = new Map<string, Look>();
  private looksLeft: number;
  /** Registry announcements read so far (null: not yet; the backlog before this process is skipped). */
  private wakeCursor: number | null = null;
  private woken = new Set<string>();
  /** Tenants due because of this process's own writes, which the other instances hear of. */
  private readonly toAnnounce = new Set<string>();

  constructor(
    private readonly ctx: JobContext,
    /** When the tenant next has work for this job, e.g. its outbox's next due row (null: none waiting). */
    private readonly nextDueAt: (reader: Reader) => Promise<number | null>,
    /** How many tenants not yet looked at, or past their due time, are opened per tick. */
    private readonly looksPerTick: number = LOOKS_PER_TICK,
  ) {
    this.looksLeft = looksPerTick;
  }

  /**
   * One run of the job: every tenant that is due is drained by `drain`, then sleeps until its next
   * row. Tenants another instance announced (issue 19) are due too; this instance announces the
   * ones it wrote to on a libSQL server before draining them.
   */
  async tick(job: string, options: JobRunOptions, drain: (tenant: OpenTenant) => Promise<string>): Promise<TenantResult[]> {
    await this.readWakes();
    return forEachTenant(
      this.ctx,
      job,
      async (tenant) => {
        await this.announce(tenant.row.slug);
        const detail = await drain(tenant);
        await this.drained(tenant.row.slug, tenant.db);
        return detail;
      },
      { ...options, due: (row) => this.isDue(row) },
    );
  }

  private async readWakes(): Promise<void> {
    this.looksLeft = this.looksPerTick;
    try {
      const wakes = await withTimeout(this.ctx.registry.wakesSince(this.wakeCursor), WAKES_TIMEOUT_MS, "the registry");
      this.wakeCursor = wakes.last;
      this.woken = wakes.slugs;
    } catch (error) {
      this.woken = new Set(); // a registry hiccup delays cross-host wakes by a tick, nothing else
      logLine({ level: "warn", msg: "outbox wakes unreadable", error: error instanceof Error ? error.message : String(error) });
    }
  }

  private isDue(row: TenantRow): boolean {
    const look = this.looks.get(row.slug);
    const open = this.ctx.tenants.peek(row.slug);
    // written to through this process since the last look (or ever, if never looked at)
    if (open !== null && open.writes !== (look?.db.deref() === open ? look.writes : 0)) {
      if (!open.url.startsWith("file:")) this.toAnnounce.add(row.slug);
      return true;
    }
    if (this.woken.has(row.slug)) return true;
    if (look) {
      const mark = commitMark(tenantDbUrl(this.ctx.config.dataDir, row));
      if (mark !== null && mark !== look.mark) return true;
      if (this.ctx.clock.now() < look.at) return false;
    }
    return this.looksLeft-- > 0;
  }

  /**
   * Before draining a tenant on a libSQL server that this process wrote to: tell the senders on
   * other hosts, which cannot see its commits. Should this instance die mid-send, another one has
   * looked, seen the lease, and takes the row over when it expires.
   */
  private async announce(slug: string): Promise<void> {
    if (!this.toAnnounce.delete(slug)) return;
    await this.ctx.registry.wake(slug, this.ctx.clock.now());
  }

  private async drained(slug: string, db: Database): Promise<void> {
    const now = this.ctx.clock.now();
    // The marks first, then the read: a write that commits while nextDueAt is in flight (and is
    // missing from its answer) then moves a mark past the one stored, and the next tick looks
    // again, instead of sleeping until the old due time with a fresh confirmation waiting.
    const writes = db.writes;
    const mark = commitMark(db.url);
    const due = await this.nextDueAt(db.orm);
    this.looks.set(slug, { at: Math.min(due ?? Infinity, now + MAX_IDLE_MS), db: new WeakRef(db), writes, mark });
  }
}

