import { formatDuration } from "../time/format.ts";
import { MESSAGE_PARTS } from "./catalog.ts";

export const LOCALES = ["ru", "en", "kk"] as const;
export type Locale = (typeof LOCALES)[number];
export type MessageKey = (typeof MESSAGE_PARTS)[number]["en"] extends infer E ? (E extends unknown ? keyof E : never) : never;
export type MessageParams = Record<string, string | number>;

const catalogs = Object.fromEntries(
  LOCALES.map((locale) => [locale, Object.assign({}, ...MESSAGE_PARTS.map((part) => part[locale]))]),
) as Record<Locale, Record<MessageKey, string>>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The message for `key` in `locale`, with `{name}` placeholders filled from `params`. `{name:duration}`
 * reads the param as minutes and says it in words ("за 2 недели", not "за 20160 мин"): the message
 * decides how a number reads, so errors raised far from any locale keep plain numbers as params.
 */
export function t(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  return catalogs[locale][key].replace(/\{(\w+)(:duration)?\}/g, (whole, name: string, duration?: string) =>
    !(name in params) ? whole : duration ? formatDuration(Number(params[name]), locale) : String(params[name]),
  );
}

/** The first supported language of an Accept-Language header, or null. */
export function localeFromAcceptLanguage(header: string | null): Locale | null {
  if (!header) return null;
  for (const part of header.split(",")) {
    const tag = part.split(";")[0]?.trim().slice(0, 2).toLowerCase();
    if (isLocale(tag)) return tag;
  }
  return null;
}
