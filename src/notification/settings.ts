import { eq } from "drizzle-orm";
import type { Reader } from "../db/database.ts";
import { prepared } from "../db/prepared.ts";
import type { ConfiguredChannels } from "./model.ts";
import type { QuietHours } from "./quiet-hours.ts";
import { notificationSettings } from "./schema.ts";

export type NotificationSettings = typeof notificationSettings.$inferSelect;

// every booking write reads it (which channels reach the client): built once (issue 20)
const settingsRow = prepared((db) => db.select().from(notificationSettings).where(eq(notificationSettings.id, 1)));

export async function readSettings(db: Reader): Promise<NotificationSettings> {
  const row = await settingsRow(db).get();
  if (!row) throw new Error("tenant database has no notification settings row; is it migrated?");
  return row;
}

/**
 * Channels the salon can send through. Email always counts: the global SMTP_URL is the usual
 * sender, and it is only known outside the tenant database; a salon with neither gets its emails
 * marked failed with a clear reason instead of silently dropped. Web Push needs no account of the
 * salon's (issue 16): it reaches the clients whose browsers subscribed.
 */
export function configuredChannels(settings: NotificationSettings): ConfiguredChannels {
  return { telegram: Boolean(settings.telegramBotToken), sms: Boolean(settings.smsruApiId), email: true, whatsapp: whatsappReady(settings), push: true };
}

export function quietHoursOf(settings: NotificationSettings): QuietHours {
  return { startMinutes: settings.quietStartMinutes, endMinutes: settings.quietEndMinutes };
}

// issue 16: WhatsApp sends only through an approved template, so it counts once there is one to send.
export const whatsappReady = (s: NotificationSettings): boolean =>
  Boolean(s.whatsappPhoneNumberId && s.whatsappToken && s.whatsappLanguage && s.whatsappConfirmationTemplate);
