/**
 * The engine in a salon network (issue 17): 2–3 branches in different zones, masters working in
 * some of them with their own hours in each, rooms standing in one. The engine answers for one
 * branch at a time; this test composes each branch's input the way prepareAvailability does (the
 * branch's zone and hours, the master's hours THERE, only its rooms) with every master's busy time
 * from ALL branches, books random offered slots one after another across branches, and checks
 *   - every answer against the minute-by-minute oracle, in that branch's own zone, and
 *   - that no master is ever offered, nor booked, in two places at once (absolute time).
 */
import { expect, test } from "bun:test";
import fc from "fast-check";
import { findAvailability } from "./engine.ts";
import type { AvailabilityInput, Calendar, VisitService } from "./model.ts";
import { check, dateOffset, MIN } from "./testing/oracle.ts";

const ZONES = ["Europe/Moscow", "Asia/Almaty", "Europe/Berlin", "Asia/Vladivostok"];
const DATES = ["2027-03-27", "2027-03-28", "2027-06-15", "2027-10-31"];
const STAFF = [1, 2, 3];

interface Branch {
  zone: string;
  hours: Calendar;
  /** Each master's hours in this branch; absent: they do not work here. */
  staff: Map<number, Calendar>;
  rooms: number[];
}

const minute5 = (min: number, max: number) => fc.integer({ min: min / 5, max: max / 5 }).map((x) => x * 5);
const workday = fc.tuple(minute5(0, 900), minute5(120, 720)).map(([s, len]) => ({ startMinutes: s, endMinutes: Math.min(1440, s + len) }));
/** A calendar working some weekdays (so that slots are common and differ by weekday), maybe with one exception date. */
const calendar = (fromDate: string): fc.Arbitrary<Calendar> =>
  fc.record({
    days: fc.subarray([1, 2, 3, 4, 5, 6, 7] as const, { minLength: 4 }),
    hours: workday,
    closedOn: fc.option(fc.integer({ min: 0, max: 2 }).map((d) => dateOffset(fromDate, d)), { freq: 4 }),
  }).map(({ days, hours, closedOn }) => ({
    weekly: days.map((weekday) => ({ weekday, ...hours })),
    exceptions: closedOn === null ? [] : [{ date: closedOn, kind: "closed" as const }],
    timeOff: [],
  }));

const network = fc
  .record({ fromDate: fc.constantFrom(...DATES), branches: fc.integer({ min: 2, max: 3 }), step: fc.constantFrom(15, 30, 60), days: fc.integer({ min: 2, max: 3 }) })
  .chain((base) =>
    fc.record({
      base: fc.constant(base),
      branches: fc.tuple(
        ...Array.from({ length: base.branches }, (_, b) =>
          fc.record({
            zone: fc.constantFrom(...ZONES),
            hours: calendar(base.fromDate).map((c) => ({ ...c, weekly: [...c.weekly, ...[1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday: weekday as 1, startMinutes: 480, endMinutes: 1320 }))] })),
            // every master works in a random subset of branches (the first branch always has someone)
            staff: fc.tuple(...STAFF.map((id) => fc.option(calendar(base.fromDate), { freq: b === 0 && id === 1 ? 1_000_000 : 2 }))).map(
              (cals) => new Map(cals.flatMap((c, i) => (c === null ? [] : [[STAFF[i]!, c] as const]))),
            ),
            rooms: fc.integer({ min: 1, max: 2 }).map((n) => Array.from({ length: n }, (_, k) => 100 + 10 * b + k)),
          }),
        ),
      ),
      service: fc.record({
        durationMinutes: minute5(30, 120),
        bufferBeforeMinutes: minute5(0, 15),
        bufferAfterMinutes: minute5(0, 15),
        staffIds: fc.subarray(STAFF, { minLength: 1 }),
        needsRoom: fc.boolean(),
      }),
      steps: fc.array(fc.tuple(fc.nat(), fc.constantFrom<"any" | number>("any", ...STAFF), fc.nat()), { minLength: 2, maxLength: 8 }),
    }),
  );

