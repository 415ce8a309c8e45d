/**
 * Repeated requests for a cached public page or fragment, answered before Elysia (issue 20).
 *
 * A ReadyBody hit (src/http/page-cache.ts) costs little, but reaching it costs Elysia's context,
 * routing and every app-wide hook (embed mode, Mini App, CSRF, bodies, metrics, the tenant scope,
 * locale): ≈ 2/3 of what the server spent on a cached slot fragment (profiled). Rather than
 * re-deciding any of that here, this REMEMBERS what the whole app answered: when a GET was answered
 * by ReadyBody.respond and left the app untouched (readyAnswer), the same request again gets the same
 * body's answer, as long as
 *  - it is the same request: the same URL and the same value of every header except those no GET
 *    page or hook reads (IGNORED; accept-encoding is negotiated by respond() per request), so a
 *    cookie, htmx header or anything unknown makes another request — but for the CSRF cookie,
 *    which every visitor of a form has and only forms and writes read (a ready body has no CSRF
 *    slot): without that, visitors could never share an answer;
 *  - the page cache still holds that very body for its page, valid for the current data version
 *    (else the app makes or finds the new one, and that answer is remembered instead);
 *  - its tenant is still open, on the same database, and active (a disabled salon answers 503).
 * Launch data of a Telegram Mini App is verified against the clock (it goes stale): requests with
 * it are never replayed. The route is tagged for the metrics as the app tagged it.
 */
import { Elysia } from "elysia";
import type { Database } from "../db/database.ts";
import { routeOf, tagRoute } from "../metrics/http.ts";
import { initDataOf } from "../telegram/mini-app.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import { readyAnswer, type ReadyBody } from "./compression.ts";
import { CSRF_COOKIE } from "./csrf.ts";
import { UNREAD_HTMX_HEADERS } from "./htmx.ts";
import type { PageCache } from "./page-cache.ts";
import { requestPath } from "./request-url.ts";

/**
 * Headers nothing on the way to a ReadyBody reads for a GET (checked with grep over src: the
 * pages and hooks read cookie, hx-request, hx-trigger and x-telegram-init-data; accept-language
 * only error pages). A header added to what a page or hook reads must leave this list.
 * Whatever is not listed here is part of what makes two requests the same.
 */
const IGNORED = new Set([
  "accept",
  "accept-encoding",
  "accept-language",
  "cache-control",
  "connection",
  "dnt",
  "host", // in the URL already
  // htmx's unread ones (hx-request and hx-trigger stay): the page a fragment is asked from
  // (hx-current-url) would otherwise make a request per page of every visitor
  ...UNREAD_HTMX_HEADERS,
  "pragma",
  "priority",
  "referer",
  "sec-ch-ua",
  "sec-ch-ua-mobile",
  "sec-ch-ua-platform",
  "sec-fetch-dest",
  "sec-fetch-mode",
  "sec-fetch-site",
  "sec-fetch-user",
  "upgrade-insecure-requests",
  "user-agent",
  "x-request-id", // the server's, set on the response after the app
  "x-zapis-peer", // read by the rate limits of writes only
]);

interface Answer {
  slug: string;
  db: Database;
  body: ReadyBody;
  cookies: readonly string[];
  route: string;
}

type Fetch = (request: Request) => Response | Promise<Response>;

export class PageHits {
  private readonly answers = new Map<string, Answer>();

  constructor(
    private readonly pages: PageCache,
    private readonly tenants: TenantConnections,
    /** Requests remembered; the least recently repeated goes first. */
    private readonly maxEntries = 1_000,
  ) {}

  /** The app-wide wrapper: used after every other wrapper, so a repeat skips them all. */
  plugin() {
    return new Elysia({ name: "page-hits" }).wrap((fetch) => (request: Request) => {
      if (request.method !== "GET") return (fetch as unknown as Fetch)(request);
      const key = requestKey(request);
      const repeat = this.repeat(key, request);
      if (repeat) return repeat;
      const response = (fetch as unknown as Fetch)(request);
      return response instanceof Promise ? response.then((r) => this.remember(key, request, r)) : this.remember(key, request, response);
    });
  }

  private repeat(key: string, request: Request): Response | null {
    const answer = this.answers.get(key);
    if (!answer) return null;
    // current() counts as the tenant's use, as the tenant scope's would
    const open = this.tenants.current(answer.slug);
    if (open?.db !== answer.db || open.row.status !== "active" || !this.pages.isCurrent(answer.body, answer.db)) {
      this.answers.delete(key);
      return null;
    }
    this.answers.delete(key);
    this.answers.set(key, answer); // most recently repeated goes last
    tagRoute(request, answer.route);
    return answer.body.respond(request, answer.cookies);
  }

  private remember(key: string, request: Request, response: Response): Response {
    const ready = readyAnswer(response);
    const route = routeOf(request);
    if (!ready || route === undefined || initDataOf(request) !== null) return response;
    // the salon pages live under /<slug>: the tenant whose database made the body
    const slug = requestPath(request).split("/")[1] ?? "";
    const db = this.tenants.peek(slug);
    if (!db || !this.pages.isCurrent(ready.body, db)) return response;
    this.answers.set(key, { slug, db, body: ready.body, cookies: ready.cookies, route });
    if (this.answers.size > this.maxEntries) this.answers.delete(this.answers.keys().next().value!);
    return response;
  }
}

/**
 * What makes two GETs the same request here: the URL and every header not IGNORED (in the sorted
 * order Headers keeps). keys() and get() of the few kept: ≈ 0.3 µs, iterating the entries ≈ 0.6 µs.
 */
function requestKey(request: Request): string {
  const { headers } = request;
  let key = request.url;
  for (const name of headers.keys()) {
    if (IGNORED.has(name)) continue;
    const value = headers.get(name)!;
    key += `\n${name}: ${name === "cookie" ? withoutCsrfCookie(value) : value}`;
  }
  return key;
}

/** The cookies but the CSRF one, each without the spaces before it (every reader skips them: `;\s*name=`). */
const withoutCsrfCookie = (cookies: string): string =>
  cookies
    .split(";")
    .map((cookie) => cookie.trimStart())
    .filter((cookie) => !cookie.startsWith(`${CSRF_COOKIE}=`))
    .join("; ");
