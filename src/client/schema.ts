import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const clients = sqliteTable("clients", {
  id: integer("id").primaryKey(),
  name: text("name").notNull(),
  phone: text("phone"),
  email: text("email"),
  notes: text("notes"),
  tags: text("tags", { mode: "json" }).$type<string[]>().notNull().default([]),
  consentAt: integer("consent_at"),
  preferredChannel: text("preferred_channel", { enum: ["telegram", "sms", "email"] }),
  telegramChatId: text("telegram_chat_id"),
  optOut: text("opt_out", { mode: "json" }).$type<string[]>().notNull().default([]),
  anonymizedAt: integer("anonymized_at"),
  discountPercent: integer("discount_percent").notNull().default(0),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});
