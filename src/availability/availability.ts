/**
 * Availability of a visit, from the database: loads the catalogue, calendars and occupancy for the
 * query (through any Reader, so the booking write transaction can re-check inside itself) and runs
 * the pure engine.
 */
import { eq } from "drizzle-orm";
import { hashToken } from "../account/api-token.ts";
import { locations } from "../business/schema.ts";
import type { Reader } from "../db/database.ts";
import { AppError, validationError, type Problem } from "../error/app-error.ts";
import type { Clock } from "../time/clock.ts";
import { addDays, isValidLocalDate, localDateOf, localDay, startOfLocalDay, type LocalDate, type LocalDay } from "../time/zone.ts";
import { openIntervals, workingIntervals } from "./calendar.ts";
import type { Interval, IntervalSet } from "./intervals.ts";
import { findAvailability } from "./engine.ts";
import { withReasons } from "./reasons.ts";
import { loadCalendarRows, loadVisit, loadWindow, type CalendarRows, type SeatRow, type VisitRows, type WindowRows } from "./load.ts";
import type { AvailabilityInput, Calendar, DateException, DaySlots, GroupSession, Requirement, VisitService } from "./model.ts";

export interface AvailabilityQuery {
  serviceIds: number[];
  staffId: number | "any";
  from: LocalDate;
  days: number;
  /** The caller's own hold (plain token): its occupancy does not count as busy. */
  ignoreHoldToken?: string | null;
  /** A public caller: services the salon marked "not bookable online" are not found. */
  onlineOnly?: boolean;
  /** Staff's explicit, audited choices (never a client's): book outside working hours and over
   * breaks (`hours`), and over other bookings and holds too (`doubleBook`). */
  override?: Override;
  /** A visit being moved: its own occupancy does not stand in its way. */
  ignoreBookingId?: number;
  /** The branch; may be left out while the salon has one (load.ts: loadVisit). */
  locationId?: number | null;
  /** Only this start of the day `from` is asked about (the booking re-check): occupancy is read
   * over that day (the ranking of "any" weighs the day's load) and around the visit only. */
  at?: number;
}

export interface Override {
  hours: boolean;
  doubleBook: boolean;
  /** A walk-in, or a visit recorded after it happened: the minimum notice does not apply and the
   * start may lie up to PAST_LIMIT_DAYS back. Set by the admin for staff who act on every master. */
  past?: boolean;
}

/** How far back staff may record a visit; older history comes in through an import. */
export const PAST_LIMIT_DAYS = 31;

/** Open around the clock: the calendar an hours override books against. */
const ALWAYS_OPEN: Calendar = {
  weekly: ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, startMinutes: 0, endMinutes: 1440 })),
  exceptions: [],
  timeOff: [],
};
/** The grid an override places visits on: the admin's time field steps by 5 minutes. */
const OVERRIDE_STEP_MINUTES = 5;

/** The salon's rules, loosened only where staff explicitly chose to. */
function policyOf<P extends { slotStepMinutes: number; minNoticeMinutes: number }>(profile: P, override: Override | undefined): P {
  if (!override?.hours && !override?.past) return profile;
  const notice = override.past ? { minNoticeMinutes: -PAST_LIMIT_DAYS * 1440 } : {};
  return { ...profile, slotStepMinutes: OVERRIDE_STEP_MINUTES, ...notice };
}

export interface Availability {
  timezone: string;
  days: DaySlots[];
}

/** An answer with what tells when it goes stale (for the cache). */
export interface AvailabilitySnapshot extends Availability {
  /** The answer holds until this instant (a hold expires, or the local date — the horizon — moves)… */
  validUntil: number;
  /** …except that starts earlier than now + this notice drop out as time passes. */
  minNoticeMinutes: number;
}

export const MAX_DAYS = 62;
export const MAX_VISIT_SERVICES = 5;

export interface AvailabilityDeps {
  reader: Reader;
  clock: Clock;
}

