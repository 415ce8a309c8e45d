import type { Job, JobContext } from "../job/job.ts";
import { forEachTenant } from "../job/tenants.ts";
import { salonFacts } from "../business/business.ts";
import { claimPath } from "./routes.tsx";
import { offerFreedTimes } from "./waitlist.ts";

/** `waitlist`: every minute, offer freed times (cancels, moves, days opened) to waiters in order. */
export const waitlistJob = (): Job => ({
  name: "waitlist",
  description: "offer freed times to the waitlist, in order",
  schedule: "0 * * * * *",
  start(ctx: JobContext) {
    return {
      run: (options = {}) =>
        forEachTenant(
          ctx,
          "waitlist",
          async ({ row, db }) => {
            const claimUrl = (id: number, token: string) => `${ctx.config.publicUrl}${claimPath(row.slug, id, token)}`;
            const offered = await offerFreedTimes({ db, clock: ctx.clock, claimUrl }, await salonFacts(db));
            return `offered ${offered}`;
          },
          options,
        ),
      close: () => {},
    };
  },
});
