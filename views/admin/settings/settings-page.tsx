import type { BusinessRow, LocationRow } from "../../../src/business/business.ts";
import type { SalonPageSettings } from "../../../src/business/salon-page.ts";
import { formatPhone } from "../../../src/client/phone.ts";
import type { Problem } from "../../../src/error/app-error.ts";
import { LOCALES, t, type MessageKey } from "../../../src/i18n/i18n.ts";
import { AdminLayout, Csrf, type AdminFrame } from "../admin-layout.tsx";
import { PostButton } from "../post-button.tsx";
import { Notice, Problems } from "../problems.tsx";

export type SettingsForm = "profile" | "page" | "logo";

export interface SettingsPageProps {
  frame: AdminFrame;
  slug: string;
  business: BusinessRow;
  location: LocationRow;
  page: SalonPageSettings;
  /** Bumps the logo's URL after an upload, so the browser shows the new one. */
  logoVersion: number;
  notice?: string | undefined;
  problems?: Problem[] | undefined;
  failed?: SettingsForm | undefined;
  values?: Record<string, string | string[]> | undefined;
}

const LANGUAGE_NAME: Record<(typeof LOCALES)[number], MessageKey> = { ru: "settings.lang.ru", en: "settings.lang.en", kk: "settings.lang.kk" };

export function SettingsTabs({ frame, current }: { frame: AdminFrame; current: "profile" | "templates" | "channels" | "payments" | "webhooks" | "yclients" | "locations" | "apps" }) {
  return (
    <nav class="tabs" aria-label={t(frame.locale, "admin.nav.settings")}>
      <a class="chip" href={`${frame.base}/settings`} aria-current={current === "profile" ? "true" : "false"}>
        {t(frame.locale, "settings.tab.profile")}
      </a>
      <a class="chip" href={`${frame.base}/settings/templates`} aria-current={current === "templates" ? "true" : "false"}>
        {t(frame.locale, "settings.tab.templates")}
      </a>
      <a class="chip" href={`${frame.base}/settings/channels`} aria-current={current === "channels" ? "true" : "false"}>
        {t(frame.locale, "channels.title")}
      </a>
      {/* issue 13 */}
      <a class="chip" href={`${frame.base}/settings/payments`} aria-current={current === "payments" ? "true" : "false"}>
        {t(frame.locale, "payment.settings.title")}
      </a>
      {/* issue 18 */}
      <a class="chip" href={`${frame.base}/settings/webhooks`} aria-current={current === "webhooks" ? "true" : "false"}>
        {t(frame.locale, "webhook.admin.title")}
      </a>
      {frame.role === "owner" && (
        <a class="chip" href={`${frame.base}/settings/yclients`} aria-current={current === "yclients" ? "true" : "false"}>
          {t(frame.locale, "import.hybrid.title")}
        </a>
      )}
      {/* issue 17: branches */}
      <a class="chip" href={`${frame.base}/settings/locations`} aria-current={current === "locations" ? "true" : "false"}>
        {t(frame.locale, "branch.title")}
      </a>
      {/* issue 16 */}
      <a class="chip" href={`${frame.base}/settings/apps`} aria-current={current === "apps" ? "true" : "false"}>
        {t(frame.locale, "apps.title")}
      </a>
    </nav>
  );
}

