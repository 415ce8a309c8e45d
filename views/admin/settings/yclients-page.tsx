import type { Problem } from "../../../src/error/app-error.ts";
import { t } from "../../../src/i18n/i18n.ts";
import type { HybridSettings } from "../../../src/import/yclients/hybrid.ts";
import { AdminLayout, Csrf, type AdminFrame } from "../admin-layout.tsx";
import { Notice, Problems } from "../problems.tsx";
import { SettingsTabs } from "./settings-page.tsx";

export interface YClientsPageProps {
  frame: AdminFrame;
  hybrid: HybridSettings | null;
  services: Array<{ id: number; title: string }>;
  notice?: string | undefined;
  problems?: Problem[] | undefined;
  /** What was typed, after a refused save. */
  values?: { formId: string; companyId: string; serviceIds: number[] } | undefined;
}

export const yclientsHref = (frame: AdminFrame) => `${frame.base}/settings/yclients`;

/** Hybrid mode while moving from YClients: the salon's YClients form and the services still booked there. */
export function YClientsPage(props: YClientsPageProps) {
  const { frame } = props;
  const { locale } = frame;
  const shown = props.values ?? { formId: props.hybrid?.formId ?? "", companyId: props.hybrid?.companyId ?? "", serviceIds: props.hybrid?.serviceIds ?? [] };
  const chosen = new Set(shown.serviceIds);
  return (
    <AdminLayout frame={frame} title={t(locale, "import.hybrid.title")} section="settings">
      <SettingsTabs frame={frame} current="yclients" />
      <h1>{t(locale, "import.hybrid.title")}</h1>
      <p class="muted">{t(locale, "import.hybrid.intro")}</p>
      <Notice text={props.notice} />
      <Problems locale={locale} problems={props.problems} />
      <form method="post" action={yclientsHref(frame)} class="card stack form-wide">
        <Csrf token={frame.csrf} />
        <label>
          {t(locale, "import.hybrid.form_id")}
          <input name="form_id" inputmode="numeric" maxlength={12} value={shown.formId} placeholder="123456" />
        </label>
        <label>
          {t(locale, "import.hybrid.company_id")}
          <input name="company_id" inputmode="numeric" maxlength={12} value={shown.companyId} placeholder="654321" />
        </label>
        <fieldset class="stack">
          <legend>{t(locale, "import.hybrid.services")}</legend>
          {props.services.map((s) => (
            <label class="check">
              <input type="checkbox" name="service_ids" value={String(s.id)} checked={chosen.has(s.id)} />
              {s.title}
            </label>
          ))}
        </fieldset>
        <button type="submit" class="button">
          {t(locale, "admin.save")}
        </button>
      </form>
    </AdminLayout>
  );
}
