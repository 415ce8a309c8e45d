/** The re-check every booking write runs inside its transaction before it occupies anything. */
import { computeAvailability } from "../availability/availability.ts";
import type { Slot } from "../availability/model.ts";
import { loadVisit, type VisitRows } from "../availability/load.ts";
import type { Tx } from "../db/database.ts";
import { AppError, validationError, type Problem } from "../error/app-error.ts";
import type { Clock } from "../time/clock.ts";
import { toIsoWithOffset } from "../time/format.ts";
import { localDateOf } from "../time/zone.ts";
import type { NewBooking } from "./input.ts";
import type { ServiceTerms } from "./occupancy.ts";
import { bookingInTheWay, qualifiedStaff } from "./queries.ts";

export type ServiceTerm = ServiceTerms & { priceMinor: number; durationMinutes: number };

/** The terms of a visit's services, with the catalogue rows they were read from. */
export class Terms extends Map<number, ServiceTerm> {
  constructor(
    /** Read once per write: the re-check runs availability on these same rows. */
    readonly visit: VisitRows,
    readonly serviceIds: readonly number[],
    readonly staffId: number | "any",
  ) {
    super(visit.services.map((s) => [s.id, s]));
  }
}

/**
 * Buffers, durations and prices of the visit's services. An unknown or retired service, or a
 * master who is not (or no longer) on staff, is bad input: 400, nothing written. For public
 * callers (`onlineOnly`) a service the salon marked "not bookable online" does not exist either.
 */
export async function visitTerms(tx: Tx, serviceIds: number[], staffId: number | "any", { onlineOnly }: { onlineOnly: boolean }): Promise<Terms> {
  const visit = await loadVisit(tx, serviceIds, staffId);
  const offered = onlineOnly ? { ...visit, services: visit.services.filter((s) => s.bookableOnline) } : visit;
  const terms = new Terms(offered, serviceIds, staffId);
  const problems: Problem[] = serviceIds
    .filter((id) => !terms.has(id))
    .map((id) => ({ field: "service_id", key: "service.not_found", params: { id } }));
  if (terms.visit.chosen === null) problems.push({ field: "staff_id", key: "staff.not_found", params: { id: String(staffId) } });
  if (problems.length > 0) throw validationError(problems);
  return terms;
}

/**
 * The slot starting exactly at `input.start`, as availability sees it now through this
 * transaction — the client's own hold does not count against them. `terms` are the same visit's.
 */
export async function freeSlotAt(
  tx: Tx,
  clock: Clock,
  input: Pick<NewBooking, "serviceIds" | "staffId" | "start">,
  timezone: string,
  ignoreHoldToken: string | null,
  terms: Terms,
): Promise<Slot | null> {
  if (terms.staffId !== input.staffId || terms.serviceIds.join() !== input.serviceIds.join()) throw new Error("terms of another visit");
  const { days } = await computeAvailability(
    { reader: tx, clock },
    { serviceIds: input.serviceIds, staffId: input.staffId, from: localDateOf(input.start, timezone), days: 1, ignoreHoldToken },
    terms.visit,
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
