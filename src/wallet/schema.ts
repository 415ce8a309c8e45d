import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { MoneyMethod } from "../balance/methods.ts";

export const WALLET_TYPES = ["deposit", "withdraw", "payment", "refund", "correction"] as const;
export type WalletType = (typeof WALLET_TYPES)[number];

/** The client's wallet ledger (migrations/tenant/0065): signed amounts whose sum is the balance. */
export const walletTransactions = sqliteTable("wallet_transactions", {
  id: integer("id").primaryKey(),
  clientId: integer("client_id").notNull(),
  type: text("type", { enum: WALLET_TYPES }).notNull(),
  amountMinor: integer("amount_minor").notNull(),
  bookingId: integer("booking_id"),
  paymentId: integer("payment_id"),
  method: text("method").$type<MoneyMethod>(),
  note: text("note"),
  actor: text("actor").notNull(),
  createdAt: integer("created_at").notNull(),
});
