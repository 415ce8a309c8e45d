import { addDays, instantToLocalMinutes, localDateOf, localToInstant } from "../time/zone.ts";

/** No SMS from `startMinutes` to `endMinutes` (wall clock in the salon's zone); may wrap midnight. */
export interface QuietHours {
  startMinutes: number;
  endMinutes: number;
}

const MINUTE_MS = 60_000;

/** The quiet period containing `instant` as [start, end) instants, or null when it is not quiet. */
export function quietPeriod(instant: number, zone: string, quiet: QuietHours): { start: number; end: number } | null {
  const { startMinutes: from, endMinutes: to } = quiet;
  if (from === to) return null; // no quiet hours
  const m = instantToLocalMinutes(instant, zone);
  const date = localDateOf(instant, zone);
  const at = (day: string, minutes: number) => localToInstant(day, minutes, zone, "compatible");
  if (from < to) return m >= from && m < to ? { start: at(date, from), end: at(date, to) } : null;
  // wraps midnight: 21:00 → 09:00
  if (m >= from) return { start: at(date, from), end: at(addDays(date, 1), to) };
  if (m < to) return { start: at(addDays(date, -1), from), end: at(date, to) };
  return null;
}

/**
 * When an SMS due at `dueAt` may go out: as due outside quiet hours; else the morning after; but
 * if the morning is too late (at or after `deadline`, the visit's start), the evening before, as
 * long as that has not passed. Null: there is no decent time, so it is not sent at all (e.g. a
 * 2-hour reminder of an 08:00 visit, booked at 23:00).
 */
export function placeSms(
  dueAt: number,
  zone: string,
  quiet: QuietHours,
  bounds: { now: number; deadline: number | null },
): number | null {
  const period = quietPeriod(dueAt, zone, quiet);
  if (!period) return dueAt;
  if (bounds.deadline === null || period.end < bounds.deadline) return period.end;
  const evening = period.start - MINUTE_MS;
  if (evening >= bounds.now) return evening;
  return bounds.now < period.start ? bounds.now : null;
}
