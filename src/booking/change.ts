/**
 * Changes to an existing booking — cancel, reschedule, status — each in ONE write transaction with
 * its occupancy and outbox rows, through the same re-check as creating one. Clients (manage link)
 * may cancel or move a visit only until the salon's cancellation window; staff may at any time,
 * and every staff change is written to the audit log.
 */
import { asc, eq } from "drizzle-orm";
import { recordAudit } from "../audit/audit.ts";
import { returnVisitCharges } from "../balance/visit.ts";
import { business, locations } from "../business/schema.ts";
import type { Tx } from "../db/database.ts";
import { AppError, notFound, validationError } from "../error/app-error.ts";
import { enqueueBookingEvent, enqueueVisitNotifications, voidBookingNotifications } from "../notification/outbox.ts";
import type { Override } from "../availability/availability.ts";
import type { BookingDeps } from "./booking.ts";
import { emitBookingEvent } from "./events.ts";
import { occupiedBy } from "./occupancy.ts";
import { slotAt, visitTerms, withDurations, type Terms } from "./recheck.ts";
import { bookingServices, bookings, nextSequence, occupancy, type BookingStatus } from "./schema.ts";
import { queueCancellationRefunds, sendRefund } from "../payment/online.ts";

/** Who asks for the change: the client through their manage link, or staff (admin pages, API token). */
export type Changer = { kind: "client" } | { kind: "staff"; label: string; userId: number | null };

type Row = typeof bookings.$inferSelect;
const LIVE: ReadonlySet<BookingStatus> = new Set(["pending", "confirmed"]);

export async function cancelBooking(deps: BookingDeps, input: { bookingId: number; by: Changer; reason?: string | null }): Promise<Row> {
  const now = deps.clock.now();
  const { row, refunds } = await deps.db.write(async (tx) => {
    const booking = await changeable(tx, input.bookingId, input.by, now);
    const row = await cancelIn(tx, booking, input.reason ?? null, now, input.by.kind === "staff" ? input.by.label : "client");
    await audit(tx, input.by, now, "booking.cancel", booking.id, { reason: input.reason ?? null });
    await emitBookingEvent(tx, "booking.cancelled", booking.id, now);
    // issue 13: online money of the visit goes back; the provider is called only after the commit
    return { row, refunds: await queueCancellationRefunds(tx, booking, now) };
  });
  for (const refund of refunds) await sendRefund(deps, refund);
  return row;
}

/** Cancels a live booking inside the caller's transaction: frees its slot, voids its reminders, tells the client. */
export async function cancelIn(tx: Tx, booking: Row, reason: string | null, now: number, actor = "system"): Promise<Row> {
  await tx.delete(occupancy).where(eq(occupancy.bookingId, booking.id));
  const [row] = await tx
    .update(bookings)
    .set({ status: "cancelled", cancelReason: reason, updatedAt: now, sequence: nextSequence, awaitingPaymentUntil: null })
    .where(eq(bookings.id, booking.id))
    .returning();
  await voidBookingNotifications(tx, { bookingId: booking.id });
  // issue 14: the package visit, certificate and wallet money the visit used go back (once: only a live visit gets here)
  await returnVisitCharges(tx, { bookingId: booking.id, now, actor });
  await enqueueBookingEvent(tx, { bookingId: booking.id, clientId: booking.clientId, event: "cancelled", now });
  return row!;
}

export interface RescheduleInput {
  bookingId: number;
  start: number;
  /** The master for the new time; the visit's own master (or "any" for a shared visit) when absent. */
  staffId?: number | "any" | undefined;
  by: Changer;
  /** Staff only: outside hours / over another booking, recorded with the change in the audit log. */
  override?: Override | undefined;
  /** Staff only: the visit's new end (its last service absorbs the change); absent: it keeps its length. */
  end?: number | undefined;
}

const MINUTE_MS = 60_000;
/** The shortest a resized service may last: the admin's time grid. */
const MIN_RESIZED_MINUTES = 5;

/**
 * Each service's minutes as booked (staff may have lengthened one), the last one set so the visit
 * ends at `end` when asked to. A group session's length is the group's, not one client's.
 */
