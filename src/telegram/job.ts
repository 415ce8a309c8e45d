import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Job, JobContext } from "../job/job.ts";
import { forEachTenant } from "../job/tenants.ts";
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
 * its lease.
 */
export const telegramJob = (pollSeconds?: number): Job => ({
  name: "telegram",
  description: "connect salon bots: register their webhooks, or long-poll (ZAPIS_TELEGRAM_MODE=polling)",
  schedule: "*/15 * * * * *",
  start(ctx: JobContext) {
    const pollers = new TelegramPollers(ctx, `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, pollSeconds);
    const retryAt = new Map<string, number>();
    const polling = ctx.config.telegramMode === "polling";
    return {
      run: (options = {}) =>
        forEachTenant(
          ctx,
          "telegram",
          async ({ row, db }) => {
            retryAt.set(row.slug, polling ? 0 : ctx.clock.now() + RETRY_MS);
            const routed = await routeUpdates({ db, clock: ctx.clock, slug: row.slug, config: ctx.config });
            if (!polling) retryAt.set(row.slug, Infinity);
            if (!polling || !(await readSettings(db.orm)).telegramBotToken) return routed;
            return pollers.ensure(row.slug);
          },
          { ...options, due: (row) => ctx.clock.now() >= (retryAt.get(row.slug) ?? 0) },
        ),
      close: () => pollers.close(),
    };
  },
});
