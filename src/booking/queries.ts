import { and, asc, count, eq, gte, inArray, isNotNull, isNull, lt, sql, type SQL } from "drizzle-orm";
import { MAX_OCCUPANCY_MS, overlapsWindow } from "../availability/load.ts";
import { priceLinesOf } from "../balance/lines.ts";
import { locations } from "../business/schema.ts";
import { resources, services, staffServices } from "../catalogue/schema.ts";
import { clients } from "../client/schema.ts";
import type { Reader } from "../db/database.ts";
import { prepared, preparedForOne } from "../db/prepared.ts";
import { staffLocations } from "../location/schema.ts";
import type { QuoteLine } from "../pricing/pricing.ts";
import { ratingFrom, staffRatings, type Rating } from "../review/ratings.ts";
import { bookingServices, bookings, bookingTimezone, occupancy, type BookingStatus } from "./schema.ts";
import { moneyOf, type BookingMoney } from "../payment/ledger.ts";

export type BookingRow = typeof bookings.$inferSelect;

/** A booking with what a page or the API shows about it. */
export interface BookingDetails extends BookingRow {
  timezone: string;
  address: string | null;
  client: { id: number; name: string; phone: string | null; email: string | null } | null;
  services: Array<{ serviceId: number; title: string; staffId: number | null; staffName: string | null; startTs: number; endTs: number; priceMinor: number }>;
  /** issue 13: price, discount, total, paid, due from the payments ledger. */
  money: BookingMoney;
  /** issue 14: what pricing took off, in order (src/balance/lines.ts). */
  priceLines: QuoteLine[];
}

// A booking's page, its API answer and every write's answer read it: built once (issue 20). Its
// location and client are looked up by key rather than joined: SQLite (3.54) prepares a join
// constrained by a bound value again at every run, which costs with this one's 40 columns
// (measured: the statement alone 19 µs joined, under 3 µs as the row with two scalar subqueries
// plus a primary-key read; getBooking inside a write 60-75 -> 33-36 µs CPU; a two-column join by
// id 3.8 µs bound, 0.7 µs with the id written in, 0.5 µs as a subquery).
const bookingById = prepared((reader) =>
  reader
    .select({
      booking: bookings,
      timezone: bookingTimezone,
      address: sql<string | null>`(SELECT address FROM locations WHERE id = ${bookings.locationId})`,
    })
    .from(bookings)
    .where(eq(bookings.id, sql.placeholder("id"))),
);
const clientById = prepared((reader) => reader.select().from(clients).where(eq(clients.id, sql.placeholder("id"))));

export async function getBooking(reader: Reader, id: number): Promise<BookingDetails | null> {
  const row = await bookingById(reader).get({ id });
  if (!row) return null;
  const client = row.booking.clientId === null ? null : ((await clientById(reader).get({ id: row.booking.clientId })) ?? null);
  // issue 16: a channel's booking shows its channel as the source (src/booking/schema.ts storedSource)
  const source = (row.booking.bookedVia ?? row.booking.source) as BookingRow["source"];
  const [details] = await withServices(reader, [{ ...row.booking, source, timezone: row.timezone, address: row.address, client }]);
  return details ?? null;
}

type Loaded = BookingRow & { timezone: string; address: string | null; client: typeof clients.$inferSelect | null };

async function withServices(reader: Reader, rows: Loaded[]): Promise<BookingDetails[]> {
  if (rows.length === 0) return [];
  const parts = await servicesOf(
    reader,
    rows.map((r) => r.id),
  );
  const byBooking = Map.groupBy(parts, (p) => p.bookingId);
  const lines = await priceLinesOf(reader, rows.map((r) => r.id));
  const money = await moneyOf(reader, rows, lines);
  return rows.map(({ client, ...row }) => ({
    ...row,
    money: money.get(row.id)!,
    priceLines: lines.get(row.id) ?? [],
    client: client && { id: client.id, name: client.name, phone: client.phone, email: client.email },
    services: (byBooking.get(row.id) ?? []).map(({ bookingId: _, ...p }) => p),
  }));
}

const servicesOf = preparedForOne((reader, ids) =>
  reader
    .select({
      bookingId: bookingServices.bookingId,
      serviceId: bookingServices.serviceId,
      title: services.title,
      staffId: bookingServices.staffId,
      staffName: resources.name,
      startTs: bookingServices.startTs,
      endTs: bookingServices.endTs,
      priceMinor: bookingServices.priceMinor,
    })
    .from(bookingServices)
    .innerJoin(services, eq(services.id, bookingServices.serviceId))
    .leftJoin(resources, eq(resources.id, bookingServices.staffId))
    .where(inArray(bookingServices.bookingId, [...ids]))
    .orderBy(asc(bookingServices.startTs), asc(bookingServices.id)),
);

export interface BookingFilter {
  from: number | null;
  to: number | null;
  staffId: number | null;
  status: BookingStatus | "awaiting_payment" | null;
  /** One client's visits (the client card, GET /clients/:id/bookings). */
  clientId?: number | null;
  /** issue 17: only these branches' visits (null or absent: every branch). */
  locationIds?: readonly number[] | null;
  limit: number;
  offset: number;
}

