/**
 * Changes to an existing booking — cancel, reschedule, status — each in ONE write transaction with
 * its occupancy and outbox rows, through the same re-check as creating one. Clients (manage link)
 * may cancel or move a visit only until the salon's cancellation window; staff may at any time,
 * and every staff change is written to the audit log.
 */
import { asc, eq } from "drizzle-orm";
import { recordAudit } from "../audit/audit.ts";
import { business, locations } from "../business/schema.ts";
import type { Tx } from "../db/database.ts";
import { AppError, notFound, validationError } from "../error/app-error.ts";
import { enqueueBookingEvent, enqueueVisitNotifications, voidBookingNotifications } from "../notification/outbox.ts";
import type { Override } from "../availability/availability.ts";
import type { BookingDeps } from "./booking.ts";
import { occupiedBy } from "./occupancy.ts";
import { slotAt, visitTerms } from "./recheck.ts";
import { bookingServices, bookings, nextSequence, occupancy, type BookingStatus } from "./schema.ts";

/** Who asks for the change: the client through their manage link, or staff (admin pages, API token). */
export type Changer = { kind: "client" } | { kind: "staff"; label: string; userId: number | null };

type Row = typeof bookings.$inferSelect;
const LIVE: ReadonlySet<BookingStatus> = new Set(["pending", "confirmed"]);

export async function cancelBooking(deps: BookingDeps, input: { bookingId: number; by: Changer; reason?: string | null }): Promise<Row> {
  const now = deps.clock.now();
  return deps.db.write(async (tx) => {
    const booking = await changeable(tx, input.bookingId, input.by, now);
    await tx.delete(occupancy).where(eq(occupancy.bookingId, booking.id));
    const [row] = await tx
      .update(bookings)
      .set({ status: "cancelled", cancelReason: input.reason ?? null, updatedAt: now, sequence: nextSequence })
      .where(eq(bookings.id, booking.id))
      .returning();
    await voidBookingNotifications(tx, { bookingId: booking.id });
    await enqueueBookingEvent(tx, { bookingId: booking.id, clientId: booking.clientId, event: "cancelled", now });
    await audit(tx, input.by, now, "booking.cancel", booking.id, { reason: input.reason ?? null });
    return row!;
  });
}

export interface RescheduleInput {
  bookingId: number;
  start: number;
  /** The master for the new time; the visit's own master (or "any" for a shared visit) when absent. */
  staffId?: number | "any" | undefined;
  by: Changer;
  /** Staff only: outside hours / over another booking, recorded with the change in the audit log. */
  override?: Override | undefined;
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
    const terms = await visitTerms(tx, visit.serviceIds, staffId, { onlineOnly: false });
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
    await enqueueVisitNotifications(tx, { bookingId: booking.id, clientId: booking.clientId, event: "rescheduled", startTs: slot.start, now });
    await audit(tx, input.by, now, "booking.reschedule", booking.id, { from: booking.startTs, to: slot.start, ...(override ? { override } : {}) });
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
    const [row] = await tx.update(bookings).set({ status: input.status, updatedAt: now }).where(eq(bookings.id, booking.id)).returning();
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
