/**
 * What staff do with a visit's money (booking panel, JSON API): take a payment on site, refund one.
 * Each is one write transaction with its audit row; an online refund reaches YooKassa only after
 * that transaction commits, with the key stored in it.
 */
import { eq } from "drizzle-orm";
import type { Actor } from "../account/permissions.ts";
import { recordAudit } from "../audit/audit.ts";
import { notFound, validationError } from "../error/app-error.ts";
import { recordPayment, refundableOf } from "./ledger.ts";
import { queueRefund, sendRefund, type PaymentDeps } from "./online.ts";
import { payments, type PaymentMethod, type PaymentRow } from "./schema.ts";

/** Methods staff record by hand; wallet, package and certificate are spent through their own ledgers (issue 14). */
export const STAFF_METHODS = ["cash", "card", "online"] as const satisfies readonly PaymentMethod[];
export type StaffMethod = (typeof STAFF_METHODS)[number];

export async function takePayment(deps: PaymentDeps, actor: Actor, input: { bookingId: number; method: string; amountMinor: number }): Promise<PaymentRow> {
  if (!STAFF_METHODS.includes(input.method as StaffMethod)) throw validationError([{ field: "method", key: "payment.method_invalid" }]);
  const now = deps.clock.now();
  return deps.db.write(async (tx) => {
    const row = await recordPayment(tx, { bookingId: input.bookingId, method: input.method as StaffMethod, amountMinor: input.amountMinor, createdBy: actor.userId, now });
    await recordAudit(tx, { at: now, actor: actor.label, userId: actor.userId, action: "payment.take", entity: "booking", entityId: input.bookingId, details: { payment: row.id, method: row.method, amount: row.amountMinor } });
    return row;
  });
}

/** Refunds a received payment in full (no amount) or in part; never more than is left of it. */
export async function refundPayment(deps: PaymentDeps, actor: Actor, input: { paymentId: number; bookingId?: number; amountMinor?: number | undefined }): Promise<PaymentRow> {
  const now = deps.clock.now();
  const refundId = await deps.db.write(async (tx) => {
    const [payment] = await tx.select().from(payments).where(eq(payments.id, input.paymentId));
    if (!payment || (input.bookingId !== undefined && payment.bookingId !== input.bookingId)) throw notFound("payment.not_found");
    if (payment.kind !== "payment" || payment.status !== "succeeded") throw validationError([{ key: "payment.not_refundable" }]);
    const left = await refundableOf(tx, payment);
    const amount = input.amountMinor ?? left;
    if (!Number.isSafeInteger(amount) || amount <= 0) throw validationError([{ field: "amount", key: left > 0 ? "payment.amount_invalid" : "payment.not_refundable" }]);
    if (amount > left) throw validationError([{ field: "amount", key: "payment.refund_above_paid", params: { left: left / 100 } }]);
    const id = await queueRefund(tx, payment, amount, actor.userId, now);
    await recordAudit(tx, { at: now, actor: actor.label, userId: actor.userId, action: "payment.refund", entity: "booking", entityId: payment.bookingId, details: { payment: payment.id, refund: id, amount } });
    return id;
  });
  await sendRefund(deps, refundId);
  const [row] = await deps.db.orm.select().from(payments).where(eq(payments.id, refundId));
  return row!;
}
