import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { SaleMethod } from "../balance/methods.ts";

/** Gift certificates (migrations/tenant/0065): the code itself is never stored, only its hash. */
export const certificates = sqliteTable("certificates", {
  id: integer("id").primaryKey(),
  codeHash: text("code_hash").notNull(),
  codeTail: text("code_tail").notNull(),
  amountMinor: integer("amount_minor").notNull(),
  expiresAt: integer("expires_at").notNull(),
  buyerId: integer("buyer_id"),
  method: text("method").$type<SaleMethod>().notNull(),
  note: text("note"),
  soldBy: text("sold_by").notNull(),
  createdAt: integer("created_at").notNull(),
});

/** Draws by visits (−) and their returns on cancel (+); balance = amount + sum. */
export const certificateTransactions = sqliteTable("certificate_transactions", {
  id: integer("id").primaryKey(),
  certificateId: integer("certificate_id").notNull(),
  type: text("type", { enum: ["redeem", "refund"] }).notNull(),
  amountMinor: integer("amount_minor").notNull(),
  bookingId: integer("booking_id").notNull(),
  createdAt: integer("created_at").notNull(),
});