/** One branch's engine input, as prepareAvailability builds it: the master's busy time is global. */
function branchInput(branch: Branch, service: VisitService, staffChoice: "any" | number, busy: Map<number, Array<[number, number]>>, base: { fromDate: string; days: number; step: number }): AvailabilityInput {
  const anchor = Temporal.PlainDate.from(base.fromDate).toZonedDateTime(branch.zone).epochMilliseconds;
  return {
    zone: branch.zone,
    fromDate: base.fromDate,
    days: base.days,
    now: anchor - 24 * 3_600_000,
    policy: { slotStepMinutes: base.step, minNoticeMinutes: 0, horizonDays: 10 },
    services: [{ ...service, staffIds: service.staffIds.filter((id) => branch.staff.has(id)) }],
    staffChoice,
    location: branch.hours,
    staff: [...branch.staff].map(([id, cal]) => ({ id, calendar: cal, busy: busy.get(id) ?? [] })),
    // a room without hours of its own follows its branch's
    resources: branch.rooms.map((id) => ({ id, calendar: branch.hours, busy: busy.get(id) ?? [] })),
    sessions: [],
  };
}

const overlaps = (a: readonly [number, number], b: readonly [number, number]) => a[0] < b[1] && b[0] < a[1];

test("a network of branches in several zones: each answer agrees with the oracle, and no master is ever in two places at once", () => {
  const seen = { booked: 0, crossBranch: 0 };
  fc.assert(
    fc.property(network, ({ base, branches, service: s, steps }) => {
      const busy = new Map<number, Array<[number, number]>>();
      const booked: Array<{ staffId: number; branch: number; span: [number, number] }> = [];
      for (const [pick, choice, slotPick] of steps) {
        const b = pick % branches.length;
        const branch = branches[b]!;
        // the service needs one of the salon's rooms; a branch offers only its own (loadVisit)
        const service: VisitService = { id: 1, capacity: 1, durationMinutes: s.durationMinutes, bufferBeforeMinutes: s.bufferBeforeMinutes, bufferAfterMinutes: s.bufferAfterMinutes, staffIds: s.staffIds, requirements: s.needsRoom ? [{ resourceIds: branch.rooms }] : [] };
        if (choice !== "any" && !branch.staff.has(choice)) continue; // naming a master of another branch is refused before the engine runs
        const input = branchInput(branch, service, choice, busy, base);
        const days = findAvailability(input);
        check(input, days);
        const slots = days.flatMap((d) => d.slots);
        // never offered where the same master is already booked, in whichever branch
        for (const slot of slots) {
          for (const a of slot.assignment) {
            const span = [a.start - service.bufferBeforeMinutes * MIN, a.end + service.bufferAfterMinutes * MIN] as const;
            expect(booked.some((x) => x.staffId === a.staffId && overlaps(x.span, span))).toBe(false);
          }
        }
        const slot = slots[slotPick % Math.max(1, slots.length)];
        if (!slot) continue;
        for (const a of slot.assignment) {
          const span: [number, number] = [a.start - service.bufferBeforeMinutes * MIN, a.end + service.bufferAfterMinutes * MIN];
          if (booked.some((x) => x.staffId === a.staffId && x.branch !== b)) seen.crossBranch++;
          booked.push({ staffId: a.staffId!, branch: b, span });
          for (const id of [a.staffId!, ...a.resourceIds]) busy.set(id, [...(busy.get(id) ?? []), span]);
          seen.booked++;
        }
      }
      for (const [i, x] of booked.entries()) {
        for (const y of booked.slice(i + 1)) if (x.staffId === y.staffId) expect(overlaps(x.span, y.span)).toBe(false);
      }
    }),
    { numRuns: 250 },
  );
  // the generator must keep exercising masters booked in more than one branch
  expect(seen.booked).toBeGreaterThan(150);
  expect(seen.crossBranch).toBeGreaterThan(15);
}, 120_000); // 250 random networks: ~14 s on a loaded 2-core machine
