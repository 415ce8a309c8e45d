import { describe, expect, test } from "bun:test";
import { parseHHMM } from "../time/format.ts";
import { localToInstant, type Weekday } from "../time/zone.ts";
import { findAvailability } from "./engine.ts";
import type { AvailabilityInput, Calendar, DateException, VisitService, WeeklyRange } from "./model.ts";

const MOSCOW = "Europe/Moscow";
const BERLIN = "Europe/Berlin";
const DAY = "2027-06-01"; // a Tuesday

const hhmm = (text: string) => parseHHMM(text)!;
const at = (time: string, date = DAY, zone = MOSCOW) => localToInstant(date, hhmm(time), zone, "earlier");
const span = (from: string, to: string, date = DAY, zone = MOSCOW) => [at(from, date, zone), at(to, date, zone)] as const;

const everyDay = (...ranges: Array<[string, string]>): WeeklyRange[] =>
  ([1, 2, 3, 4, 5, 6, 7] as Weekday[]).flatMap((weekday) =>
    ranges.map(([from, to]) => ({ weekday, startMinutes: hhmm(from), endMinutes: hhmm(to) })),
  );
const hours = (...ranges: Array<[string, string]>): Calendar => ({ weekly: everyDay(...ranges), exceptions: [], timeOff: [] });

const service = (overrides: Partial<VisitService> = {}): VisitService => ({
  id: 1,
  durationMinutes: 60,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  capacity: 1,
  staffIds: [1],
  requirements: [],
  ...overrides,
});

/** One master (id 1) open 10:00–14:00 in a location open 08:00–22:00, hourly grid, no notice. */
function salon(overrides: Partial<AvailabilityInput> = {}): AvailabilityInput {
  return {
    zone: MOSCOW,
    fromDate: DAY,
    days: 1,
    now: at("00:00", "2027-05-01"),
    policy: { slotStepMinutes: 60, minNoticeMinutes: 0, horizonDays: 365 },
    services: [service()],
    staffChoice: "any",
    location: hours(["08:00", "22:00"]),
    staff: [{ id: 1, calendar: hours(["10:00", "14:00"]), busy: [] }],
    resources: [],
    sessions: [],
    ...overrides,
  };
}

/** Local "HH:MM" of every slot start on the first day. */
function starts(input: AvailabilityInput): string[] {
  const zone = input.zone;
  return findAvailability(input)[0]!.slots.map((s) =>
    new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(s.start),
  );
}

describe("open hours and buffers", () => {
  test.each<[string, Partial<AvailabilityInput>, string[]]>([
    ["plain hours", {}, ["10:00", "11:00", "12:00", "13:00"]],
    ["buffers must fit inside hours", { services: [service({ bufferBeforeMinutes: 15, bufferAfterMinutes: 15 })] }, ["11:00", "12:00"]],
    [
      "a break splits the day",
      { staff: [{ id: 1, calendar: hours(["10:00", "12:00"], ["12:30", "14:00"]), busy: [] }] },
      ["10:00", "11:00", "13:00"],
    ],
    ["location hours cut the master's", { location: hours(["11:00", "13:00"]) }, ["11:00", "12:00"]],
    ["a busy interval blocks", { staff: [{ id: 1, calendar: hours(["10:00", "14:00"]), busy: [span("11:30", "12:00")] }] }, ["10:00", "12:00", "13:00"]],
    [
      "the buffer may not overlap a busy interval",
      {
        services: [service({ bufferAfterMinutes: 30 })],
        staff: [{ id: 1, calendar: hours(["10:00", "14:00"]), busy: [span("12:15", "12:30")] }],
      },
      ["10:00"],
    ],
    [
      "time off removes hours",
      { staff: [{ id: 1, calendar: { ...hours(["10:00", "14:00"]), timeOff: [span("10:00", "12:00")] }, busy: [] }] },
      ["12:00", "13:00"],
    ],
  ])("%s", (_, overrides, expected) => {
    expect(starts(salon(overrides))).toEqual(expected);
  });

  test.each<[string, DateException[], WeeklyRange[] | null, string[]]>([
    ["closed date", [{ date: DAY, kind: "closed" }], null, []],
    ["custom hours replace weekly ones", [{ date: DAY, kind: "custom_hours", ranges: [{ startMinutes: hhmm("16:00"), endMinutes: hhmm("18:00") }] }], null, ["16:00", "17:00"]],
    ["another date's exception does not apply", [{ date: "2027-06-02", kind: "closed" }], null, ["10:00", "11:00", "12:00", "13:00"]],
    ["valid_to before the date", [], [{ weekday: 2, startMinutes: 600, endMinutes: 720, validTo: "2027-05-31" }], []],
    ["valid_from is inclusive", [], [{ weekday: 2, startMinutes: 600, endMinutes: 720, validFrom: DAY }], ["10:00", "11:00"]],
    ["another weekday", [], [{ weekday: 3, startMinutes: 600, endMinutes: 720 }], []],
  ])("%s", (_, exceptions, weekly, expected) => {
    const calendar = { weekly: weekly ?? everyDay(["10:00", "14:00"]), exceptions, timeOff: [] };
    expect(starts(salon({ staff: [{ id: 1, calendar, busy: [] }] }))).toEqual(expected);
  });
});

