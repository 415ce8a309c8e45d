/** Turns a Calendar (weekly hours, exceptions, time off) into open instants over some local days. */
import type { LocalDay } from "../time/zone.ts";
import { intersect, normalize, subtract, type Interval, type IntervalSet } from "./intervals.ts";
import type { Calendar, DateException, MinuteRange } from "./model.ts";

/**
 * Wall-clock ranges that apply on one local date. Exceptions for the date replace the weekly hours:
 * any "closed" one closes the day, otherwise the custom ranges of all of them apply.
 */
function rangesOn(calendar: Calendar, day: LocalDay, exceptions: DateException[] | undefined): MinuteRange[] {
  if (exceptions) {
    return exceptions.some((e) => e.kind === "closed") ? [] : exceptions.flatMap((e) => e.ranges ?? []);
  }
  // ISO dates compare correctly as strings; validFrom/validTo are inclusive.
  return calendar.weekly.filter(
    (r) =>
      r.weekday === day.weekday &&
      (r.validFrom === undefined || r.validFrom <= day.date) &&
      (r.validTo === undefined || day.date <= r.validTo),
  );
}

/**
 * Open time over `days`, minus time off. Wall times become instants with the "compatible" rule: a
 * range edge in a DST gap moves forward by the gap, an edge in a repeated hour takes its first
 * occurrence — the same reading clocks and calendar apps give.
 */
export function openIntervals(calendar: Calendar, days: readonly LocalDay[]): IntervalSet {
  const exceptions = Map.groupBy(calendar.exceptions, (e) => e.date);
  const open: Interval[] = [];
  for (const day of days) {
    for (const range of rangesOn(calendar, day, exceptions.get(day.date))) {
      open.push([
        day.instantAt(range.startMinutes, "compatible"),
        day.instantAt(range.endMinutes, "compatible"),
      ]);
    }
  }
  return subtract(normalize(open), normalize(calendar.timeOff));
}

/** When a master or resource works: its own open time, within the location's (which bounds everyone's). */
export function workingIntervals(locationOpen: IntervalSet, calendar: Calendar, days: readonly LocalDay[]): IntervalSet {
  return intersect(locationOpen, openIntervals(calendar, days));
}
