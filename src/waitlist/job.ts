import type { Job, JobContext } from "../job/job.ts";
import { DueSchedule } from "../job/due-schedule.ts";
import { salonFacts } from "../business/business.ts";
import { claimPath } from "./routes.tsx";
import { nextOfferCheckAt, offerFreedTimes } from "./waitlist.ts";

/**
 * `waitlist`: every minute, offer freed times (cancels, moves, days opened) to waiters in order. A
 * salon nobody waits in is opened only when it is written to (or an offer expires), not each minute.
 */
export const waitlistJob = (): Job => ({
  name: "waitlist",
  description: "offer freed times to the waitlist, in order",
  schedule: "0 * * * * *",
  start(ctx: JobContext) {
    // no budget, like payments: after a restart every salon is looked at on the first tick
    const schedule = new DueSchedule(ctx, (reader) => nextOfferCheckAt(reader, ctx.clock.now()), Infinity);
    return {
      run: (options = {}) =>
        schedule.tick("waitlist", options, async ({ row, db }) => {
          const claimUrl = (id: number, token: string) => `${ctx.config.publicUrl}${claimPath(row.slug, id, token)}`;
          const offered = await offerFreedTimes({ db, clock: ctx.clock, claimUrl }, await salonFacts(db));
          return `offered ${offered}`;
        }),
      close: () => {},
    };
  },
});
