/**
 * The availability engine: which starts can a visit be booked at, and with whom.
 *
 * A pure pipeline over plain numbers (no database, no clock, no I/O):
 *   1. window     — the local days asked for, the earliest start (notice) and the horizon;
 *   2. shape      — where each service of the visit and its occupancy sit relative to the start;
 *   3. calendars  — open and free time of the location, each master and each resource;
 *   4. candidates — wall-clock starts on the slot grid, kept if the location is open for the visit;
 *   5. assignment — per candidate, who and which resources could take it, and the engine's pick.
 */
import { addDays, instantToLocalMinutes, isValidLocalDate, isValidZone, localDateOf, localDays, startOfLocalDay, type LocalDay } from "../time/zone.ts";
import { openIntervals, workingIntervals } from "./calendar.ts";
import { covers, fit, measureWithin, normalize, subtract, type IntervalSet } from "./intervals.ts";
import type {
  Assignment,
  AvailabilityInput,
  DaySlots,
  GroupSession,
  Resource,
  ResourceId,
  Slot,
  StaffId,
  StaffMember,
  VisitService,
} from "./model.ts";

const MINUTE_MS = 60_000;
const DAY_MS = 1440 * MINUTE_MS;

export function findAvailability(input: AvailabilityInput): DaySlots[] {
  const plan = planOf(input);
  return plan.window.days.map((day) => ({
    date: day.date,
    slots: slotsOn(plan, day, candidateStarts(day, input.policy.slotStepMinutes, plan.window)),
  }));
}

/**
 * The slot findAvailability offers at exactly `start` over its local date, or null — without
 * trying the day's other starts: the booking re-check asks about one.
 */
export function findSlotAt(input: AvailabilityInput, start: number): Slot | null {
  const plan = planOf({ ...input, fromDate: localDateOf(start, input.zone), days: 1 });
  const day = plan.window.days[0]!;
  const minutes = instantToLocalMinutes(start, input.zone);
  // One of candidateStarts(day): on the grid, not a wall time the clock skipped or the later of
  // one it showed twice, within notice and horizon.
  const candidate =
    minutes % input.policy.slotStepMinutes === 0 &&
    day.instantAt(minutes, "reject") === start &&
    start >= plan.window.earliest &&
    start < plan.window.horizonEnd;
  return candidate ? (slotsOn(plan, day, [start])[0] ?? null) : null;
}

/** What every start of the window is checked against: steps 1–3. */
interface Plan {
  window: BookingWindow;
  visit: VisitShape;
  locationOpen: IntervalSet;
  places: Places;
  masters: Place[];
  anyMaster: boolean;
}

function planOf(input: AvailabilityInput): Plan {
  assertValid(input);
  const visit = visitShape(input.services);
  // Occupancy reaches `lead` before the first start and up to `lead + length` after it, so the
  // calendars must also cover the days around the window.
  const padDays = 1 + Math.ceil(visit.length / DAY_MS);
  const calendarDays = localDays(addDays(input.fromDate, -padDays), input.days + 2 * padDays, input.zone);
  const window = bookingWindow(input, calendarDays.slice(padDays, padDays + input.days));
  const locationOpen = openIntervals(input.location, calendarDays);
  const places: Places = {
    staff: new Map(input.staff.map((m, order) => [m.id, place(m, order, locationOpen, calendarDays)])),
    resources: new Map(input.resources.map((r, order) => [r.id, place(r, order, locationOpen, calendarDays)])),
    sessions: new Map(input.sessions.map((s) => [sessionKey(s.serviceId, s.staffId, s.start), s])),
  };
  return { window, visit, locationOpen, places, masters: mastersFor(input, places), anyMaster: input.staffChoice === "any" };
}

/** Steps 4–5 for some of a day's candidate starts. */
function slotsOn(plan: Plan, day: LocalDay, candidates: number[]): Slot[] {
  const { visit, masters, places } = plan;
  const starts = fit(plan.locationOpen, candidates, visit.lead, visit.length);
  const rank = rankOfMastersOn(day, masters);
  const openers = openersAt(starts, visit.segments[0]!, masters);
  const slots: Slot[] = [];
  for (let i = 0; i < starts.length; i++) {
    const slot = slotAt(starts[i]!, visit, masters, openers[i]!, rank, plan.anyMaster, places);
    if (slot) slots.push(slot);
  }
  return slots;
}

/**
 * Per start, the masters (in `masters` order) who could begin the visit there: free for its first
 * service, or running a session of it to join. Only they can take the whole visit, so slotAt tries
 * no one else for it — on a busy day most masters are busy at most starts, and one sweep of each
 * master's free time over the day's starts (`fit`) costs less than asking at every start.
 */
