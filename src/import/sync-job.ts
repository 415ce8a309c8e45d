import type { Job, JobContext } from "../job/job.ts";
import { forEachTenant } from "../job/tenants.ts";
import { DEFAULT_SYNC_MINUTES, syncYClients } from "./yclients/sync.ts";

/** Longer than one salon's pull may take; a dead instance's pull is taken over after it. */
const SYNC_LEASE_MS = 15 * 60_000;

/**
 * `yclients-sync`: looks every minute; each salon that keeps syncing is pulled at its own interval
 * (30 min by default). A salon without it configured is looked at again only after that default
 * interval (it may be configured by the CLI meanwhile), so idle tenants are not opened every minute.
 */
export const yclientsSyncJob = (): Job => ({
  name: "yclients-sync",
  description: "pull the records changed in YClients since the last run, for salons switching over",
  schedule: "0 * * * * *",
  start(ctx: JobContext) {
    const nextLook = new Map<string, number>();
    return {
      run: (options = {}) =>
        forEachTenant(
          ctx,
          "yclients-sync",
          async ({ row, db }) => {
            const outcome = await syncYClients({ db, clock: ctx.clock }).catch((error: unknown) => {
              // looked at again next minute, which learns the salon's own next due time (a failed
              // run is tried again after its interval, from the same cursor)
              nextLook.delete(row.slug);
              throw error;
            });
            nextLook.set(row.slug, outcome.nextAt ?? ctx.clock.now() + DEFAULT_SYNC_MINUTES * 60_000);
            return outcome.ran ? outcome.detail : outcome.why;
          },
          // issue 19: one instance at a time pulls a salon (the cursor in its database says when next)
          { ...options, leaseMs: SYNC_LEASE_MS, due: (row) => (nextLook.get(row.slug) ?? 0) <= ctx.clock.now() },
        ),
      close: () => {},
    };
  },
});
