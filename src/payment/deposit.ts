/**
 * Whether a new visit owes a prepayment, decided INSIDE the booking's write transaction, and the
 * ledger row that remembers it (with the Idempotence-Key every later call to YooKassa for it will
 * carry — stored before any call, so a crash and a retry can never create a second payment).
 * The provider itself is called only after that transaction commits (online.ts).
 */
import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { bookings } from "../booking/schema.ts";
import { services } from "../catalogue/schema.ts";
import type { Tx } from "../db/database.ts";
import { prepaymentDue, type PrepaymentRule } from "../pricing/prepayment.ts";
import type { VisitQuote } from "../pricing/pricing.ts";
import { payments, type PaymentSettings } from "./schema.ts";
import { credentialsOf, readPaymentSettings } from "./settings.ts";

export interface Deposit {
  amountMinor: number;
  /** The slot is held for the client until then. */
  until: number;
}

export interface DepositQuestion {
  clientId: number;
  serviceIds: readonly number[];
  quote: Pick<VisitQuote, "dueMinor">;
  /** Staff bookings (admin, API token) never ask a deposit: nobody is there to be sent to pay. */
  byStaff: boolean;
  now: number;
}

/** The deposit a visit owes, or null (no policy, no shop set up, nothing due, or a client the policy spares). */
export async function depositFor(tx: Tx, q: DepositQuestion): Promise<Deposit | null> {
  if (q.byStaff || q.quote.dueMinor <= 0) return null;
  const settings = await readPaymentSettings(tx);
  if (!credentialsOf(settings) || !(await policyApplies(tx, settings, q.clientId))) return null;
  const own = await tx
    .select({ mode: services.prepaymentMode, value: services.prepaymentValue })
    .from(services)
    .where(inArray(services.id, [...q.serviceIds]));
  const salon = ruleOf(settings.prepaymentMode, settings.prepaymentValue);
  const rules = own.map((s) => (s.mode === null ? salon : ruleOf(s.mode, s.value)));
  const amountMinor = prepaymentDue(q.quote, rules.length > 0 ? rules : [salon]);
  return amountMinor > 0 ? { amountMinor, until: q.now + settings.paymentWindowMinutes * 60_000 } : null;
}

export function ruleOf(mode: PaymentSettings["prepaymentMode"], value: number): PrepaymentRule {
  if (mode === "percent") return { mode, value };
  if (mode === "fixed") return { mode, valueMinor: value };
  return { mode };
}

/** new_clients: no earlier visit took place; no_show_clients: at least one earlier no-show. */
async function policyApplies(tx: Tx, settings: PaymentSettings, clientId: number): Promise<boolean> {
  if (settings.prepaymentAppliesTo === "all") return true;
  const status = settings.prepaymentAppliesTo === "new_clients" ? "completed" : "no_show";
  const [earlier] = await tx
    .select({ id: bookings.id })
    .from(bookings)
    .where(and(eq(bookings.clientId, clientId), eq(bookings.status, status)))
    .limit(1);
  return settings.prepaymentAppliesTo === "new_clients" ? !earlier : Boolean(earlier);
}

/** Writes the deposit's ledger row (state "created", its key already chosen); answers its id. */
export async function openPrepayment(tx: Tx, input: { bookingId: number; deposit: Deposit; currency: string; now: number }): Promise<number> {
  const [row] = await tx
    .insert(payments)
    .values({
      bookingId: input.bookingId,
      kind: "payment",
      method: "online",
      amountMinor: input.deposit.amountMinor,
      currency: input.currency,
      status: "created",
      idempotenceKey: randomUUID(),
      isPrepayment: true,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .returning({ id: payments.id });
  return row!.id;
}
