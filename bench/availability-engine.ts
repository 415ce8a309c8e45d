/**
 * The availability engine alone, on a synthetic busy salon: 30 days × 10 masters × 3 rooms with
 * 2,000 bookings in the window. Prints figures; asserts nothing.
 *   bun bench/availability-engine.ts
 */
import { bench, run, summary } from "mitata";
import { findAvailability } from "../src/availability/engine.ts";
import type { AvailabilityInput, Calendar, StaffMember, WeeklyRange } from "../src/availability/model.ts";
import type { Interval } from "../src/availability/intervals.ts";
import { addDays, localToInstant, type Weekday } from "../src/time/zone.ts";

const ZONE = "Europe/Berlin";
const FROM = "2027-03-15"; // the window crosses the 2027-03-28 DST change
const DAYS = 30;
const MASTERS = 10;
const ROOMS = 3;
const BOOKINGS = 2_000;

/** Deterministic PRNG so every run measures the same salon. */
function prng(seed: number): () => number {
  let x = seed;
  return () => ((x = (x * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}
const random = prng(42);

const week = (ranges: Array<[number, number]>): WeeklyRange[] =>
  ([1, 2, 3, 4, 5, 6, 7] as Weekday[]).flatMap((weekday) =>
    ranges.map(([startMinutes, endMinutes]) => ({ weekday, startMinutes, endMinutes })),
  );
const calendar = (weekly: WeeklyRange[]): Calendar => ({ weekly, exceptions: [], timeOff: [] });

const staff: StaffMember[] = Array.from({ length: MASTERS }, (_, i) => ({
  id: i + 1,
  calendar: calendar(week([[9 * 60, 13 * 60], [14 * 60, 20 * 60]])),
  busy: [],
}));
const rooms = Array.from({ length: ROOMS }, (_, i) => ({ id: 100 + i, calendar: calendar(week([[8 * 60, 21 * 60]])), busy: [] as Interval[] }));

// 2,000 one-hour bookings (with 10-minute buffers) spread over masters, days and rooms.
for (let b = 0; b < BOOKINGS; b++) {
  const date = addDays(FROM, Math.floor(random() * DAYS));
  const start = localToInstant(date, 9 * 60 + Math.floor(random() * 40) * 15, ZONE, "compatible");
  const occupancy: Interval = [start - 10 * 60_000, start + 70 * 60_000];
  staff[b % MASTERS]!.busy.push(occupancy);
  if (b % 4 === 0) rooms[b % ROOMS]!.busy.push(occupancy);
}

const input: AvailabilityInput = {
  zone: ZONE,
  fromDate: FROM,
  days: DAYS,
  now: localToInstant(FROM, 8 * 60, ZONE, "compatible"),
  policy: { slotStepMinutes: 15, minNoticeMinutes: 120, horizonDays: 60 },
  services: [
    {
      id: 1,
      durationMinutes: 60,
      bufferBeforeMinutes: 10,
      bufferAfterMinutes: 10,
      capacity: 1,
      staffIds: staff.map((m) => m.id),
      requirements: [{ resourceIds: rooms.map((r) => r.id) }],
    },
  ],
  staffChoice: "any",
  location: calendar(week([[8 * 60, 21 * 60]])),
  staff,
  resources: rooms,
  sessions: [],
};
const twoServices: AvailabilityInput = {
  ...input,
  services: [input.services[0]!, { ...input.services[0]!, id: 2, durationMinutes: 30, requirements: [] }],
};

const slots = (i: AvailabilityInput) => findAvailability(i).reduce((n, d) => n + d.slots.length, 0);
console.log(`salon: ${DAYS} days, ${MASTERS} masters, ${ROOMS} rooms, ${BOOKINGS} bookings; ${slots(input)} slots for one service, ${slots(twoServices)} for two`);

summary(() => {
  bench("one service, any master", () => findAvailability(input));
  bench("one service, master 3", () => findAvailability({ ...input, staffChoice: 3 }));
  bench("two services back to back, any master", () => findAvailability(twoServices));
});

await run();
