import type { Locale } from "../../src/i18n/i18n.ts";
import { localDateOf, type LocalDate } from "../../src/time/zone.ts";
import { clockTime, dayLabel } from "../admin/format.ts";

// Same language tags as views/admin/format.ts; a calendar date only, no zone involved.
const INTL: Record<Locale, string> = { ru: "ru-RU", en: "en-GB", kk: "kk-KZ" };

/** "пн", "Mon", "дс": the short weekday of a local date. */
export const weekdayShort = (date: LocalDate, locale: Locale): string =>
  Temporal.PlainDate.from(date).toLocaleString(INTL[locale], { weekday: "short" });

/** "пятница, 5 декабря 2026 г., 14:00–15:00": a visit's day and times in the salon's zone. */
export const visitWhen = (start: number, end: number, zone: string, locale: Locale): string =>
  `${dayLabel(localDateOf(start, zone), locale, true)}, ${clockTime(start, zone)}–${clockTime(end, zone)}`;
