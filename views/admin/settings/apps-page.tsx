import type { Problem } from "../../../src/error/app-error.ts";
import { t } from "../../../src/i18n/i18n.ts";
import { AdminLayout, Csrf, type AdminFrame } from "../admin-layout.tsx";
import { Notice, Problems } from "../problems.tsx";
import { SettingsTabs } from "./settings-page.tsx";

/** What the page may show of the saved settings: never a secret, only whether one is saved. */
export interface AppsSettingsView {
  embedOrigins: string[];
  vkAppId: string | null;
  vkSecretSaved: boolean;
  whatsapp: { phoneNumberId: string | null; tokenSaved: boolean; confirmationTemplate: string | null; reminderTemplate: string | null; language: string | null };
}

export interface AppsPageProps {
  frame: AdminFrame;
  settings: AppsSettingsView;
  /** Where the salon's pages are served: the snippet and the VK app address are built on it. */
  siteUrl: string;
  notice?: string | undefined;
  problems?: Problem[] | undefined;
  /** What was typed, after a refused save; never holds a secret (the route drops them). */
  values?: Record<string, string> | undefined;
}

/** `/admin/settings/apps` (issue 16): the widget's sites, the VK Mini App and WhatsApp, one form. */
export function AppsPage(props: AppsPageProps) {
  const { frame, settings: s } = props;
  const { locale } = frame;
  const typed = (name: string, stored: string | null) => props.values?.[name] ?? stored ?? "";
  const secret = (name: string, label: string, saved: boolean) => (
    <label>
      {label}
      <input name={name} type="password" autocomplete="off" maxlength={1000} placeholder={saved ? "••••••••" : ""} />
      <span class="hint">{t(locale, saved ? "channels.secret_saved" : "channels.secret_missing")}</span>
    </label>
  );
  const forget = (name: string, shown: boolean) =>
    shown && (
      <label class="check">
        <input type="checkbox" name={name} />
        {t(locale, "apps.remove")}
      </label>
    );
  return (
    <AdminLayout frame={frame} title={t(locale, "apps.title")} section="settings">
      <SettingsTabs frame={frame} current="apps" />
      <h1>{t(locale, "apps.title")}</h1>
      <Notice text={props.notice} />
      <Problems locale={locale} problems={props.problems} />
      <form method="post" action={`${frame.base}/settings/apps`} class="stack form-wide channels">
        <Csrf token={frame.csrf} />
        <fieldset class="card stack">
          <legend>{t(locale, "apps.widget")}</legend>
          <p class="muted small">{t(locale, "apps.widget_hint")}</p>
          <code class="snippet">{`<script src="${props.siteUrl}/widget.js" async></script>`}</code>
          <label>
            {t(locale, "apps.embed_origins")}
            <textarea name="embed_origins" rows={3} maxlength={3000} placeholder="https://salon.ru">
              {typed("embed_origins", s.embedOrigins.join("\n"))}
            </textarea>
            <span class="hint">{t(locale, "apps.embed_origins_hint")}</span>
          </label>
        </fieldset>
        <fieldset class="card stack">
          <legend>{t(locale, "apps.vk")}</legend>
          <p class="muted small">
            {t(locale, "apps.vk_hint")} <code>{`${props.siteUrl}/vk`}</code>
          </p>
          <label>
            {t(locale, "apps.vk_app_id")}
            <input name="vk_app_id" value={typed("vk_app_id", s.vkAppId)} inputmode="numeric" maxlength={12} autocomplete="off" />
          </label>
          {secret("vk_app_secret", t(locale, "apps.vk_app_secret"), s.vkSecretSaved)}
          {forget("forget_vk", s.vkAppId !== null)}
        </fieldset>
        <fieldset class="card stack">
          <legend>WhatsApp</legend>
          <p class="muted small">{t(locale, "apps.whatsapp_hint")}</p>
          <label>
            {t(locale, "apps.whatsapp_phone_number_id")}
            <input name="whatsapp_phone_number_id" value={typed("whatsapp_phone_number_id", s.whatsapp.phoneNumberId)} inputmode="numeric" maxlength={20} autocomplete="off" />
          </label>
          {secret("whatsapp_token", t(locale, "apps.whatsapp_token"), s.whatsapp.tokenSaved)}
          <div class="row">
            <label>
              {t(locale, "apps.whatsapp_confirmation")}
              <input name="whatsapp_confirmation_template" value={typed("whatsapp_confirmation_template", s.whatsapp.confirmationTemplate)} maxlength={512} autocomplete="off" placeholder="visit_confirmed" />
            </label>
            <label>
              {t(locale, "apps.whatsapp_reminder")}
              <input name="whatsapp_reminder_template" value={typed("whatsapp_reminder_template", s.whatsapp.reminderTemplate)} maxlength={512} autocomplete="off" placeholder="visit_reminder" />
            </label>
            <label>
              {t(locale, "apps.whatsapp_language")}
              <input name="whatsapp_language" value={typed("whatsapp_language", s.whatsapp.language)} maxlength={6} autocomplete="off" placeholder="ru" />
            </label>
          </div>
          {forget("forget_whatsapp", s.whatsapp.phoneNumberId !== null)}
        </fieldset>
        <div>
          <button type="submit" class="button">{t(locale, "admin.save")}</button>
        </div>
      </form>
    </AdminLayout>
  );
}
