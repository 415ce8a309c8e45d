import { and, eq, gte, inArray, lt, min, ne } from "drizzle-orm";
import { CalendarBuilder } from "../availability/availability.ts";
import { openIntervals } from "../availability/calendar.ts";
import { intersect, measureWithin } from "../availability/intervals.ts";
import { loadWindow } from "../availability/load.ts";
import { bookingServices, bookings } from "../booking/schema.ts";
import { activeMasters } from "../catalogue/queries.ts";
import { services } from "../catalogue/schema.ts";
import type { Reader } from "../db/database.ts";
import { resolveLocation } from "../location/location.ts";
import { addDays, localDay, type LocalDate, type LocalDay } from "../time/zone.ts";
import type { ReportBooking, ReportPart } from "./report.ts";

/** Bookings starting in [from, to) (in one branch when named) with their services, and each client's first visit ever (in any branch). */
export async function reportRows(reader: Reader, range: { from: number; to: number; locationId?: number }): Promise<{ bookings: ReportBooking[]; parts: ReportPart[] }> {
  const inPeriod = and(gte(bookings.startTs, range.from), lt(bookings.startTs, range.to), range.locationId === undefined ? undefined : eq(bookings.locationId, range.locationId));
  const rows = await reader
    .select({ id: bookings.id, status: bookings.status, startTs: bookings.startTs, priceMinor: bookings.priceMinor, clientId: bookings.clientId })
    .from(bookings)
    .where(inPeriod);
  const clientIds = [...new Set(rows.flatMap((r) => (r.clientId === null ? [] : [r.clientId])))];
  const [firsts, parts] = await Promise.all([
    clientIds.length === 0
      ? []
      : reader
          .select({ clientId: bookings.clientId, first: min(bookings.startTs) })
          .from(bookings)
          .where(and(inArray(bookings.clientId, clientIds), ne(bookings.status, "cancelled")))
          .groupBy(bookings.clientId),
    reader
      .select({ bookingId: bookingServices.bookingId, staffId: bookingServices.staffId, serviceId: bookingServices.serviceId, title: services.title, startTs: bookingServices.startTs, endTs: bookingServices.endTs, priceMinor: bookingServices.priceMinor })
      .from(bookingServices)
      .innerJoin(bookings, eq(bookings.id, bookingServices.bookingId))
      .innerJoin(services, eq(services.id, bookingServices.serviceId))
      .where(inPeriod),
  ]);
  const firstOf = new Map(firsts.map((f) => [f.clientId, f.first]));
  return { bookings: rows.map((r) => ({ ...r, firstVisitTs: r.clientId === null ? null : (firstOf.get(r.clientId) ?? null) })), parts };
}

/**
 * Each active master's working minutes in a branch (the primary one when not named) over its local
 * dates [fromDate, toDate]: the availability engine's own calendars (weekly hours, exceptions, time
 * off) within the branch's opening hours. Only masters who work in the branch count.
 */
export async function workingMinutes(reader: Reader, zone: string, fromDate: LocalDate, toDate: LocalDate, now: number, locationId?: number) {
  const here = locationId ?? (await resolveLocation(reader, undefined)).id;
  const masters = await activeMasters(reader, here);
  const rows = await loadWindow(reader, { locationId: here, zone, from: fromDate, to: toDate, resourceIds: masters.map((m) => m.id), now, ignoreHoldHash: null });
  const calendars = new CalendarBuilder(zone, rows);
  const days: LocalDay[] = [];
  for (let d = fromDate; d <= toDate; d = addDays(d, 1)) days.push(localDay(d, zone));
  const salonOpen = openIntervals(calendars.of(null), days);
  const start = days[0]!.start;
  const end = days.at(-1)!.end;
  return masters.map((m) => ({ ...m, workingMinutes: measureWithin(intersect(openIntervals(calendars.of(m.id), days), salonOpen), start, end) / 60_000 }));
}
