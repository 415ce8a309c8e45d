/**
 * Long polling for installations Telegram cannot reach (ZAPIS_TELEGRAM_MODE=polling): one getUpdates
 * loop per salon with a bot. A lease row in the salon's database makes it one loop across all
 * instances; the loop stops when the token is removed, the lease is lost, or the process closes.
 * The next offset is stored after each update, so a restart neither loses nor repeats one (an
 * update handled twice after a crash books once: the booking's idempotency key is the press).
 */
import { and, eq, lt, or } from "drizzle-orm";
import { setTimeout as wait } from "node:timers/promises";
import type { Update } from "grammy/types";
import type { Database } from "../db/database.ts";
import { logLine } from "../http/log.ts";
import type { JobContext } from "../job/job.ts";
import { readSettings } from "../notification/settings.ts";
import { telegramPoll } from "./schema.ts";
import { ALLOWED_UPDATES, botApi, grammy, type TelegramDeps } from "./setup.ts";
import { receiveUpdate } from "./updates.ts";

// grammY types its signal with the abort-controller shim; the runtime's own AbortSignal is what it gets.
type GrammySignal = Parameters<Awaited<ReturnType<typeof botApi>>["getUpdates"]>[1];

/** A lease outlives a long poll: its holder renews it every round. */
const LEASE_MS = 90_000;
/** Seconds Telegram holds a getUpdates open when nothing happens. */
export const POLL_SECONDS = 25;
/** After a failed round (Telegram unreachable), the loop waits this long. */
const BACKOFF_MS = 5_000;

/** Takes or renews the salon's polling lease for `owner`; false while another instance holds it. */
export async function takePollLease(db: Database, owner: string, now: number): Promise<boolean> {
  const taken = await db.write((tx) =>
    tx
      .update(telegramPoll)
      .set({ owner, leaseUntil: now + LEASE_MS })
      .where(and(eq(telegramPoll.id, 1), or(eq(telegramPoll.owner, owner), lt(telegramPoll.leaseUntil, now))))
      .returning({ id: telegramPoll.id }),
  );
  return taken.length === 1;
}

async function releasePollLease(db: Database, owner: string): Promise<void> {
  await db.write((tx) => tx.update(telegramPoll).set({ owner: null, leaseUntil: 0 }).where(eq(telegramPoll.owner, owner)));
}

/**
 * One round: getUpdates from the stored offset, each update through the dialogue, the offset moved
 * past it. The number of updates; null when this instance must stop polling the salon.
 */
export async function pollOnce(deps: TelegramDeps, owner: string, seconds = POLL_SECONDS, signal?: AbortSignal): Promise<number | null> {
  const { telegramBotToken: token } = await readSettings(deps.db.orm);
  if (!token) {
    await releasePollLease(deps.db, owner);
    return null;
  }
  if (!(await takePollLease(deps.db, owner, deps.clock.now()))) return null;
  const [state] = await deps.db.orm.select({ offset: telegramPoll.nextOffset }).from(telegramPoll);
  const api = await botApi(deps.config, token, seconds + 10);
  let updates: Update[];
  try {
    updates = await api.getUpdates({ offset: state?.offset ?? 0, timeout: seconds, allowed_updates: [...ALLOWED_UPDATES] }, signal as GrammySignal);
  } catch (error) {
    // 409: the bot still has a webhook (set before polling mode, or by another program): remove it, poll next round
    if (!(error instanceof (await grammy()).GrammyError && error.error_code === 409)) throw error;
    await api.deleteWebhook();
    return 0;
  }
  for (const update of updates) {
    await receiveUpdate(deps, update);
    await deps.db.write((tx) => tx.update(telegramPoll).set({ nextOffset: update.update_id + 1 }).where(and(eq(telegramPoll.id, 1), eq(telegramPoll.owner, owner))));
  }
  return updates.length;
}

/** The polling loops of this process, one per salon, started by the telegram job. */
export class TelegramPollers {
  private readonly loops = new Map<string, AbortController>();

  constructor(
    private readonly ctx: JobContext,
    private readonly owner: string,
    private readonly seconds = POLL_SECONDS,
  ) {}

  /** Starts the salon's loop unless it runs here already. */
  ensure(slug: string): string {
    if (this.loops.has(slug)) return "polling";
    const stop = new AbortController();
    this.loops.set(slug, stop);
    void this.loop(slug, stop.signal).finally(() => this.loops.delete(slug));
    return "polling started";
  }

  /** Whether this process polls the salon now. */
  polls(slug: string): boolean {
    return this.loops.has(slug);
  }

  close(): void {
    for (const stop of this.loops.values()) stop.abort();
  }

  private async loop(slug: string, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const tenant = await this.ctx.tenants.get(slug).catch(() => null);
      if (!tenant || tenant.row.status !== "active") return;
      const deps: TelegramDeps = { db: tenant.db, clock: this.ctx.clock, slug, config: this.ctx.config };
      try {
        if ((await pollOnce(deps, this.owner, this.seconds, signal)) === null) return;
      } catch (error) {
        if (signal.aborted) break;
        logLine({ level: "warn", msg: "telegram polling failed", tenant: slug, error: error instanceof Error ? error.message : String(error) });
        await wait(BACKOFF_MS, undefined, { signal }).catch(() => undefined);
      }
    }
    const db = this.ctx.tenants.peek(slug);
    if (db) await releasePollLease(db, this.owner).catch(() => undefined);
  }
}
