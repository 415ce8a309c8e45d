import type { Problem } from "../../../src/error/app-error.ts";
import { t } from "../../../src/i18n/i18n.ts";
import { PREPAYMENT_APPLIES_TO, PREPAYMENT_MODES, type PaymentSettings } from "../../../src/payment/schema.ts";
import { AdminLayout, Csrf, type AdminFrame } from "../admin-layout.tsx";
import { Notice, Problems } from "../problems.tsx";
import { SettingsTabs } from "./settings-page.tsx";

export interface PaymentsPageProps {
  frame: AdminFrame;
  /** The settings without the secret: only whether one is saved. */
  settings: Omit<PaymentSettings, "secret"> & { secretSaved: boolean };
  /** Where YooKassa must send its HTTP notifications. */
  webhookUrl: string;
  notice?: string | undefined;
  problems?: Problem[] | undefined;
  /** What was typed, after a refused save (never the secret). */
  values?: Record<string, string> | undefined;
}

const rubles = (minor: number) => (minor / 100).toFixed(2);

/** `/admin/settings/payments`: the YooKassa shop, receipts, and the prepayment policy (owner only). */
export function PaymentsPage(props: PaymentsPageProps) {
  const { frame, settings: s } = props;
  const { locale } = frame;
  const typed = (name: string, stored: string) => props.values?.[name] ?? stored;
  const value = s.prepaymentMode === "fixed" ? rubles(s.prepaymentValue) : s.prepaymentValue > 0 ? String(s.prepaymentValue) : "";
  return (
    <AdminLayout frame={frame} title={t(locale, "payment.settings.title")} section="settings">
      <SettingsTabs frame={frame} current="payments" />
      <h1>{t(locale, "payment.settings.title")}</h1>
      <Notice text={props.notice} />
      <Problems locale={locale} problems={props.problems} />
      <form method="post" action={`${frame.base}/settings/payments`} class="stack form-wide payments">
        <Csrf token={frame.csrf} />
        <fieldset class="card stack">
          <legend>YooKassa</legend>
          <label>
            {t(locale, "payment.settings.shop_id")}
            <input name="shop_id" value={typed("shop_id", s.shopId ?? "")} inputmode="numeric" autocomplete="off" maxlength={12} />
          </label>
          <label>
            {t(locale, "payment.settings.secret")}
            <input name="secret_key" type="password" autocomplete="off" maxlength={200} placeholder={s.secretSaved ? "••••••••" : "live_…"} />
            {s.secretSaved && <span class="hint">{t(locale, "payment.settings.secret_set")}</span>}
          </label>
          {s.secretSaved && (
            <label class="check">
              <input type="checkbox" name="forget_secret" />
              {t(locale, "payment.settings.secret_clear")}
            </label>
          )}
          <p class="muted small">{t(locale, "payment.settings.webhook")}</p>
          <code>{props.webhookUrl}</code>
        </fieldset>
        <fieldset class="card stack">
          <legend>{t(locale, "payment.settings.receipts")}</legend>
          <label class="check">
            <input type="checkbox" name="receipts" checked={s.receipts} />
            {t(locale, "payment.settings.receipts")}
          </label>
          <div class="row">
            <label>
              {t(locale, "payment.settings.vat_code")}
              <input name="vat_code" type="number" min={1} max={10} value={typed("vat_code", String(s.vatCode))} />
            </label>
            <label>
              {t(locale, "payment.settings.tax_system")}
              <input name="tax_system_code" type="number" min={1} max={6} value={typed("tax_system_code", s.taxSystemCode === null ? "" : String(s.taxSystemCode))} />
            </label>
          </div>
        </fieldset>
        <fieldset class="card stack">
          <legend>{t(locale, "payment.settings.mode")}</legend>
          <div class="row">
            <label>
              {t(locale, "payment.settings.mode")}
              <select name="mode">
                {PREPAYMENT_MODES.map((m) => (
                  <option value={m} selected={typed("mode", s.prepaymentMode) === m}>
                    {t(locale, `payment.settings.mode.${m}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t(locale, "payment.settings.value")}
              <input name="value" inputmode="decimal" value={typed("value", value)} maxlength={12} />
            </label>
          </div>
          <label>
            {t(locale, "payment.settings.applies_to")}
            <select name="applies_to">
              {PREPAYMENT_APPLIES_TO.map((a) => (
                <option value={a} selected={typed("applies_to", s.prepaymentAppliesTo) === a}>
                  {t(locale, `payment.settings.applies_to.${a}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t(locale, "payment.settings.window")}
            <input name="window" type="number" min={5} max={1440} value={typed("window", String(s.paymentWindowMinutes))} />
          </label>
          <label class="check">
            <input type="checkbox" name="late_keep" checked={s.lateCancelKeepsDeposit} />
            {t(locale, "payment.settings.late_keep")}
          </label>
        </fieldset>
        <button type="submit" class="button primary">{t(locale, "admin.save")}</button>
      </form>
    </AdminLayout>
  );
}
