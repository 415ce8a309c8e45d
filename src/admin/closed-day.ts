/**
 * Closing a day (the salon's or one master's) with its bookings: the exception goes in first, so no
 * new booking can land on the day, then each live visit of the day is cancelled through the booking
 * module's own cancel — which frees its time, voids its reminders and queues the client's
 * "cancelled" notification in the outbox. Cancels are one transaction each (the booking module owns
 * them); a failure part-way leaves the day closed and the rest live, and running it again finishes.
 */
import { and, eq, gte, inArray, lt } from "drizzle-orm";
import type { Actor } from "../account/permissions.ts";
import type { BookingDeps } from "../booking/booking.ts";
import { cancelBooking } from "../booking/change.ts";
import { bookingServices, bookings } from "../booking/schema.ts";
import type { Reader } from "../db/database.ts";
import { createException, type ExceptionInput } from "../schedule/exceptions.ts";
import { addDays, startOfLocalDay } from "../time/zone.ts";
import { changerOf } from "../booking/access.ts";

export interface ClosedDay {
  exceptionId: number;
  cancelled: number[];
}

/** Live visits starting on a local date, of every master or of one. */
export async function liveBookingsOn(reader: Reader, range: { from: number; to: number }, staffId: number | null): Promise<number[]> {
  const where = and(gte(bookings.startTs, range.from), lt(bookings.startTs, range.to), inArray(bookings.status, ["pending", "confirmed"]));
  const rows =
    staffId === null
      ? await reader.select({ id: bookings.id }).from(bookings).where(where)
      : await reader.selectDistinct({ id: bookings.id }).from(bookings).innerJoin(bookingServices, eq(bookingServices.bookingId, bookings.id)).where(and(where, eq(bookingServices.staffId, staffId)));
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

export async function closeDayWithBookings(
  deps: BookingDeps,
  actor: Actor,
  input: { date: string; zone: string; staffId: number | null; note: string | null; reason: string },
): Promise<ClosedDay> {
  const exception: ExceptionInput = { date: input.date, type: "closed", staffId: input.staffId, note: input.note };
  const exceptionId = await createException(deps, actor, exception);
  const day = { from: startOfLocalDay(input.date, input.zone), to: startOfLocalDay(addDays(input.date, 1), input.zone) };
  const ids = await liveBookingsOn(deps.db.orm, day, input.staffId);
  for (const bookingId of ids) await cancelBooking(deps, { bookingId, by: changerOf(actor), reason: input.reason });
  return { exceptionId, cancelled: ids };
}
