import type { Locale } from "../../src/i18n/i18n.ts";
import type { LocalDate } from "../../src/time/zone.ts";

// Same language tags as views/admin/format.ts; a calendar date only, no zone involved.
const INTL: Record<Locale, string> = { ru: "ru-RU", en: "en-GB", kk: "kk-KZ" };

/** "пн", "Mon", "дс": the short weekday of a local date. */
export const weekdayShort = (date: LocalDate, locale: Locale): string =>
  Temporal.PlainDate.from(date).toLocaleString(INTL[locale], { weekday: "short" });
