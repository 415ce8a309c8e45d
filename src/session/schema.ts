import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const sessions = sqliteTable("sessions", {
  id: integer("id").primaryKey(),
  tokenHash: text("token_hash").notNull(),
  userId: integer("user_id").notNull(),
  createdAt: integer("created_at").notNull(),
  lastSeenAt: integer("last_seen_at").notNull(),
  expiresAt: integer("expires_at").notNull(),
  userAgent: text("user_agent"),
});

export const loginFailures = sqliteTable("login_failures", {
  id: integer("id").primaryKey(),
  email: text("email").notNull(),
  ip: text("ip"),
  at: integer("at").notNull(),
});
