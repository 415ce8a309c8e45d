import { Elysia } from "elysia";
import type { AppDeps } from "../http/app.ts";
import type { PageCache } from "../http/page-cache.ts";
import { PUBLIC_WRITE_LIMITS, RateLimiter } from "../http/rate-limit.ts";
import { reviewApi } from "./api.ts";
import { reviewPages } from "./pages.tsx";

/** Reviews over HTTP: the JSON API and the client's review page, sharing one per-address write limit. */
export function reviewRoutes(deps: AppDeps, pages: PageCache) {
  const limiter = new RateLimiter(deps.clock, deps.rateLimits ?? PUBLIC_WRITE_LIMITS);
  return new Elysia().use(reviewApi(deps, limiter)).use(reviewPages(deps, pages, limiter));
}
