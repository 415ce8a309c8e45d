import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const WAITLIST_STATUSES = ["waiting", "offered", "booked", "cancelled"] as const;
export type WaitlistStatus = (typeof WAITLIST_STATUSES)[number];

/** Clients waiting for a time (migrations/tenant/0082_waitlist.sql). */
export const waitlist = sqliteTable("waitlist", {
  id: integer("id").primaryKey(),
  serviceId: integer("service_id").notNull(),
  staffId: integer("staff_id"),
  dateFrom: text("date_from").notNull(),
  dateTo: text("date_to").notNull(),
  /** Minutes of the salon's local day; null = any time. */
  timeFrom: integer("time_from"),
  timeTo: integer("time_to"),
  contactName: text("contact_name").notNull(),
  contactPhone: text("contact_phone").notNull(),
  contactEmail: text("contact_email"),
  consent: integer("consent", { mode: "boolean" }).notNull().default(false),
  status: text("status", { enum: WAITLIST_STATUSES }).notNull().default("waiting"),
  bookingId: integer("booking_id"),
  createdAt: integer("created_at").notNull(),
});

/** A freed time offered to one waiter: claimed once, before it expires, or gone. */
export const waitlistOffers = sqliteTable("waitlist_offers", {
  id: integer("id").primaryKey(),
  waitlistId: integer("waitlist_id").notNull(),
  startTs: integer("start_ts").notNull(),
  staffId: integer("staff_id"),
  tokenHash: text("token_hash").notNull(),
  status: text("status", { enum: ["open", "claimed", "gone", "expired"] }).notNull().default("open"),
  createdAt: integer("created_at").notNull(),
  expiresAt: integer("expires_at").notNull(),
  claimedAt: integer("claimed_at"),
});
