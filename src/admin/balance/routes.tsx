/**
 * issue 14: `/admin/balance` — package products and promo codes (catalogue editors define them),
 * gift certificates (sold by whoever serves clients), and the report of what the salon owes (the
 * owner's "reports"). Thin: the same use-cases and parsers as the JSON API.
 */
import { asc } from "drizzle-orm";
import { BalanceAdminPage } from "../../../views/admin/balance/balance-admin-page.tsx";
import { can } from "../../account/permissions.ts";
import { balanceReport } from "../../balance/report.ts";
import { services } from "../../catalogue/schema.ts";
import { listCertificates } from "../../certificate/certificate.ts";
import { AppError, type Problem } from "../../error/app-error.ts";
import { Problems } from "../../error/problems.ts";
import { render } from "../../http/render.ts";
import { t } from "../../i18n/i18n.ts";
import { createPackage, listPackages } from "../../package/package.ts";
import { parsePromo } from "../../promo/input.ts";
import { createPromo, listPromos } from "../../promo/promo.ts";
import { sellCertificateForm, type Ctx } from "../clients/balance-routes.tsx";
import { asForm, int, list, money, text, type FormBody } from "../form.ts";
import { adminFrame } from "../frame.ts";
import { seeOther } from "../page-form.ts";
import type { AdminApp, AdminDeps } from "../scope.ts";

const hide = { detail: { hide: true } };
const CLIENTS = { can: "clients" as const, ...hide };
const EDIT = { can: "catalogue.edit" as const, ...hide };
// refusals shown on the page beside the forms rather than as an error page
const SHOWN = new Set(["VALIDATION_ERROR", "ALREADY_EXISTS", "NOT_FOUND", "INSUFFICIENT_BALANCE"]);

async function page(ctx: Ctx, now: number, problems?: Problem[]): Promise<Response> {
  const db = ctx.db.orm;
  const [packages, promos, certificates, offered, report] = await Promise.all([
    listPackages(db),
    listPromos(db),
    listCertificates(db),
    db.select({ id: services.id, title: services.title }).from(services).orderBy(asc(services.sortOrder), asc(services.id)),
    can(ctx.actor.role, "reports") ? balanceReport(db, now) : null,
  ]);
  return render(
    <BalanceAdminPage
      frame={adminFrame(ctx)}
      zone={ctx.profile.timezone}
      currency={ctx.profile.business.currency}
      packages={packages}
      promos={promos}
      certificates={certificates}
      services={offered}
      report={report}
      mayEdit={can(ctx.actor.role, "catalogue.edit")}
      notice={!problems && ctx.query.saved === "1" ? t(ctx.locale, "admin.saved") : undefined}
      problems={problems}
    />,
    { status: problems ? 400 : 200 },
  );
}

const serviceIds = (form: FormBody) => list(form, "service_ids").map((id) => (/^\d{1,15}$/.test(id) ? Number(id) : -1));

export const balanceAdminPages = (deps: AdminDeps) => (app: AdminApp) => {
  const on = async (ctx: Ctx, run: () => Promise<Response>): Promise<Response> => {
    try {
      return await run();
    } catch (e) {
      if (e instanceof AppError && SHOWN.has(e.code)) return page(ctx, deps.clock.now(), e.problems);
      throw e;
    }
  };
  const back = (ctx: Ctx) => seeOther(`${ctx.base}/balance`);
  return app
    .get("/balance", (ctx) => page(ctx, deps.clock.now()), CLIENTS)
    .post(
      "/balance/packages",
      (ctx) => {
        const form = asForm(ctx.body);
        return on(ctx, async () => {
          const p = new Problems();
          const title = text(form, "title");
          const visits = int(form, "visits");
          const priceMinor = money(form, "price");
          const validDays = int(form, "valid_days");
          p.check(title.length > 0 && title.length <= 120, "title", "package.title_invalid");
          p.check(visits !== null && visits >= 1 && visits <= 1000, "visits", "package.visits_invalid");
          p.check(priceMinor !== null, "price", "balance.amount_invalid");
          p.check(validDays !== null && validDays >= 1 && validDays <= 3660, "valid_days", "package.valid_days_invalid");
          p.throwIfAny();
          await createPackage({ db: ctx.db, clock: deps.clock }, ctx.actor, { title, serviceIds: serviceIds(form), visits: visits!, priceMinor: priceMinor!, validDays: validDays! });
          return back(ctx);
        });
      },
      EDIT,
    )
    .post(
      "/balance/promo-codes",
      (ctx) => {
        const form = asForm(ctx.body);
        return on(ctx, async () => {
          const percent = text(form, "kind") === "percent";
          const value = percent ? int(form, "value") : money(form, "value");
          const promo = parsePromo(
            {
              code: text(form, "code"),
              ...(percent ? { percent: value ?? 0 } : { amount: value ?? 0 }),
              valid_from: text(form, "valid_from"),
              valid_to: text(form, "valid_to"),
              max_uses: text(form, "max_uses") === "" ? null : (int(form, "max_uses") ?? 0),
              service_ids: serviceIds(form),
            },
            ctx.profile.timezone,
          );
          await createPromo({ db: ctx.db, clock: deps.clock }, ctx.actor, promo);
          return back(ctx);
        });
      },
      EDIT,
    )
    .post("/balance/certificates", (ctx) => on(ctx, () => sellCertificateForm(ctx, deps, asForm(ctx.body), null, `${ctx.base}/balance`)), CLIENTS);
};
