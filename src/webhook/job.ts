import type { Job, JobContext } from "../job/job.ts";
import { DueSchedule } from "../job/due-schedule.ts";
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
      run: (options = {}) =>
        schedule.tick("webhooks", options, async ({ db }) => {
          const r = await deliverDueWebhooks(sender, db);
          return `delivered ${r.delivered}, retried ${r.retried}, failed ${r.failed}`;
        }),
      close: () => {},
    };
  },
});