function openersAt(starts: number[], first: Segment, masters: Place[]): Place[][] {
  const { service } = first;
  // whoever performs a rooms-only service, and a busy master may still have a session to join: ask each
  if (service.roomsOnly || service.capacity > 1) return starts.map(() => masters);
  const openers = starts.map((): Place[] => []);
  for (const master of masters) {
    if (!service.staffIds.includes(master.id)) continue;
    const free = fit(master.free, starts, -first.occupiedFrom, first.occupiedTo - first.occupiedFrom);
    let i = 0;
    for (const start of free) {
      while (starts[i] !== start) i++; // `free` is a subsequence of `starts`
      openers[i]!.push(master);
    }
  }
  return openers;
}

function assertValid(input: AvailabilityInput): void {
  const { policy } = input;
  const problems = [
    isValidZone(input.zone) || `unknown time zone ${input.zone}`,
    isValidLocalDate(input.fromDate) || `fromDate is not YYYY-MM-DD: ${input.fromDate}`,
    (Number.isInteger(input.days) && input.days >= 0) || "days must be a whole number ≥ 0",
    (Number.isInteger(policy.slotStepMinutes) && policy.slotStepMinutes > 0) || "slotStepMinutes must be ≥ 1",
    input.services.length > 0 || "a visit needs at least one service",
    input.services.every((s) => s.durationMinutes > 0 && s.capacity >= 1) || "services need duration ≥ 1 and capacity ≥ 1",
  ].filter((p): p is string => p !== true);
  if (problems.length > 0) throw new RangeError(problems.join("; "));
}

// ── 1. window ───────────────────────────────────────────────────────────────────────────────────

interface BookingWindow {
  days: LocalDay[];
  /** Minimum notice: a start must be ≥ now + minNoticeMinutes. */
  earliest: number;
  /**
   * Horizon: a start must be < the first instant of local date (today + horizonDays), "today" being
   * the location's local date at `now`. horizonDays = 1 → only today; 0 → nothing.
   */
  horizonEnd: number;
}

/** `days`: the local days asked for, resolved. */
function bookingWindow(input: AvailabilityInput, days: LocalDay[]): BookingWindow {
  return {
    days,
    earliest: input.now + input.policy.minNoticeMinutes * MINUTE_MS,
    horizonEnd: horizonEnd(input),
  };
}

/** The first instant beyond the horizon: local midnight starting date (today + horizonDays). */
export function horizonEnd(input: Pick<AvailabilityInput, "now" | "zone" | "policy">): number {
  return startOfLocalDay(addDays(localDateOf(input.now, input.zone), input.policy.horizonDays), input.zone);
}

// ── 2. shape ────────────────────────────────────────────────────────────────────────────────────

interface Segment {
  service: VisitService;
  /** Service start/end relative to the visit start (ms). */
  from: number;
  to: number;
  /** Occupancy on the segment's master and resources, relative to the visit start (ms). */
  occupiedFrom: number;
  occupiedTo: number;
}

interface VisitShape {
  segments: Segment[];
  /** buffer_before of the first service (ms). */
  lead: number;
  /** Whole occupancy: lead + every duration + buffer_after of the last service (ms). */
  length: number;
  /** Every service needs only rooms: no master at all. */
  roomsOnly: boolean;
}

/**
 * Services run back to back: service i+1 starts when service i ends. Only the first service's
 * buffer_before and the last one's buffer_after apply — the visit is one stay in the chair. Each
 * service occupies its own master and resources; consecutive occupancies touch but never overlap,
 * so the choices for one service never constrain another's.
 */
function visitShape(services: readonly VisitService[]): VisitShape {
  const last = services.length - 1;
  const lead = services[0]!.bufferBeforeMinutes * MINUTE_MS;
  let from = 0;
  const segments = services.map((service, i) => {
    const to = from + service.durationMinutes * MINUTE_MS;
    const segment = {
      service,
      from,
      to,
      occupiedFrom: i === 0 ? -lead : from,
      occupiedTo: i === last ? to + service.bufferAfterMinutes * MINUTE_MS : to,
    };
    from = to;
    return segment;
  });
  return { segments, lead, length: segments[last]!.occupiedTo + lead, roomsOnly: services.every((s) => s.roomsOnly) };
}

// ── 3. calendars ────────────────────────────────────────────────────────────────────────────────

/** A master or resource resolved for the window. */
interface Place {
  id: number;
  /** Position in the input list: the last tie-break of "any". */
  order: number;
  /** Own hours ∩ location hours, minus time off. */
  open: IntervalSet;
  /** `open` minus existing occupancy. */
  free: IntervalSet;
  busy: IntervalSet;
}

interface Places {
  staff: Map<StaffId, Place>;
  resources: Map<ResourceId, Place>;
  sessions: Map<string, GroupSession>;
}

