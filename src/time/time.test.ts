import { describe, expect, test } from "bun:test";
import { fixedClock, manualClock } from "./clock.ts";
import { formatHHMM, parseHHMM, parseIsoInstant, toIsoWithOffset } from "./format.ts";
import {
  addDays,
  instantToLocalMinutes,
  isValidLocalDate,
  isValidZone,
  localDateOf,
  localDay,
  localDays,
  localToInstant,
  startOfLocalDay,
  weekdayOf,
  type Disambiguation,
} from "./zone.ts";

const utc = (iso: string) => Date.parse(iso);

describe("clock", () => {
  test("fixed and manual clocks", () => {
    expect(fixedClock(5).now()).toBe(5);
    const clock = manualClock(10);
    clock.advance(5);
    expect(clock.now()).toBe(15);
    clock.set(1);
    expect(clock.now()).toBe(1);
  });
});

describe("zone", () => {
  test("validation", () => {
    expect(isValidZone("Europe/Berlin")).toBe(true);
    expect(isValidZone("Mars/Olympus")).toBe(false);
    expect(isValidLocalDate("2027-02-28")).toBe(true);
    expect(isValidLocalDate("2027-02-29")).toBe(false);
    expect(isValidLocalDate("2027-2-28")).toBe(false);
  });

  test("a local date is valid exactly when Temporal takes it", () => {
    const valid = (d: string) => {
      try {
        Temporal.PlainDate.from(d, { overflow: "reject" });
        return true;
      } catch {
        return false;
      }
    };
    const pad = (n: number, w: number) => String(n).padStart(w, "0");
    for (const year of [0, 1900, 2000, 2024, 2026, 2027, 2100, 2400, 9999]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          expect([date, isValidLocalDate(date)]).toEqual([date, valid(date)]);
        }
      }
    }
  });

  test.each([
    ["2027-03-27T23:30:00Z", "Europe/Berlin", "2027-03-28", 30],
    ["2027-03-28T01:30:00Z", "Europe/Berlin", "2027-03-28", 3 * 60 + 30],
    ["2027-06-30T21:00:00Z", "Europe/Moscow", "2027-07-01", 0],
    ["2027-06-30T18:59:00Z", "Asia/Almaty", "2027-06-30", 23 * 60 + 59],
  ])("%s in %s is %s, minute %d", (iso, zone, date, minutes) => {
    expect(localDateOf(utc(iso), zone)).toBe(date);
    expect(instantToLocalMinutes(utc(iso), zone)).toBe(minutes);
  });

  test("weekdays and date arithmetic", () => {
    expect(weekdayOf("2027-03-29")).toBe(1);
    expect(weekdayOf("2027-03-28")).toBe(7);
    expect(addDays("2027-02-27", 2)).toBe("2027-03-01");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
  });

  test.each<[string, number, string, Disambiguation, string | null]>([
    ["2027-03-28", 150, "Europe/Berlin", "reject", null], // 02:30 never happens
    ["2027-03-28", 150, "Europe/Berlin", "compatible", "2027-03-28T01:30:00Z"],
    ["2027-03-28", 180, "Europe/Berlin", "reject", "2027-03-28T01:00:00Z"],
    ["2027-10-31", 150, "Europe/Berlin", "reject", "2027-10-31T00:30:00Z"], // first 02:30
    ["2027-10-31", 150, "Europe/Berlin", "earlier", "2027-10-31T00:30:00Z"],
    ["2027-10-31", 150, "Europe/Berlin", "later", "2027-10-31T01:30:00Z"],
    ["2027-10-31", 1440, "Europe/Berlin", "reject", "2027-10-31T23:00:00Z"],
    ["2027-03-28", 600, "Europe/Moscow", "reject", "2027-03-28T07:00:00Z"],
    ["2027-10-31", 600, "Asia/Almaty", "reject", "2027-10-31T05:00:00Z"],
  ])("%s minute %d in %s (%s)", (date, minutes, zone, rule, expected) => {
    const want = expected === null ? null : utc(expected);
    expect(localToInstant(date, minutes, zone, rule)).toBe(want);
    expect(localDay(date, zone).instantAt(minutes, rule)).toBe(want);
  });

  test.each([
    ["2027-03-28", "Europe/Berlin", 23],
    ["2027-10-31", "Europe/Berlin", 25],
    ["2027-10-31", "Europe/Moscow", 24],
    ["2027-03-28", "Asia/Almaty", 24],
  ])("%s in %s lasts %d hours", (date, zone, hours) => {
    const day = localDay(date, zone);
    expect(day.start).toBe(startOfLocalDay(date, zone));
    expect(day.end - day.start).toBe(hours * 3_600_000);
  });

  test("localDays gives what localDay gives for each date, across transitions (at midnight too)", () => {
    // Sao Paulo and Havana moved their clocks at midnight; Lord Howe by half an hour; Kathmandu is +05:45
    for (const zone of ["Europe/Berlin", "America/Sao_Paulo", "America/Havana", "Australia/Lord_Howe", "Asia/Kathmandu", "UTC"]) {
      for (const from of ["2016-10-10", "2017-02-12", "2027-03-20"]) {
        const days = localDays(from, 400, zone);
        expect(days).toHaveLength(400);
        days.forEach((day, i) => {
          const want = localDay(addDays(from, i), zone);
          expect([day.date, day.weekday, day.start, day.end]).toEqual([want.date, want.weekday, want.start, want.end]);
          for (const m of [0, 30, 60, 90, 120, 150, 600, 1439, 1440]) {
            for (const rule of ["compatible", "reject"] as const) expect(day.instantAt(m, rule)).toBe(want.instantAt(m, rule));
          }
        });
      }
    }
  });

  test("localDay agrees with localToInstant for every minute of DST days", () => {
    for (const date of ["2027-03-28", "2027-10-31", "2027-07-01"]) {
      const day = localDay(date, "Europe/Berlin");
      for (let m = 0; m < 1440; m += 5) {
        for (const rule of ["compatible", "earlier", "later", "reject"] as const) {
          expect(day.instantAt(m, rule)).toBe(localToInstant(date, m, "Europe/Berlin", rule));
        }
      }
    }
  });
});

describe("format", () => {
  test.each([
    ["2027-03-28T08:00:00Z", "Europe/Berlin", "2027-03-28T10:00:00+02:00"],
    ["2027-03-27T08:00:00Z", "Europe/Berlin", "2027-03-27T09:00:00+01:00"],
    ["2027-03-27T08:00:00Z", "Asia/Almaty", "2027-03-27T13:00:00+05:00"],
    ["2027-03-27T08:00:00.250Z", "Europe/Moscow", "2027-03-27T11:00:00.250+03:00"],
  ])("%s in %s → %s and back", (iso, zone, text) => {
    expect(toIsoWithOffset(utc(iso), zone)).toBe(text);
    expect(parseIsoInstant(text)).toBe(utc(iso));
  });

  test.each(["2027-03-28T10:00:00", "2027-03-28", "tomorrow", ""])("parseIsoInstant rejects %p", (text) => {
    expect(parseIsoInstant(text)).toBeNull();
  });

  test.each<[string, number | null]>([
    ["00:00", 0],
    ["09:30", 570],
    ["23:59", 1439],
    ["24:00", 1440],
    ["24:01", null],
    ["9:30", null],
    ["09:60", null],
    ["", null],
  ])("parseHHMM(%p) = %p", (text, minutes) => {
    expect(parseHHMM(text)).toBe(minutes);
    if (minutes !== null) expect(formatHHMM(minutes)).toBe(text);
  });
});
