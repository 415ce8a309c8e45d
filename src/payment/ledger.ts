/**
 * The money of a visit: money received (cash, card, online) in the append-only payments ledger
 * (src/payment/schema.ts, added to by recordPayment), and what the client's balance paid — the
 * visit's certificate and wallet price lines, kept in their own ledgers (issue 14, src/balance).
 *
 *   price    the services' list price          total = price − discount (package, personal, promo)
 *   paid     succeeded payments − refunds that are not canceled (+ what an import says was paid)
 *            + certificate and wallet lines, less what the wallet took back (none once cancelled)
 *   due      total − paid, never below zero
 */
import { t } from "../http/schema-builder.ts";
import { literals } from "../http/openapi.ts";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { bookings } from "../booking/schema.ts";
import type { Reader, Tx } from "../db/database.ts";
import { preparedForOne } from "../db/prepared.ts";
import { notFound, validationError } from "../error/app-error.ts";
import { linesTotals, priceLinesOf } from "../balance/lines.ts";
import type { QuoteLine } from "../pricing/pricing.ts";
import { walletTransactions } from "../wallet/schema.ts";
import { emitSettled } from "./events.ts";
import { PAYMENT_METHODS, PAYMENT_STATUSES, payments, type PaymentMethod, type PaymentRow } from "./schema.ts";

const PAYMENT_STATUSES_OF_BOOKING = ["unpaid", "awaiting_payment", "partially_paid", "paid", "refunded"] as const;
export type PaymentStatusOfBooking = (typeof PAYMENT_STATUSES_OF_BOOKING)[number];

export interface BookingMoney {
  priceMinor: number;
  discountMinor: number;
  totalMinor: number;
  paidMinor: number;
  dueMinor: number;
  paymentStatus: PaymentStatusOfBooking;
}

type MoneyBooking = Pick<typeof bookings.$inferSelect, "id" | "status" | "priceMinor" | "paidMinor" | "awaitingPaymentUntil">;

/** The money of several bookings in one query (lists, reports); `lines`: their price lines when already read. */
export async function moneyOf(reader: Reader, rows: readonly MoneyBooking[], lines?: ReadonlyMap<number, QuoteLine[]>): Promise<Map<number, BookingMoney>> {
  const ids = rows.map((r) => r.id);
  const [sums, priced, returned] = await Promise.all([rows.length === 0 ? [] : ledgerSums(reader, ids), lines ?? priceLinesOf(reader, ids), rows.length === 0 ? [] : walletReturns(reader, ids)]);
  const byId = new Map(sums.map((s) => [s.bookingId, s]));
  const back = new Map(returned.map((w) => [w.bookingId, Number(w.back)]));
  return new Map(rows.map((r) => [r.id, moneyFrom(r, byId.get(r.id), priced.get(r.id) ?? [], back.get(r.id) ?? 0)]));
}

export async function bookingMoney(reader: Reader, booking: MoneyBooking): Promise<BookingMoney> {
  return (await moneyOf(reader, [booking])).get(booking.id)!;
}

const ledgerSums = preparedForOne((reader, ids) =>
  reader
    .select({
      bookingId: payments.bookingId,
      paid: sql<number>`coalesce(sum(case when ${payments.kind} = 'payment' and ${payments.status} = 'succeeded' then ${payments.amountMinor} end), 0)`,
      // a refund on its way back is no longer the salon's money: counted from the moment it is asked
      refunded: sql<number>`coalesce(sum(case when ${payments.kind} = 'refund' and ${payments.status} <> 'canceled' then ${payments.amountMinor} end), 0)`,
    })
    .from(payments)
    .where(inArray(payments.bookingId, [...ids]))
    .groupBy(payments.bookingId),
);

/** issue 14: what the wallet took back of a visit's wallet payment (staff's refund, or the cancel's). */
// 'refund' is written into the statement, not bound: to match a bound type against the partial
// indexes on wallet_transactions SQLite reads its value, and then prepares the statement again at
// every run (issue 20: 4.2 against 0.2 µs).
const walletReturns = preparedForOne((reader, ids) =>
  reader
    .select({ bookingId: walletTransactions.bookingId, back: sql<number>`coalesce(sum(${walletTransactions.amountMinor}), 0)` })
    .from(walletTransactions)
    .where(and(inArray(walletTransactions.bookingId, [...ids]), sql`${walletTransactions.type} = 'refund'`))
    .groupBy(walletTransactions.bookingId),
);

