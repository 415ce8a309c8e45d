/** The rows the money reports are built from: settled ledger movements of a period, and unpaid completed visits. */
import { and, asc, eq, gte, inArray, lt } from "drizzle-orm";
import { bookingServices, bookings } from "../booking/schema.ts";
import { resources, services } from "../catalogue/schema.ts";
import { clients } from "../client/schema.ts";
import type { Reader } from "../db/database.ts";
import { moneyOf } from "./ledger.ts";
import type { Movement, VisitPart } from "./revenue.ts";
import { payments } from "./schema.ts";

export interface Range {
  from: number;
  to: number;
}

/** Settled payments and refunds whose money moved in [from, to) (updated_at: when the row became succeeded). */
export async function movementsIn(reader: Reader, range: Range): Promise<{ movements: Movement[]; parts: VisitPart[] }> {
  const movements = await reader
    .select({ bookingId: payments.bookingId, kind: payments.kind, method: payments.method, amountMinor: payments.amountMinor, at: payments.updatedAt })
    .from(payments)
    .where(and(eq(payments.status, "succeeded"), gte(payments.updatedAt, range.from), lt(payments.updatedAt, range.to)))
    .orderBy(asc(payments.updatedAt));
  const ids = [...new Set(movements.map((m) => m.bookingId))];
  const parts =
    ids.length === 0
      ? []
      : await reader
          .select({ bookingId: bookingServices.bookingId, staffName: resources.name, title: services.title, priceMinor: bookingServices.priceMinor })
          .from(bookingServices)
          .innerJoin(services, eq(services.id, bookingServices.serviceId))
          .leftJoin(resources, eq(resources.id, bookingServices.staffId))
          .where(inArray(bookingServices.bookingId, ids))
          .orderBy(asc(bookingServices.startTs));
  return { movements, parts };
}

export interface UnpaidVisit {
  id: number;
  startTs: number;
  client: string | null;
  totalMinor: number;
  paidMinor: number;
  dueMinor: number;
}

/** Completed visits starting in [from, to) that still owe money. */
export async function unpaidCompleted(reader: Reader, range: Range): Promise<UnpaidVisit[]> {
  const rows = await reader
    .select({ id: bookings.id, status: bookings.status, startTs: bookings.startTs, priceMinor: bookings.priceMinor, paidMinor: bookings.paidMinor, awaitingPaymentUntil: bookings.awaitingPaymentUntil, client: clients.name })
    .from(bookings)
    .leftJoin(clients, eq(clients.id, bookings.clientId))
    .where(and(eq(bookings.status, "completed"), gte(bookings.startTs, range.from), lt(bookings.startTs, range.to)))
    .orderBy(asc(bookings.startTs));
  const money = await moneyOf(reader, rows);
  return rows
    .map((r) => ({ id: r.id, startTs: r.startTs, client: r.client, ...money.get(r.id)! }))
    .filter((r) => r.dueMinor > 0)
    .map(({ id, startTs, client, totalMinor, paidMinor, dueMinor }) => ({ id, startTs, client, totalMinor, paidMinor, dueMinor }));
}
