import { Elysia } from "elysia";
import { timingSafeEqual } from "node:crypto";
import { AppError } from "../error/app-error.ts";
import { newSecretToken } from "../account/api-token.ts";
import { isApiRequest } from "./request-url.ts";

export const CSRF_COOKIE = "zapis_csrf";
export const CSRF_FIELD = "_csrf";
export const CSRF_HEADER = "x-csrf-token";
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

const COOKIE_VALUE = new RegExp(`(?:^|;\\s*)${CSRF_COOKIE}=([A-Za-z0-9_-]+)`);
const cookieToken = (request: Request) => COOKIE_VALUE.exec(request.headers.get("cookie") ?? "")?.[1] ?? null;

/**
 * The CSRF token for forms on this page: the browser's existing one, or a new one with the
 * Set-Cookie that stores it. Views put it in a hidden `_csrf` field and in `hx-headers` so htmx
 * requests carry it too.
 */
export function csrfFor(request: Request, secure: boolean): { token: string; setCookie: string | null } {
  const existing = cookieToken(request);
  if (existing) return { token: existing, setCookie: null };
  const token = newSecretToken();
  return {
    token,
    setCookie: `${CSRF_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`,
  };
}

/** True when the browser says the request came from our own pages (Fetch Metadata, then Origin). */
function sameOrigin(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site) return site === "same-origin" || site === "none";
  const origin = request.headers.get("origin");
  if (!origin) return true; // old browsers and non-browser clients; the token still has to match
  // "null" (sandboxed frames, file: pages) and garbage are no origin of ours
  return URL.canParse(origin) && new URL(origin).host === (request.headers.get("host") ?? new URL(request.url).host);
}

function tokensMatch(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Guards every state-changing page request (double-submit token + Origin/Sec-Fetch-Site). The JSON
 * API under /api is exempt: it authenticates with Bearer tokens, which a browser never sends on its
 * own, and its public booking call carries no credentials to abuse.
 */
export const csrfGuard = () =>
  new Elysia().onBeforeHandle({ as: "global" }, ({ request, body }) => {
    if (!UNSAFE.has(request.method) || isApiRequest(request)) return;
    const cookie = cookieToken(request);
    const sent = request.headers.get(CSRF_HEADER) ?? (body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
    if (!sameOrigin(request) || !cookie || typeof sent !== "string" || !tokensMatch(cookie, sent)) {
      throw new AppError("FORBIDDEN", [{ key: "error.csrf" }]);
    }
  });
