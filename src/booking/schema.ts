import { sql } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const BOOKING_STATUSES = ["pending", "confirmed", "cancelled", "completed", "no_show"] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export const BOOKING_SOURCES = ["web", "admin", "api", "import", "telegram"] as const; // issue 16: telegram
export type BookingSource = (typeof BOOKING_SOURCES)[number];

export const bookings = sqliteTable("bookings", {
  id: integer("id").primaryKey(),
  locationId: integer("location_id").notNull(),
  clientId: integer("client_id"),
  status: text("status", { enum: BOOKING_STATUSES }).notNull(),
  source: text("source", { enum: BOOKING_SOURCES }).notNull(),
  startTs: integer("start_ts").notNull(),
  endTs: integer("end_ts").notNull(),
  priceMinor: integer("price_minor").notNull().default(0),
  paidMinor: integer("paid_minor").notNull().default(0),
  currency: text("currency").notNull(),
  notes: text("notes"),
  manageTokenHash: text("manage_token_hash"),
  idempotencyKey: text("idempotency_key"),
  cancelReason: text("cancel_reason"),
  /** What the booker sent (see migrations/tenant/0016): messages about this booking go here. */
  contactName: text("contact_name"),
  contactPhone: text("contact_phone"),
  contactEmail: text("contact_email"),
  requestHash: text("request_hash"),
  createdBy: integer("created_by"),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
  /** The visit's iCalendar SEQUENCE (migrations/tenant/0040): bumped by nextSequence on each change of time or status. */
  sequence: integer("sequence").notNull().default(0),
  /** issue 13: set while the visit waits for its prepayment (migrations/tenant/0060): the API shows it as awaiting_payment. */
  awaitingPaymentUntil: integer("awaiting_payment_until"),
  // issue 16: the channel a public booking came through ('telegram'); null for the others
  bookedVia: text("booked_via"),
});

/**
 * A booking's time zone (its branch's), for a select on bookings: a subquery, not a join, because
 * SQLite prepares a join constrained by a bound value again at every run (issue 20; measured in
 * src/booking/queries.ts).
 */
export const bookingTimezone = sql<string>`(SELECT timezone FROM locations WHERE id = ${bookings.locationId})`;

/**
 * issue 16: how a source is stored. The DB's CHECK knows the first four sources only (widening it
 * means rebuilding the table: migrations/tenant/0091), so a channel's booking is stored as 'web'
 * with the channel in booked_via; shownSource reads it back as one source.
 */
export const storedSource = (source: BookingSource): { source: Exclude<BookingSource, "telegram">; bookedVia: string | null } =>
  source === "telegram" ? { source: "web", bookedVia: source } : { source, bookedVia: null };
export const shownSource = sql<BookingSource>`coalesce(${bookings.bookedVia}, ${bookings.source})`;

/** Set in the same UPDATE that moves or cancels a visit, so calendars replace their older copy. */
export const nextSequence = sql`${bookings.sequence} + 1`;

export const bookingServices = sqliteTable("booking_services", {
  id: integer("id").primaryKey(),
  bookingId: integer("booking_id").notNull(),
  serviceId: integer("service_id").notNull(),
  staffId: integer("staff_id"),
  startTs: integer("start_ts").notNull(),
  endTs: integer("end_ts").notNull(),
  priceMinor: integer("price_minor").notNull().default(0),
});

/** Live occupancy of resources by bookings, buffers included (what conflicts are checked against). */
export const occupancy = sqliteTable("occupancy", {
  id: integer("id").primaryKey(),
  bookingId: integer("booking_id").notNull(),
  resourceId: integer("resource_id").notNull(),
  serviceId: integer("service_id").notNull(),
  sessionTs: integer("session_ts").notNull(),
  startTs: integer("start_ts").notNull(),
  endTs: integer("end_ts").notNull(),
});

export const holds = sqliteTable("holds", {
  id: integer("id").primaryKey(),
  tokenHash: text("token_hash").notNull(),
  addressHash: text("address_hash"),
  expiresAt: integer("expires_at").notNull(),
  createdAt: integer("created_at").notNull(),
});

export const holdOccupancy = sqliteTable("hold_occupancy", {
  holdId: integer("hold_id").notNull(),
  resourceId: integer("resource_id").notNull(),
  serviceId: integer("service_id").notNull(),
  sessionTs: integer("session_ts").notNull(),
  startTs: integer("start_ts").notNull(),
  endTs: integer("end_ts").notNull(),
});
