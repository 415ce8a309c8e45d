/** issue 17: the owner's branch pages, `/admin/settings/locations` — over the same use-cases as the API. */
import { LocationsPage } from "../../views/admin/locations/locations-page.tsx";
import { asForm, list, text, type FormBody } from "../admin/form.ts";
import { listUsers } from "../account/users.ts";
import { adminFrame } from "../admin/frame.ts";
import { seeOther, submit, typedValues } from "../admin/page-form.ts";
import type { AdminApp, AdminDeps } from "../admin/scope.ts";
import type { Database } from "../db/database.ts";
import type { AppError } from "../error/app-error.ts";
import { render } from "../http/render.ts";
import { t } from "../i18n/i18n.ts";
import { createLocation, limitUserBranches, listLocations, updateLocation, userBranchLimits, type LocationInput } from "./location.ts";

const OWNER = { can: "settings" as const, detail: { hide: true } };

type Ctx = Parameters<typeof adminFrame>[0] & { db: Database; query: Record<string, string | undefined> };

async function locationsPage(ctx: Ctx, failure?: { key: string; error: AppError; values: Record<string, string | string[]> }): Promise<Response> {
  const [locations, accounts, limits] = await Promise.all([listLocations(ctx.db.orm), listUsers(ctx.db.orm), userBranchLimits(ctx.db.orm)]);
  return render(
    <LocationsPage
      frame={adminFrame(ctx)}
      locations={locations}
      // owners always see every branch: only other accounts can be limited
      users={accounts.filter((u) => u.role !== "owner").map((u) => ({ id: u.id, email: u.email, locationIds: limits.get(u.id) ?? [] }))}
      notice={ctx.query.saved === "1" ? t(ctx.locale, "admin.saved") : undefined}
      problems={failure?.error.problems}
      failed={failure?.key}
      values={failure?.values}
    />,
    { status: failure ? 400 : 200 },
  );
}

const inputOf = (form: FormBody): LocationInput => ({
  name: text(form, "name"),
  address: text(form, "address"),
  phone: text(form, "phone"),
  mapUrl: text(form, "map_url"),
  timezone: text(form, "timezone"),
});

export const locationPages = (deps: AdminDeps) => (app: AdminApp) =>
  app
    .get("/settings/locations", (ctx) => locationsPage(ctx), OWNER)
    .post(
      "/settings/locations",
      async (ctx) => {
        const form = asForm(ctx.body);
        return submit(
          async () => {
            await createLocation({ db: ctx.db, clock: deps.clock }, ctx.actor, inputOf(form));
            return seeOther(`${ctx.base}/settings/locations`);
          },
          (error) => locationsPage(ctx, { key: "new", error, values: typedValues(form) }),
        );
      },
      OWNER,
    )
    .post(
      "/settings/locations/:id",
      async (ctx) => {
        const form = asForm(ctx.body);
        const id = Number(ctx.params.id);
        return submit(
          async () => {
            await updateLocation({ db: ctx.db, clock: deps.clock }, ctx.actor, Number.isSafeInteger(id) ? id : 0, inputOf(form));
            return seeOther(`${ctx.base}/settings/locations`);
          },
          (error) => locationsPage(ctx, { key: ctx.params.id, error, values: typedValues(form) }),
        );
      },
      OWNER,
    )
    .post(
      "/settings/locations/users/:id",
      async (ctx) => {
        const form = asForm(ctx.body);
        const id = Number(ctx.params.id);
        const ids = list(form, "location_ids").filter((v) => /^\d{1,9}$/.test(v)).map(Number);
        return submit(
          async () => {
            await limitUserBranches({ db: ctx.db, clock: deps.clock }, ctx.actor, Number.isSafeInteger(id) ? id : 0, ids);
            return seeOther(`${ctx.base}/settings/locations#users`);
          },
          (error) => locationsPage(ctx, { key: `user-${ctx.params.id}`, error, values: typedValues(form) }),
        );
      },
      OWNER,
    );
