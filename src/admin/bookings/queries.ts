import { and, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { bookingServices, bookings, shownSource, type BookingSource, type BookingStatus } from "../../booking/schema.ts";
import { resources, services } from "../../catalogue/schema.ts";
import { clients } from "../../client/schema.ts";
import type { Reader } from "../../db/database.ts";

export interface BookingListFilter {
  from: number;
  to: number;
  staffId: number | null;
  status: BookingStatus | null;
  source: BookingSource | null;
  /** issue 17: the branch shown (the admin's branch switch). */
  locationId?: number;
}

/** One line of the bookings list (and of its CSV). */
export interface BookingListRow {
  id: number;
  startTs: number;
  endTs: number;
  status: BookingStatus;
  source: BookingSource;
  priceMinor: number;
  currency: string;
  clientName: string | null;
  clientPhone: string | null;
  services: string;
  masters: string;
  cancelReason: string | null;
}

export const LIST_LIMIT = 500;

/** Bookings starting in [from, to) matching the filter, newest first; `limit` bounds a page, not the CSV. */
export async function listForAdmin(reader: Reader, filter: BookingListFilter, limit: number): Promise<{ rows: BookingListRow[]; total: number }> {
  const conditions: SQL[] = [gte(bookings.startTs, filter.from), lt(bookings.startTs, filter.to)];
  if (filter.status) conditions.push(eq(bookings.status, filter.status));
  if (filter.source) conditions.push(eq(shownSource, filter.source)); // issue 16: booked_via counts
  if (filter.locationId !== undefined) conditions.push(eq(bookings.locationId, filter.locationId));
  if (filter.staffId !== null) {
    conditions.push(inArray(bookings.id, reader.select({ id: bookingServices.bookingId }).from(bookingServices).where(eq(bookingServices.staffId, filter.staffId))));
  }
  const where = and(...conditions);
  const [rows, [count]] = await Promise.all([
    reader
      .select({
        id: bookings.id,
        startTs: bookings.startTs,
        endTs: bookings.endTs,
        status: bookings.status,
        source: shownSource,
        priceMinor: bookings.priceMinor,
        currency: bookings.currency,
        clientName: clients.name,
        clientPhone: clients.phone,
        cancelReason: bookings.cancelReason,
        services: sql<string>`coalesce((SELECT group_concat(${services.title}, ', ') FROM ${bookingServices} JOIN ${services} ON ${services.id} = ${bookingServices.serviceId} WHERE ${bookingServices.bookingId} = ${bookings.id}), '')`,
        masters: sql<string>`coalesce((SELECT group_concat(DISTINCT ${resources.name}) FROM ${bookingServices} JOIN ${resources} ON ${resources.id} = ${bookingServices.staffId} WHERE ${bookingServices.bookingId} = ${bookings.id}), '')`,
      })
      .from(bookings)
      .leftJoin(clients, eq(clients.id, bookings.clientId))
      .where(where)
      .orderBy(desc(bookings.startTs), desc(bookings.id))
      .limit(limit),
    reader.select({ n: sql<number>`count(*)` }).from(bookings).where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}
