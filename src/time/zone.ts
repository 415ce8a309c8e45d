/**
 * The ONE place that converts between instants (epoch ms, UTC) and a salon's local calendar.
 * Everything here delegates zone rules to Temporal; nothing else in the codebase may do zone math.
 *
 * Vocabulary: a LocalDate is "YYYY-MM-DD" in the salon's zone; "minutes" are wall-clock minutes from
 * local midnight (0..1440, 1440 = the end of the day = the start of the next day).
 */
import { parseIsoInstant } from "./format.ts";

export type LocalDate = string;
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * How to map a wall time the clock skips (DST gap) or shows twice (DST overlap) to an instant.
 * "compatible", "earlier", "later" are Temporal's rules. "reject" answers null for a wall time that
 * does not exist (gap); a repeated wall time resolves to its earlier instant, since callers only need
 * to refuse invented times, not ambiguous ones.
 */
export type Disambiguation = "compatible" | "earlier" | "later" | "reject";
/** The rules that always yield an instant. */
export type Resolving = Exclude<Disambiguation, "reject">;

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;
const DAY_MS = DAY_MINUTES * MINUTE_MS;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isValidZone(zone: string): boolean {
  try {
    Temporal.Now.zonedDateTimeISO(zone);
    return true;
  } catch {
    return false;
  }
}

/**
 * A real calendar date as YYYY-MM-DD. Plain arithmetic, not Temporal.PlainDate.from (≈ 0.2 µs, half
 * of what reading a booking flow from a URL cost on every cached slot fragment, issue 20); the same
 * answers (time.test.ts checks it against Temporal).
 */
export function isValidLocalDate(date: string): boolean {
  if (!LOCAL_DATE.test(date)) return false;
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return month >= 1 && month <= 12 && day >= 1 && day <= days;
}

export function localDateOf(instantMs: number, zone: string): LocalDate {
  return zoned(instantMs, zone).toPlainDate().toString();
}

/** ISO weekday of a local date: Monday = 1 … Sunday = 7. */
export function weekdayOf(date: LocalDate): Weekday {
  return Temporal.PlainDate.from(date).dayOfWeek as Weekday;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/** First instant of a local date (local midnight, or the end of a gap that swallows midnight). */
export function startOfLocalDay(date: LocalDate, zone: string): number {
  return Temporal.PlainDate.from(date).toZonedDateTime(zone).epochMilliseconds;
}

/** The instant a wall time on a local date denotes; null only for "reject" and a skipped wall time. */
export function localToInstant(date: LocalDate, minutes: number, zone: string, disambiguation: Resolving): number;
export function localToInstant(date: LocalDate, minutes: number, zone: string, disambiguation: Disambiguation): number | null;
export function localToInstant(
  date: LocalDate,
  minutes: number,
  zone: string,
  disambiguation: Disambiguation,
): number | null {
  const wall = Temporal.PlainDate.from(date)
    .toPlainDateTime()
    .add({ minutes });
  if (disambiguation !== "reject") {
    return wall.toZonedDateTime(zone, { disambiguation }).epochMilliseconds;
  }
  const earlier = wall.toZonedDateTime(zone, { disambiguation: "earlier" });
  // In a gap Temporal moves the wall time; if it moved, the asked-for wall time never happens.
  return Temporal.PlainDateTime.compare(earlier.toPlainDateTime(), wall) === 0
    ? earlier.epochMilliseconds
    : null;
}

/** Wall-clock minutes from local midnight of the instant's own local date (0..1439). */
export function instantToLocalMinutes(instantMs: number, zone: string): number {
  const z = zoned(instantMs, zone);
  return z.hour * 60 + z.minute;
}

/**
 * One local date resolved once, so converting many wall times of that day is cheap. On the vast
 * majority of days the offset does not change, and a wall time is midnight + minutes; on a day with
 * a transition every conversion goes through Temporal.
 */
export interface LocalDay {
  readonly date: LocalDate;
  readonly weekday: Weekday;
  /** First instant of the day. */
  readonly start: number;
  /** First instant of the next day. */
  readonly end: number;
  /** Same answer as localToInstant(date, minutes, zone, disambiguation); 1440 maps to `end`. */
  instantAt(minutes: number, disambiguation: Resolving): number;
  instantAt(minutes: number, disambiguation: Disambiguation): number | null;
}

export function localDay(date: LocalDate, zone: string): LocalDay {
  const plain = Temporal.PlainDate.from(date);
  const first = plain.toZonedDateTime(zone);
  const start = first.epochMilliseconds;
  const end = plain.add({ days: 1 }).toZonedDateTime(zone).epochMilliseconds;
  const transition = first.getTimeZoneTransition("next");
  const steady =
    end - start === DAY_MS &&
    first.hour === 0 &&
    first.minute === 0 &&
    (transition === null || transition.epochMilliseconds >= end);
  return dayOf(date, plain.dayOfWeek as Weekday, start, end, steady, zone);
}

/**
 * localDay of `count` consecutive dates from `from`, the same days for less: Temporal resolves the
 * first day and each day a transition may touch, and the days between follow from the one before
 * (midnight + 24 h). An availability window resolves some forty days per query: 0.09 ms one by one.
 */
export function localDays(from: LocalDate, count: number, zone: string): LocalDay[] {
  const days: LocalDay[] = [];
  let utcDate = Date.parse(`${from}T00:00:00Z`); // the date's own midnight in UTC: date arithmetic only
  let nextTransition = -Infinity;
  for (let i = 0; i < count; i++, utcDate += DAY_MS) {
    const date = i === 0 ? from : new Date(utcDate).toISOString().slice(0, 10);
    const before = days[i - 1];
    // strictly before: a transition at the next midnight may move that midnight (a day of 25 hours)
    if (before && before.end + DAY_MS < nextTransition) {
      days.push(dayOf(date, ((before.weekday % 7) + 1) as Weekday, before.end, before.end + DAY_MS, true, zone));
      continue;
    }
    const day = localDay(date, zone);
    days.push(day);
    nextTransition = Temporal.Instant.fromEpochMilliseconds(day.start).toZonedDateTimeISO(zone).getTimeZoneTransition("next")?.epochMilliseconds ?? Infinity;
  }
  return days;
}

/** `steady`: the day starts at 00:00 and lasts 24 hours at one offset, so a wall time is midnight + minutes. */
function dayOf(date: LocalDate, weekday: Weekday, start: number, end: number, steady: boolean, zone: string): LocalDay {
  function instantAt(minutes: number, disambiguation: Resolving): number;
  function instantAt(minutes: number, disambiguation: Disambiguation): number | null;
  function instantAt(minutes: number, disambiguation: Disambiguation): number | null {
    if (minutes === DAY_MINUTES) return end;
    if (steady) return start + minutes * MINUTE_MS;
    return localToInstant(date, minutes, zone, disambiguation);
  }
  return { date, weekday, start, end, instantAt };
}

function zoned(instantMs: number, zone: string): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(instantMs).toZonedDateTimeISO(zone);
}

/**
 * A list's `from`/`to` bound (DESIGN §5): a salon-local date `YYYY-MM-DD` means that whole local
 * day (so as `to`, the start of the next one: ranges are [from, to)), an ISO instant means itself.
 * Null for anything else.
 */
export function rangeBound(text: string, zone: string, edge: "from" | "to"): number | null {
  if (isValidLocalDate(text)) return startOfLocalDay(edge === "from" ? text : addDays(text, 1), zone);
  return parseIsoInstant(text);
}
