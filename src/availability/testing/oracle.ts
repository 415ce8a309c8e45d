/**
 * The brute-force oracle the engine's property tests compare against. It shares no code with the
 * engine: it turns every calendar into a set of open epoch minutes, walks the slot grid with
 * Temporal directly, and checks every rule minute by minute for every master and resource choice.
 */
import { expect } from "bun:test";
import type { Assignment, AvailabilityInput, Calendar, DaySlots, GroupSession, VisitService } from "../model.ts";

export const MIN = 60_000;
type Minutes = Set<number>; // epoch minutes

// ── the oracle ──────────────────────────────────────────────────────────────────────────────────

const wallInstant = (date: string, minutes: number, zone: string, disambiguation: "compatible" | "reject") =>
  Temporal.PlainDate.from(date).toPlainDateTime().add({ minutes }).toZonedDateTime(zone, { disambiguation }).epochMilliseconds;

export const dateOffset = (date: string, days: number) => Temporal.PlainDate.from(date).add({ days }).toString();

function openMinutes(calendar: Calendar, dates: string[], zone: string): Minutes {
  const open: Minutes = new Set();
  for (const date of dates) {
    const exceptions = calendar.exceptions.filter((e) => e.date === date);
    const weekday = Temporal.PlainDate.from(date).dayOfWeek;
    const ranges = exceptions.length > 0
      ? exceptions.some((e) => e.kind === "closed") ? [] : exceptions.flatMap((e) => e.ranges ?? [])
      : calendar.weekly.filter((r) => r.weekday === weekday && (!r.validFrom || r.validFrom <= date) && (!r.validTo || date <= r.validTo));
    for (const r of ranges) {
      const from = wallInstant(date, r.startMinutes, zone, "compatible") / MIN;
      const to = wallInstant(date, r.endMinutes, zone, "compatible") / MIN;
      for (let m = from; m < to; m++) open.add(m);
    }
  }
  for (const [s, e] of calendar.timeOff) for (let m = s / MIN; m < e / MIN; m++) open.delete(m);
  return open;
}

function minutesOf(intervals: ReadonlyArray<readonly [number, number]>): Minutes {
  const out: Minutes = new Set();
  for (const [s, e] of intervals) for (let m = s / MIN; m < e / MIN; m++) out.add(m);
  return out;
}

