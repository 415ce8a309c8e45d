import { sql } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { clients } from "../client/schema.ts";

/** A browser of a client that asked for reminders (migrations/tenant/0097_push.sql). */
export const pushSubscriptions = sqliteTable("push_subscriptions", {
  id: integer("id").primaryKey(),
  clientId: integer("client_id").notNull(),
  endpoint: text("endpoint").notNull(),
  p256dh: text("p256dh").notNull(),
  authSecret: text("auth_secret").notNull(),
  createdAt: integer("created_at").notNull(),
});

/** Whether the client of a query's `clients` row has a browser subscribed (a channel's address). */
export const hasPushSubscription = sql<boolean>`exists (select 1 from push_subscriptions where push_subscriptions.client_id = ${clients.id})`.mapWith(Boolean);
