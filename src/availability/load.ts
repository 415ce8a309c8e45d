/**
 * Reads what the availability engine needs for one query, in two rounds of parallel indexed
 * queries: first the visit (policy, services, who and what they need), then the calendars and
 * occupancy of exactly those masters and resources over the queried window. The visit and the
 * calendars come from the catalogue cache (src/business/catalogue-cache.ts) when they can:
 * only occupancy and holds are read every time.
 */
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { cachedCatalogue } from "../business/catalogue-cache.ts";
import { business, locations } from "../business/schema.ts";
import { requirementResources, resources, serviceRequirements, services, staffServices } from "../catalogue/schema.ts";
import { holdOccupancy, holds, occupancy } from "../booking/schema.ts";
import type { Reader } from "../db/database.ts";
import { prepared } from "../db/prepared.ts";
import { notFound, validationError } from "../error/app-error.ts";
import { staffLocations } from "../location/schema.ts";
import { exceptions, schedules, timeOff } from "../schedule/schema.ts";
import { addDays, startOfLocalDay, type LocalDate } from "../time/zone.ts";
import type { Interval } from "./intervals.ts";

/** No occupancy lasts longer than this, so a range query can bound start_ts from below and use the
 * (resource_id, start_ts) index instead of scanning a resource's whole history. */
export const MAX_OCCUPANCY_MS = 7 * 24 * 3_600_000;

export type ServiceRow = typeof services.$inferSelect;
export type ScheduleRow = typeof schedules.$inferSelect;
export type ExceptionRow = typeof exceptions.$inferSelect;

export interface VisitRows {
  profile: {
    locationId: number;
    timezone: string;
    slotStepMinutes: number;
    minNoticeMinutes: number;
    horizonDays: number;
    /** What a booking written right after the re-check needs too (one read instead of two). */
    autoConfirm: boolean;
    currency: string;
  };
  services: ServiceRow[];
  /** (staff, service) pairs of active masters, in staff-list order. */
  qualified: Array<{ staffId: number; serviceId: number }>;
  /** Requirement sets with their active resources (resourceId null: a set with none left). */
  requirements: Array<{ requirementId: number; serviceId: number; resourceId: number | null }>;
  /** The asked-for master when one was named: null when there is no such active master;
   * `worksHere` false when they work only in other branches. */
  chosen: { id: number; worksHere: boolean } | null | undefined;
}

/**
 * `locationId`: the branch asked for; left out, the salon's only location — a salon with several
 * must name one (400 naming location_id, thrown here so that availability, holds and every booking
 * write share the rule). Masters count only where they work, rooms only where they stand.
 */
export function loadVisit(reader: Reader, serviceIds: number[], staffId: number | "any", locationId?: number | null): Promise<VisitRows> {
  const key = `visit|${serviceIds.join()}|${staffId}|${locationId ?? ""}`;
  return cachedCatalogue(reader, key, () => readVisit(reader, serviceIds, staffId, locationId));
}

