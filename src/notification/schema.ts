import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { NOTIFICATION_EVENTS, OUTBOX_EVENTS } from "./model.ts";

/** Channels whose wording the salon edits (notification_templates). */
export const CHANNELS = ["telegram", "sms", "email"] as const;
// issue 16: WhatsApp sends the salon's templates approved by Meta, not an editable text; a push
// says what the Telegram text says
export const OUTBOX_CHANNELS = [...CHANNELS, "whatsapp", "push"] as const;
export type Channel = (typeof OUTBOX_CHANNELS)[number];
export type TextChannel = (typeof CHANNELS)[number];
export const isTextChannel = (c: Channel): c is TextChannel => (CHANNELS as readonly string[]).includes(c);
export const NOTIFICATION_STATUSES = ["pending", "sending", "sent", "failed", "void"] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export const notifications = sqliteTable("notifications", {
  id: integer("id").primaryKey(),
  bookingId: integer("booking_id"),
  clientId: integer("client_id"),
  event: text("event", { enum: OUTBOX_EVENTS }).notNull(),
  channel: text("channel", { enum: OUTBOX_CHANNELS }).notNull(),
  dueAt: integer("due_at").notNull(),
  status: text("status", { enum: NOTIFICATION_STATUSES }).notNull().default("pending"),
  attempts: integer("attempts").notNull().default(0),
  leaseOwner: text("lease_owner"),
  leaseUntil: integer("lease_until"),
  dedupeKey: text("dedupe_key").notNull(),
  providerMessageId: text("provider_message_id"),
  lastError: text("last_error"),
  sentAt: integer("sent_at"),
  createdAt: integer("created_at").notNull(),
  sendStartedAt: integer("send_started_at"),
  payload: text("payload", { mode: "json" }).$type<NotificationPayload>().notNull().default({}),
});

/** What only the writer of a notification knew when it was queued. */
export interface NotificationPayload {
  manageUrl?: string;
  /** issue 15: a message already written by its sender, to one address (see DIRECT_EVENTS). */
  direct?: DirectMessage;
}

export interface DirectMessage {
  to: string;
  subject: string;
  text: string;
}

export interface ChannelAlert {
  key: string;
  params: Record<string, string | number>;
  at: number;
}

export const notificationSettings = sqliteTable("notification_settings", {
  id: integer("id").primaryKey(),
  smtpUrl: text("smtp_url"),
  smtpFrom: text("smtp_from"),
  smsruApiId: text("smsru_api_id"),
  smsSender: text("sms_sender"),
  telegramBotToken: text("telegram_bot_token"),
  telegramBotUsername: text("telegram_bot_username"),
  telegramWebhookSecret: text("telegram_webhook_secret").notNull(),
  quietStartMinutes: integer("quiet_start_minutes").notNull(),
  quietEndMinutes: integer("quiet_end_minutes").notNull(),
  linkSecret: text("link_secret").notNull(),
  channelAlerts: text("channel_alerts", { mode: "json" }).$type<Partial<Record<Channel, ChannelAlert>>>().notNull(),
  // issue 16: getMe's answer (JSON, no secret) and where setWebhook last pointed
  telegramBotInfo: text("telegram_bot_info"),
  telegramWebhookUrl: text("telegram_webhook_url"),
  // issue 16: the salon's WhatsApp Cloud API account (migrations/tenant/0095_channels.sql)
  whatsappPhoneNumberId: text("whatsapp_phone_number_id"),
  whatsappToken: text("whatsapp_token"),
  whatsappConfirmationTemplate: text("whatsapp_confirmation_template"),
  whatsappReminderTemplate: text("whatsapp_reminder_template"),
  whatsappLanguage: text("whatsapp_language"),
});

export const notificationTemplates = sqliteTable(
  "notification_templates",
  {
    event: text("event", { enum: NOTIFICATION_EVENTS }).notNull(),
    channel: text("channel", { enum: CHANNELS }).notNull(),
    locale: text("locale", { enum: ["ru", "en", "kk"] }).notNull(),
    subject: text("subject"),
    body: text("body").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.event, t.channel, t.locale] })],
);

/** Addresses whose owner followed an opt-out link sent to them about a booking made with someone else's phone. */
export const optedOutAddresses = sqliteTable(
  "opted_out_addresses",
  {
    channel: text("channel", { enum: OUTBOX_CHANNELS }).notNull(),
    address: text("address").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.channel, t.address] })],
);