function moneyFrom(b: MoneyBooking, sums: { paid: number; refunded: number } | undefined, lines: readonly QuoteLine[], walletBack: number): BookingMoney {
  // issue 14: package, personal discount and promo lower the total; a certificate and the wallet
  // paid part of it — until a cancellation (or, for the wallet, staff's refund) gave that back
  const priced = linesTotals(b.priceMinor, lines);
  const discountMinor = priced.discountMinor;
  const totalMinor = priced.totalMinor;
  const received = b.paidMinor + Number(sums?.paid ?? 0) + (b.status === "cancelled" ? 0 : priced.prepaidMinor - walletBack);
  const refunded = Number(sums?.refunded ?? 0);
  const paidMinor = received - refunded;
  const dueMinor = Math.max(0, totalMinor - paidMinor);
  const paymentStatus: PaymentStatusOfBooking =
    b.awaitingPaymentUntil !== null ? "awaiting_payment" : refunded > 0 && paidMinor <= 0 ? "refunded" : paidMinor <= 0 ? "unpaid" : dueMinor > 0 ? "partially_paid" : "paid";
  return { priceMinor: b.priceMinor, discountMinor, totalMinor, paidMinor, dueMinor, paymentStatus };
}

/** The documented shape of moneyJson (without price, which a booking documents itself). */
export const moneyFields = {
  discount: t.Integer({ description: "Minor units taken off the price (package, personal discount, promo)" }),
  total: t.Integer({ description: "What the visit costs: price − discount" }),
  paid: t.Integer({ description: "Received and not refunded, minor units" }),
  due: t.Integer({ description: "Still to pay: total − paid, never below 0" }),
  payment_status: literals(PAYMENT_STATUSES_OF_BOOKING),
};

export const moneyJson = (m: BookingMoney) => ({
  price: m.priceMinor,
  discount: m.discountMinor,
  total: m.totalMinor,
  paid: m.paidMinor,
  due: m.dueMinor,
  payment_status: m.paymentStatus,
});

export interface RecordPaymentInput {
  bookingId: number;
  method: PaymentMethod;
  amountMinor: number;
  createdBy: number | null;
  now: number;
}

/**
 * Records money received for a visit, settled at once (cash, card, and the client's wallet, package
 * or certificate). Refused, with nothing written: an amount that is not a positive whole number of
 * kopecks, more than is due, or a cancelled visit.
 */
export async function recordPayment(tx: Tx, input: RecordPaymentInput): Promise<PaymentRow> {
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0) throw validationError([{ field: "amount", key: "payment.amount_invalid" }]);
  const [booking] = await tx.select().from(bookings).where(eq(bookings.id, input.bookingId));
  if (!booking) throw notFound("booking.not_found", { id: input.bookingId });
  if (booking.status === "cancelled") throw validationError([{ key: "payment.booking_cancelled" }]);
  const money = await bookingMoney(tx, booking);
  if (input.amountMinor > money.dueMinor) throw validationError([{ field: "amount", key: "payment.above_due", params: { due: money.dueMinor / 100 } }]);
  const [row] = await tx
    .insert(payments)
    .values({
      bookingId: booking.id,
      kind: "payment",
      method: input.method,
      amountMinor: input.amountMinor,
      currency: booking.currency,
      status: "succeeded",
      createdBy: input.createdBy,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .returning();
  await emitSettled(tx, row!, input.now);
  return row!;
}

/** A booking's ledger, oldest first (the panel and GET /bookings/:id/payments). */
export async function bookingPayments(reader: Reader, bookingId: number): Promise<PaymentRow[]> {
  return reader.select().from(payments).where(eq(payments.bookingId, bookingId)).orderBy(payments.id);
}

/** What is left to refund of one payment: its amount minus its refunds that are not canceled. */
export async function refundableOf(reader: Reader, payment: PaymentRow): Promise<number> {
  const [row] = await reader
    .select({ n: sql<number>`coalesce(sum(${payments.amountMinor}), 0)` })
    .from(payments)
    .where(and(eq(payments.refundOf, payment.id), ne(payments.status, "canceled")));
  return payment.kind === "payment" && payment.status === "succeeded" ? payment.amountMinor - Number(row?.n ?? 0) : 0;
}

/** The documented shape of paymentJson. */
export const paymentSchema = t.Object({
  id: t.Integer(),
  booking_id: t.Integer(),
  kind: t.Union([t.Literal("payment"), t.Literal("refund")]),
  method: t.Union(PAYMENT_METHODS.map((m) => t.Literal(m))),
  amount: t.Integer({ description: "Minor units" }),
  currency: t.String(),
  status: t.Union(PAYMENT_STATUSES.map((s) => t.Literal(s))),
  refund_of: t.Union([t.Integer(), t.Null()], { description: "The payment a refund returns" }),
  prepayment: t.Boolean(),
  confirmation_url: t.Union([t.String(), t.Null()], { description: "Where the client pays, while pending" }),
  created_at: t.String({ format: "date-time" }),
});

export const paymentJson = (p: PaymentRow) => ({
  id: p.id,
  booking_id: p.bookingId,
  kind: p.kind,
  method: p.method,
  amount: p.amountMinor,
  currency: p.currency,
  status: p.status,
  refund_of: p.refundOf,
  prepayment: p.isPrepayment,
  confirmation_url: p.status === "pending" ? p.confirmationUrl : null,
  created_at: new Date(p.createdAt).toISOString(),
});
