import type { Problem } from "../../../src/error/app-error.ts";
import { t, type MessageKey } from "../../../src/i18n/i18n.ts";
import type { ChannelSettingsView } from "../../../src/notification/channel-settings.ts";
import { AdminLayout, Csrf, type AdminFrame } from "../admin-layout.tsx";
import { Notice, Problems } from "../problems.tsx";
import { AlertBanner, channelsHref } from "./channel-alerts.tsx";
import { SettingsTabs } from "./settings-page.tsx";

export interface ChannelsPageProps {
  frame: AdminFrame;
  zone: string;
  settings: ChannelSettingsView;
  /** Whether the installation has its own SMTP_URL (used when the salon sets none). */
  globalSmtp: boolean;
  /** Where the salon's bot must send its updates. */
  /** Where Telegram posts the bot's updates; null in polling mode. */
  webhookUrl: string | null;
  notice?: string | undefined;
  /** The answer of the SMS.ru check, good or bad. */
  check?: { ok: boolean; message: Problem } | undefined;
  problems?: Problem[] | undefined;
  /** What was typed, after a refused save; never holds a secret (routes drop them). */
  values?: Record<string, string> | undefined;
}

/** SMTP, SMS.ru, the Telegram bot and quiet hours: one form; saved secrets show only as "saved". */
export function ChannelsPage(props: ChannelsPageProps) {
  const { frame, settings: s } = props;
  const { locale } = frame;
  const typed = (name: string, stored: string | null) => props.values?.[name] ?? stored ?? "";
  const state = (on: boolean) => <span class={`badge ${on ? "status-completed" : "status-cancelled"}`}>{t(locale, on ? "channels.connected" : "channels.not_connected")}</span>;
  const secret = (name: string, label: MessageKey, saved: boolean) => (
    <>
      <label>
        {t(locale, label)}
        <input name={name} type="password" autocomplete="off" maxlength={200} placeholder={saved ? "••••••••" : ""} />
        <span class="hint">{t(locale, saved ? "channels.secret_saved" : "channels.secret_missing")}</span>
      </label>
      {saved && (
        <label class="check">
          <input type="checkbox" name={`forget_${name}`} />
          {t(locale, "channels.forget")}
        </label>
      )}
    </>
  );
  return (
    // The banner is drawn below with its "hide" buttons, so the layout does not repeat it.
    <AdminLayout frame={{ ...frame, alerts: [] }} title={t(locale, "channels.title")} section="settings">
      <SettingsTabs frame={frame} current="channels" />
      <h1>{t(locale, "channels.title")}</h1>
      <Notice text={props.notice} />
      {props.check && (props.check.ok ? <Notice text={t(locale, props.check.message.key, props.check.message.params)} /> : <Problems locale={locale} problems={[props.check.message]} />)}
      <AlertBanner frame={frame} zone={props.zone} dismiss />
      <Problems locale={locale} problems={props.problems} />
      <form method="post" action={channelsHref(frame)} class="stack form-wide channels">
        <Csrf token={frame.csrf} />
        <fieldset class="card stack">
          <legend>
            {t(locale, "channels.email")} {state(Boolean(s.smtpUrl) || props.globalSmtp)}
          </legend>
          {!s.smtpUrl && <p class="muted small">{t(locale, props.globalSmtp ? "channels.email_global" : "channels.email_no_global")}</p>}
          <label>
            {t(locale, "channels.smtp_url")}
            <input name="smtp_url" value={typed("smtp_url", s.smtpUrl)} inputmode="url" autocomplete="off" maxlength={500} placeholder="smtp://login@smtp.example.com:587" />
            <span class="hint">{t(locale, "channels.smtp_url_hint")}</span>
          </label>
          {secret("smtp_password", "channels.smtp_password", s.smtpPasswordSaved)}
          <span class="hint">{t(locale, "channels.smtp_password_hint")}</span>
          <label>
            {t(locale, "channels.smtp_from")}
            <input name="smtp_from" value={typed("smtp_from", s.smtpFrom)} maxlength={200} placeholder="Salon <hello@example.com>" />
          </label>
        </fieldset>

        <fieldset class="card stack">
          <legend>
            {t(locale, "channels.sms")} {state(s.smsApiIdSaved)}
          </legend>
          {secret("sms_api_id", "channels.sms_api_id", s.smsApiIdSaved)}
          <label>
            {t(locale, "channels.sms_sender")}
            <input name="sms_sender" value={typed("sms_sender", s.smsSender)} maxlength={11} autocomplete="off" />
            <span class="hint">{t(locale, "channels.sms_sender_hint")}</span>
          </label>
          {s.smsApiIdSaved && (
            <div>
              <button type="submit" form="check-sms" class="chip">{t(locale, "channels.check_sms")}</button>
            </div>
          )}
        </fieldset>

        <fieldset class="card stack">
          <legend>
            {t(locale, "channels.telegram")} {state(s.telegramTokenSaved)}
          </legend>
          {secret("telegram_token", "channels.telegram_token", s.telegramTokenSaved)}
          <p class="muted small">{t(locale, "channels.telegram_hint")}</p>
          {s.telegramUsername && (
            <dl class="webhook">
              <dt>{t(locale, "channels.telegram_username")}</dt>
              <dd>
                <a href={`https://t.me/${s.telegramUsername}`}>@{s.telegramUsername}</a>
              </dd>
              {props.webhookUrl ? (
                <>
                  <dt>{t(locale, "channels.webhook_url")}</dt>
                  <dd>
                    <code>{props.webhookUrl}</code>
                  </dd>
                </>
              ) : (
                <dd class="muted small">{t(locale, "telegram.polling")}</dd>
              )}
            </dl>
          )}
        </fieldset>

        <fieldset class="card stack">
          <legend>{t(locale, "channels.quiet")}</legend>
          <p class="muted small">{t(locale, "channels.quiet_hint")}</p>
          <div class="row">
            <label>
              {t(locale, "channels.quiet_start")}
              <input name="quiet_start" type="time" value={typed("quiet_start", s.quietStart)} required />
            </label>
            <label>
              {t(locale, "channels.quiet_end")}
              <input name="quiet_end" type="time" value={typed("quiet_end", s.quietEnd)} required />
            </label>
          </div>
        </fieldset>
        <div>
          <button type="submit" class="button">{t(locale, "admin.save")}</button>
        </div>
      </form>
      <form method="post" action={`${channelsHref(frame)}/check-sms`} id="check-sms" hidden>
        <Csrf token={frame.csrf} />
      </form>
    </AdminLayout>
  );
}
