import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { SaleMethod } from "../balance/methods.ts";

/** The salon's package products (migrations/tenant/0065). */
export const packages = sqliteTable("packages", {
  id: integer("id").primaryKey(),
  title: text("title").notNull(),
  serviceIds: text("service_ids", { mode: "json" }).$type<number[]>().notNull(),
  visits: integer("visits").notNull(),
  priceMinor: integer("price_minor").notNull(),
  validDays: integer("valid_days").notNull(),
  createdAt: integer("created_at").notNull(),
});

/** A package sold to a client, with the product's terms copied at the sale. */
export const clientPackages = sqliteTable("client_packages", {
  id: integer("id").primaryKey(),
  clientId: integer("client_id").notNull(),
  packageId: integer("package_id").notNull(),
  title: text("title").notNull(),
  serviceIds: text("service_ids", { mode: "json" }).$type<number[]>().notNull(),
  visitsTotal: integer("visits_total").notNull(),
  priceMinor: integer("price_minor").notNull(),
  method: text("method").$type<SaleMethod>().notNull(),
  soldAt: integer("sold_at").notNull(),
  expiresAt: integer("expires_at").notNull(),
  soldBy: text("sold_by").notNull(),
});

/** +1 a visit used, −1 a visit given back: visits left are derived from these rows, never stored. */
export const packageUses = sqliteTable("package_uses", {
  id: integer("id").primaryKey(),
  clientPackageId: integer("client_package_id").notNull(),
  bookingId: integer("booking_id").notNull(),
  delta: integer("delta").notNull(),
  createdAt: integer("created_at").notNull(),
});
