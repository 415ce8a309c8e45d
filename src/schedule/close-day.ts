/**
 * Closing a whole day (the salon's or one master's) that may have bookings — ONE use-case for the
 * API (`POST /exceptions` type closed) and the admin's schedule page. With live visits on the day it
 * refuses with their list (DAY_HAS_BOOKINGS), unless asked to cancel them: then the exception goes
 * in first, so no new booking can land on the day, and each visit is cancelled through the booking
 * module's own cancel — which frees its time, voids its reminders and queues the client's
 * "cancelled" notification. Cancels are one transaction each (the booking module owns them); a
 * failure part-way leaves the day closed and the rest live, and cancelling again finishes.
 */
import { and, asc, eq, gte, inArray, lt } from "drizzle-orm";
import type { Actor } from "../account/permissions.ts";
import type { BookingDeps } from "../booking/booking.ts";
import { changerOf } from "../booking/access.ts";
import { cancelBooking } from "../booking/change.ts";
import { bookingServices, bookings, type BookingStatus } from "../booking/schema.ts";
import type { Reader } from "../db/database.ts";
import { AppError } from "../error/app-error.ts";
import { formatHHMM, toIsoWithOffset } from "../time/format.ts";
import { addDays, instantToLocalMinutes, isValidLocalDate, startOfLocalDay } from "../time/zone.ts";
import { createException } from "./exceptions.ts";

export interface CloseDayInput {
  date: string;
  /** The branch closed (or where the master takes the day off), and its zone. */
  locationId: number;
  zone: string;
  /** One master's day off, or the whole salon's (null). */
  staffId: number | null;
  note: string | null;
  /** Cancel the day's live visits and notify their clients (otherwise their presence refuses). */
  cancelBookings: boolean;
  /** What the clients are told. */
  reason: string;
}

export interface ClosedDay {
  exceptionId: number;
  cancelled: number[];
}

type LiveVisit = { id: number; startTs: number; status: BookingStatus };

/** Live visits starting on a local date in one branch, of every master or of one, by start. */
export async function liveBookingsOn(reader: Reader, range: { from: number; to: number; locationId: number }, staffId: number | null): Promise<LiveVisit[]> {
  const fields = { id: bookings.id, startTs: bookings.startTs, status: bookings.status };
  const where = and(gte(bookings.startTs, range.from), lt(bookings.startTs, range.to), eq(bookings.locationId, range.locationId), inArray(bookings.status, ["pending", "confirmed"]));
  const order = [asc(bookings.startTs), asc(bookings.id)] as const;
  return staffId === null
    ? reader.select(fields).from(bookings).where(where).orderBy(...order)
    : reader.selectDistinct(fields).from(bookings).innerJoin(bookingServices, eq(bookingServices.bookingId, bookings.id)).where(and(where, eq(bookingServices.staffId, staffId))).orderBy(...order);
}

export async function closeDay(deps: BookingDeps, actor: Actor, input: CloseDayInput): Promise<ClosedDay> {
  const live = isValidLocalDate(input.date) ? await liveOn(deps, input) : [];
  if (live.length > 0 && !input.cancelBookings) throw dayHasBookings(live, input.zone);
  const exceptionId = await createException(deps, actor, { date: input.date, type: "closed", staffId: input.staffId, note: input.note, locationId: input.locationId });
  if (!input.cancelBookings) return { exceptionId, cancelled: [] };
  // read again: a visit booked between the check and the exception is cancelled too
  const ids = (await liveOn(deps, input)).map((b) => b.id);
  for (const bookingId of ids) await cancelBooking(deps, { bookingId, by: changerOf(actor), reason: input.reason });
  return { exceptionId, cancelled: ids };
}

function liveOn(deps: BookingDeps, input: CloseDayInput): Promise<LiveVisit[]> {
  const day = { from: startOfLocalDay(input.date, input.zone), to: startOfLocalDay(addDays(input.date, 1), input.zone), locationId: input.locationId };
  return liveBookingsOn(deps.db.orm, day, input.staffId);
}

/** The refusal: how many, then one line per visit (the page lists them), and the list for the API. */
function dayHasBookings(live: LiveVisit[], zone: string): AppError {
  return new AppError(
    "DAY_HAS_BOOKINGS",
    [
      { field: "cancel_bookings", key: "reason.day_has_bookings", params: { n: live.length } },
      ...live.map((b) => ({ field: "cancel_bookings", key: "reason.booking_line" as const, params: { id: b.id, time: formatHHMM(instantToLocalMinutes(b.startTs, zone)) } })),
    ],
    { bookings: live.map((b) => ({ id: b.id, start_ts: toIsoWithOffset(b.startTs, zone), status: b.status })) },
  );
}
