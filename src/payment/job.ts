/**
 * The payments job (every minute): finishes what a crash or an unreachable YooKassa left open, and
 * releases slots whose prepayment did not come.
 *  1. Rows still "created" (the provider was never reached, or its answer was lost): asked again
 *     with their stored Idempotence-Key, so YooKassa answers with the same payment or refund.
 *  2. Visits whose payment window has passed: the payment is re-read first (a notification may have
 *     been lost); paid → kept, anything else → cancelled with reason payment_timeout, slot freed. A
 *     payment that succeeds after that is refunded when it is seen (online.ts).
 * A salon is opened only when one of those is due (or it was written to): with a thousand salons,
 * opening every one each minute cost the idle server most of a core (issue 20).
 */
import { and, eq, isNotNull, lt, lte, min } from "drizzle-orm";
import { bookings } from "../booking/schema.ts";
import { cancelIn } from "../booking/change.ts";
import type { Reader } from "../db/database.ts";
import { DueSchedule } from "../job/due-schedule.ts";
import type { Job } from "../job/job.ts";
import { logLine } from "../http/log.ts";
import { payments } from "./schema.ts";
import { paymentPagePath, sendRefund, startPrepayment, syncPayment, type PaymentDeps, type PrepaymentDeps } from "./online.ts";
import { ProviderError } from "./yookassa.ts";

// a row younger than this may still be in the hands of the request that created it
const CREATED_GRACE_MS = 60_000;

export function paymentsJob(): Job {
  return {
    name: "payments",
    description: "retry unanswered YooKassa calls with their stored keys; release visits whose prepayment window passed",
    schedule: "30 * * * * *",
    start(ctx) {
      // no budget: a payment window ends minutes after it opens, so after a restart every salon is
      // looked at on the first tick
      const schedule = new DueSchedule(ctx, nextPaymentCheckAt, Infinity);
      return {
        run: (options = {}) =>
          schedule.tick("payments", options, async (tenant) => {
            const deps: PrepaymentDeps = {
              db: tenant.db,
              clock: ctx.clock,
              yookassaUrl: ctx.config.yookassaUrl,
              paymentReturnUrl: (id, token) => `${ctx.config.publicUrl}${paymentPagePath(tenant.row.slug, id, token)}`,
            };
            const retried = await retryCreated(deps);
            const released = await releaseUnpaid(deps);
            return `${retried} retried, ${released} released`;
          }),
        close() {},
      };
    },
  };
}

/** When this salon next has a call to retry or a payment window to close (null: neither). */
export async function nextPaymentCheckAt(reader: Reader): Promise<number | null> {
  const [created] = await reader
    .select({ at: min(payments.createdAt) })
    .from(payments)
    .where(and(eq(payments.status, "created"), eq(payments.method, "online")));
  const [awaiting] = await reader
    .select({ at: min(bookings.awaitingPaymentUntil) })
    .from(bookings)
    .where(and(isNotNull(bookings.awaitingPaymentUntil), eq(bookings.status, "pending")));
  const times = [created?.at == null ? null : created.at + CREATED_GRACE_MS, awaiting?.at ?? null].filter((t) => t !== null);
  return times.length > 0 ? Math.min(...times) : null;
}

async function retryCreated(deps: PrepaymentDeps): Promise<number> {
  const stale = await deps.db.orm
    .select()
    .from(payments)
    .where(and(eq(payments.status, "created"), eq(payments.method, "online"), lte(payments.createdAt, deps.clock.now() - CREATED_GRACE_MS)));
  let n = 0;
  for (const row of stale) {
    try {
      if (row.kind === "refund") await sendRefund(deps, row.id);
      else await startPrepayment(deps, row.id);
      n++;
    } catch (e) {
      logLine({ level: "warn", msg: "payment retry failed", payment: row.id, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return n;
}

export async function releaseUnpaid(deps: PaymentDeps): Promise<number> {
  const now = deps.clock.now();
  const overdue = await deps.db.orm
    .select({ id: bookings.id })
    .from(bookings)
    .where(and(isNotNull(bookings.awaitingPaymentUntil), lt(bookings.awaitingPaymentUntil, now), eq(bookings.status, "pending")));
  let released = 0;
  for (const { id } of overdue) {
    const [row] = await deps.db.orm.select().from(payments).where(and(eq(payments.bookingId, id), eq(payments.isPrepayment, true)));
    try {
      if (row) await syncPayment(deps, row);
    } catch (e) {
      // YooKassa unreachable: the slot is released anyway; a payment seen later is refunded
      if (!(e instanceof ProviderError)) throw e;
    }
    const done = await deps.db.write(async (tx) => {
      const [booking] = await tx.select().from(bookings).where(eq(bookings.id, id));
      if (!booking || booking.awaitingPaymentUntil === null || booking.status !== "pending") return false;
      await cancelIn(tx, booking, "payment_timeout", now);
      return true;
    });
    if (done) released++;
  }
  return released;
}
