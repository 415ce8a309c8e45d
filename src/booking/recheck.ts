/** The re-check every booking write runs inside its transaction before it occupies anything. */
import { prepareAvailability, type AvailabilityQuery } from "../availability/availability.ts";
import { findSlotAt } from "../availability/engine.ts";
import { loadVisit, type VisitRows } from "../availability/load.ts";
import { whyNotAt } from "../availability/reasons.ts";
import type { AvailabilityInput, Slot } from "../availability/model.ts";
import type { Tx } from "../db/database.ts";
import { AppError, validationError, type ErrorCode, type Problem } from "../error/app-error.ts";
import type { Clock } from "../time/clock.ts";
import { toIsoWithOffset } from "../time/format.ts";
import { localDateOf } from "../time/zone.ts";
import type { NewBooking } from "./input.ts";
import type { ServiceTerms } from "./occupancy.ts";
import { bookingInTheWay } from "./queries.ts";

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
export async function visitTerms(
  tx: Tx,
  serviceIds: number[],
  staffId: number | "any",
  { onlineOnly, locationId }: { onlineOnly: boolean; locationId?: number | null | undefined },
): Promise<Terms> {
  const visit = await loadVisit(tx, serviceIds, staffId, locationId);
  const offered = onlineOnly ? { ...visit, services: visit.services.filter((s) => s.bookableOnline) } : visit;
  const terms = new Terms(offered, serviceIds, staffId);
  const problems: Problem[] = serviceIds
    .filter((id) => !terms.has(id))
    .map((id) => ({ field: "service_id", key: "service.not_found", params: { id } }));
  if (terms.visit.chosen === null) problems.push({ field: "staff_id", key: "staff.not_found", params: { id: String(staffId) } });
  if (terms.visit.chosen?.worksHere === false) problems.push({ field: "staff_id", key: "location.staff_not_here", params: { id: terms.visit.chosen.id } });
  if (problems.length > 0) throw validationError(problems);
  return terms;
}

/**
 * The same visit with its services lasting the given minutes instead of the catalogue's: a visit
 * staff lengthened keeps its length when moved, and a resize is checked at its new length.
 */
export function withDurations(terms: Terms, minutes: ReadonlyMap<number, number>): Terms {
  const services = terms.visit.services.map((s) => (minutes.has(s.id) ? { ...s, durationMinutes: minutes.get(s.id)! } : s));
  return new Terms({ ...terms.visit, services }, terms.serviceIds, terms.staffId);
}

/** The codes of a time that cannot be booked: pages offer other times for any of them. */
const UNAVAILABLE: ReadonlySet<ErrorCode> = new Set(["SLOT_CONFLICT", "OUTSIDE_HOURS", "STAFF_NOT_QUALIFIED", "BEYOND_HORIZON", "TOO_SOON", "NOT_ON_GRID"]);

export const isUnavailable = (error: unknown): boolean => error instanceof AppError && UNAVAILABLE.has(error.code);

/** A visit to place: what the re-check asks the engine (staff's override included). */
export type VisitAt = Pick<NewBooking, "serviceIds" | "staffId" | "start" | "override">;

const queryOf = (input: VisitAt, timezone: string, ignoreHoldToken: string | null): AvailabilityQuery => ({
  serviceIds: input.serviceIds,
  staffId: input.staffId,
  from: localDateOf(input.start, timezone),
  days: 1,
  ignoreHoldToken,
  at: input.start,
  ...(input.override ? { override: input.override } : {}),
});

/**
 * The slot starting exactly at `input.start`, as availability sees it now through this
 * transaction (on the catalogue rows `terms` were read from) — the client's own hold does not
 * count against them — or the reason it is not free:
 * its own code for hours, notice, horizon, grid or an unqualified master; SLOT_CONFLICT only when
 * something occupies the time, naming the booking in the way (null when it is a hold).
 */
export async function slotAt(tx: Tx, clock: Clock, input: VisitAt, terms: Terms, timezone: string, ignoreHoldToken: string | null): Promise<Slot> {
  if (terms.staffId !== input.staffId || terms.serviceIds.join() !== input.serviceIds.join()) throw new Error("terms of another visit");
  const { input: engine } = await prepareAvailability({ reader: tx, clock }, queryOf(input, timezone, ignoreHoldToken), terms.visit);
  const slot = findSlotAt(engine, input.start);
  if (slot) return slot;
  throw await refusal(tx, engine, input, terms, timezone);
}

async function refusal(tx: Tx, engine: AvailabilityInput, input: VisitAt, terms: Terms, timezone: string): Promise<AppError> {
  const verdict = whyNotAt(engine, input.start);
  if (verdict !== "taken") return new AppError(verdict.code, [verdict.problem]);
  const ordered = input.serviceIds.map((id) => terms.get(id)!);
  const from = input.start - ordered[0]!.bufferBeforeMinutes * 60_000;
  const to = input.start + ordered.reduce((sum, s) => sum + s.durationMinutes, 0) * 60_000 + ordered[ordered.length - 1]!.bufferAfterMinutes * 60_000;
  const other = await bookingInTheWay(tx, [...engine.staff, ...engine.resources].map((p) => p.id), from, to);
  return new AppError("SLOT_CONFLICT", [{ field: "start_ts", key: "booking.slot_taken" }], {
    conflicting_booking: other && { id: other.id, start_ts: toIsoWithOffset(other.startTs, timezone), status: other.status },
  });
}
