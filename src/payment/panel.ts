/** What the booking panel shows of a visit's money, and what the signed-in role may do with it. */
import { can } from "../account/permissions.ts";
import type { Role } from "../account/schema.ts";
import type { Reader } from "../db/database.ts";
import type { PaymentBlockProps } from "../../views/admin/calendar/payment-block.tsx";
import { bookingPayments, refundableOf } from "./ledger.ts";

export async function paymentBlockOf(reader: Reader, bookingId: number, role: Role): Promise<PaymentBlockProps> {
  const payments = await bookingPayments(reader, bookingId);
  const refundable = new Map<number, number>();
  for (const row of payments) if (row.kind === "payment" && row.status === "succeeded") refundable.set(row.id, await refundableOf(reader, row));
  return { payments, refundable, mayTake: can(role, "payments"), mayRefund: can(role, "refunds") };
}
