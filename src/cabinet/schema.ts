import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** One-time sign-in codes of the client cabinet, kept as an HMAC (migrations/tenant/0081). */
export const clientCodes = sqliteTable("client_codes", {
  id: integer("id").primaryKey(),
  phone: text("phone").notNull(),
  address: text("address"),
  codeHash: text("code_hash").notNull(),
  attempts: integer("attempts").notNull().default(0),
  createdAt: integer("created_at").notNull(),
  expiresAt: integer("expires_at").notNull(),
  usedAt: integer("used_at"),
});

/** Remembered devices: the cookie's token hashed; revoked on sign-out. */
export const clientSessions = sqliteTable("client_sessions", {
  id: integer("id").primaryKey(),
  clientId: integer("client_id").notNull(),
  tokenHash: text("token_hash").notNull(),
  createdAt: integer("created_at").notNull(),
  expiresAt: integer("expires_at").notNull(),
  revokedAt: integer("revoked_at"),
});
