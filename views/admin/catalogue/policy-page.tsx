import type { BusinessRow } from "../../../src/business/business.ts";
import type { Problem } from "../../../src/error/app-error.ts";
import { t, type MessageKey } from "../../../src/i18n/i18n.ts";
import { AdminLayout, Csrf, type AdminFrame } from "../admin-layout.tsx";
import { Notice, Problems } from "../problems.tsx";
import { CatalogueTabs } from "./tabs.tsx";

export const POLICY_FIELDS: Array<{ name: string; label: MessageKey; help: MessageKey; of: (b: BusinessRow) => number }> = [
  { name: "slot_step_minutes", label: "policy.slot_step", help: "policy.slot_step_help", of: (b) => b.slotStepMinutes },
  { name: "min_notice_minutes", label: "policy.min_notice", help: "policy.min_notice_help", of: (b) => b.minNoticeMinutes },
  { name: "horizon_days", label: "policy.horizon", help: "policy.horizon_help", of: (b) => b.horizonDays },
  { name: "hold_minutes", label: "policy.hold", help: "policy.hold_help", of: (b) => b.holdMinutes },
  { name: "cancel_window_minutes", label: "policy.cancel_window", help: "policy.cancel_window_help", of: (b) => b.cancelWindowMinutes },
];

export interface PolicyPageProps {
  frame: AdminFrame;
  business: BusinessRow;
  values?: Record<string, string | string[]> | undefined;
  notice?: string | undefined;
  problems?: Problem[] | undefined;
}

/** The booking policy: slot step, notice, horizon, hold, cancellation window, auto-confirm, reminders. */
export function PolicyPage({ frame, business, values, notice, problems }: PolicyPageProps) {
  const { locale, base } = frame;
  const typed = (name: string, stored: string) => {
    const v = values?.[name];
    return typeof v === "string" ? v : stored;
  };
  return (
    <AdminLayout frame={frame} title={t(locale, "catalogue.tab.policy")} section="catalogue">
      <CatalogueTabs frame={frame} current="policy" />
      <h1>{t(locale, "catalogue.tab.policy")}</h1>
      <Notice text={notice} />
      <Problems locale={locale} problems={problems} />
      <form method="post" action={`${base}/policy`} class="card stack form-wide">
        <Csrf token={frame.csrf} />
        <div class="grid-2">
          {POLICY_FIELDS.map((f) => (
            <label>
              {t(locale, f.label)}
              <input name={f.name} type="number" inputmode="numeric" value={typed(f.name, String(f.of(business)))} required />
              <span class="hint">{t(locale, f.help)}</span>
            </label>
          ))}
          <label>
            {t(locale, "policy.reminders")}
            <input name="reminder_offsets_minutes" value={typed("reminder_offsets_minutes", business.reminderOffsetsMinutes.join(", "))} inputmode="numeric" />
            <span class="hint">{t(locale, "policy.reminders_help")}</span>
          </label>
        </div>
        <label class="check">
          <input type="checkbox" name="auto_confirm" checked={values ? values.auto_confirm === "on" : business.autoConfirm} />
          {t(locale, "policy.auto_confirm")}
        </label>
        <div>
          <button type="submit" class="button">{t(locale, "admin.save")}</button>
        </div>
      </form>
    </AdminLayout>
  );
}
