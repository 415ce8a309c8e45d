import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { renderEmailHtml } from "../../views/notification/email.tsx";
import { loadBookingCalendarFile } from "../booking/calendar-file.ts";
import type { Config } from "../config/config.ts";
import { commitMark } from "../db/commit-mark.ts";
import type { Database } from "../db/database.ts";
import type { Job, JobContext } from "../job/job.ts";
import { forEachTenant } from "../job/tenants.ts";
import { tenantDbUrl } from "../tenant/connections.ts";
import type { TenantRow } from "../tenant/schema.ts";
import type { Clock } from "../time/clock.ts";
import { Mailer } from "./channels/email.ts";
import { deliverDue, type DeliveryDeps } from "./delivery.ts";
import { nextDueAt } from "./lease.ts";

export const PROVIDER_ENDPOINTS = { smsRu: "https://sms.ru", telegram: "https://api.telegram.org" };
type Endpoints = typeof PROVIDER_ENDPOINTS & { whatsapp?: string };

/** The delivery dependencies of one process; tests pass loopback endpoints. */
export function deliveryDeps(
  config: Pick<Config, "publicUrl" | "smtpUrl" | "smtpFrom" | "whatsappApiUrl" | "allowPrivateHosts">,
  clock: Clock,
  mailer: Mailer,
  endpoints: Endpoints = PROVIDER_ENDPOINTS,
): DeliveryDeps {
  return {
    clock,
    // unique per process: the lease owner that fences every write of this sender
    owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    publicUrl: config.publicUrl,
    smtp: { url: config.smtpUrl, from: config.smtpFrom },
    // issue 16: the Graph API base is the operator's (ZAPIS_WHATSAPP_API_URL), never a salon's
    endpoints: { ...endpoints, whatsapp: endpoints.whatsapp ?? config.whatsappApiUrl },
    allowPrivateHosts: config.allowPrivateHosts,
    mailer,
    emailHtml: renderEmailHtml,
    calendarFor: loadBookingCalendarFile,
  };
}

// A tenant is looked at again at its next due row, but at least this often: rows written by a
// process the commit marks cannot see (an import run from the CLI that closed the database before
// the next tick, or any process on a libSQL server) show up within this bound.
const MAX_IDLE_MS = 10 * 60_000;
// How many tenants whose next due time is unknown or has passed may be opened in one tick: after a
// restart a thousand tenants are looked at over ~200 s instead of all at once (each open libSQL
// connection holds ~0.4 MB). Reminders are queued hours ahead, and a tenant written to is looked
// at on the next tick whatever the budget.
const LOOKS_PER_TICK = 25;

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
 * through any process while the database is open somewhere (its commit mark, for local files). So
 * quiet tenants are not opened every tick, and confirmations stay prompt wherever they were booked.
 */
class DueSchedule {
  private readonly looks = new Map<string, Look>();
  private looksLeft = LOOKS_PER_TICK;

  constructor(private readonly ctx: JobContext) {}

  startTick(): void {
    this.looksLeft = LOOKS_PER_TICK;
  }

  isDue(row: TenantRow): boolean {
    const look = this.looks.get(row.slug);
    const open = this.ctx.tenants.peek(row.slug);
    // written to through this process since the last look (or ever, if never looked at)
    if (open !== null && open.writes !== (look?.db.deref() === open ? look.writes : 0)) return true;
    if (look) {
      const mark = commitMark(tenantDbUrl(this.ctx.config.dataDir, row));
      if (mark !== null && mark !== look.mark) return true;
      if (this.ctx.clock.now() < look.at) return false;
    }
    return this.looksLeft-- > 0;
  }

  async drained(slug: string, db: Database): Promise<void> {
    const now = this.ctx.clock.now();
    // The marks first, then the read: a write that commits while nextDueAt is in flight (and is
    // missing from its answer) then moves a mark past the one stored, and the next tick looks
    // again, instead of sleeping until the old due time with a fresh confirmation waiting.
    const writes = db.writes;
    const mark = commitMark(db.url);
    const due = await nextDueAt(db.orm);
    this.looks.set(slug, { at: Math.min(due ?? Infinity, now + MAX_IDLE_MS), db: new WeakRef(db), writes, mark });
  }
}

/** `notifications`: every 5 seconds, send what is due in every tenant, 8 tenants at a time. */
export const notificationsJob = (endpoints = PROVIDER_ENDPOINTS): Job => ({
  name: "notifications",
  description: "send due confirmations and reminders (email, SMS, Telegram)",
  schedule: "*/5 * * * * *",
  start(ctx: JobContext) {
    const mailer = new Mailer({ allowPrivateHosts: ctx.config.allowPrivateHosts });
    const deps = deliveryDeps(ctx.config, ctx.clock, mailer, endpoints);
    const schedule = new DueSchedule(ctx);
    return {
      run: (options = {}) => {
        schedule.startTick();
        return forEachTenant(
          ctx,
          "notifications",
          async ({ row, db }) => {
            const r = await deliverDue(deps, { slug: row.slug, db });
            await schedule.drained(row.slug, db);
            return `sent ${r.sent}, retried ${r.retried}, failed ${r.failed}, voided ${r.voided}, deferred ${r.deferred}`;
          },
          { ...options, due: (row) => schedule.isDue(row) },
        );
      },
      close: () => mailer.close(),
    };
  },
});
