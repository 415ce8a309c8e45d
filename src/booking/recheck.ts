/** The re-check every booking write runs inside its transaction before it occupies anything. */
import { and, eq, inArray } from "drizzle-orm";
import { computeAvailability } from "../availability/availability.ts";
import type { Slot } from "../availability/model.ts";
import { resources, services } from "../catalogue/schema.ts";
import type { Tx } from "../db/database.ts";
import { AppError, validationError, type Problem } from "../error/app-error.ts";
import type { Clock } from "../time/clock.ts";
import { toIsoWithOffset } from "../time/format.ts";
import { localDateOf } from "../time/zone.ts";
import type { NewBooking } from "./input.ts";
import type { ServiceTerms } from "./occupancy.ts";
import { bookingInTheWay, qualifiedStaff } from "./queries.ts";

export type Terms = Map<number, ServiceTerms & { priceMinor: number; durationMinutes: number }>;

/**
 * Buffers, durations and prices of the visit's services. An unknown or retired service, or a
 * master who is not (or no longer) on staff, is bad input: 400, nothing written. For public
 * callers (`onlineOnly`) a service the salon marked "not bookable online" does not exist either.
 */
export async function visitTerms(tx: Tx, serviceIds: number[], staffId: number | "any", { onlineOnly }: { onlineOnly: boolean }): Promise<Terms> {
  const [rows, staff] = await Promise.all([
    tx
      .select({
        id: services.id,
        bufferBeforeMinutes: services.bufferBeforeMinutes,
        bufferAfterMinutes: services.bufferAfterMinutes,
        priceMinor: services.priceMinor,
        durationMinutes: services.durationMinutes,
      })
      .from(services)
      .where(and(inArray(services.id, serviceIds), eq(services.active, true), onlineOnly ? eq(services.bookableOnline, true) : undefined)),
    staffId === "any"
      ? null
      : tx.select({ id: resources.id }).from(resources).where(and(eq(resources.id, staffId), eq(resources.kind, "staff"), eq(resources.active, true))),
  ]);
  const terms: Terms = new Map(rows.map((r) => [r.id, r]));
  const problems: Problem[] = serviceIds
    .filter((id) => !terms.has(id))
    .map((id) => ({ field: "service_id", key: "service.not_found", params: { id } }));
  if (staff !== null && staff.length === 0) problems.push({ field: "staff_id", key: "staff.not_found", params: { id: String(staffId) } });
  if (problems.length > 0) throw validationError(problems);
  return terms;
}

/**
 * The slot starting exactly at `input.start`, as availability sees it now through this
 * transaction — the client's own hold does not count against them.
 */
export async function freeSlotAt(
  tx: Tx,
  clock: Clock,
  input: Pick<NewBooking, "serviceIds" | "staffId" | "start">,
  timezone: string,
  ignoreHoldToken: string | null,
): Promise<Slot | null> {
  const { days } = await computeAvailability(
    { reader: tx, clock },
    { serviceIds: input.serviceIds, staffId: input.staffId, from: localDateOf(input.start, timezone), days: 1, ignoreHoldToken },
  );
  return days[0]?.slots.find((s) => s.start === input.start) ?? null;
}

/** SLOT_CONFLICT naming the booking in the way, when a booking (not a hold or closed hours) is. */
export async function slotConflict(
  tx: Tx,
  input: Pick<NewBooking, "serviceIds" | "staffId" | "start">,
  terms: Terms,
  timezone: string,
): Promise<AppError> {
  const ordered = input.serviceIds.map((id) => terms.get(id)!);
  const from = input.start - ordered[0]!.bufferBeforeMinutes * 60_000;
  const to = input.start + ordered.reduce((sum, s) => sum + s.durationMinutes, 0) * 60_000 + ordered[ordered.length - 1]!.bufferAfterMinutes * 60_000;
  const staff = input.staffId === "any" ? await qualifiedStaff(tx, input.serviceIds) : [input.staffId];
  const other = await bookingInTheWay(tx, staff, from, to);
  return new AppError("SLOT_CONFLICT", [{ field: "start_ts", key: "booking.slot_taken" }], {
    conflicting_booking: other && { id: other.id, start_ts: toIsoWithOffset(other.startTs, timezone), status: other.status },
  });
}