async function readVisit(reader: Reader, serviceIds: number[], staffId: number | "any", locationId?: number | null): Promise<VisitRows> {
  const named = locationId !== undefined && locationId !== null;
  const here = named ? sql`${locationId}` : sql`(SELECT id FROM ${locations} WHERE ${locations.isPrimary} = 1)`;
  const worksHere = sql<number>`EXISTS (SELECT 1 FROM ${staffLocations} WHERE ${staffLocations.staffId} = ${resources.id} AND ${staffLocations.locationId} = ${here})`;
  const [profile, serviceRows, qualified, requirements, chosen] = await Promise.all([
    reader
      .select({
        locationId: locations.id,
        timezone: locations.timezone,
        slotStepMinutes: business.slotStepMinutes,
        minNoticeMinutes: business.minNoticeMinutes,
        horizonDays: business.horizonDays,
        autoConfirm: business.autoConfirm,
        currency: business.currency,
      })
      .from(business)
      .innerJoin(locations, named ? eq(locations.id, locationId) : sql`1`)
      .where(eq(business.id, 1))
      .orderBy(desc(locations.isPrimary))
      .limit(2),
    reader.select().from(services).where(and(inArray(services.id, serviceIds), eq(services.active, true))),
    reader
      .select({ staffId: staffServices.staffId, serviceId: staffServices.serviceId })
      .from(staffServices)
      .innerJoin(resources, eq(resources.id, staffServices.staffId))
      .where(and(inArray(staffServices.serviceId, serviceIds), eq(resources.kind, "staff"), eq(resources.active, true), worksHere))
      .orderBy(asc(resources.sortOrder), asc(resources.id)),
    reader
      .select({ requirementId: serviceRequirements.id, serviceId: serviceRequirements.serviceId, resourceId: resources.id })
      .from(serviceRequirements)
      .leftJoin(requirementResources, eq(requirementResources.requirementId, serviceRequirements.id))
      .leftJoin(resources, and(eq(resources.id, requirementResources.resourceId), eq(resources.active, true), sql`${resources.locationId} = ${here}`))
      .where(inArray(serviceRequirements.serviceId, serviceIds))
      .orderBy(asc(serviceRequirements.id), asc(resources.sortOrder), asc(resources.id)),
    staffId === "any"
      ? Promise.resolve(undefined)
      : reader
          .select({ id: resources.id, worksHere })
          .from(resources)
          .where(and(eq(resources.id, staffId), eq(resources.kind, "staff"), eq(resources.active, true)))
          .then((rows) => (rows[0] ? { id: rows[0].id, worksHere: Boolean(rows[0].worksHere) } : null)),
  ]);
  if (named && !profile[0]) throw notFound("location.not_found", { id: locationId });
  if (!named && profile.length > 1) throw validationError([{ field: "location_id", key: "location.required" }]);
  if (!profile[0]) throw new Error("tenant database has no business profile or primary location");
  return { profile: profile[0], services: serviceRows, qualified, requirements, chosen };
}

/** What calendars are built from: weekly hours, exceptions and time off. */
export interface CalendarRows {
  schedules: ScheduleRow[];
  exceptions: ExceptionRow[];
  timeOff: Array<{ resourceId: number; startTs: number; endTs: number }>;
}

/** Who holds a seat of a group session: a booking (its id), or a hold (its id negated). */
export interface SeatRow {
  owner: number;
  resourceId: number;
  serviceId: number;
  sessionTs: number;
}

export interface WindowRows extends CalendarRows {
  /** Each resource's occupancy by live bookings and unexpired holds: [start, end) pairs. */
  busy: Map<number, Interval[]>;
  /** With `sessions`, every such occupancy row as a seat (else none). */
  seats: SeatRow[];
  /** Earliest expiry among the holds read: when this answer goes stale on its own. */
  nextHoldExpiry: number | null;
}

export interface Window {
  locationId: number;
  zone: string;
  /** Local dates [from, to] whose calendars are read, padding included. */
  from: LocalDate;
  to: LocalDate;
  resourceIds: number[];
  now: number;
  ignoreHoldHash: string | null;
  /** Occupancy is read over these instants instead of the whole of [from, to]. */
  busyWithin?: { from: number; to: number };
  /** A booking whose occupancy is not read: a visit being moved. */
  ignoreBookingId?: number;
  /** Also read the seats (group sessions): every row once more, so only a visit with a group
   * service asks. */
  sessions?: boolean;
}

/** The calendar rows of the location (resource null) and of these resources over local dates [from, to]. */
export function loadCalendarRows(reader: Reader, w: Omit<Window, "now" | "ignoreHoldHash">): Promise<CalendarRows> {
  const key = `calendars|${w.locationId}|${w.zone}|${w.from}|${w.to}|${w.resourceIds.join()}`;
  return cachedCatalogue(reader, key, () => readCalendarRows(reader, w));
}

