import type { Problem } from "../../../src/error/app-error.ts";
import { LOCALES, t, type Locale, type MessageKey } from "../../../src/i18n/i18n.ts";
import type { NotificationEvent } from "../../../src/notification/model.ts";
import { CHANNELS, type Channel } from "../../../src/notification/schema.ts";
import type { TemplateView } from "../../../src/notification/templates.ts";
import { AdminLayout, Csrf, type AdminFrame } from "../admin-layout.tsx";
import { Notice, Problems } from "../problems.tsx";
import { SettingsTabs } from "./settings-page.tsx";

export interface TemplatesPageProps {
  frame: AdminFrame;
  /** The templates of the chosen language and channel. */
  templates: TemplateView[];
  language: Locale;
  channel: Channel;
  placeholders: readonly string[];
  notice?: string | undefined;
  problems?: Problem[] | undefined;
  /** The template a failed save was for: "<event>". */
  failed?: string | undefined;
}

export const EVENT_LABEL: Record<NotificationEvent, MessageKey> = {
  created: "templates.event.created",
  confirmed: "templates.event.confirmed",
  cancelled: "templates.event.cancelled",
  rescheduled: "templates.event.rescheduled",
  reminder: "templates.event.reminder",
  review: "templates.event.review",
};
export const CHANNEL_LABEL: Record<Channel, MessageKey> = { telegram: "templates.channel.telegram", sms: "templates.channel.sms", email: "templates.channel.email", whatsapp: "notification.channel.whatsapp", push: "notification.channel.push" };

/** Notification wording per event, channel and language: edit, preview with sample values, SMS cost. */
export function TemplatesPage({ frame, templates, language, channel, placeholders, notice, problems, failed }: TemplatesPageProps) {
  const { locale, base } = frame;
  const href = (l: Locale, c: Channel) => `${base}/settings/templates?language=${l}&channel=${c}`;
  return (
    <AdminLayout frame={frame} title={t(locale, "settings.tab.templates")} section="settings">
      <SettingsTabs frame={frame} current="templates" />
      <h1>{t(locale, "settings.tab.templates")}</h1>
      <Notice text={notice} />
      <div class="row">
        <span class="tabs">
          {CHANNELS.map((c) => (
            <a class="chip" href={href(language, c)} aria-current={c === channel ? "true" : "false"}>
              {t(locale, CHANNEL_LABEL[c])}
            </a>
          ))}
        </span>
        <span class="tabs">
          {LOCALES.map((l) => (
            <a class="chip" href={href(l, channel)} aria-current={l === language ? "true" : "false"}>
              {l.toUpperCase()}
            </a>
          ))}
        </span>
      </div>
      <p class="muted small">
        {t(locale, "templates.placeholders")} {placeholders.map((p) => <><code>{`{${p}}`}</code>{" "}</>)}
      </p>
      {templates.map((tpl) => (
        <section class="card template" id={`t-${tpl.event}`}>
          <h2>
            {t(locale, EVENT_LABEL[tpl.event])} {tpl.custom && <span class="badge">{t(locale, "templates.custom")}</span>}
          </h2>
          {failed === tpl.event && <Problems locale={locale} problems={problems} />}
          <div class="template-grid">
            <form method="post" action={`${base}/settings/templates`} class="stack">
              <Csrf token={frame.csrf} />
              <input type="hidden" name="event" value={tpl.event} />
              <input type="hidden" name="channel" value={tpl.channel} />
              <input type="hidden" name="locale" value={tpl.locale} />
              {tpl.channel === "email" && (
                <label>
                  {t(locale, "templates.subject")}
                  <input name="subject" value={tpl.subject ?? ""} maxlength={2000} />
                </label>
              )}
              <label>
                {t(locale, "templates.body")}
                <textarea name="body" rows={tpl.channel === "sms" ? 3 : 6} maxlength={2000}>{tpl.body}</textarea>
              </label>
              <div class="actions">
                <button type="submit" class="button">{t(locale, "admin.save")}</button>
                {tpl.custom && (
                  <button type="submit" name="reset" value="1" class="chip" formnovalidate>
                    {t(locale, "templates.reset")}
                  </button>
                )}
              </div>
            </form>
            <div class="preview" aria-label={t(locale, "templates.preview")}>
              <div class="muted small">{t(locale, "templates.preview")}</div>
              {tpl.preview.subject && <strong>{tpl.preview.subject}</strong>}
              <p class="bubble">{tpl.preview.body}</p>
              {tpl.sms && (
                <p class={`muted small${tpl.sms.segments > 1 ? " warn" : ""}`}>
                  {t(locale, "templates.sms_length", { units: tpl.sms.units, segments: tpl.sms.segments, encoding: tpl.sms.encoding, per: tpl.sms.perSegment })}
                </p>
              )}
            </div>
          </div>
        </section>
      ))}
    </AdminLayout>
  );
}