/** Bookings starting in [from, to), optionally of one master and one status, by start time. */
export async function listBookings(reader: Reader, filter: BookingFilter): Promise<{ data: BookingDetails[]; total: number }> {
  const conditions: SQL[] = [];
  if (filter.from !== null) conditions.push(gte(bookings.startTs, filter.from));
  if (filter.to !== null) conditions.push(lt(bookings.startTs, filter.to));
  // issue 13: a visit waiting for its prepayment is stored pending (migrations/tenant/0060) but listed apart
  if (filter.status === "awaiting_payment") conditions.push(eq(bookings.status, "pending"), isNotNull(bookings.awaitingPaymentUntil));
  else if (filter.status !== null) conditions.push(eq(bookings.status, filter.status), ...(filter.status === "pending" ? [isNull(bookings.awaitingPaymentUntil)] : []));
  if (filter.clientId != null) conditions.push(eq(bookings.clientId, filter.clientId));
  if (filter.locationIds) conditions.push(inArray(bookings.locationId, [...filter.locationIds]));
  if (filter.staffId !== null) {
    conditions.push(
      inArray(bookings.id, reader.select({ id: bookingServices.bookingId }).from(bookingServices).where(eq(bookingServices.staffId, filter.staffId))),
    );
  }
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const [rows, [total]] = await Promise.all([
    reader
      .select({ booking: bookings, timezone: locations.timezone, address: locations.address, client: clients })
      .from(bookings)
      .innerJoin(locations, eq(locations.id, bookings.locationId))
      .leftJoin(clients, eq(clients.id, bookings.clientId))
      .where(where)
      .orderBy(asc(bookings.startTs), asc(bookings.id))
      .limit(filter.limit)
      .offset(filter.offset),
    reader.select({ n: count() }).from(bookings).where(where),
  ]);
  const data = await withServices(reader, rows.map((r) => ({ ...r.booking, timezone: r.timezone, address: r.address, client: r.client })));
  return { data, total: total?.n ?? 0 };
}

/**
 * The live booking in the way of a visit at [from, to) (buffers included) on these masters or
 * resources: what a 409 names so the caller can see why. Null when a hold or closed hours are in
 * the way instead.
 */
export async function bookingInTheWay(
  reader: Reader,
  resourceIds: number[],
  from: number,
  to: number,
): Promise<{ id: number; startTs: number; status: BookingStatus } | null> {
  if (resourceIds.length === 0) return null;
  // bounded from below too, or the (resource_id, start_ts) index is walked from the salon's first visit
  const row = await firstInTheWay(reader).get({ resources: JSON.stringify(resourceIds), startsAfter: from - MAX_OCCUPANCY_MS, to, from });
  return row ?? null;
}

// Every 409 of a taken time runs it: built once, the window's resources one JSON parameter, with
// availability's own "overlaps the window" condition (issue 20).
const firstInTheWay = prepared((reader) =>
  reader
    .select({ id: bookings.id, startTs: bookings.startTs, status: bookings.status })
    .from(occupancy)
    .innerJoin(bookings, eq(bookings.id, occupancy.bookingId))
    .where(and(...overlapsWindow(occupancy)))
    .orderBy(asc(occupancy.startTs))
    .limit(1),
);

/** Masters qualified for any of these services: where a conflict for "any" master may be. */
export async function qualifiedStaff(reader: Reader, serviceIds: number[]): Promise<number[]> {
  const rows = await reader.selectDistinct({ id: staffServices.staffId }).from(staffServices).where(inArray(staffServices.serviceId, serviceIds));
  return rows.map((r) => r.id);
}

export interface Master {
  id: number;
  name: string;
  position: string | null;
  // issue 15: published reviews of this master
  rating: Rating;
}

/** Active masters who perform EVERY service of the visit (those a client may pick by name), in one branch when named. */
export async function mastersFor(reader: Reader, serviceIds: number[], locationId?: number | null): Promise<Master[]> {
  if (serviceIds.length === 0) return [];
  const [rows, ratings] = await Promise.all([mastersOf(reader, serviceIds, locationId), staffRatings(reader)]);
  return rows.map((m) => ({ ...m, rating: ratingFrom(ratings, m.id) }));
}

function mastersOf(reader: Reader, serviceIds: number[], locationId: number | null | undefined) {
  const here = locationId ? inArray(resources.id, reader.select({ id: staffLocations.staffId }).from(staffLocations).where(eq(staffLocations.locationId, locationId))) : undefined;
  return reader
    .select({ id: resources.id, name: resources.name, position: resources.position })
    .from(resources)
    .innerJoin(staffServices, eq(staffServices.staffId, resources.id))
    .where(and(eq(resources.kind, "staff"), eq(resources.active, true), inArray(staffServices.serviceId, serviceIds), here))
    .groupBy(resources.id)
    .having(sql`count(distinct ${staffServices.serviceId}) = ${new Set(serviceIds).size}`)
    .orderBy(asc(resources.sortOrder), asc(resources.id));
}

/** Names of masters by id, for slot lists that say who would do the visit. */
export async function staffNames(reader: Reader): Promise<Map<number, string>> {
  const rows = await reader.select({ id: resources.id, name: resources.name }).from(resources).where(eq(resources.kind, "staff"));
  return new Map(rows.map((r) => [r.id, r.name]));
}
