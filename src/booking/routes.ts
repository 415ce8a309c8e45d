import type { AppDeps } from "../http/app.ts";
import type { PageCache } from "../http/page-cache.ts";
import { PUBLIC_WRITE_LIMITS, RateLimiter } from "../http/rate-limit.ts";
import { bookingApi } from "./api.ts";
import { managePages } from "./manage-pages.tsx";
import { bookingPages } from "./pages.tsx";
import { paymentPages } from "../payment/pages.tsx";

export type BookingPageDeps = Pick<AppDeps, "tenants" | "clock" | "config"> & { limiter: RateLimiter };

/**
 * Booking over HTTP: the JSON API and the client's pages, sharing one per-address write limit.
 * Plugins for the app to use, not one Elysia wrapping them, so each route is registered once less
 * at every start (see adminPages in src/admin/routes.ts).
 */
export function bookingRoutes(deps: AppDeps, pages: PageCache) {
  const limiter = new RateLimiter(deps.clock, deps.rateLimits ?? PUBLIC_WRITE_LIMITS);
  return [
    bookingApi({ ...deps, limiter }),
    bookingPages({ ...deps, limiter }, pages),
    managePages({ ...deps, limiter }, pages),
    // issue 13: the client's prepayment page (YooKassa's return_url)
    paymentPages({ ...deps, limiter }, pages),
  ];
}