function bookedMinutes(parts: ReadonlyArray<{ serviceId: number; startTs: number; endTs: number }>, start: number, end: number | undefined, terms: Terms): Map<number, number> {
  const minutes = new Map(parts.map((p) => [p.serviceId, (p.endTs - p.startTs) / MINUTE_MS]));
  if (end === undefined) return minutes;
  const last = parts[parts.length - 1]!;
  const before = parts.slice(0, -1).reduce((sum, p) => sum + (p.endTs - p.startTs) / MINUTE_MS, 0);
  const lastMinutes = (end - start) / MINUTE_MS - before;
  if (!Number.isInteger(lastMinutes) || lastMinutes < MIN_RESIZED_MINUTES) {
    throw validationError([{ field: "end", key: "booking.end_invalid", params: { min: MIN_RESIZED_MINUTES } }]);
  }
  if (terms.visit.services.some((s) => s.capacity > 1)) throw validationError([{ field: "end", key: "booking.group_not_resizable" }]);
  return minutes.set(last.serviceId, lastMinutes);
}

/** Moves a visit to a new start: its old occupancy is set aside for the re-check, and restored if the new time is taken. */
export async function rescheduleBooking(deps: BookingDeps, input: RescheduleInput): Promise<Row> {
  const now = deps.clock.now();
  return deps.db.write(async (tx) => {
    const booking = await changeable(tx, input.bookingId, input.by, now);
    const parts = await tx.select().from(bookingServices).where(eq(bookingServices.bookingId, booking.id)).orderBy(asc(bookingServices.startTs));
    const masters = [...new Set(parts.map((p) => p.staffId))];
    const staffId = input.staffId ?? (masters.length === 1 && masters[0] !== null ? masters[0]! : "any");
    const override = input.by.kind === "staff" ? input.override : undefined;
    const visit = { serviceIds: parts.map((p) => p.serviceId), staffId, start: input.start, ...(override ? { override } : {}) };
    const [place] = await tx.select({ timezone: locations.timezone }).from(locations).where(eq(locations.id, booking.locationId));
    // the salon already accepted this visit: moving it is allowed even for a service not bookable online
    const catalogue = await visitTerms(tx, visit.serviceIds, staffId, { onlineOnly: false, locationId: booking.locationId });
    const terms = withDurations(catalogue, bookedMinutes(parts, input.start, input.by.kind === "staff" ? input.end : undefined, catalogue));
    // The visit's own occupancy must not block moving it by a few minutes; a throw below rolls this back.
    await tx.delete(occupancy).where(eq(occupancy.bookingId, booking.id));
    const slot = await slotAt(tx, deps.clock, visit, terms, place!.timezone, null);
    await tx.delete(bookingServices).where(eq(bookingServices.bookingId, booking.id));
    const priceOf = new Map(parts.map((p) => [p.serviceId, p.priceMinor]));
    await tx.insert(bookingServices).values(
      slot.assignment.map((a) => ({ bookingId: booking.id, serviceId: a.serviceId, staffId: a.staffId, startTs: a.start, endTs: a.end, priceMinor: priceOf.get(a.serviceId) ?? 0 })),
    );
    await tx.insert(occupancy).values(occupiedBy(slot.assignment, terms).map((o) => ({ bookingId: booking.id, ...o })));
    const [row] = await tx.update(bookings).set({ startTs: slot.start, endTs: slot.end, updatedAt: now, sequence: nextSequence }).where(eq(bookings.id, booking.id)).returning();
    await voidBookingNotifications(tx, { bookingId: booking.id, events: ["reminder"] });
    if (slot.start > now) await enqueueVisitNotifications(tx, { bookingId: booking.id, clientId: booking.clientId, event: "rescheduled", startTs: slot.start, now });
    const resized = input.end !== undefined && slot.end !== booking.endTs ? { end_from: booking.endTs, end_to: slot.end } : {};
    await audit(tx, input.by, now, "booking.reschedule", booking.id, { from: booking.startTs, to: slot.start, ...resized, ...(override ? { override } : {}) });
    await emitBookingEvent(tx, "booking.updated", booking.id, now);
    return row!;
  });
}

