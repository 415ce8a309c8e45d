import { PaymentsPage } from "../../../views/admin/settings/payments-page.tsx";
import type { Database } from "../../db/database.ts";
import { render } from "../../http/render.ts";
import { t } from "../../i18n/i18n.ts";
import { readPaymentSettings, updatePaymentSettings, type PaymentSettingsPatch } from "../../payment/settings.ts";
import { asForm, checked, int, money, raw, text, type FormBody } from "../form.ts";
import { adminFrame } from "../frame.ts";
import { seeOther, submit } from "../page-form.ts";
import type { AdminApp, AdminDeps } from "../scope.ts";

const OWNER = { can: "settings" as const, detail: { hide: true } };

type Ctx = Parameters<typeof adminFrame>[0] & { db: Database; query: Record<string, string | undefined>; tenant: { slug: string } };

/** The form as a patch: the secret only when typed (an empty field keeps the saved one), the value in the unit of its mode. */
function patchOf(form: FormBody): PaymentSettingsPatch {
  const mode = text(form, "mode");
  const secret = raw(form, "secret_key").trim();
  const tax = text(form, "tax_system_code");
  return {
    shopId: text(form, "shop_id") || null,
    ...(checked(form, "forget_secret") ? { secret: null } : secret ? { secret } : {}),
    receipts: checked(form, "receipts"),
    vatCode: int(form, "vat_code") ?? NaN,
    taxSystemCode: tax === "" ? null : (int(form, "tax_system_code") ?? NaN),
    prepaymentMode: mode,
    prepaymentValue: mode === "fixed" ? (money(form, "value") ?? NaN) : mode === "percent" ? (int(form, "value") ?? NaN) : 0,
    prepaymentAppliesTo: text(form, "applies_to"),
    paymentWindowMinutes: int(form, "window") ?? NaN,
    lateCancelKeepsDeposit: checked(form, "late_keep"),
  };
}

/** `/admin/settings/payments` (issue 13): YooKassa, receipts and prepayments, owner only. */
export const paymentSettingsPages = (deps: AdminDeps) => (app: AdminApp) => {
  const page = async (ctx: Ctx, failure?: { problems: NonNullable<Parameters<typeof PaymentsPage>[0]["problems"]>; values: Record<string, string> }) => {
    const { secret, ...settings } = await readPaymentSettings(ctx.db.orm);
    return render(
      <PaymentsPage
        frame={adminFrame(ctx)}
        settings={{ ...settings, secretSaved: secret !== null }}
        webhookUrl={`${deps.config.publicUrl}/api/v1/businesses/${ctx.tenant.slug}/webhooks/yookassa`}
        notice={ctx.query.saved === "1" ? t(ctx.locale, "payment.settings.saved") : undefined}
        problems={failure?.problems}
        values={failure?.values}
      />,
      { status: failure ? 400 : 200 },
    );
  };
  return app.get("/settings/payments", (ctx) => page(ctx), OWNER).post(
    "/settings/payments",
    (ctx) => {
      const form = asForm(ctx.body);
      return submit(
        async () => {
          await updatePaymentSettings({ db: ctx.db, now: deps.clock.now() }, ctx.actor, patchOf(form));
          return seeOther(`${ctx.base}/settings/payments`);
        },
        // what was typed comes back, never the secret
        (error) => page(ctx, { problems: error.problems, values: Object.fromEntries(["shop_id", "vat_code", "tax_system_code", "mode", "value", "applies_to", "window"].map((n) => [n, text(form, n)])) }),
      );
    },
    OWNER,
  );
};
