import { isLocale, localeFromAcceptLanguage, type Locale } from "../i18n/i18n.ts";
import { queryParam } from "./request-url.ts";

const COOKIE = "lang";

/**
 * The language of a response: an explicit `?lang=` (the switch), then the remembered choice
 * (cookie), then what the browser asks for if `preferBrowser`, then the salon's default.
 */
export function requestLocale(request: Request, salonDefault: Locale, preferBrowser = false): Locale {
  const asked = queryParam(request, "lang");
  if (isLocale(asked)) return asked;
  const cookie = /(?:^|;\s*)lang=(\w\w)/.exec(request.headers.get("cookie") ?? "")?.[1];
  if (isLocale(cookie)) return cookie;
  if (preferBrowser) return localeFromAcceptLanguage(request.headers.get("accept-language")) ?? salonDefault;
  return salonDefault;
}

/** The Set-Cookie that remembers a language picked with `?lang=`, or null when none was picked. */
export function rememberLocale(request: Request): string | null {
  const asked = queryParam(request, "lang");
  return isLocale(asked) ? `${COOKIE}=${asked}; Path=/; Max-Age=31536000; SameSite=Lax` : null;
}
