/**
 * The salon's WhatsApp Cloud API account, set on `PATCH /api/v1/businesses/:slug` as
 * `whatsapp {phone_number_id, token, confirmation_template, reminder_template, language}` (null
 * removes it). The token is write-only: kept to send, never shown, exported or audited (only that it
 * changed). Where messages go is not the salon's to say: the Graph API base comes from the operator
 * (ZAPIS_WHATSAPP_API_URL), and the phone number id is digits only, so it is one path segment.
 */
import { eq } from "drizzle-orm";
import type { Actor } from "../account/permissions.ts";
import { recordAudit } from "../audit/audit.ts";
import type { Database } from "../db/database.ts";
import { hasValues, Problems } from "../error/problems.ts";
import type { Clock } from "../time/clock.ts";
import { notificationSettings } from "./schema.ts";
import { readSettings, type NotificationSettings } from "./settings.ts";

export type WhatsAppColumn = "whatsappPhoneNumberId" | "whatsappToken" | "whatsappConfirmationTemplate" | "whatsappReminderTemplate" | "whatsappLanguage";
export type WhatsAppValues = Partial<Pick<NotificationSettings, WhatsAppColumn>>;

export interface WhatsAppPatch {
  phoneNumberId: string;
  /** Absent: keep the saved one. */
  token?: string;
  confirmationTemplate: string;
  reminderTemplate?: string | null;
  language: string;
}

// Meta's shapes: numeric ids, template names of lowercase letters, digits and "_", and language
// codes such as "ru", "en_US" or "kk".
const PHONE_NUMBER_ID = /^\d{5,20}$/;
const TOKEN = /^[A-Za-z0-9_.|-]{20,1000}$/;
const TEMPLATE_NAME = /^[a-z0-9_]{1,512}$/;
const LANGUAGE = /^[a-z]{2,3}(_[A-Z]{2})?$/;

/** Checks the patch (all problems at once) into the columns to store; null clears the account. */
export function parseWhatsAppPatch(patch: WhatsAppPatch | null | undefined): WhatsAppValues {
  if (patch === undefined) return {};
  if (patch === null) {
    return { whatsappPhoneNumberId: null, whatsappToken: null, whatsappConfirmationTemplate: null, whatsappReminderTemplate: null, whatsappLanguage: null };
  }
  const p = new Problems();
  p.check(PHONE_NUMBER_ID.test(patch.phoneNumberId), "whatsapp.phone_number_id", "whatsapp.phone_number_id_invalid");
  if (patch.token !== undefined) p.check(TOKEN.test(patch.token), "whatsapp.token", "whatsapp.token_invalid");
  p.check(TEMPLATE_NAME.test(patch.confirmationTemplate), "whatsapp.confirmation_template", "whatsapp.template_invalid");
  if (patch.reminderTemplate) p.check(TEMPLATE_NAME.test(patch.reminderTemplate), "whatsapp.reminder_template", "whatsapp.template_invalid");
  p.check(LANGUAGE.test(patch.language), "whatsapp.language", "whatsapp.language_invalid");
  p.throwIfAny();
  return {
    whatsappPhoneNumberId: patch.phoneNumberId,
    whatsappToken: patch.token,
    whatsappConfirmationTemplate: patch.confirmationTemplate,
    whatsappReminderTemplate: patch.reminderTemplate ?? null,
    whatsappLanguage: patch.language,
  };
}

/** Saves checked values; a changed account clears the channel's old alert. */
export async function saveWhatsApp(deps: { db: Database; clock: Clock }, actor: Actor, values: WhatsAppValues): Promise<void> {
  if (!hasValues(values)) return;
  await deps.db.write(async (tx) => {
    const { channelAlerts } = await readSettings(tx);
    const { whatsapp: _old, ...alerts } = channelAlerts;
    await tx.update(notificationSettings).set({ ...values, channelAlerts: alerts }).where(eq(notificationSettings.id, 1));
    const { whatsappToken, ...plain } = values;
    const details: Record<string, unknown> = { whatsapp: plain };
    if (whatsappToken !== undefined) details.whatsapp_token = whatsappToken === null ? "removed" : "changed";
    await recordAudit(tx, { at: deps.clock.now(), actor: actor.label, userId: actor.userId, action: "notification_settings.update", entity: "notification_settings", details });
  });
}
