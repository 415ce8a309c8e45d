import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const notifications = sqliteTable("notifications", {
  id: integer("id").primaryKey(),
  bookingId: integer("booking_id"),
  clientId: integer("client_id"),
  event: text("event").notNull(),
  channel: text("channel", { enum: ["email", "sms", "telegram"] }).notNull(),
  dueAt: integer("due_at").notNull(),
  status: text("status", { enum: ["pending", "sending", "sent", "failed", "void"] }).notNull().default("pending"),
  attempts: integer("attempts").notNull().default(0),
  leaseOwner: text("lease_owner"),
  leaseUntil: integer("lease_until"),
  dedupeKey: text("dedupe_key").notNull(),
  providerMessageId: text("provider_message_id"),
  lastError: text("last_error"),
  sentAt: integer("sent_at"),
  createdAt: integer("created_at").notNull(),
});
