import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { renderEmailHtml } from "../../views/notification/email.tsx";
import { loadBookingCalendarFile } from "../booking/calendar-file.ts";
import type { Config } from "../config/config.ts";
import type { Job, JobContext } from "../job/job.ts";
import { DueSchedule } from "../job/due-schedule.ts";
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

/** `notifications`: every 5 seconds, send what is due in every tenant, 8 tenants at a time. */
export const notificationsJob = (endpoints = PROVIDER_ENDPOINTS): Job => ({
  name: "notifications",
  description: "send due confirmations and reminders (email, SMS, Telegram)",
  schedule: "*/5 * * * * *",
  start(ctx: JobContext) {
    const mailer = new Mailer({ allowPrivateHosts: ctx.config.allowPrivateHosts });
    // issue 16: the Bot API base is the operator's ZAPIS_TELEGRAM_API_URL, the same the bots use
    const deps = deliveryDeps(ctx.config, ctx.clock, mailer, { ...endpoints, telegram: ctx.config.telegramApiUrl });
    const schedule = new DueSchedule(ctx, nextDueAt);
    return {
      run: (options = {}) =>
        schedule.tick("notifications", options, async ({ row, db }) => {
          const r = await deliverDue(deps, { slug: row.slug, db });
          return `sent ${r.sent}, retried ${r.retried}, failed ${r.failed}, voided ${r.voided}, deferred ${r.deferred}`;
        }),
      close: () => mailer.close(),
    };
  },
});