async function readCalendarRows(reader: Reader, w: Omit<Window, "now" | "ignoreHoldHash">): Promise<CalendarRows> {
  const fromTs = startOfLocalDay(w.from, w.zone);
  const toTs = startOfLocalDay(addDays(w.to, 1), w.zone);
  const ofResources = (column: typeof schedules.resourceId | typeof exceptions.resourceId) =>
    or(isNull(column), inArray(column, w.resourceIds));
  const [scheduleRows, exceptionRows, timeOffRows] = await Promise.all([
    reader
      .select()
      .from(schedules)
      .where(
        and(
          eq(schedules.locationId, w.locationId),
          ofResources(schedules.resourceId),
          or(isNull(schedules.validFrom), lte(schedules.validFrom, w.to)),
          or(isNull(schedules.validTo), gte(schedules.validTo, w.from)),
        ),
      ),
    reader
      .select()
      .from(exceptions)
      .where(
        and(eq(exceptions.locationId, w.locationId), gte(exceptions.date, w.from), lte(exceptions.date, w.to), ofResources(exceptions.resourceId)),
      ),
    reader
      .select({ resourceId: timeOff.resourceId, startTs: timeOff.startTs, endTs: timeOff.endTs })
      .from(timeOff)
      .where(and(inArray(timeOff.resourceId, w.resourceIds), lt(timeOff.startTs, toTs), gt(timeOff.endTs, fromTs))),
  ]);
  return { schedules: scheduleRows, exceptions: exceptionRows, timeOff: timeOffRows };
}

export async function loadWindow(reader: Reader, w: Window): Promise<WindowRows> {
  const fromTs = w.busyWithin?.from ?? startOfLocalDay(w.from, w.zone);
  const toTs = w.busyWithin?.to ?? startOfLocalDay(addDays(w.to, 1), w.zone);
  const window = { resources: JSON.stringify(w.resourceIds), startsAfter: fromTs - MAX_OCCUPANCY_MS, to: toTs, from: fromTs };
  const booked = { ...window, ignoreBooking: w.ignoreBookingId ?? null };
  const held = { ...window, now: w.now, ignore: w.ignoreHoldHash };
  const [calendars, bookedRows, heldRows, bookedSeats, heldSeats] = await Promise.all([
    loadCalendarRows(reader, w),
    occupancyIn(reader).all(booked),
    holdsIn(reader).all(held),
    w.sessions ? occupancySeatsIn(reader).all(booked) : [],
    w.sessions ? holdSeatsIn(reader).all(held) : [],
  ]);
  const busy = new Map(bookedRows.map((r) => [r.resourceId, JSON.parse(r.intervals) as Interval[]]));
  let nextHoldExpiry: number | null = null;
  for (const r of heldRows) {
    busy.set(r.resourceId, [...(busy.get(r.resourceId) ?? []), ...(JSON.parse(r.intervals) as Interval[])]);
    nextHoldExpiry = Math.min(nextHoldExpiry ?? Infinity, r.nextExpiry);
  }
  const seats = [
    ...unpack(bookedSeats).map(([owner, resourceId, serviceId, sessionTs]) => ({ owner, resourceId, serviceId, sessionTs })),
    ...unpack(heldSeats).map(([holdId, resourceId, serviceId, sessionTs]) => ({ owner: -holdId, resourceId, serviceId, sessionTs })),
  ];
  return { ...calendars, busy, seats, nextHoldExpiry };
}

/**
 * Rows of the window's resources that overlap it. The resources go in as ONE parameter (a JSON
 * array), so the occupancy and hold reads are prepared once for any number of them: building them
 * per call cost about as much as running them (issue 20). SQLite still walks the
 * (resource_id, start_ts) index once per resource. Placeholders: resources, startsAfter, to, from.
 */
