/**
 * Input and output of the availability engine. Plain data only: the queries that feed it turn rows
 * into these shapes, and the engine never touches a database or a clock.
 *
 * Units: instants are epoch ms (UTC); durations and wall times are whole minutes; local dates are
 * "YYYY-MM-DD" in the location's zone. Intervals are half-open [start, end).
 */
import type { LocalDate, Weekday } from "../time/zone.ts";
import type { Interval } from "./intervals.ts";

export type StaffId = number;
export type ResourceId = number;
export type ServiceId = number;

/** Opening hours for one weekday, in local wall minutes [startMinutes, endMinutes), 0..1440. */
export interface WeeklyRange {
  weekday: Weekday;
  startMinutes: number;
  endMinutes: number;
  /** First local date the range applies (inclusive); open-ended when absent. */
  validFrom?: LocalDate;
  /** Last local date the range applies (inclusive); open-ended when absent. */
  validTo?: LocalDate;
}

export interface MinuteRange {
  startMinutes: number;
  endMinutes: number;
}

/** "closed": no hours that date. "custom_hours": `ranges` replace the weekly hours that date.
 * Several exceptions on one date: any "closed" wins, otherwise their ranges add up. */
export interface DateException {
  date: LocalDate;
  kind: "closed" | "custom_hours";
  ranges?: MinuteRange[];
}

/** When someone or something is open: weekly hours (several ranges a day; gaps are breaks),
 * per-date exceptions, and time off as instants (vacation, sick days). */
export interface Calendar {
  weekly: WeeklyRange[];
  exceptions: DateException[];
  timeOff: Interval[];
}

/**
 * `busy`: occupancy already taken — bookings expanded with their buffers, live holds, and the
 * occupancy of group sessions (a session's seats are given separately in `AvailabilityInput.sessions`).
 */
export interface StaffMember {
  id: StaffId;
  calendar: Calendar;
  busy: Interval[];
}

export interface Resource {
  id: ResourceId;
  calendar: Calendar;
  busy: Interval[];
}

/** The service needs ONE resource out of `resourceIds` (e.g. one of two chairs). */
export interface Requirement {
  resourceIds: ResourceId[];
}

export interface VisitService {
  id: ServiceId;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  /** Seats per session; 1 = an individual service, > 1 = a group service. */
  capacity: number;
  /** Qualified masters. */
  staffIds: StaffId[];
  requirements: Requirement[];
  /** Needs only its rooms/equipment and no master (a meeting room with a projector). */
  roomsOnly?: boolean;
}

/** An existing session of a group service: joinable while seatsTaken < the service's capacity. */
export interface GroupSession {
  serviceId: ServiceId;
  staffId: StaffId;
  start: number;
  seatsTaken: number;
  /** Resources the session holds; a new seat shares them. */
  resourceIds: ResourceId[];
}

export interface BookingPolicy {
  slotStepMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
}

export interface AvailabilityInput {
  /** IANA zone of the location. */
  zone: string;
  fromDate: LocalDate;
  days: number;
  now: number;
  policy: BookingPolicy;
  /** The visit: 1+ services run back to back, in this order. */
  services: VisitService[];
  staffChoice: StaffId | "any";
  location: Calendar;
  /** All staff that may appear; this order is the tie-break order of "any". */
  staff: StaffMember[];
  resources: Resource[];
  sessions: GroupSession[];
}

/** One service of a visit given to one master, at [start, end) without buffers. */
export interface Assignment {
  serviceId: ServiceId;
  start: number;
  end: number;
  /** Null for a service that needs no master (`roomsOnly`). */
  staffId: StaffId | null;
  /** One resource per requirement, in requirement order. */
  resourceIds: ResourceId[];
}

export interface Slot {
  /** Start of the first service / end of the last one, without buffers. */
  start: number;
  end: number;
  /** Present when the visit includes a group service: seats still free in its session before this
   * booking (a new session: the capacity); with several group services, the fewest. */
  seatsLeft?: number;
  /** Who does what if the client books this slot (the engine's pick among the possibilities). */
  assignment: Assignment[];
  /** Every master who could take the whole visit alone at this start. */
  staffIds: StaffId[];
}

/** Why a day offers nothing (availability/reasons.ts). */
export type DayReason = "past" | "beyond_horizon" | "closed" | "not_working" | "fully_booked";

export interface DaySlots {
  date: LocalDate;
  slots: Slot[];
  /** Only on a day without slots. */
  reason?: DayReason;
}
