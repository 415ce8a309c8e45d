import { WaitlistAdminPage } from "../../views/waitlist/waitlist-admin-page.tsx";
import { adminFrame } from "../admin/frame.ts";
import type { AdminApp, AdminDeps } from "../admin/scope.ts";
import { redirect } from "../booking/page-kit.tsx";
import { notFound } from "../error/app-error.ts";
import { render } from "../http/render.ts";
import { listWaitlist } from "./queries.ts";
import { cancelWaitlistRequest } from "./waitlist.ts";

const STAFF = { can: "bookings.all" as const, detail: { hide: true } };

/** `/admin/waitlist`: the list, and "remove" per request. */
export const waitlistAdminPages = (deps: AdminDeps) => (app: AdminApp) =>
  app
    .get(
      "/waitlist",
      async (ctx) => {
        const { data } = await listWaitlist(ctx.db.orm, { limit: 500, offset: 0 });
        return render(<WaitlistAdminPage frame={adminFrame(ctx)} items={data} />);
      },
      STAFF,
    )
    .post(
      "/waitlist/:id/remove",
      async (ctx) => {
        const id = Number(ctx.params.id);
        if (!Number.isSafeInteger(id) || id < 1) throw notFound();
        await cancelWaitlistRequest({ db: ctx.db, clock: deps.clock }, ctx.actor, id);
        return redirect(`${ctx.base}/waitlist`);
      },
      STAFF,
    );