/** `visit`: the query's catalogue rows when the caller has just read them (the booking re-check). */
export async function computeAvailability(deps: AvailabilityDeps, query: AvailabilityQuery, visit?: VisitRows): Promise<Availability> {
  const { timezone, days } = await availabilitySnapshot(deps, query, visit);
  return { timezone, days };
}

export async function availabilitySnapshot(deps: AvailabilityDeps, query: AvailabilityQuery, visit?: VisitRows): Promise<AvailabilitySnapshot> {
  const { input, ...staleness } = await prepareAvailability(deps, query, visit);
  return { timezone: input.zone, days: withReasons(input, findAvailability(input)), ...staleness };
}

/** The engine's input for a query, read from the database, with what tells when it goes stale. */
export async function prepareAvailability(
  deps: AvailabilityDeps,
  query: AvailabilityQuery,
  preloaded?: VisitRows,
): Promise<{ input: AvailabilityInput } & Omit<AvailabilitySnapshot, keyof Availability>> {
  checkQuery(query);
  const now = deps.clock.now();
  const visit = preloaded ?? (await loadVisit(deps.reader, query.serviceIds, query.staffId, query.locationId));
  const services = visitServices(visit, query);
  const { profile } = visit;
  const zone = profile.timezone;
  const staffIds = [...new Set(services.flatMap((s) => s.staffIds))].filter((id) => query.staffId === "any" || id === query.staffId);
  const roomIds = [...new Set(services.flatMap((s) => s.requirements.flatMap((r) => r.resourceIds)))];
  // The engine looks at the days around the window too (occupancy crosses midnight).
  const visitMinutes = services.reduce((sum, s) => sum + s.bufferBeforeMinutes + s.durationMinutes + s.bufferAfterMinutes, 0);
  const pad = 2 + Math.ceil(visitMinutes / 1440);
  const around = visitMinutes * 60_000;
  const rows = await loadWindow(deps.reader, {
    locationId: profile.locationId,
    zone,
    from: addDays(query.from, -pad),
    to: addDays(query.from, query.days - 1 + pad),
    resourceIds: [...staffIds, ...roomIds],
    now,
    ignoreHoldHash: query.ignoreHoldToken ? hashToken(query.ignoreHoldToken) : null,
    sessions: services.some((s) => s.capacity > 1),
    ...(query.ignoreBookingId === undefined ? {} : { ignoreBookingId: query.ignoreBookingId }),
    ...(query.at === undefined
      ? {}
      : { busyWithin: { from: Math.min(startOfLocalDay(query.from, zone), query.at - around), to: Math.max(startOfLocalDay(addDays(query.from, 1), zone), query.at + around) } }),
  });
  const built = new CalendarBuilder(zone, rows);
  const hoursOverride = query.override?.hours === true;
  const calendarOf = (id: number | null, followsLocation = false) => (hoursOverride ? ALWAYS_OPEN : built.of(id, followsLocation));
  const doubleBook = query.override?.doubleBook === true;
  const busyOf = (id: number): Interval[] => (doubleBook ? [] : (rows.busy.get(id) ?? []));
  const input: AvailabilityInput = {
    zone,
    fromDate: query.from,
    days: query.days,
    now,
    policy: policyOf(profile, query.override),
    services,
    staffChoice: query.staffId,
    location: calendarOf(null),
    staff: staffIds.map((id) => ({ id, calendar: calendarOf(id), busy: busyOf(id) })),
    resources: roomIds.map((id) => ({ id, calendar: calendarOf(id, true), busy: busyOf(id) })),
    sessions: doubleBook ? [] : groupSessions(services, new Set(staffIds), rows.seats),
  };
  const tomorrow = startOfLocalDay(addDays(localDateOf(now, zone), 1), zone);
  return {
    input,
    validUntil: Math.min(tomorrow, rows.nextHoldExpiry ?? Infinity),
    minNoticeMinutes: profile.minNoticeMinutes,
  };
}

/**
 * When each of these masters and resources works over local dates [from, to] in one branch (the
 * primary one when not named): the very calendars the engine books against (weekly hours with breaks,
 * exceptions, time off, within the location's hours), as instants. For the admin calendar's shading.
 */