export const overlapsWindow = (t: { resourceId: SQLiteColumn; startTs: SQLiteColumn; endTs: SQLiteColumn }) => [
  sql`${t.resourceId} IN (SELECT value FROM json_each(${sql.placeholder("resources")}))`,
  gt(t.startTs, sql.placeholder("startsAfter")),
  lt(t.startTs, sql.placeholder("to")),
  gt(t.endTs, sql.placeholder("from")),
];

/** Placeholder: ignoreBooking (a booking id, or null). */
const notIgnoredBooking = sql`(${sql.placeholder("ignoreBooking")} IS NULL OR ${occupancy.bookingId} <> ${sql.placeholder("ignoreBooking")})`;

/** Placeholders: now, and ignore (the token hash of the client's own hold, or null). */
const liveHold = [
  gt(holds.expiresAt, sql.placeholder("now")),
  sql`(${sql.placeholder("ignore")} IS NULL OR ${holds.tokenHash} <> ${sql.placeholder("ignore")})`,
];

/**
 * A resource's rows as ONE JSON cell of [start, end] pairs: the intervals the engine takes, built by
 * SQLite and read by JSON.parse, with no JavaScript per row (bench/availability.ts, 2,500 occupancy
 * rows: reading them as [booking, resource, start, end] rows and grouping them into intervals in
 * JavaScript made prepareAvailability 0.74-0.82 ms instead of 0.53-0.55).
 */
const intervalsOf = (t: { startTs: SQLiteColumn; endTs: SQLiteColumn }) => sql<string>`json_group_array(json_array(${t.startTs}, ${t.endTs}))`;

const occupancyIn = prepared((reader) =>
  reader
    .select({ resourceId: occupancy.resourceId, intervals: intervalsOf(occupancy) })
    .from(occupancy)
    .where(and(...overlapsWindow(occupancy), notIgnoredBooking))
    .groupBy(occupancy.resourceId),
);

const holdsIn = prepared((reader) =>
  reader
    .select({ resourceId: holdOccupancy.resourceId, intervals: intervalsOf(holdOccupancy), nextExpiry: sql<number>`min(${holds.expiresAt})` })
    .from(holdOccupancy)
    .innerJoin(holds, eq(holds.id, holdOccupancy.holdId))
    .where(and(...overlapsWindow(holdOccupancy), ...liveHold))
    .groupBy(holdOccupancy.resourceId),
);

// Seats: [owner id, resourceId, serviceId, sessionTs] of the same rows.
const occupancySeatsIn = prepared((reader) =>
  reader
    .select({ rows: packed(occupancy.bookingId, occupancy.resourceId, occupancy.serviceId, occupancy.sessionTs) })
    .from(occupancy)
    .where(and(...overlapsWindow(occupancy), notIgnoredBooking)),
);

const holdSeatsIn = prepared((reader) =>
  reader
    .select({ rows: packed(holds.id, holdOccupancy.resourceId, holdOccupancy.serviceId, holdOccupancy.sessionTs) })
    .from(holdOccupancy)
    .innerJoin(holds, eq(holds.id, holdOccupancy.holdId))
    .where(and(...overlapsWindow(holdOccupancy), ...liveHold)),
);

/**
 * Many rows as ONE JSON cell. @libsql/client converts every cell of a result on its own; SQLite
 * building one array and JSON.parse reading it is about 7× cheaper (bench/availability.ts: 2,500
 * occupancy rows, 4.2 ms as rows → 0.6 ms as one cell). Only for all-integer columns.
 */
const packed = (...columns: SQLiteColumn[]) => sql<string | null>`json_group_array(json_array(${sql.join(columns, sql`, `)}))`;

type Seat = [number, number, number, number];

function unpack(result: Array<{ rows: string | null }>): Seat[] {
  const cell = result[0]?.rows;
  return cell ? (JSON.parse(cell) as Seat[]) : [];
}
