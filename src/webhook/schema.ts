import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** The events a salon may subscribe an endpoint to (DESIGN §5). */
export const WEBHOOK_EVENTS = [
  "booking.created",
  "booking.updated",
  "booking.cancelled",
  "client.created",
  "payment.succeeded",
  "payment.refunded",
  "review.created",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** A salon's endpoint (migrations/tenant/0070). `signingSecret` is write-only: never shown again after creation. */
export const webhooks = sqliteTable("webhooks", {
  id: integer("id").primaryKey(),
  url: text("url").notNull(),
  events: text("events", { mode: "json" }).$type<WebhookEventType[]>().notNull(),
  signingSecret: text("signing_secret").notNull(),
  createdAt: integer("created_at").notNull(),
});

export type DeliveryStatus = "pending" | "sending" | "delivered" | "failed";

/** The outbox: one event for one endpoint, with its frozen body and how sending it went. */
export const webhookDeliveries = sqliteTable("webhook_deliveries", {
  id: integer("id").primaryKey(),
  webhookId: integer("webhook_id").notNull(),
  eventId: text("event_id").notNull(),
  type: text("type").notNull(),
  body: text("body").notNull(),
  status: text("status").$type<DeliveryStatus>().notNull().default("pending"),
  attempts: integer("attempts").notNull().default(0),
  dueAt: integer("due_at").notNull(),
  leaseOwner: text("lease_owner"),
  leaseUntil: integer("lease_until"),
  lastStatus: integer("last_status"),
  lastResponse: text("last_response"),
  createdAt: integer("created_at").notNull(),
  deliveredAt: integer("delivered_at"),
});