export async function workingHours(
  reader: Reader,
  range: { from: LocalDate; to: LocalDate; resourceIds: number[]; /** rooms and equipment among them: they follow the location's hours when they have none */ roomIds?: number[]; locationId?: number | null },
): Promise<Map<number, IntervalSet>> {
  if (range.resourceIds.length === 0) return new Map();
  const here = range.locationId ? eq(locations.id, range.locationId) : eq(locations.isPrimary, true);
  const [location] = await reader.select({ id: locations.id, zone: locations.timezone }).from(locations).where(here);
  if (!location) throw new Error("tenant database has no such location");
  const rows = await loadCalendarRows(reader, { ...range, locationId: location.id, zone: location.zone });
  const calendars = new CalendarBuilder(location.zone, rows);
  const days: LocalDay[] = [];
  for (let date = range.from; date <= range.to; date = addDays(date, 1)) days.push(localDay(date, location.zone));
  const locationOpen = openIntervals(calendars.of(null), days);
  const rooms = new Set(range.roomIds ?? []);
  return new Map(range.resourceIds.map((id) => [id, workingIntervals(locationOpen, calendars.of(id, rooms.has(id)), days)]));
}

function checkQuery(query: AvailabilityQuery): void {
  const problems: Problem[] = [];
  const { serviceIds } = query;
  if (serviceIds.length === 0 || serviceIds.length > MAX_VISIT_SERVICES || !serviceIds.every((id) => Number.isSafeInteger(id) && id > 0)) {
    problems.push({ field: "services", key: "availability.services_invalid", params: { max: MAX_VISIT_SERVICES } });
  }
  if (!isValidLocalDate(query.from)) problems.push({ field: "date", key: "availability.date_invalid" });
  if (!Number.isInteger(query.days) || query.days < 1 || query.days > MAX_DAYS) {
    problems.push({ field: "days", key: "availability.days_invalid", params: { max: MAX_DAYS } });
  }
  if (problems.length > 0) throw validationError(problems);
}

/** The visit's services in the asked order; an unknown or inactive service or master is a 404 (so is an offline-only service for a public caller). */
function visitServices(visit: VisitRows, query: AvailabilityQuery): VisitService[] {
  if (visit.chosen === null) {
    throw new AppError("NOT_FOUND", [{ field: "staff_id", key: "staff.not_found", params: { id: String(query.staffId) } }]);
  }
  if (visit.chosen?.worksHere === false) throw validationError([{ field: "staff_id", key: "location.staff_not_here", params: { id: visit.chosen.id } }]);
  const byId = new Map(visit.services.map((s) => [s.id, s]));
  const staffOf = Map.groupBy(visit.qualified, (q) => q.serviceId);
  const requirementsOf = Map.groupBy(visit.requirements, (r) => r.serviceId);
  return query.serviceIds.map((id) => {
    const row = byId.get(id);
    if (!row || (query.onlineOnly && !row.bookableOnline)) throw new AppError("NOT_FOUND", [{ field: "service_id", key: "service.not_found", params: { id } }]);
    const sets = Map.groupBy(requirementsOf.get(id) ?? [], (r) => r.requirementId);
    // A set whose resources are all inactive stays, empty: the service cannot be booked until one is back.
    const requirements: Requirement[] = [...sets.values()].map((rs) => ({
      resourceIds: rs.flatMap((r) => (r.resourceId === null ? [] : [r.resourceId])),
    }));
    return {
      id,
      durationMinutes: row.durationMinutes,
      bufferBeforeMinutes: row.bufferBeforeMinutes,
      bufferAfterMinutes: row.bufferAfterMinutes,
      capacity: row.capacity,
      staffIds: (staffOf.get(id) ?? []).map((q) => q.staffId),
      requirements,
      ...(row.staffRequired ? {} : { roomsOnly: true }),
    };
  });
}

