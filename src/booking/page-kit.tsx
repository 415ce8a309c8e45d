/** What the booking pages share: the request's language and CSRF token, the hold cookie, the visit's services. */
import { and, eq, inArray } from "drizzle-orm";
import { getPublicProfile, publicLocale, type PublicProfile } from "../business/salon-page.ts";
import { services } from "../catalogue/schema.ts";
import type { Config } from "../config/config.ts";
import type { Database } from "../db/database.ts";
import { csrfFor } from "../http/csrf.ts";
import { rememberLocale, requestLocale } from "../http/locale.ts";
import { render } from "../http/render.ts";
import { queryParam } from "../http/request-url.ts";
import type { PageCache } from "../http/page-cache.ts";
import { raw } from "hono/html";
import type { JSX } from "hono/jsx/jsx-runtime";
import type { Locale } from "../i18n/i18n.ts";
import type { VisitService } from "../../views/booking/visit.tsx";

export interface PageContext {
  profile: PublicProfile;
  locale: Locale;
  csrf: string;
  /** Set-Cookie headers this response must carry (CSRF token, remembered language). */
  cookies: string[];
}

export const isSecure = (config: Pick<Config, "publicUrl">) => config.publicUrl.startsWith("https://");

/** The salon's profile and booking page settings, read once per data version. */
export const cachedProfile = (db: Database, pages: PageCache) => pages.value(db, "profile", () => getPublicProfile(db));

/** The request's language among those the salon offers, and the cookie that remembers an offered choice. */
export function salonLocale(request: Request, profile: PublicProfile): { locale: Locale; cookie: string | null } {
  const locale = publicLocale(profile, requestLocale(request, profile.locale));
  const asked = queryParam(request, "lang");
  return { locale, cookie: asked === locale ? rememberLocale(request) : null };
}

export async function pageContext(db: Database, request: Request, config: Pick<Config, "publicUrl">, pages: PageCache): Promise<PageContext> {
  const profile = await cachedProfile(db, pages);
  const csrf = csrfFor(request, isSecure(config));
  const { locale, cookie } = salonLocale(request, profile);
  return {
    profile,
    locale,
    csrf: csrf.token,
    cookies: [csrf.setCookie, cookie].filter((c): c is string => c !== null),
  };
}

/** Headers carrying several Set-Cookie values (a plain object could hold only one). */
export function withCookies(cookies: string[], init: Record<string, string> = {}): Headers {
  const headers = new Headers(init);
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  return headers;
}

/** A page (or fragment) from the page cache as a response, with the security headers of every page. */
export async function cachedResponse(body: string, cookies: string[], status = 200): Promise<Response> {
  const response = await render(<>{raw(body)}</>, { status, fragment: true });
  for (const cookie of cookies) response.headers.append("set-cookie", cookie);
  return response;
}

/** A rendered page with the context's cookies. */
export async function pageResponse(node: JSX.Element, ctx: PageContext, status = 200): Promise<Response> {
  const response = await render(node, { status });
  for (const cookie of ctx.cookies) response.headers.append("set-cookie", cookie);
  return response;
}

export const redirect = (location: string, cookies: string[] = []) =>
  new Response(null, { status: 303, headers: withCookies(cookies, { location }) });

// The browser's hold: one per browser and salon, HttpOnly so page scripts never see it.
const HOLD_COOKIE = "zapis_hold";

export const holdTokenOf = (request: Request): string | null =>
  new RegExp(`(?:^|;\\s*)${HOLD_COOKIE}=([A-Za-z0-9_-]+)`).exec(request.headers.get("cookie") ?? "")?.[1] ?? null;

export function holdCookie(slug: string, token: string | null, maxAgeSeconds: number, secure: boolean): string {
  const value = token ?? "";
  const age = token === null ? 0 : maxAgeSeconds;
  return `${HOLD_COOKIE}=${value}; Path=/${slug}; Max-Age=${age}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/** The visit's active services in the asked order, or null when one of them is not bookable. */
export async function visitServices(db: Database, serviceIds: number[]): Promise<VisitService[] | null> {
  if (serviceIds.length === 0) return null;
  const rows = await db.orm
    .select({ id: services.id, title: services.title, durationMinutes: services.durationMinutes, priceMinor: services.priceMinor, priceMaxMinor: services.priceMaxMinor })
    .from(services)
    .where(and(inArray(services.id, serviceIds), eq(services.active, true), eq(services.bookableOnline, true)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const visit = serviceIds.map((id) => byId.get(id));
  return visit.every((s) => s !== undefined) ? (visit as VisitService[]) : null;
}

/** A form field that may arrive once or repeated. */
export const formValues = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : typeof value === "string" ? [value] : [];
export const formValue = (value: unknown): string => formValues(value)[0] ?? "";

/** A page whose URL carries a key (a token) or a person's data: kept out of caches and other sites' Referer. */
export function privatePage(response: Response): Response {
  response.headers.set("cache-control", "no-store");
  response.headers.set("referrer-policy", "no-referrer");
  return response;
}
