import type { Job, JobContext } from "../job/job.ts";
import { DueSchedule } from "../job/due-schedule.ts";
import { forEachTenant } from "../job/tenants.ts";
import { deliverDueWebhooks, nextWebhookDueAt } from "./delivery.ts";
import { webhookSender } from "./sender.ts";

/** `webhooks`: every 5 seconds, POST what is due in every tenant's webhook outbox (the notifications job's wake pattern). */
export const webhooksJob = (): Job => ({
  name: "webhooks",
  description: "send due outgoing webhooks (signed, retried with backoff)",
  schedule: "*/5 * * * * *",
  start(ctx: JobContext) {
    const sender = webhookSender(ctx.config, ctx.clock);
    const schedule = new DueSchedule(ctx, nextWebhookDueAt);
    return {
      run: async (options = {}) => {
        await schedule.startTick();
        return forEachTenant(
          ctx,
          "webhooks",
          async ({ row, db }) => {
            await schedule.announce(row.slug);
            const r = await deliverDueWebhooks(sender, db);
            await schedule.drained(row.slug, db);
            return `delivered ${r.delivered}, retried ${r.retried}, failed ${r.failed}`;
          },
          { ...options, due: (row) => schedule.isDue(row) },
        );
      },
      close: () => {},
    };
  },
});