describe("resources", () => {
  const rooms = (busyA: Array<readonly [number, number]>, busyB: Array<readonly [number, number]>) => [
    { id: 10, calendar: hours(["00:00", "24:00"]), busy: busyA },
    { id: 11, calendar: hours(["00:00", "24:00"]), busy: busyB },
  ];

  test("one resource of the set is enough, and the first free one is assigned", () => {
    const input = salon({ services: [service({ requirements: [{ resourceIds: [10, 11] }] })], resources: rooms([span("10:00", "11:00")], [span("11:00", "12:00")]) });
    const slots = findAvailability(input)[0]!.slots;
    expect(slots.map((s) => s.assignment[0]!.resourceIds)).toEqual([[11], [10], [10], [10]]);
  });

  test("no free resource, no slot", () => {
    const input = salon({ services: [service({ requirements: [{ resourceIds: [10, 11] }] })], resources: rooms([span("10:00", "12:00")], [span("11:00", "12:00")]) });
    expect(starts(input)).toEqual(["10:00", "12:00", "13:00"]);
  });

  test("sets sharing a resource get distinct resources", () => {
    const input = salon({
      services: [service({ requirements: [{ resourceIds: [10, 11] }, { resourceIds: [10] }] })],
      resources: rooms([], [span("12:00", "13:00")]),
    });
    const slots = findAvailability(input)[0]!.slots;
    expect(slots.map((s) => s.assignment[0]!.resourceIds)).toEqual([[11, 10], [11, 10], [11, 10]]);
  });

  test("a resource outside its hours is not free", () => {
    const input = salon({
      services: [service({ requirements: [{ resourceIds: [10] }] })],
      resources: [{ id: 10, calendar: hours(["11:00", "13:00"]), busy: [] }],
    });
    expect(starts(input)).toEqual(["11:00", "12:00"]);
  });
});

describe("multi-service visits", () => {
  const cut = service({ id: 1, durationMinutes: 60, bufferBeforeMinutes: 30, bufferAfterMinutes: 30, staffIds: [1, 2] });
  const colour = service({ id: 2, durationMinutes: 60, bufferBeforeMinutes: 30, bufferAfterMinutes: 30, staffIds: [1, 2] });
  const twoMasters = (busy1: Array<readonly [number, number]>, busy2: Array<readonly [number, number]>) => [
    { id: 1, calendar: hours(["09:00", "15:00"]), busy: busy1 },
    { id: 2, calendar: hours(["09:00", "15:00"]), busy: busy2 },
  ];

  test("back to back; only the first buffer_before and the last buffer_after apply", () => {
    const input = salon({ services: [cut, colour], staffChoice: 1, staff: twoMasters([], []) });
    const slots = findAvailability(input)[0]!.slots;
    // occupancy 09:30 … start+150 must fit in 09:00–15:00: starts 10:00 … 12:00
    expect(slots.map((s) => [s.start, s.end])).toEqual([10, 11, 12].map((h) => [at(`${h}:00`), at(`${h + 2}:00`)]));
    expect(slots[0]!.assignment).toEqual([
      { serviceId: 1, start: at("10:00"), end: at("11:00"), staffId: 1, resourceIds: [] },
      { serviceId: 2, start: at("11:00"), end: at("12:00"), staffId: 1, resourceIds: [] },
    ]);
  });

  test("a chosen master must be qualified for every service", () => {
    const input = salon({ services: [cut, { ...colour, staffIds: [2] }], staffChoice: 1, staff: twoMasters([], []) });
    expect(starts(input)).toEqual([]);
  });

  test("'any' prefers one master for the whole visit", () => {
    const input = salon({ services: [cut, colour], staff: twoMasters([span("09:00", "10:30")], []) });
    const slot = findAvailability(input)[0]!.slots.find((s) => s.start === at("10:00"))!;
    expect(slot.staffIds).toEqual([2]);
    expect(slot.assignment.map((a) => a.staffId)).toEqual([2, 2]);
  });

  test("'any' splits the visit when no single master can take it", () => {
    // master 1 is busy after 11:00, master 2 before 11:00: 10:00 needs 1 for the cut, 2 for the colour
    const input = salon({ services: [cut, colour], staff: twoMasters([span("11:00", "15:00")], [span("09:00", "11:00")]) });
    const slot = findAvailability(input)[0]!.slots.find((s) => s.start === at("10:00"))!;
    expect(slot.staffIds).toEqual([]);
    expect(slot.assignment.map((a) => a.staffId)).toEqual([1, 2]);
    expect(starts({ ...input, staffChoice: 1 })).toEqual([]);
  });
});

