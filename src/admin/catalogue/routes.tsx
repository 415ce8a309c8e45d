import { ServicesPage } from "../../../views/admin/catalogue/services-page.tsx";
import { ServiceForm } from "../../../views/admin/catalogue/service-form.tsx";
import { savedText } from "../../../views/admin/catalogue/tabs.tsx";
import { can } from "../../account/permissions.ts";
import { createCategory, deleteCategory, updateCategory } from "../../catalogue/categories.ts";
import { getService, listCategories, listResources, listServices, listStaff } from "../../catalogue/queries.ts";
import { createService, removeService, updateService } from "../../catalogue/services.ts";
import type { Database } from "../../db/database.ts";
import { notFound, type Problem } from "../../error/app-error.ts";
import { render } from "../../http/render.ts";
import { asForm, text } from "../form.ts";
import { adminFrame } from "../frame.ts";
import { seeOther, submit, typedValues } from "../page-form.ts";
import type { AdminApp, AdminDeps } from "../scope.ts";
import { serviceInput } from "./service-form.ts";

const ALL = { all: true, slice: { limit: 1000, offset: 0 } } as const;
const hide = { detail: { hide: true } };
const VIEW = { can: "catalogue.view" as const, ...hide };
const EDIT = { can: "catalogue.edit" as const, ...hide };

type Ctx = Parameters<typeof adminFrame>[0] & { db: Database; query: Record<string, string | undefined> };

async function servicesPage(ctx: Ctx, problems?: Problem[]): Promise<Response> {
  const [categories, { rows }, staff] = await Promise.all([listCategories(ctx.db.orm), listServices(ctx.db.orm, ALL), listStaff(ctx.db.orm, ALL)]);
  const groups = [...categories.map((c) => ({ id: c.id as number | null, name: c.name as string | null })), { id: null, name: null }].map((g) => ({
    ...g,
    services: rows.filter((s) => s.categoryId === g.id || (g.id === null && !categories.some((c) => c.id === s.categoryId))),
  }));
  const page = (
    <ServicesPage
      frame={adminFrame(ctx)}
      currency={ctx.profile.business.currency}
      groups={groups.filter((g) => g.id !== null || g.services.length > 0)}
      masters={new Map(staff.rows.map((m) => [m.id, m.name]))}
      mayEdit={can(ctx.actor.role, "catalogue.edit")}
      notice={savedText(adminFrame(ctx), ctx.query.saved === "1")}
      problems={problems}
    />
  );
  return render(page, { status: problems ? 400 : 200 });
}

async function serviceForm(ctx: Ctx, id: number | null, typed?: { values: Record<string, string | string[]>; problems: Problem[] }): Promise<Response> {
  const service = id === null ? null : await getService(ctx.db.orm, id);
  if (id !== null && !service) throw notFound("service.not_found", { id });
  const [categories, staff, others] = await Promise.all([listCategories(ctx.db.orm), listStaff(ctx.db.orm, ALL), listResources(ctx.db.orm, ALL)]);
  const page = (
    <ServiceForm
      frame={adminFrame(ctx)}
      service={service}
      categories={categories}
      masters={staff.rows}
      resources={others.rows}
      values={typed?.values}
      problems={typed?.problems}
      mayEdit={can(ctx.actor.role, "catalogue.edit")}
    />
  );
  return render(page, { status: typed ? 400 : 200 });
}

const idOf = (params: Record<string, string>) => (/^\d+$/.test(params.id ?? "") ? Number(params.id) : -1);

/** `/admin/catalogue`: categories and services. Masters see it read-only; owners and managers edit. */
export const cataloguePages = (deps: AdminDeps) => (app: AdminApp) =>
  app
    .get("/catalogue", (ctx) => servicesPage(ctx), VIEW)
    .get("/catalogue/services/new", (ctx) => serviceForm(ctx, null), EDIT)
    .get("/catalogue/services/:id", (ctx) => serviceForm(ctx, idOf(ctx.params)), VIEW)
    .post(
      "/catalogue/services",
      (ctx) => {
        const form = asForm(ctx.body);
        return submit(
          async () => seeOther(`${ctx.base}/catalogue/services/${await createService({ db: ctx.db, clock: deps.clock }, ctx.actor, serviceInput(form))}`),
          (e) => serviceForm(ctx, null, { values: typedValues(form), problems: e.problems }),
        );
      },
      EDIT,
    )
    .post(
      "/catalogue/services/:id",
      (ctx) => {
        const form = asForm(ctx.body);
        const id = idOf(ctx.params);
        return submit(
          async () => {
            await updateService({ db: ctx.db, clock: deps.clock }, ctx.actor, id, serviceInput(form));
            return seeOther(`${ctx.base}/catalogue`);
          },
          (e) => serviceForm(ctx, id, { values: typedValues(form), problems: e.problems }),
        );
      },
      EDIT,
    )
    .post(
      "/catalogue/services/:id/delete",
      async (ctx) => {
        await removeService({ db: ctx.db, clock: deps.clock }, ctx.actor, idOf(ctx.params));
        return seeOther(`${ctx.base}/catalogue`);
      },
      EDIT,
    )
    .post(
      "/catalogue/categories",
      (ctx) =>
        submit(
          async () => {
            await createCategory({ db: ctx.db, clock: deps.clock }, ctx.actor, { name: text(asForm(ctx.body), "name") });
            return seeOther(`${ctx.base}/catalogue`);
          },
          (e) => servicesPage(ctx, e.problems),
        ),
      EDIT,
    )
    .post(
      "/catalogue/categories/:id",
      (ctx) =>
        submit(
          async () => {
            await updateCategory({ db: ctx.db, clock: deps.clock }, ctx.actor, idOf(ctx.params), { name: text(asForm(ctx.body), "name") });
            return seeOther(`${ctx.base}/catalogue`);
          },
          (e) => servicesPage(ctx, e.problems),
        ),
      EDIT,
    )
    .post(
      "/catalogue/categories/:id/delete",
      async (ctx) => {
        await deleteCategory({ db: ctx.db, clock: deps.clock }, ctx.actor, idOf(ctx.params));
        return seeOther(`${ctx.base}/catalogue`);
      },
      EDIT,
    );
