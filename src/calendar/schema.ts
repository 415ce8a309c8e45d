import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** One live subscription link per master, kept as the SHA-256 of its token (migrations/tenant/0041). */
export const staffCalendarFeeds = sqliteTable("staff_calendar_feeds", {
  staffId: integer("staff_id").primaryKey(),
  tokenHash: text("token_hash").notNull(),
  createdAt: integer("created_at").notNull(),
});
