/** The salon's notification wording: list with previews, edit with validation (admin API). */
import { and, eq } from "drizzle-orm";
import type { Actor } from "../account/permissions.ts";
import { recordAudit } from "../audit/audit.ts";
import type { Database } from "../db/database.ts";
import { AppError, type Problem } from "../error/app-error.ts";
import { isLocale, LOCALES, type Locale } from "../i18n/i18n.ts";
import type { Clock } from "../time/clock.ts";
import { formatLocalDateTime } from "../time/format.ts";
import { defaultTemplate, fill } from "./compose.ts";
import { isNotificationEvent, NOTIFICATION_EVENTS, type NotificationEvent } from "./model.ts";
import { CHANNELS, notificationTemplates, type Channel, type TextChannel } from "./schema.ts";
import { smsLength, type SmsLength } from "./sms-length.ts";
import type { Placeholder } from "./templates/defaults.ts";

export interface TemplateView {
  event: NotificationEvent;
  channel: Channel;
  locale: Locale;
  subject: string | null;
  body: string;
  custom: boolean;
  /** The text as a client would read it, filled with sample values. */
  preview: { subject: string | null; body: string };
  /** SMS only: encoding and segments of the preview (what the salon pays for). */
  sms?: SmsLength;
}

export interface TemplateEdit {
  event: string;
  channel: string;
  locale: string;
  subject?: string | null;
  /** null restores the built-in text. */
  body: string | null;
}

const MAX_BODY = 2_000;

/** Sample values for previews: a plausible visit, so a length estimate is honest. */
function sampleValues(locale: Locale, slug: string): Record<Placeholder, string> {
  const start = Date.UTC(2027, 2, 2, 9, 0);
  const sample = {
    ru: { client_name: "Анна", service: "Женская стрижка", staff: "Ольга Иванова", address: "ул. Ленина, 10", salon: "Салон «Лотос»" },
    en: { client_name: "Anna", service: "Women's haircut", staff: "Olga Ivanova", address: "10 Lenin St", salon: "Lotus Salon" },
    kk: { client_name: "Анна", service: "Әйелдер шаш қию", staff: "Ольга Иванова", address: "Ленин к-сі, 10", salon: "«Лотос» салоны" },
  }[locale];
  return { ...sample, start_local: formatLocalDateTime(start, "Europe/Moscow", locale), manage_url: `https://zapis.example/${slug}/my/123?t=Xy7kQ2vLp9`, salon_phone: "+7 495 123-45-67", telegram_link: "https://t.me/lotos_salon_bot?start=c123_Xy7kQ2vLp9Xy7kQ2vLp9Xy7k", price: "", review_url: `https://zapis.example/${slug}/review/123?t=Xy7kQ2vLp9` };
}

/** Every (event, channel, language) with its current text and a preview. */
export async function listTemplates(db: Database, slug: string): Promise<TemplateView[]> {
  const own = await db.orm.select().from(notificationTemplates);
  const key = (e: string, c: string, l: string) => `${e}/${c}/${l}`;
  const byKey = new Map(own.map((t) => [key(t.event, t.channel, t.locale), t]));
  const views: TemplateView[] = [];
  for (const locale of LOCALES) {
    const values = sampleValues(locale, slug);
    for (const event of NOTIFICATION_EVENTS) {
      for (const channel of CHANNELS) {
        const custom = byKey.get(key(event, channel, locale));
        const base = defaultTemplate(event, channel, locale);
        const subject = channel === "email" ? (custom?.subject ?? base.subject) : null;
        const body = custom?.body ?? base.body;
        const preview = { subject: subject === null ? null : fill(subject, values), body: fill(body, values) };
        views.push({ event, channel, locale, subject, body, custom: Boolean(custom), preview, ...(channel === "sms" ? { sms: smsLength(preview.body) } : {}) });
      }
    }
  }
  return views;
}

/** Saves the salon's edits (all or nothing); a null body goes back to the built-in text. */
export async function updateTemplates(db: Database, clock: Clock, actor: Actor, edits: TemplateEdit[]): Promise<void> {
  const problems: Problem[] = [];
  edits.forEach((e, i) => {
    const at = (field: string) => `templates.${i}.${field}`;
    if (!isNotificationEvent(e.event)) problems.push({ field: at("event"), key: "notification.template.unknown_event", params: { event: e.event } });
    if (!(CHANNELS as readonly string[]).includes(e.channel)) problems.push({ field: at("channel"), key: "notification.template.unknown_channel", params: { channel: e.channel } });
    if (!isLocale(e.locale)) problems.push({ field: at("locale"), key: "locale.unknown", params: { locale: e.locale } });
    if (e.body !== null && e.body.trim() === "") problems.push({ field: at("body"), key: "notification.template.body_required" });
    if ((e.body?.length ?? 0) > MAX_BODY || (e.subject?.length ?? 0) > MAX_BODY) problems.push({ field: at("body"), key: "notification.template.too_long", params: { max: MAX_BODY } });
  });
  if (problems.length > 0) throw new AppError("VALIDATION_ERROR", problems);
  const now = clock.now();
  await db.write(async (tx) => {
    for (const e of edits) {
      const where = and(eq(notificationTemplates.event, e.event as NotificationEvent), eq(notificationTemplates.channel, e.channel as TextChannel), eq(notificationTemplates.locale, e.locale as Locale));
      if (e.body === null) {
        await tx.delete(notificationTemplates).where(where);
        continue;
      }
      const row = { event: e.event as NotificationEvent, channel: e.channel as TextChannel, locale: e.locale as Locale, subject: e.channel === "email" ? (e.subject ?? null) : null, body: e.body.trim(), updatedAt: now };
      await tx
        .insert(notificationTemplates)
        .values(row)
        .onConflictDoUpdate({ target: [notificationTemplates.event, notificationTemplates.channel, notificationTemplates.locale], set: { subject: row.subject, body: row.body, updatedAt: now } });
    }
    await recordAudit(tx, {
      at: now,
      actor: actor.label,
      userId: actor.userId,
      action: "notification_template.update",
      entity: "notification_template",
      details: { changed: edits.map((e) => `${e.event}/${e.channel}/${e.locale}${e.body === null ? " (reset)" : ""}`) },
    });
  });
}