const NEXT: Record<BookingStatus, readonly BookingStatus[]> = {
  pending: ["confirmed", "completed", "no_show"],
  confirmed: ["completed", "no_show"],
  completed: ["no_show"],
  no_show: ["completed"],
  cancelled: [],
};

/** Staff mark a visit confirmed, completed or no-show (cancelling goes through cancelBooking). */
export async function setBookingStatus(
  deps: BookingDeps,
  input: { bookingId: number; status: Exclude<BookingStatus, "cancelled">; by: Extract<Changer, { kind: "staff" }> },
): Promise<Row> {
  const now = deps.clock.now();
  return deps.db.write(async (tx) => {
    const booking = await find(tx, input.bookingId);
    if (booking.status === input.status) return booking;
    if (!NEXT[booking.status].includes(input.status)) {
      throw validationError([{ field: "status", key: "booking.status_change_invalid", params: { from: booking.status, to: input.status } }]);
    }
    // a visit 15 days ahead is neither done nor missed (and must not count as revenue)
    if (input.status !== "confirmed" && now < booking.startTs) throw validationError([{ field: "status", key: "reason.not_started" }]);
    // staff deciding a visit's status also settle a prepayment it was waiting for (issue 13)
    const [row] = await tx.update(bookings).set({ status: input.status, updatedAt: now, awaitingPaymentUntil: null }).where(eq(bookings.id, booking.id)).returning();
    if (input.status === "confirmed") {
      await enqueueBookingEvent(tx, { bookingId: booking.id, clientId: booking.clientId, event: "confirmed", now });
    } else {
      // The visit is over (or missed): reminders still queued would be wrong.
      await voidBookingNotifications(tx, { bookingId: booking.id, events: ["reminder"] });
      if (input.status === "completed") {
        // ask how it went a little after the visit, not while the client is still in the chair
        const [salon] = await tx.select({ delay: business.reviewRequestDelayMinutes }).from(business).where(eq(business.id, 1));
        const dueAt = Math.max(now, booking.endTs) + salon!.delay * 60_000;
        await enqueueBookingEvent(tx, { bookingId: booking.id, clientId: booking.clientId, event: "review", now, dueAt });
      }
    }
    await audit(tx, input.by, now, "booking.status", booking.id, { from: booking.status, to: input.status });
    await emitBookingEvent(tx, "booking.updated", booking.id, now);
    return row!;
  });
}

/** When a client may still cancel or move a visit themselves: until start − the salon's window. */
export function clientMayChange(booking: Pick<Row, "status" | "startTs">, cancelWindowMinutes: number, now: number): boolean {
  return LIVE.has(booking.status) && now <= booking.startTs - cancelWindowMinutes * 60_000;
}

async function find(tx: Tx, bookingId: number): Promise<Row> {
  const [row] = await tx.select().from(bookings).where(eq(bookings.id, bookingId));
  if (!row) throw notFound("booking.not_found", { id: bookingId });
  return row;
}

async function changeable(tx: Tx, bookingId: number, by: Changer, now: number): Promise<Row> {
  const booking = await find(tx, bookingId);
  if (!LIVE.has(booking.status)) throw validationError([{ key: "booking.not_live", params: { status: booking.status } }]);
  if (by.kind === "client") {
    const [policy] = await tx.select({ window: business.cancelWindowMinutes, phone: business.phone }).from(business);
    if (!clientMayChange(booking, policy!.window, now)) {
      throw new AppError("FORBIDDEN", [{ key: "booking.too_late", params: { phone: policy!.phone ?? "" } }]);
    }
  }
  return booking;
}

async function audit(tx: Tx, by: Changer, at: number, action: string, bookingId: number, details: Record<string, unknown>): Promise<void> {
  if (by.kind !== "staff") return;
  await recordAudit(tx, { at, actor: by.label, userId: by.userId, action, entity: "booking", entityId: bookingId, details });
}
