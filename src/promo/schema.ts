import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Promo codes (migrations/tenant/0065): percent XOR amount off, optional dates, limit and services. */
export const promoCodes = sqliteTable("promo_codes", {
  id: integer("id").primaryKey(),
  code: text("code").notNull(),
  percent: integer("percent"),
  amountMinor: integer("amount_minor"),
  validFrom: integer("valid_from"),
  validTo: integer("valid_to"),
  maxUses: integer("max_uses"),
  serviceIds: text("service_ids", { mode: "json" }).$type<number[] | null>(),
  createdAt: integer("created_at").notNull(),
});

/** A visit that used a code; uses of cancelled visits do not count towards max_uses. */
export const promoUses = sqliteTable("promo_uses", {
  id: integer("id").primaryKey(),
  promoId: integer("promo_id").notNull(),
  bookingId: integer("booking_id").notNull(),
  createdAt: integer("created_at").notNull(),
});
