import { StaffPage } from "../../../views/admin/catalogue/staff-page.tsx";
import { savedText } from "../../../views/admin/catalogue/tabs.tsx";
import { can } from "../../account/permissions.ts";
import { issueStaffFeed, revokeStaffFeed, staffWithFeeds } from "../../calendar/feed.ts";
import { listResources, listServices, listStaff } from "../../catalogue/queries.ts";
import { createResource, createStaff, updateResource, updateStaff, type ResourceInput, type StaffInput } from "../../catalogue/staff.ts";
import { phonePlaceholder } from "../../client/phone.ts";
import type { Database } from "../../db/database.ts";
import type { AppError } from "../../error/app-error.ts";
import { render } from "../../http/render.ts";
import { asForm, checked, list, text, type FormBody } from "../form.ts";
import { adminFrame } from "../frame.ts";
import { seeOther, submit } from "../page-form.ts";
import type { AdminApp, AdminDeps } from "../scope.ts";

const ALL = { all: true, slice: { limit: 1000, offset: 0 } } as const;
const hide = { detail: { hide: true } };
const EDIT = { can: "catalogue.edit" as const, ...hide };
const KINDS = ["room", "equipment", "other"] as const;
// A feed shows every visit of a master, so it takes who may see every master's bookings (owner, manager).
const FEEDS = "bookings.all" as const;

type Ctx = Parameters<typeof adminFrame>[0] & { db: Database; query: Record<string, string | undefined> };

const staffInput = (form: FormBody): StaffInput => ({
  name: text(form, "name"),
  position: text(form, "position") || null,
  phone: text(form, "phone") || null,
  active: checked(form, "active"),
  serviceIds: list(form, "service_ids").filter((v) => /^\d+$/.test(v)).map(Number),
  // issue 17: only a salon with several branches shows (and so sends) the branch boxes
  locationIds: text(form, "branches_shown") ? list(form, "location_ids").filter((v) => /^\d+$/.test(v)).map(Number) : undefined,
});

const resourceInput = (form: FormBody): ResourceInput => {
  const kind = text(form, "kind");
  return { name: text(form, "name"), kind: KINDS.find((k) => k === kind) ?? "room", active: checked(form, "active") };
};

async function staffPage(ctx: Ctx, failure?: { form: string; error: AppError }, issued?: { staffId: number; url: string }): Promise<Response> {
  const [masters, others, services] = await Promise.all([listStaff(ctx.db.orm, ALL), listResources(ctx.db.orm, ALL), listServices(ctx.db.orm, ALL)]);
  const feeds = can(ctx.actor.role, FEEDS) ? { live: await staffWithFeeds(ctx.db.orm), issued } : undefined;
  const frame = adminFrame(ctx);
  return render(
    <StaffPage
      frame={frame}
      masters={masters.rows}
      resources={others.rows}
      services={services.rows}
      mayEdit={can(ctx.actor.role, "catalogue.edit")}
      phonePlaceholder={phonePlaceholder(ctx.profile.business.country)}
      notice={savedText(frame, ctx.query.saved === "1")}
      problems={failure?.error.problems}
      failed={failure?.form}
      feeds={feeds}
    />,
    { status: failure ? 400 : 200 },
  );
}

const idOf = (params: Record<string, string>) => (/^\d+$/.test(params.id ?? "") ? Number(params.id) : -1);

/** `/admin/staff`: masters and rooms/equipment, through the catalogue's own use-cases. */
export const staffPages = (deps: AdminDeps) => (app: AdminApp) => {
  const cat = (db: Database) => ({ db, clock: deps.clock });
  const post = (form: string, ctx: Ctx, run: () => Promise<unknown>) =>
    submit(
      async () => {
        await run();
        return seeOther(`${ctx.base}/staff`);
      },
      (error) => staffPage(ctx, { form, error }),
    );
  return app
    .get("/staff", (ctx) => staffPage(ctx), { can: "catalogue.view", ...hide })
    .post("/staff", (ctx) => post("new-staff", ctx, () => createStaff(cat(ctx.db), ctx.actor, staffInput(asForm(ctx.body)))), EDIT)
    .post("/staff/:id", (ctx) => post(`staff-${ctx.params.id}`, ctx, () => updateStaff(cat(ctx.db), ctx.actor, idOf(ctx.params), staffInput(asForm(ctx.body)))), EDIT)
    .post(
      "/staff/:id/calendar-feed",
      async (ctx) => {
        const staffId = idOf(ctx.params);
        const token = await issueStaffFeed(cat(ctx.db), ctx.actor, staffId);
        // shown once, on this answer only: the database keeps just its hash
        return staffPage(ctx, undefined, { staffId, url: `${deps.config.publicUrl}/${ctx.tenant.slug}/calendar/staff/${staffId}.ics?t=${token}` });
      },
      { can: FEEDS, ...hide },
    )
    .post("/staff/:id/calendar-feed/revoke", (ctx) => post(`staff-${ctx.params.id}`, ctx, () => revokeStaffFeed(cat(ctx.db), ctx.actor, idOf(ctx.params))), { can: FEEDS, ...hide })
    // issue 17: a new room stands in the branch the admin is looking at
    .post("/resources", (ctx) => post("new-resource", ctx, () => createResource(cat(ctx.db), ctx.actor, { ...resourceInput(asForm(ctx.body)), locationId: ctx.branch.id })), EDIT)
    .post("/resources/:id", (ctx) => post(`resource-${ctx.params.id}`, ctx, () => updateResource(cat(ctx.db), ctx.actor, idOf(ctx.params), resourceInput(asForm(ctx.body)))), EDIT);
};
