import { and, asc, eq, gt, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import { bookingServices, bookings, occupancy, type BookingStatus } from "../../booking/schema.ts";
import { resources, services } from "../../catalogue/schema.ts";
import { clients } from "../../client/schema.ts";
import type { Reader } from "../../db/database.ts";
import { schedules } from "../../schedule/schema.ts";

/** One visit (or one service of it) drawn on one master's or room's column. */
export interface CalendarBlock {
  bookingId: number;
  resourceId: number;
  startTs: number;
  endTs: number;
  status: BookingStatus;
  clientName: string | null;
  clientPhone: string | null;
  /** This service's price on a master's column; null on a room's (the visit is priced by service). */
  priceMinor: number | null;
  currency: string;
  title: string;
  color: string | null;
  /** Where the whole visit ends: the block ending there is the one whose edge changes its length. */
  visitEndTs: number;
}

export interface CalendarResource {
  id: number;
  kind: "staff" | "room" | "equipment" | "other";
  name: string;
}

/** Active masters first, then rooms and equipment, each in the salon's order. */
export async function calendarResources(reader: Reader): Promise<CalendarResource[]> {
  const rows = await reader
    .select({ id: resources.id, kind: resources.kind, name: resources.name, sortOrder: resources.sortOrder })
    .from(resources)
    .where(eq(resources.active, true))
    .orderBy(asc(resources.sortOrder), asc(resources.id));
  return [...rows.filter((r) => r.kind === "staff"), ...rows.filter((r) => r.kind !== "staff")].map(({ sortOrder: _, ...r }) => r);
}

// A visit never lasts longer than this; bounding start_ts from below keeps the query on its index.
const LONGEST_VISIT_MS = 24 * 3_600_000;

/**
 * What the calendar draws over [from, to): each service of a live or finished visit on its master,
 * and what live visits occupy on rooms and equipment. Cancelled visits are not drawn (their time is
 * free again); they stay in the bookings list.
 */
export async function calendarBlocks(reader: Reader, range: { from: number; to: number; resourceIds: number[] }): Promise<CalendarBlock[]> {
  if (range.resourceIds.length === 0) return [];
  const overlaps = <T extends typeof bookingServices | typeof occupancy>(table: T) =>
    and(gt(table.startTs, range.from - LONGEST_VISIT_MS), lt(table.startTs, range.to), gt(table.endTs, range.from));
  const fields = {
    bookingId: bookings.id,
    startTs: bookingServices.startTs,
    endTs: bookingServices.endTs,
    status: bookings.status,
    clientName: clients.name,
    clientPhone: clients.phone,
    currency: bookings.currency,
    title: services.title,
    color: services.color,
    visitEndTs: bookings.endTs,
  };
  const [onMasters, onRooms] = await Promise.all([
    reader
      .select({ ...fields, priceMinor: bookingServices.priceMinor, resourceId: bookingServices.staffId })
      .from(bookingServices)
      .innerJoin(bookings, eq(bookings.id, bookingServices.bookingId))
      .innerJoin(services, eq(services.id, bookingServices.serviceId))
      .leftJoin(clients, eq(clients.id, bookings.clientId))
      .where(and(overlaps(bookingServices), ne(bookings.status, "cancelled"), inArray(bookingServices.staffId, range.resourceIds))),
    reader
      .select({ ...fields, priceMinor: sql<number | null>`NULL`, startTs: occupancy.startTs, endTs: occupancy.endTs, resourceId: occupancy.resourceId })
      .from(occupancy)
      .innerJoin(resources, and(eq(resources.id, occupancy.resourceId), ne(resources.kind, "staff")))
      .innerJoin(bookings, eq(bookings.id, occupancy.bookingId))
      .innerJoin(services, eq(services.id, occupancy.serviceId))
      .leftJoin(clients, eq(clients.id, bookings.clientId))
      .where(and(overlaps(occupancy), inArray(occupancy.resourceId, range.resourceIds))),
  ]);
  return [...onMasters, ...onRooms]
    .filter((b): b is CalendarBlock => b.resourceId !== null)
    .sort((a, b) => a.startTs - b.startTs || a.bookingId - b.bookingId);
}

/** The salon's own opening ranges on these weekdays (minutes), to size the calendar's time axis. */
export async function salonHours(reader: Reader, weekdays: number[]): Promise<Array<{ startMinutes: number; endMinutes: number }>> {
  return reader
    .select({ startMinutes: schedules.startMinutes, endMinutes: schedules.endMinutes })
    .from(schedules)
    .where(and(isNull(schedules.resourceId), inArray(schedules.weekday, weekdays)));
}
