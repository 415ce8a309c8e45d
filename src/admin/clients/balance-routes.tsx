/**
 * issue 14: the client card's balance tab — wallet, packages, certificates — and its forms. The same
 * use-cases and the same checks as the JSON API (staffMovementOf reads both); a correction is the
 * owner's ("balance.correct" in the one permission table).
 */
import { BalancePage } from "../../../views/admin/clients/balance-page.tsx";
import { CertificatePrint } from "../../../views/admin/clients/certificate-print.tsx";
import { can } from "../../account/permissions.ts";
import { staffMovementOf } from "../../balance/api.ts";
import { SALE_METHODS, type SaleMethod } from "../../balance/methods.ts";
import { listCertificates, sellCertificate } from "../../certificate/certificate.ts";
import { getClient } from "../../client/crm.ts";
import type { Database } from "../../db/database.ts";
import { AppError, validationError, type Problem } from "../../error/app-error.ts";
import { render } from "../../http/render.ts";
import { t } from "../../i18n/i18n.ts";
import { clientPackageList, listPackages, sellPackage } from "../../package/package.ts";
import { rangeBound } from "../../time/zone.ts";
import { moveWallet, walletBalance, walletHistory } from "../../wallet/wallet.ts";
import { asForm, int, money, text, type FormBody } from "../form.ts";
import { adminFrame } from "../frame.ts";
import { seeOther } from "../page-form.ts";
import type { AdminApp, AdminDeps } from "../scope.ts";

const CLIENTS = { can: "clients" as const, detail: { hide: true } };
export type Ctx = Parameters<typeof adminFrame>[0] & { db: Database; query: Record<string, string | undefined> };
const idOf = (params: Record<string, string>) => (/^\d{1,15}$/.test(params.id ?? "") ? Number(params.id) : -1);

// the refusals a form shows beside itself (too little money, a product gone) rather than as an error page
const SHOWN = new Set(["INSUFFICIENT_BALANCE", "NOT_FOUND", "VALIDATION_ERROR"]);

async function balancePage(ctx: Ctx, now: number, id: number, problems?: Problem[]): Promise<Response> {
  const client = await getClient(ctx.db.orm, id);
  const [balanceMinor, transactions, packages, products, certificates] = await Promise.all([
    walletBalance(ctx.db.orm, id),
    walletHistory(ctx.db.orm, id),
    clientPackageList(ctx.db.orm, id, now),
    listPackages(ctx.db.orm),
    listCertificates(ctx.db.orm, { buyerId: id }),
  ]);
  return render(
    <BalancePage
      frame={adminFrame(ctx)}
      zone={ctx.profile.timezone}
      currency={ctx.profile.business.currency}
      client={client}
      balanceMinor={balanceMinor}
      transactions={transactions}
      packages={packages}
      products={products}
      certificates={certificates}
      mayCorrect={can(ctx.actor.role, "balance.correct")}
      notice={!problems && ctx.query.saved === "1" ? t(ctx.locale, "admin.saved") : undefined}
      problems={problems}
    />,
    { status: problems ? 400 : 200 },
  );
}

export const saleMethod = (form: FormBody): SaleMethod => {
  const method = text(form, "method");
  if (!(SALE_METHODS as readonly string[]).includes(method)) throw validationError([{ field: "method", key: "balance.method_invalid" }]);
  return method as SaleMethod;
};

/** A form amount in roubles → kopecks; a correction's direction from its own field. */
function formAmount(form: FormBody): number | undefined {
  const minor = money(form, "amount");
  if (minor === null) return undefined;
  return text(form, "sign") === "-" ? -minor : minor;
}

export const clientBalancePages = (deps: AdminDeps) => (app: AdminApp) => {
  const on = async (ctx: Ctx, id: number, run: () => Promise<Response>): Promise<Response> => {
    try {
      return await run();
    } catch (e) {
      if (e instanceof AppError && SHOWN.has(e.code)) return balancePage(ctx, deps.clock.now(), id, e.problems);
      throw e;
    }
  };
  return app
    .get("/clients/:id/balance", (ctx) => balancePage(ctx, deps.clock.now(), idOf(ctx.params)), CLIENTS)
    .post(
      "/clients/:id/wallet",
      (ctx) => {
        const id = idOf(ctx.params);
        const form = asForm(ctx.body);
        return on(ctx, id, async () => {
          const move = staffMovementOf({ type: text(form, "type"), amount: formAmount(form), method: text(form, "method"), note: text(form, "note") });
          if (move.type === "correction" && !can(ctx.actor.role, "balance.correct")) throw new AppError("FORBIDDEN", [{ key: "error.forbidden" }]);
          await moveWallet({ db: ctx.db, clock: deps.clock }, ctx.actor, id, move);
          return seeOther(`${ctx.base}/clients/${id}/balance`);
        });
      },
      CLIENTS,
    )
    .post(
      "/clients/:id/packages",
      (ctx) => {
        const id = idOf(ctx.params);
        const form = asForm(ctx.body);
        return on(ctx, id, async () => {
          const packageId = int(form, "package_id");
          if (packageId === null) throw validationError([{ field: "package_id", key: "package.not_found", params: { id: text(form, "package_id") } }]);
          await sellPackage({ db: ctx.db, clock: deps.clock }, ctx.actor, id, { packageId, method: saleMethod(form) });
          return seeOther(`${ctx.base}/clients/${id}/balance`);
        });
      },
      CLIENTS,
    )
    .post(
      "/clients/:id/certificates",
      (ctx) => {
        const id = idOf(ctx.params);
        const form = asForm(ctx.body);
        return on(ctx, id, async () => {
          await getClient(ctx.db.orm, id);
          return sellCertificateForm(ctx, deps, form, id, `${ctx.base}/clients/${id}/balance`);
        });
      },
      CLIENTS,
    );
};

/**
 * A certificate sold from a form (the client's tab, or the balance page without a buyer): answered
 * by the printable certificate with its code — shown this once, never cached.
 */
export async function sellCertificateForm(ctx: Ctx, deps: AdminDeps, form: FormBody, buyerId: number | null, backHref: string): Promise<Response> {
  const amountMinor = money(form, "amount");
  const expiresAt = rangeBound(text(form, "expires_at"), ctx.profile.timezone, "to");
  const problems: Problem[] = [];
  if (amountMinor === null || amountMinor <= 0) problems.push({ field: "amount", key: "balance.amount_invalid" });
  if (expiresAt === null) problems.push({ field: "expires_at", key: "error.range_bound_invalid" });
  if (problems.length > 0) throw validationError(problems);
  const sold = await sellCertificate({ db: ctx.db, clock: deps.clock }, ctx.actor, { amountMinor: amountMinor!, expiresAt: expiresAt!, buyerId, method: saleMethod(form), note: null });
  const page = await render(
    <CertificatePrint
      frame={adminFrame(ctx)}
      salon={ctx.profile.business.name}
      zone={ctx.profile.timezone}
      currency={ctx.profile.business.currency}
      certificate={sold.certificate}
      code={sold.code}
      backHref={backHref}
    />,
  );
  page.headers.set("cache-control", "no-store");
  return page;
}
