import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { DueSchedule } from "../job/due-schedule.ts";
import type { Job, JobContext } from "../job/job.ts";
import { forEachTenant } from "../job/tenants.ts";
import type { OpenTenant } from "../tenant/connections.ts";
import { readSettings } from "../notification/settings.ts";
import { TelegramPollers } from "./poller.ts";
import { routeUpdates } from "./setup.ts";

// A webhook Telegram refused (or could not be asked about) is tried again after this long.
const RETRY_MS = 10 * 60_000;

/**
 * `telegram`: makes every salon bot receive its updates. Webhook mode: once per process start (and
 * after a failure, every ten minutes) each salon's webhook is checked and registered when missing
 * or pointing elsewhere — a bot saved in the admin is registered at once by the save. Polling
 * mode: every tick each salon with a bot gets its polling loop, here or on the instance holding
 * its lease; a salon without one is opened again only when it is written to (a token saved), not
 * every tick: with a thousand salons that was 4,000 opens a minute (issue 20).
 */
export const telegramJob = (pollSeconds?: number): Job => ({
  name: "telegram",
  description: "connect salon bots: register their webhooks, or long-poll (ZAPIS_TELEGRAM_MODE=polling)",
  schedule: "*/15 * * * * *",
  start(ctx: JobContext) {
    const pollers = new TelegramPollers(ctx, `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, pollSeconds);
    const polling = ctx.config.telegramMode === "polling";
    const connect = async ({ row, db }: OpenTenant): Promise<string> => {
      const routed = await routeUpdates({ db, clock: ctx.clock, slug: row.slug, config: ctx.config });
      if (!polling || !(await readSettings(db.orm)).telegramBotToken) return routed;
      return pollers.ensure(row.slug);
    };
    if (polling) {
      // no budget: after a restart every salon with a bot polls again from the first tick
      const schedule = new DueSchedule(ctx, async (reader) => ((await readSettings(reader)).telegramBotToken ? ctx.clock.now() : null), Infinity);
      return { run: (options = {}) => schedule.tick("telegram", options, connect), close: () => pollers.close() };
    }
    const retryAt = new Map<string, number>();
    return {
      run: (options = {}) =>
        forEachTenant(
          ctx,
          "telegram",
          async (tenant) => {
            retryAt.set(tenant.row.slug, ctx.clock.now() + RETRY_MS);
            const routed = await connect(tenant);
            retryAt.set(tenant.row.slug, Infinity);
            return routed;
          },
          { ...options, due: (row) => ctx.clock.now() >= (retryAt.get(row.slug) ?? 0) },
        ),
      close: () => pollers.close(),
    };
  },
});
