import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** The long-polling lease of the salon's bot (one row): who polls, until when, and from which update. */
export const telegramPoll = sqliteTable("telegram_poll", {
  id: integer("id").primaryKey(),
  owner: text("owner"),
  leaseUntil: integer("lease_until").notNull(),
  nextOffset: integer("next_offset").notNull(),
});

/** What a chat chose in the booking dialogue, kept while the bot waits for its contact. */
export interface PendingVisit {
  serviceId?: number;
  staffId?: number | "any";
  start?: number;
  name?: string;
  phone?: string;
}

export const telegramChats = sqliteTable("telegram_chats", {
  chatId: text("chat_id").primaryKey(),
  pending: text("pending", { mode: "json" }).$type<PendingVisit>().notNull(),
  updatedAt: integer("updated_at").notNull(),
});
