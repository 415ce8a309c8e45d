import type { Locale } from "../../src/i18n/i18n.ts";
import { formatHHMM } from "../../src/time/format.ts";
import { instantToLocalMinutes, localDateOf, type LocalDate } from "../../src/time/zone.ts";

// Presentation of local dates and times in admin pages. Zone conversions stay in src/time; these
// only spell out a local date or an instant's local wall time.

const INTL: Record<Locale, string> = { ru: "ru-RU", en: "en-GB", kk: "kk-KZ" };

export function dayLabel(date: LocalDate, locale: Locale, long = false): string {
  return Temporal.PlainDate.from(date).toLocaleString(INTL[locale], long ? { weekday: "long", day: "numeric", month: "long", year: "numeric" } : { weekday: "short", day: "numeric", month: "short" });
}

/** "14:30" in the salon's zone. */
export const clockTime = (instant: number, zone: string): string => formatHHMM(instantToLocalMinutes(instant, zone));

/** "1 Mar 2027, 14:30" in the salon's zone. */
export function dateTime(instant: number, zone: string, locale: Locale): string {
  const date = Temporal.PlainDate.from(localDateOf(instant, zone)).toLocaleString(INTL[locale], { day: "numeric", month: "short", year: "numeric" });
  return `${date}, ${clockTime(instant, zone)}`;
}
