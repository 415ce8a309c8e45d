/**
 * issue 18: money that moved is announced to the salon's webhooks (payment.succeeded,
 * payment.refunded) inside the transaction that records it, so an event exists exactly when the
 * ledger row settled — once, since a row settles once.
 */
import type { Tx } from "../db/database.ts";
import { emitWebhookEvent } from "../webhook/events.ts";
import { paymentJson } from "./ledger.ts";
import type { PaymentRow } from "./schema.ts";

export async function emitSettled(tx: Tx, row: PaymentRow, now: number): Promise<void> {
  if (row.status !== "succeeded") return;
  await emitWebhookEvent(tx, row.kind === "refund" ? "payment.refunded" : "payment.succeeded", () => paymentJson(row), now);
}
