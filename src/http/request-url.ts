/**
 * A request's URL as the app-wide hooks and the page routes read it, parsed ONCE per request.
 *
 * issue 20: a cached page hit used to parse its URL six times over (embed mode, the API docs, the
 * Mini App hooks, the locale, the handler), and reading `searchParams` of a fresh URL costs ≈ 0.4 µs
 * each time here, a few % of a whole hit. The parsed URL is kept per Request object: treat it as
 * read-only (it is shared by everything that handles the request).
 */
const parsed = new WeakMap<Request, URL>();

export function requestUrl(request: Request): URL {
  let url = parsed.get(request);
  if (!url) {
    url = new URL(request.url);
    parsed.set(request, url);
  }
  return url;
}

/**
 * One query parameter, as `searchParams.get(name)` answers it, without building URLSearchParams
 * when the raw query cannot hold it (no `name` in it, nothing percent-encoded). issue 20: the first
 * `searchParams` of a request costs ≈ 0.4 µs in a loop and several µs under Bun.serve (profiled),
 * and the hooks ask every page request for embed, tg and lang, which nearly none carry.
 */
export function queryParam(request: Request, name: string): string | null {
  const url = requestUrl(request);
  const { search } = url;
  if (!search.includes(name) && !search.includes("%")) return null;
  return url.searchParams.get(name);
}

/** The path of a request (`/acme/book`), for hooks that only look at it. */
export const requestPath = (request: Request): string => requestUrl(request).pathname;

/** True for the JSON API (`/api/…`): its own rules for bodies, CSRF and errors. */
export const isApiRequest = (request: Request): boolean => requestPath(request).startsWith("/api/");
