/** Text forms of time used at the edges: API timestamps and "HH:MM" schedule fields. */

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "2027-03-28T10:00:00+02:00": the API's timestamp format, with the location's offset. */
export function toIsoWithOffset(instantMs: number, zone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(instantMs)
    .toZonedDateTimeISO(zone)
    .toString({ timeZoneName: "never", smallestUnit: instantMs % 1000 === 0 ? "second" : "millisecond" });
}

const DAY_MS = 86_400_000;

/**
 * toIsoWithOffset for many instants of one zone (an availability answer: thousands of slot
 * times). The offset is looked up once per span between the zone's transitions (an answer's
 * instants come in order, so usually once or twice per answer), and the wall time is written from
 * its parts, each date once: no Temporal or Date per instant. Measured: the 934 slot times of a
 * 30-day answer take 0.67 ms one by one through Temporal, 0.21 ms with an offset per UTC day and a
 * Date per instant, 0.04 ms here.
 */
export function isoFormatter(zone: string): (instantMs: number) => string {
  /** [from, to): instants of one offset. */
  let span = { from: 0, to: 0, text: "", ms: 0 };
  const dates = new Map<number, string>();
  /** "YYYY-MM-DDTHH:MM:SS" of a wall time given as ms since 1970-01-01T00:00 (whole seconds). */
  const wall = (localMs: number) => {
    const day = Math.floor(localMs / DAY_MS);
    let date = dates.get(day);
    if (date === undefined) dates.set(day, (date = new Date(day * DAY_MS).toISOString().slice(0, 11)));
    const seconds = (localMs - day * DAY_MS) / 1000;
    return date + TWO_DIGITS[Math.floor(seconds / 3600)] + ":" + TWO_DIGITS[Math.floor(seconds / 60) % 60] + ":" + TWO_DIGITS[seconds % 60];
  };
  return (instantMs) => {
    if (instantMs % 1000 !== 0) return toIsoWithOffset(instantMs, zone);
    if (instantMs < span.from || instantMs >= span.to) {
      const zoned = Temporal.Instant.fromEpochMilliseconds(instantMs).toZonedDateTimeISO(zone);
      const next = zoned.getTimeZoneTransition("next");
      span = { from: instantMs, to: next?.epochMilliseconds ?? Infinity, text: zoned.offset, ms: zoned.offsetNanoseconds / 1e6 };
    }
    // an offset of seconds (local mean time, before 1920 or so) is rounded in writing: Temporal's way
    if (span.ms % 60_000 !== 0) return toIsoWithOffset(instantMs, zone);
    return wall(instantMs + span.ms) + span.text;
  };
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));

/**
 * "вт, 2 марта, 12:00": an instant as people read it in a message, in the salon's zone and language.
 * In the hour a DST change repeats, the wall time alone names two instants, so it carries its offset:
 * "вс, 25 октября в 02:30 (GMT+2)".
 */
export function formatLocalDateTime(instantMs: number, zone: string, locale: string): string {
  const zoned = Temporal.Instant.fromEpochMilliseconds(instantMs).toZonedDateTimeISO(zone);
  const text = zoned.toLocaleString(locale, { weekday: "short", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" });
  const wall = zoned.toPlainDateTime();
  const repeated = wall.toZonedDateTime(zone, { disambiguation: "earlier" }).epochMilliseconds !== wall.toZonedDateTime(zone, { disambiguation: "later" }).epochMilliseconds;
  if (!repeated) return text;
  const offset = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "shortOffset" }).formatToParts(instantMs).find((p) => p.type === "timeZoneName")?.value;
  return `${text} (${offset ?? zoned.offset})`;
}

type DurationUnit = "week" | "day" | "hour" | "minute";
const UNIT_MINUTES: Record<DurationUnit, number> = { week: 10_080, day: 1440, hour: 60, minute: 1 };

// The form a duration takes after "за", "через", "на" (Russian accusative: "за 1 неделю", "за 21 минуту"),
// "in"/"before" and "бұрын" (Kazakh keeps the noun singular after a number), per CLDR plural category.
const UNIT_WORDS: Record<string, Record<DurationUnit, Partial<Record<Intl.LDMLPluralRule, string>>>> = {
  ru: {
    week: { one: "неделю", few: "недели", many: "недель", other: "недели" },
    day: { one: "день", few: "дня", many: "дней", other: "дня" },
    hour: { one: "час", few: "часа", many: "часов", other: "часа" },
    minute: { one: "минуту", few: "минуты", many: "минут", other: "минуты" },
  },
  en: {
    week: { one: "week", other: "weeks" },
    day: { one: "day", other: "days" },
    hour: { one: "hour", other: "hours" },
    minute: { one: "minute", other: "minutes" },
  },
  kk: {
    week: { other: "апта" },
    day: { other: "күн" },
    hour: { other: "сағат" },
    minute: { other: "минут" },
  },
};

/**
 * A policy duration as people say it: 20160 → "2 недели" / "2 weeks" / "2 апта", 1500 → "1 день 1 час".
 * Whole weeks when it is whole weeks; otherwise days, hours and minutes, exact (a cancellation
 * window must not be rounded in the client's favour or against it). The words are in the form that
 * follows "за …" / "… before" / "… бұрын".
 */
export function formatDuration(minutes: number, locale: string): string {
  const words = UNIT_WORDS[locale] ?? UNIT_WORDS.en!;
  const plural = new Intl.PluralRules(locale);
  const say = (n: number, unit: DurationUnit) => {
    const forms = words[unit];
    return `${n} ${forms[plural.select(n)] ?? forms.other}`;
  };
  const total = Math.max(0, Math.round(minutes));
  if (total === 0) return say(0, "minute");
  if (total % UNIT_MINUTES.week === 0) return say(total / UNIT_MINUTES.week, "week");
  const parts: string[] = [];
  let rest = total;
  for (const unit of ["day", "hour", "minute"] as const) {
    const n = Math.floor(rest / UNIT_MINUTES[unit]);
    rest -= n * UNIT_MINUTES[unit];
    if (n > 0) parts.push(say(n, unit));
  }
  return parts.join(" ");
}

/** An ISO-8601 timestamp that names its offset (or Z) → epoch ms; null for anything else. */
export function parseIsoInstant(text: string): number | null {
  try {
    return Temporal.Instant.from(text).epochMilliseconds;
  } catch {
    return null;
  }
}

// Temporal (and Date) hold instants within ±8.64e15 ms; converting one beyond that throws.
const MAX_EPOCH_MS = 8.64e15;

/** Epoch milliseconds written as digits (a booking link's or form's `start`), or null when it is no instant we can show. */
export function parseEpochMs(text: string): number | null {
  if (!/^\d{1,16}$/.test(text)) return null;
  const ms = Number(text);
  return ms <= MAX_EPOCH_MS ? ms : null;
}

/** "09:30" → 570. "24:00" → 1440 so a day can close at midnight. Anything else → null. */
export function parseHHMM(text: string): number | null {
  if (text === "24:00") return 1440;
  const match = HHMM.exec(text);
  if (!match) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** 570 → "09:30"; inverse of parseHHMM for 0..1440. */
export function formatHHMM(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}