/** The salon's profile, booking page look and words, and logo: three forms, each saved on its own. */
export function SettingsPage(props: SettingsPageProps) {
  const { frame, business, location, page } = props;
  const { locale, base } = frame;
  const typed = (form: SettingsForm, name: string, stored: string) => {
    const v = props.failed === form ? props.values?.[name] : undefined;
    return typeof v === "string" ? v : stored;
  };
  const problemsFor = (form: SettingsForm) => (props.failed === form ? <Problems locale={locale} problems={props.problems} /> : null);
  return (
    <AdminLayout frame={frame} title={t(locale, "admin.nav.settings")} section="settings">
      <SettingsTabs frame={frame} current="profile" />
      <h1>{t(locale, "admin.nav.settings")}</h1>
      <Notice text={props.notice} />

      <h2>{t(locale, "settings.profile")}</h2>
      {problemsFor("profile")}
      <form method="post" action={`${base}/settings/profile`} class="card stack form-wide">
        <Csrf token={frame.csrf} />
        <div class="row">
          <label>
            {t(locale, "settings.salon_name")}
            <input name="name" value={typed("profile", "name", business.name)} maxlength={120} required />
          </label>
          <label>
            {t(locale, "admin.phone")}
            <input name="phone" type="tel" value={typed("profile", "phone", business.phone ? formatPhone(business.phone) : "")} />
          </label>
        </div>
        <label>
          {t(locale, "settings.address")}
          <input name="address" value={typed("profile", "address", location.address ?? "")} maxlength={300} />
        </label>
        <div class="row">
          <label>
            {t(locale, "settings.timezone")}
            <input name="timezone" value={typed("profile", "timezone", location.timezone)} required />
          </label>
          <label>
            {t(locale, "settings.locale")}
            <select name="locale">
              {LOCALES.map((l) => (
                <option value={l} selected={typed("profile", "locale", business.locale) === l}>
                  {t(locale, LANGUAGE_NAME[l])}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t(locale, "settings.currency")}
            <input name="currency" value={typed("profile", "currency", business.currency)} maxlength={3} required />
          </label>
        </div>
        <p class="muted small">
          {t(locale, "settings.hours_hint")} <a href={`${base}/schedules?owner=salon`}>{t(locale, "settings.hours_link")}</a>
        </p>
        <div>
          <button type="submit" class="button">{t(locale, "admin.save")}</button>
        </div>
      </form>

      <h2>{t(locale, "settings.logo")}</h2>
      {problemsFor("logo")}
      <div class="card stack form-wide">
        {page.logoFile ? <img class="logo-preview" src={`/${props.slug}/logo?v=${props.logoVersion}`} alt={t(locale, "settings.logo")} /> : <p class="muted">{t(locale, "settings.no_logo")}</p>}
        <form method="post" action={`${base}/settings/logo`} enctype="multipart/form-data" class="row">
          <Csrf token={frame.csrf} />
          <label>
            {t(locale, "settings.logo_file")}
            <input type="file" name="logo" accept="image/png,image/jpeg,image/webp" required />
          </label>
          <button type="submit" class="button">{t(locale, "settings.upload")}</button>
        </form>
        {page.logoFile && (
          <PostButton frame={frame} action={`${base}/settings/logo/delete`} label={t(locale, "admin.delete")} danger />
        )}
      </div>

      <h2>{t(locale, "settings.booking_page")}</h2>
      {problemsFor("page")}
      <form method="post" action={`${base}/settings/page`} class="card stack form-wide">
        <Csrf token={frame.csrf} />
        <label>
          {t(locale, "settings.intro")}
          <textarea name="intro" rows={3} maxlength={1000}>{typed("page", "intro", page.intro ?? "")}</textarea>
        </label>
        <label>
          {t(locale, "settings.accent")}
          <span class="row">
            <input name="accent_color" value={typed("page", "accent_color", business.accentColor ?? "")} placeholder="#b4436c" maxlength={7} />
            {business.accentColor && <span class="swatch" style={`background:${business.accentColor}`}></span>}
          </span>
        </label>
        <label>
          {t(locale, "settings.consent_text")}
          <textarea name="consent_text" rows={3} maxlength={3000}>{typed("page", "consent_text", business.consentText ?? "")}</textarea>
          <span class="hint">{t(locale, "settings.consent_hint")}</span>
        </label>
        <fieldset class="boxes">
          <legend>{t(locale, "settings.languages")}</legend>
          {LOCALES.map((l) => (
            <label class="check">
              <input type="checkbox" name="languages" value={l} checked={page.languages.includes(l)} />
              {t(locale, LANGUAGE_NAME[l])}
            </label>
          ))}
        </fieldset>
        <div>
          <button type="submit" class="button">{t(locale, "admin.save")}</button>
        </div>
      </form>
    </AdminLayout>
  );
}
