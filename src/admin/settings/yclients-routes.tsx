import { YClientsPage, yclientsHref, type YClientsPageProps } from "../../../views/admin/settings/yclients-page.tsx";
import { listServices } from "../../catalogue/queries.ts";
import type { Database } from "../../db/database.ts";
import { render } from "../../http/render.ts";
import { t } from "../../i18n/i18n.ts";
import { readHybrid, setHybrid } from "../../import/yclients/hybrid.ts";
import { asForm, list, text } from "../form.ts";
import { adminFrame } from "../frame.ts";
import { seeOther, submit } from "../page-form.ts";
import type { AdminApp, AdminDeps } from "../scope.ts";

const OWNER = { can: "settings" as const, detail: { hide: true } };
type Ctx = Parameters<typeof adminFrame>[0] & { db: Database; query: Record<string, string | undefined> };

/** `/admin/settings/yclients`: hybrid mode while the salon moves from YClients (owner). */
export const yclientsSettingsPages = (deps: AdminDeps) => (app: AdminApp) => {
  const page = async (ctx: Ctx, outcome: Pick<YClientsPageProps, "problems" | "values"> = {}, status = 200) => {
    const [hybrid, { rows }] = await Promise.all([readHybrid(ctx.db.orm), listServices(ctx.db.orm, { all: true, slice: { limit: 500, offset: 0 } })]);
    const notice = ctx.query.saved === "1" ? t(ctx.locale, "admin.saved") : undefined;
    return render(<YClientsPage frame={adminFrame(ctx)} hybrid={hybrid} services={rows} notice={notice} {...outcome} />, { status });
  };
  return app.get("/settings/yclients", (ctx) => page(ctx), OWNER).post(
    "/settings/yclients",
    (ctx) => {
      const form = asForm(ctx.body);
      // ids that are not whole numbers name no service: the use-case refuses them as unknown
      const input = { formId: text(form, "form_id"), companyId: text(form, "company_id"), serviceIds: list(form, "service_ids").map((v) => (/^\d{1,9}$/.test(v) ? Number(v) : -1)) };
      return submit(
        async () => {
          await setHybrid({ db: ctx.db, clock: deps.clock }, ctx.actor, input);
          return seeOther(yclientsHref(adminFrame(ctx)));
        },
        (error) => page(ctx, { problems: error.problems, values: input }, 400),
      );
    },
    OWNER,
  );
};