/**
 * Calendars from schedule and exception rows. A `closed` exception with start..end closes only that
 * range (time off that day); without times it closes the day; `open_custom` replaces the day's hours.
 */
export class CalendarBuilder {
  private readonly schedules: Map<number | null, WindowRows["schedules"]>;
  private readonly exceptions: Map<number | null, WindowRows["exceptions"]>;
  private readonly timeOff: Map<number, WindowRows["timeOff"]>;
  private readonly days = new Map<LocalDate, LocalDay>();

  constructor(
    private readonly zone: string,
    rows: CalendarRows,
  ) {
    this.schedules = Map.groupBy(rows.schedules, (r) => r.resourceId);
    this.exceptions = Map.groupBy(rows.exceptions, (r) => r.resourceId);
    this.timeOff = Map.groupBy(rows.timeOff, (r) => r.resourceId);
  }

  /**
   * The calendar of a resource, or of the location for null. A room or equipment without weekly hours
   * of its own (`followsLocation`) keeps the location's: it is there whenever the salon is open.
   */
  of(resourceId: number | null, followsLocation = false): Calendar {
    const own = this.schedules.get(resourceId);
    const rows = own === undefined && followsLocation ? this.schedules.get(null) : own;
    const weekly = (rows ?? []).map((r) => ({
      weekday: r.weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7,
      startMinutes: r.startMinutes,
      endMinutes: r.endMinutes,
      ...(r.validFrom ? { validFrom: r.validFrom } : {}),
      ...(r.validTo ? { validTo: r.validTo } : {}),
    }));
    const exceptions: DateException[] = [];
    const timeOff: Interval[] = resourceId === null ? [] : (this.timeOff.get(resourceId) ?? []).map((t) => [t.startTs, t.endTs]);
    for (const e of this.exceptions.get(resourceId) ?? []) {
      const range = e.startMinutes === null || e.endMinutes === null ? null : { startMinutes: e.startMinutes, endMinutes: e.endMinutes };
      if (e.type === "closed" && range === null) exceptions.push({ date: e.date, kind: "closed" });
      else if (e.type === "closed" && range) {
        const day = this.day(e.date);
        timeOff.push([day.instantAt(range.startMinutes, "compatible"), day.instantAt(range.endMinutes, "compatible")]);
      } else if (range) exceptions.push({ date: e.date, kind: "custom_hours", ranges: [range] });
    }
    return { weekly, exceptions, timeOff };
  }

  private day(date: LocalDate): LocalDay {
    let day = this.days.get(date);
    if (!day) this.days.set(date, (day = localDay(date, this.zone)));
    return day;
  }
}

/**
 * Existing sessions of the visit's group services: the occupancy rows of one service on one master
 * at one session start, one seat per booking or hold; the session's rooms are the other resources
 * those same bookings occupy for that service.
 */
function groupSessions(services: VisitService[], staff: Set<number>, seats: SeatRow[]): GroupSession[] {
  const group = new Set(services.filter((s) => s.capacity > 1).map((s) => s.id));
  if (group.size === 0) return [];
  const rows = seats.filter((b) => group.has(b.serviceId));
  const sessions = new Map<string, { session: GroupSession; owners: Set<number> }>();
  for (const row of rows) {
    if (!staff.has(row.resourceId)) continue;
    const key = `${row.serviceId}:${row.resourceId}:${row.sessionTs}`;
    const entry = sessions.get(key) ?? {
      session: { serviceId: row.serviceId, staffId: row.resourceId, start: row.sessionTs, seatsTaken: 0, resourceIds: [] },
      owners: new Set<number>(),
    };
    entry.owners.add(row.owner);
    entry.session.seatsTaken = entry.owners.size;
    sessions.set(key, entry);
  }
  for (const { session, owners } of sessions.values()) {
    const rooms = rows.filter((r) => owners.has(r.owner) && r.serviceId === session.serviceId && r.sessionTs === session.start && !staff.has(r.resourceId));
    session.resourceIds = [...new Set(rooms.map((r) => r.resourceId))];
  }
  return [...sessions.values()].map((e) => e.session);
}
