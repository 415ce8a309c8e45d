import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** How money moved: on site (cash, card), online (YooKassa), or from what the client holds (issue 14). */
export const PAYMENT_METHODS = ["cash", "card", "online", "wallet", "package", "certificate"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
/** The provider's state machine (YooKassa: pending → succeeded | canceled); ours starts at created, before the call. */
export const PAYMENT_STATUSES = ["created", "pending", "succeeded", "canceled"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export type PaymentKind = "payment" | "refund";

/** The append-only ledger (migrations/tenant/0060_payment.sql): amounts never change. */
export const payments = sqliteTable("payments", {
  id: integer("id").primaryKey(),
  bookingId: integer("booking_id").notNull(),
  kind: text("kind", { enum: ["payment", "refund"] }).notNull(),
  method: text("method", { enum: PAYMENT_METHODS }).notNull(),
  amountMinor: integer("amount_minor").notNull(),
  currency: text("currency").notNull(),
  status: text("status", { enum: PAYMENT_STATUSES }).notNull(),
  refundOf: integer("refund_of"),
  idempotenceKey: text("idempotence_key"),
  providerId: text("provider_id"),
  confirmationUrl: text("confirmation_url"),
  isPrepayment: integer("is_prepayment", { mode: "boolean" }).notNull().default(false),
  createdBy: integer("created_by"),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});
export type PaymentRow = typeof payments.$inferSelect;

export const PREPAYMENT_MODES = ["none", "percent", "fixed", "full"] as const;
export type PrepaymentMode = (typeof PREPAYMENT_MODES)[number];
export const PREPAYMENT_APPLIES_TO = ["all", "new_clients", "no_show_clients"] as const;
export type PrepaymentAppliesTo = (typeof PREPAYMENT_APPLIES_TO)[number];

export const paymentSettings = sqliteTable("payment_settings", {
  id: integer("id").primaryKey(),
  shopId: text("shop_id"),
  /** Write-only: read only by the provider client, never shown, exported or audited. */
  secret: text("yookassa_secret"),
  receipts: integer("receipts", { mode: "boolean" }).notNull(),
  vatCode: integer("vat_code").notNull(),
  taxSystemCode: integer("tax_system_code"),
  prepaymentMode: text("prepayment_mode", { enum: PREPAYMENT_MODES }).notNull(),
  prepaymentValue: integer("prepayment_value").notNull(),
  prepaymentAppliesTo: text("prepayment_applies_to", { enum: PREPAYMENT_APPLIES_TO }).notNull(),
  paymentWindowMinutes: integer("payment_window_minutes").notNull(),
  lateCancelKeepsDeposit: integer("late_cancel_keeps_deposit", { mode: "boolean" }).notNull(),
});
export type PaymentSettings = typeof paymentSettings.$inferSelect;
