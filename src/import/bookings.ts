/**
 * The import's own booking writer. Imported visits are facts from the salon's old system: they are
 * written as they are (overlaps, hours past closing) and never re-checked against availability —
 * which is why they do not go through src/booking's create path. What they share with it: every
 * booking that is not cancelled occupies its masters (same shape, buffers included, via
 * booking/occupancy.ts), so imported future visits block the calendar; and reminders go through the
 * notification outbox. Past visits never queue a notification.
 */
import { eq, inArray } from "drizzle-orm";
import { occupiedBy, type ServiceTerms } from "../booking/occupancy.ts";
import { bookingServices, bookings, nextSequence, occupancy, type BookingStatus } from "../booking/schema.ts";
import { services } from "../catalogue/schema.ts";
import type { Tx } from "../db/database.ts";
import { scheduleReminders, voidBookingNotifications } from "../notification/outbox.ts";
import { sync, type Batch, type ImportContext } from "./context.ts";

export interface PlannedLine {
  serviceId: number;
  staffId: number | null;
  startTs: number;
  endTs: number;
  priceMinor: number;
}

export interface PlannedBooking {
  externalId: string;
  /** Links the bookings of one visit (YClients visit_id). */
  groupKey: string | null;
  status: BookingStatus;
  startTs: number;
  endTs: number;
  clientId: number | null;
  priceMinor: number;
  paidMinor: number;
  notes: string | null;
  cancelReason: string | null;
  lines: PlannedLine[];
}

const LIVE: ReadonlySet<BookingStatus> = new Set(["pending", "confirmed"]);

export async function importBooking(ctx: ImportContext, tx: Batch, plan: PlannedBooking): Promise<void> {
  const { externalId, groupKey, lines, ...booking } = plan;
  const row = { ...booking, currency: ctx.salon.currency };
  await sync(ctx, tx, {
    entity: "booking",
    reportAs: "bookings",
    externalId,
    groupKey,
    values: { ...row, lines },
    create: async (w) => {
      const [created] = await w
        .insert(bookings)
        .values({ ...row, locationId: ctx.salon.locationId, source: "import", createdAt: ctx.now, updatedAt: ctx.now })
        .returning({ id: bookings.id });
      await writeParts(w, created!.id, plan);
      if (ctx.reminders) await remind(ctx, w, created!.id, plan);
      return created!.id;
    },
    update: async (w, id) => {
      const [before] = await w.select({ status: bookings.status, startTs: bookings.startTs }).from(bookings).where(eq(bookings.id, id));
      await w.update(bookings).set({ ...row, updatedAt: ctx.now, sequence: nextSequence }).where(eq(bookings.id, id));
      await w.delete(bookingServices).where(eq(bookingServices.bookingId, id));
      await w.delete(occupancy).where(eq(occupancy.bookingId, id));
      await writeParts(w, id, plan);
      const moved = !before || before.startTs !== plan.startTs || !LIVE.has(before.status);
      if (plan.status === "cancelled") await voidBookingNotifications(w, { bookingId: id });
      else if (!LIVE.has(plan.status) || moved) await voidBookingNotifications(w, { bookingId: id, events: ["reminder"] });
      if (moved && ctx.reminders) await remind(ctx, w, id, plan);
    },
  });
  if (plan.status !== "cancelled" && plan.startTs > ctx.now) ctx.report.tally("future_visits");
}

async function writeParts(tx: Tx, bookingId: number, plan: PlannedBooking): Promise<void> {
  if (plan.lines.length === 0) return;
  await tx.insert(bookingServices).values(plan.lines.map((l) => ({ bookingId, ...l })));
  if (plan.status === "cancelled") return; // a cancelled visit occupies nothing
  const staffed = plan.lines.flatMap((l) => (l.staffId === null ? [] : [{ serviceId: l.serviceId, staffId: l.staffId, start: l.startTs, end: l.endTs, resourceIds: [] }]));
  const rows = occupiedBy(staffed, await termsOf(tx, staffed.map((l) => l.serviceId))).filter((o) => o.endTs > o.startTs);
  if (rows.length > 0) await tx.insert(occupancy).values(rows.map((o) => ({ bookingId, ...o })));
}

async function termsOf(tx: Tx, serviceIds: number[]): Promise<Map<number, ServiceTerms>> {
  if (serviceIds.length === 0) return new Map();
  const rows = await tx
    .select({ id: services.id, bufferBeforeMinutes: services.bufferBeforeMinutes, bufferAfterMinutes: services.bufferAfterMinutes })
    .from(services)
    .where(inArray(services.id, [...new Set(serviceIds)]));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Reminders of a live visit still ahead, like any booking made here; the outbox skips offsets already past. */
async function remind(ctx: ImportContext, tx: Tx, bookingId: number, plan: PlannedBooking): Promise<void> {
  if (!LIVE.has(plan.status) || plan.startTs <= ctx.now) return;
  const queued = await scheduleReminders(tx, { bookingId, clientId: plan.clientId, startTs: plan.startTs, now: ctx.now });
  ctx.report.tally("reminders_queued", queued);
}

/** Cancels an imported booking known only by its external id (a delete event without the record). */
export async function cancelImportedBooking(ctx: ImportContext, tx: Tx, externalId: string, reason: string): Promise<boolean> {
  const link = await ctx.links.get(tx, "booking", externalId);
  if (!link) return false;
  await tx.update(bookings).set({ status: "cancelled", cancelReason: reason, updatedAt: ctx.now, sequence: nextSequence }).where(eq(bookings.id, link.localId));
  await tx.delete(occupancy).where(eq(occupancy.bookingId, link.localId));
  await voidBookingNotifications(tx, { bookingId: link.localId });
  ctx.report.count("bookings", "updated");
  return true;
}