describe("candidate starts, notice and horizon", () => {
  const allDay = (zone: string, date: string, step = 30): AvailabilityInput =>
    salon({
      zone,
      fromDate: date,
      now: at("00:00", "2027-01-01", zone),
      policy: { slotStepMinutes: step, minNoticeMinutes: 0, horizonDays: 1000 },
      services: [service({ durationMinutes: 30 })],
      location: hours(["00:00", "24:00"]),
      staff: [{ id: 1, calendar: hours(["00:00", "24:00"]), busy: [] }],
    });

  test("spring forward in Berlin: no start in the skipped hour", () => {
    const list = starts(allDay(BERLIN, "2027-03-28"));
    expect(list.slice(3, 6)).toEqual(["01:30", "03:00", "03:30"]);
    expect(list).toHaveLength(48 - 2);
  });

  test("fall back in Berlin: the repeated hour gives each start once, at the earlier instant", () => {
    const slots = findAvailability(allDay(BERLIN, "2027-10-31"))[0]!.slots;
    expect(slots).toHaveLength(48);
    const twoThirty = slots.find((s) => s.start === Date.parse("2027-10-31T00:30:00Z"));
    expect(twoThirty).toBeDefined();
    expect(slots.some((s) => s.start === Date.parse("2027-10-31T01:30:00Z"))).toBe(false);
    expect(new Set(slots.map((s) => s.start)).size).toBe(48);
  });

  test.each([
    [MOSCOW, "2027-03-28"],
    [MOSCOW, "2027-10-31"],
    ["Asia/Almaty", "2027-03-28"],
    ["Asia/Almaty", "2027-10-31"],
  ])("%s has a plain day on %s", (zone, date) => {
    const slots = findAvailability(allDay(zone, date))[0]!.slots;
    expect(slots).toHaveLength(48);
    expect(slots[1]!.start - slots[0]!.start).toBe(30 * 60_000);
  });

  test("the grid counts from local midnight", () => {
    expect(starts(salon({ policy: { slotStepMinutes: 25, minNoticeMinutes: 0, horizonDays: 365 } }))).toEqual(
      ["10:00", "10:25", "10:50", "11:15", "11:40", "12:05", "12:30", "12:55"],
    );
  });

  test.each<[string, string, number, number, string[]]>([
    ["notice: start ≥ now + notice", "10:30", 30, 30, ["11:00", "12:00", "13:00"]],
    ["notice: exactly now + notice is allowed", "10:00", 60, 30, ["11:00", "12:00", "13:00"]],
    ["horizon 0: nothing", "08:00", 0, 0, []],
    ["horizon 1: today only", "08:00", 0, 1, ["10:00", "11:00", "12:00", "13:00"]],
  ])("%s", (_, nowTime, notice, horizonDays, expected) => {
    const input = salon({ now: at(nowTime), policy: { slotStepMinutes: 60, minNoticeMinutes: notice, horizonDays } });
    expect(starts(input)).toEqual(expected);
  });

  test("horizon ends at local midnight of today + horizonDays", () => {
    const input = salon({ now: at("23:00", "2027-05-31"), days: 3, policy: { slotStepMinutes: 60, minNoticeMinutes: 0, horizonDays: 2 } });
    expect(findAvailability(input).map((d) => [d.date, d.slots.length])).toEqual([["2027-06-01", 4], ["2027-06-02", 0], ["2027-06-03", 0]]);
  });
});