/** Location hours apply to everyone: a master or a room is open only while the location is. */
function place(owner: StaffMember | Resource, order: number, locationOpen: IntervalSet, days: LocalDay[]): Place {
  const open = workingIntervals(locationOpen, owner.calendar, days);
  const busy = normalize(owner.busy);
  return { id: owner.id, order, open, free: subtract(open, busy), busy };
}

function sessionKey(serviceId: number, staffId: StaffId, start: number): string {
  return `${serviceId}:${staffId}:${start}`;
}

/**
 * The masters a visit may use. A chosen master must be qualified for every service and then does
 * all of them; "any" may use every master qualified for at least one service.
 */
function mastersFor(input: AvailabilityInput, places: Places): Place[] {
  const qualifiedForSome = (p: Place) => input.services.some((s) => s.staffIds.includes(p.id));
  const all = [...places.staff.values()].filter(qualifiedForSome);
  if (input.staffChoice === "any") return all;
  const chosen = places.staff.get(input.staffChoice);
  return chosen && input.services.every((s) => s.roomsOnly || s.staffIds.includes(chosen.id)) ? [chosen] : [];
}

// ── 4. candidates ───────────────────────────────────────────────────────────────────────────────

/**
 * Starts are local wall times on the slot grid counted from local midnight (00:00, 00:15, …),
 * walked in local time: a wall time the clock skips (DST gap) is no start at all, a wall time it
 * shows twice gives one start at its earlier instant. Then notice and horizon cut the list.
 */
function candidateStarts(day: LocalDay, stepMinutes: number, window: BookingWindow): number[] {
  const starts: number[] = [];
  for (let minutes = 0; minutes < 1440; minutes += stepMinutes) {
    const start = day.instantAt(minutes, "reject");
    if (start !== null && start >= window.earliest && start < window.horizonEnd) starts.push(start);
  }
  return starts;
}

// ── 5. assignment ───────────────────────────────────────────────────────────────────────────────

/** What one master can do for one service at one start. */
interface Option {
  resourceIds: ResourceId[];
  /** Seats still free in the session (capacity for a new one); only for group services. */
  seatsLeft?: number;
  /** Takes a seat in an existing session rather than opening a new one. */
  joins: boolean;
}

/**
 * "Any" picks masters by: joining an existing group session first (a seat costs no new master
 * time), then the fewest busy minutes on that local day (spreads the load), then staff-list order.
 */
function rankOfMastersOn(day: LocalDay, masters: Place[]): Map<StaffId, number> {
  const load = new Map(masters.map((m) => [m.id, measureWithin(m.busy, day.start, day.end)]));
  const ordered = [...masters].sort((a, b) => load.get(a.id)! - load.get(b.id)! || a.order - b.order);
  return new Map(ordered.map((m, i) => [m.id, i]));
}

function slotAt(
  start: number,
  visit: VisitShape,
  masters: Place[],
  openers: Place[],
  rank: Map<StaffId, number>,
  anyMaster: boolean,
  places: Places,
): Slot | null {
  // Only "any" may split a visit of several services among masters; otherwise nobody free to begin
  // it here means no slot, whatever the rooms.
  const splits = anyMaster && visit.segments.length > 1;
  if (!visit.roomsOnly && openers.length === 0 && !splits) return null;
  // The rooms a service can have at this start do not depend on who performs it: picked once per
  // service here, not once per master (10 masters: 10 searches of the same rooms per start).
  const rooms = visit.segments.map((seg) => pickResources(seg.service.requirements, start + seg.occupiedFrom, start + seg.occupiedTo, places.resources));
  if (visit.roomsOnly) {
    // No master at all: the rooms alone decide.
    const options = visit.segments.map((seg, i) => optionFor(seg, start, null, rooms[i]!, places));
    return options.every((o): o is Option => o !== null) ? slot(start, visit, options.map((option) => ({ master: null, option })), []) : null;
  }

  // A whole visit with one master: the only way with a chosen master, and preferred under "any".
  const staffIds: StaffId[] = [];
  let pick: Choice | null = null;
  for (const master of openers) {
    const options = wholeVisitOptions(start, visit, master, rooms, places);
    if (options === null) continue;
    staffIds.push(master.id);
    const choice = { master, options, joins: options.some((o) => o.joins) };
    if (pick === null || (anyMaster && before(choice, pick, rank) < 0)) pick = choice;
  }
  if (pick !== null) return slot(start, visit, pick.options.map((o) => ({ master: pick.master, option: o })), staffIds);
  if (!splits) return null;

  // Under "any", split the visit: each service keeps the previous service's master when it can,
  // otherwise goes to a master whose session it can join, otherwise to the best-ranked master.
  const byRank = [...masters].sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
  const parts: Part[] = [];
  for (const [i, seg] of visit.segments.entries()) {
    const previous = parts[parts.length - 1]?.master;
    const choices = byRank
      .map((master) => ({ master, option: optionFor(seg, start, master, rooms[i]!, places) }))
      .filter((c): c is { master: Place; option: Option } => c.option !== null);
    const pick = choices.find((c) => c.master === previous) ?? choices.find((c) => c.option.joins) ?? choices[0];
    if (!pick) return null;
    parts.push(pick);
  }
  return slot(start, visit, parts, staffIds);
}