function oracle(input: AvailabilityInput) {
  const { zone } = input;
  const dates = Array.from({ length: input.days + 6 }, (_, i) => dateOffset(input.fromDate, i - 3));
  const location = openMinutes(input.location, dates, zone);
  const world = (c: Calendar, busy: ReadonlyArray<readonly [number, number]>) => ({
    open: new Set([...openMinutes(c, dates, zone)].filter((m) => location.has(m))),
    busy: minutesOf(busy),
  });
  const staff = new Map(input.staff.map((m) => [m.id, world(m.calendar, m.busy)]));
  const resources = new Map(input.resources.map((r) => [r.id, world(r.calendar, r.busy)]));
  const every = (from: number, to: number, ok: (m: number) => boolean) => {
    for (let m = from / MIN; m < to / MIN; m++) if (!ok(m)) return false;
    return true;
  };
  const openFor = (w: { open: Minutes } | undefined, from: number, to: number) => !!w && every(from, to, (m) => w.open.has(m));
  const freeFor = (w: { open: Minutes; busy: Minutes } | undefined, from: number, to: number) =>
    !!w && every(from, to, (m) => w.open.has(m) && !w.busy.has(m));

  const last = input.services.length - 1;
  const segments = (start: number) => {
    let t = start;
    return input.services.map((service, i) => {
      const begin = t;
      t += service.durationMinutes * MIN;
      const from = i === 0 ? begin - service.bufferBeforeMinutes * MIN : begin;
      const to = i === last ? t + service.bufferAfterMinutes * MIN : t;
      return { service, begin, end: t, from, to };
    });
  };
  const sessionAt = (service: VisitService, staffId: number, start: number): GroupSession | undefined =>
    input.sessions.find((s) => s.serviceId === service.id && s.staffId === staffId && s.start === start);

  /** Can `staffId` do the segment (optionally with these exact resources)? → seats left (Infinity if individual) and whether it joins. */
  type Seg = ReturnType<typeof segments>[number];
  const feasible = (seg: Seg, staffId: number, resourceIds?: number[]): { seats: number; joins: boolean } | null => {
    if (!seg.service.staffIds.includes(staffId)) return null;
    const session = seg.service.capacity > 1 ? sessionAt(seg.service, staffId, seg.begin) : undefined;
    if (session) {
      const ok =
        session.seatsTaken < seg.service.capacity &&
        openFor(staff.get(staffId), seg.from, seg.to) &&
        session.resourceIds.every((id) => openFor(resources.get(id), seg.from, seg.to)) &&
        (resourceIds === undefined || resourceIds.join() === session.resourceIds.join());
      return ok ? { seats: seg.service.capacity - session.seatsTaken, joins: true } : null;
    }
    if (!freeFor(staff.get(staffId), seg.from, seg.to)) return null;
    const combos = seg.service.requirements.reduce<number[][]>(
      (acc, req) => acc.flatMap((combo) => req.resourceIds.map((id) => [...combo, id])),
      [[]],
    );
    const fits = combos.some(
      (combo) =>
        new Set(combo).size === combo.length &&
        (resourceIds === undefined || combo.join() === resourceIds.join()) &&
        combo.every((id) => freeFor(resources.get(id), seg.from, seg.to)),
    );
    return fits ? { seats: seg.service.capacity > 1 ? seg.service.capacity : Infinity, joins: false } : null;
  };

  const today = Temporal.Instant.fromEpochMilliseconds(input.now).toZonedDateTimeISO(zone).toPlainDate();
  const horizonEnd = today.add({ days: input.policy.horizonDays }).toZonedDateTime(zone).epochMilliseconds;
  const earliest = input.now + input.policy.minNoticeMinutes * MIN;

  const days = Array.from({ length: input.days }, (_, d) => {
    const date = dateOffset(input.fromDate, d);
    const dayStart = Temporal.PlainDate.from(date).toZonedDateTime(zone).epochMilliseconds;
    const dayEnd = Temporal.PlainDate.from(date).add({ days: 1 }).toZonedDateTime(zone).epochMilliseconds;
    /** Busy minutes of a master on this local day. */
    const load = (staffId: number) => [...staff.get(staffId)!.busy].filter((m) => m >= dayStart / MIN && m < dayEnd / MIN).length;
    const candidates: number[] = [];
    for (let m = 0; m < 1440; m += input.policy.slotStepMinutes) {
      let start: number;
      try {
        start = wallInstant(date, m, zone, "reject");
      } catch {
        const earlier = Temporal.PlainDate.from(date).toPlainDateTime().add({ minutes: m }).toZonedDateTime(zone, { disambiguation: "earlier" });
        const wall = Temporal.PlainDate.from(date).toPlainDateTime().add({ minutes: m });
        if (!earlier.toPlainDateTime().equals(wall)) continue; // skipped by a DST gap
        start = earlier.epochMilliseconds; // repeated: the earlier one
      }
      if (start >= earliest && start < horizonEnd) candidates.push(start);
    }
    const slots = candidates.flatMap((start) => {
      const segs = segments(start);
      const allowed = input.staff.filter((m) => input.staffChoice === "any" || input.staffChoice === m.id);
      const whole = allowed.filter((m) => segs.every((seg) => feasible(seg, m.id) !== null));
      const split = input.staffChoice === "any" && segs.every((seg) => input.staff.some((m) => feasible(seg, m.id) !== null));
      if (whole.length === 0 && !split) return [];
      return [{ start, segs, staffIds: whole.map((m) => m.id), load }];
    });
    return { date, slots };
  });
  return { days, feasible };
}

// ── comparing ───────────────────────────────────────────────────────────────────────────────────

export function check(input: AvailabilityInput, actual: DaySlots[]): void {
  const expected = oracle(input);
  expect(actual.map((d) => d.date)).toEqual(expected.days.map((d) => d.date));
  const order = (id: number) => input.staff.findIndex((m) => m.id === id);
  actual.forEach((day, d) => {
    const want = expected.days[d]!;
    expect(day.slots.map((s) => s.start)).toEqual(want.slots.map((s) => s.start));
    day.slots.forEach((slot, i) => {
      const w = want.slots[i]!;
      expect(slot.staffIds).toEqual(w.staffIds);
      expect(slot.end).toBe(w.segs[w.segs.length - 1]!.end);
      expect(slot.assignment.map((a: Assignment) => [a.serviceId, a.start, a.end])).toEqual(w.segs.map((s) => [s.service.id, s.begin, s.end]));
      const parts = slot.assignment.map((a, k) => expected.feasible(w.segs[k]!, a.staffId!, a.resourceIds));
      expect(parts.every((p) => p !== null)).toBe(true);
      const seats = Math.min(...parts.map((p) => p!.seats));
      expect(slot.seatsLeft).toBe(seats === Infinity ? undefined : seats);
      const masters = new Set(slot.assignment.map((a) => a.staffId));
      if (w.staffIds.length > 0) {
        // one master for the whole visit; under "any" the best by (joins, load that day, list order)
        expect(masters.size).toBe(1);
        const rank = (id: number) => {
          const joins = w.segs.some((seg) => expected.feasible(seg, id)?.joins);
          return [joins ? 0 : 1, w.load(id), order(id)] as const;
        };
        const best = [...w.staffIds].sort((a, b) => {
          const [x, y] = [rank(a), rank(b)];
          return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
        })[0];
        expect(slot.assignment[0]!.staffId).toBe(best!);
      } else {
        // a split visit keeps the previous master whenever that master can take the next service
        slot.assignment.forEach((a, k) => {
          const previous = slot.assignment[k - 1]?.staffId ?? undefined;
          if (previous !== undefined && expected.feasible(w.segs[k]!, previous)) expect(a.staffId).toBe(previous);
        });
      }
    });
  });
}