describe("group services", () => {
  const yoga = service({ capacity: 3, staffIds: [1, 2], requirements: [{ resourceIds: [10] }] });
  const studio = { id: 10, calendar: hours(["00:00", "24:00"]), busy: [span("11:00", "12:00")] };
  const teachers = [
    { id: 1, calendar: hours(["10:00", "14:00"]), busy: [span("11:00", "12:00")] },
    { id: 2, calendar: hours(["10:00", "14:00"]), busy: [] },
  ];
  const session = (seatsTaken: number) => ({ serviceId: 1, staffId: 1, start: at("11:00"), seatsTaken, resourceIds: [10] });

  test("a session with seats left is offered with seatsLeft; new sessions offer the capacity", () => {
    const input = salon({ services: [yoga], staffChoice: 1, staff: teachers, resources: [studio], sessions: [session(1)] });
    const slots = findAvailability(input)[0]!.slots;
    expect(slots.map((s) => [s.start, s.seatsLeft])).toEqual([
      [at("10:00"), 3],
      [at("11:00"), 2],
      [at("12:00"), 3],
      [at("13:00"), 3],
    ]);
    expect(slots[1]!.assignment[0]!.resourceIds).toEqual([10]);
  });

  test("a full session is not offered", () => {
    const input = salon({ services: [yoga], staffChoice: 1, staff: teachers, resources: [studio], sessions: [session(3)] });
    expect(starts(input)).toEqual(["10:00", "12:00", "13:00"]);
  });

  test("a new session never overlaps the master's other bookings", () => {
    const input = salon({ services: [yoga], staffChoice: 1, staff: teachers, resources: [{ ...studio, busy: [] }], sessions: [session(1)] });
    const offsetGrid = { ...input, policy: { ...input.policy, slotStepMinutes: 30 } };
    expect(starts(offsetGrid)).toEqual(["10:00", "11:00", "12:00", "12:30", "13:00"]);
  });

  test("'any' joins an existing session before opening a new one", () => {
    const input = salon({ services: [yoga], staff: teachers, resources: [studio], sessions: [session(1)] });
    const slot = findAvailability(input)[0]!.slots.find((s) => s.start === at("11:00"))!;
    expect(slot.assignment[0]!.staffId).toBe(1);
    expect(slot.seatsLeft).toBe(2);
  });

  test("a session whose master took time off cannot be joined", () => {
    const off = [{ ...teachers[0]!, calendar: { ...teachers[0]!.calendar, timeOff: [span("00:00", "24:00")] } }];
    const input = salon({ services: [yoga], staffChoice: 1, staff: off, resources: [studio], sessions: [session(1)] });
    expect(starts(input)).toEqual([]);
  });
});

describe("'any' master", () => {
  const three = (busy: number[]) =>
    busy.map((minutes, i) => ({
      id: i + 1,
      calendar: hours(["09:00", "18:00"]),
      busy: minutes > 0 ? [[at("17:00") - minutes * 60_000, at("17:00")] as const] : [],
    }));

  test("assigns the least booked master that day, then staff-list order", () => {
    const input = salon({ services: [service({ staffIds: [1, 2, 3] })], staff: three([120, 30, 30]) });
    const slot = findAvailability(input)[0]!.slots.find((s) => s.start === at("10:00"))!;
    expect(slot.staffIds).toEqual([1, 2, 3]);
    expect(slot.assignment[0]!.staffId).toBe(2);
  });

  test("load spreads as bookings are made", () => {
    const input = salon({ services: [service({ staffIds: [1, 2, 3] })], staff: three([0, 0, 0]) });
    const picked: number[] = [];
    for (let i = 0; i < 6; i++) {
      const slot = findAvailability(input)[0]!.slots[0]!;
      const staffId = slot.assignment[0]!.staffId!;
      picked.push(staffId);
      input.staff.find((m) => m.id === staffId)!.busy.push([slot.start, slot.end]);
    }
    expect(picked).toEqual([1, 2, 3, 1, 2, 3]);
  });

  test("only qualified masters", () => {
    const input = salon({ services: [service({ staffIds: [3] })], staff: three([0, 0, 0]) });
    expect(findAvailability(input)[0]!.slots.every((s) => s.staffIds.join() === "3")).toBe(true);
  });
});

test("invalid input is refused", () => {
  expect(() => findAvailability(salon({ zone: "Nowhere/City" }))).toThrow(RangeError);
  expect(() => findAvailability(salon({ services: [] }))).toThrow(RangeError);
});