/** Under "any": a choice that joins an existing session first, then the better-ranked master. */
function before(a: Choice, b: Choice, rank: Map<StaffId, number>): number {
  return Number(b.joins) - Number(a.joins) || rank.get(a.master.id)! - rank.get(b.master.id)!;
}

/** The options of every service of the visit with `master`, or null at the first it cannot do. */
function wholeVisitOptions(start: number, visit: VisitShape, master: Place, rooms: Array<ResourceId[] | null>, places: Places): Option[] | null {
  const options: Option[] = [];
  for (let i = 0; i < visit.segments.length; i++) {
    const option = optionFor(visit.segments[i]!, start, master, rooms[i]!, places);
    if (option === null) return null;
    options.push(option);
  }
  return options;
}

interface Choice {
  master: Place;
  options: Option[];
  joins: boolean;
}

interface Part {
  /** Null only in a visit of rooms-only services. */
  master: Place | null;
  option: Option;
}

function slot(start: number, visit: VisitShape, parts: Part[], staffIds: StaffId[]): Slot {
  const assignment: Assignment[] = parts.map(({ master, option }, i) => {
    const seg = visit.segments[i]!;
    const staffId = seg.service.roomsOnly || master === null ? null : master.id;
    return { serviceId: seg.service.id, start: start + seg.from, end: start + seg.to, staffId, resourceIds: option.resourceIds };
  });
  const seats = parts.flatMap((p) => (p.option.seatsLeft === undefined ? [] : [p.option.seatsLeft]));
  const end = assignment[assignment.length - 1]!.end;
  return seats.length > 0
    ? { start, end, seatsLeft: Math.min(...seats), assignment, staffIds }
    : { start, end, assignment, staffIds };
}

/**
 * Can `master` do this service of the visit starting at `start`? The occupancy
 * [start − buffer_before, end + buffer_after) must lie in the master's and every resource's open
 * hours and be free of existing occupancy.
 *
 * Group services (capacity > 1): if the master already runs a session of this service at this
 * exact start, the client takes a seat in it — possible while seats are left, never when it is
 * full. The session already holds its master and rooms, so only their open hours are checked
 * (time off taken since still cancels it). Otherwise a new session opens like any booking, which
 * keeps a session from ever overlapping the master's other bookings.
 *
 * `rooms`: what pickResources gives the service at this start (null: its rooms are taken).
 */
function optionFor(seg: Segment, start: number, master: Place | null, rooms: ResourceId[] | null, places: Places): Option | null {
  const { service } = seg;
  const from = start + seg.occupiedFrom;
  const to = start + seg.occupiedTo;
  if (service.roomsOnly) {
    // whoever runs the rest of the visit, this service only needs its rooms
    return rooms ? { resourceIds: rooms, joins: false } : null;
  }
  if (master === null || !service.staffIds.includes(master.id)) return null;
  if (service.capacity > 1) {
    const session = places.sessions.get(sessionKey(service.id, master.id, start + seg.from));
    if (session) {
      const openFor = (p: Place | undefined) => p !== undefined && covers(p.open, from, to);
      const usable =
        session.seatsTaken < service.capacity &&
        openFor(master) &&
        session.resourceIds.every((id) => openFor(places.resources.get(id)));
      return usable
        ? { resourceIds: session.resourceIds, seatsLeft: service.capacity - session.seatsTaken, joins: true }
        : null;
    }
  }
  if (!covers(master.free, from, to) || !rooms) return null;
  return service.capacity > 1
    ? { resourceIds: rooms, seatsLeft: service.capacity, joins: false }
    : { resourceIds: rooms, joins: false };
}

/**
 * One distinct free resource per requirement, trying each set in its listed order. Sets may share
 * resources (e.g. "any chair" and "chair 2"), so this backtracks instead of taking the first fit.
 */
function pickResources(
  requirements: VisitService["requirements"],
  from: number,
  to: number,
  resources: Map<ResourceId, Place>,
): ResourceId[] | null {
  const picked: ResourceId[] = [];
  const search = (i: number): boolean => {
    const requirement = requirements[i];
    if (!requirement) return true;
    for (const id of requirement.resourceIds) {
      const resource = resources.get(id);
      if (picked.includes(id) || !resource || !covers(resource.free, from, to)) continue;
      picked.push(id);
      if (search(i + 1)) return true;
      picked.pop();
    }
    return false;
  };
  return search(0) ? picked : null;
}
