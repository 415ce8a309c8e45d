import { Elysia } from "elysia";
import { adminPages } from "../admin/routes.ts";
import { availabilityApi } from "../availability/routes.ts";
import { businessApi } from "../business/api.ts";
// issue 13
import { paymentApi } from "../payment/routes.ts";
import { catalogueApi } from "../catalogue/routes.ts";
import { staffApi } from "../catalogue/staff-routes.ts";
import { scheduleApi } from "../schedule/routes.ts";
import { importApi } from "../import/routes.ts";
import { clientApi } from "../client/api.ts";
import { businessPages } from "../business/routes.tsx";
import { logoRoutes } from "../business/logo-routes.ts";
import { bookingRoutes } from "../booking/routes.ts";
import { calendarFeedRoutes } from "../calendar/routes.ts";
import { notificationApi, notificationPages } from "../notification/routes.tsx";
// issue 16
import { telegramApi } from "../telegram/routes.ts";
import { miniAppGuard } from "../telegram/mini-app.ts";
import { PageCache } from "./page-cache.ts";
import { PageHits } from "./page-hits.ts";
import type { RateLimits } from "./rate-limit.ts";
import type { Config } from "../config/config.ts";
import { healthRoutes } from "../health/routes.ts";
import { routeTagger } from "../metrics/http.ts";
import { metricsRoutes } from "../metrics/routes.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import type { Registry } from "../tenant/registry.ts";
import type { Clock } from "../time/clock.ts";
import { assetResponse } from "./assets.ts";
import { compression } from "./compression.ts";
import { csrfGuard } from "./csrf.ts";
import { formBodies } from "./form-body.ts";
import { jsonBodies } from "./json-body.ts";
import { apiDocs } from "./docs.ts";
import { handleError } from "./errors.tsx";
// issue 17: branches
import { locationApi } from "../location/routes.ts";
// issue 16: the widget and embed mode
import { embedMode } from "../embed/frame.ts";
import { embedRoutes } from "../embed/routes.ts";
import { vkRoutes } from "../vk/routes.tsx";
// issue 14: packages, wallet, certificates, promo codes
import { balanceApi } from "../balance/api.ts";
import { codesApi } from "../balance/codes-api.ts";
// issue 18: outgoing webhooks
import { webhookApi } from "../webhook/api.ts";
// issue 15
import { reviewRoutes } from "../review/routes.ts";
import { cabinetPages } from "../cabinet/pages.tsx";
import { hybridApi } from "../import/hybrid-api.ts";
import { pushRoutes } from "../push/routes.ts";
import { waitlistRoutes } from "../waitlist/routes.tsx";

/** What the HTTP layer is built from; tests build it with a temp data dir and a frozen clock. */
export interface AppDeps {
  config: Config;
  clock: Clock;
  registry: Registry;
  tenants: TenantConnections;
  version: string;
  /** Per-address limits of public writes (booking, holds); PUBLIC_WRITE_LIMITS when absent. */
  rateLimits?: RateLimits;
  providerEndpoints?: { smsRu: string; telegram: string }; // for the admin's provider checks; absent: the real SMS.ru and Telegram
}

/** The whole HTTP surface, composed in ONE place. Static paths first, then `/:slug` pages last. */
export function createApp(deps: AppDeps) {
  const pages = new PageCache(deps.clock);
  // One chain through every plugin is more than TypeScript can type (TS2589); the routes' types are
  // not used (nothing calls the app through them), so the chain is typed as a plain Elysia between
  // its parts.
  const hooks = new Elysia()
    .onError(({ error, code, request }) => handleError({ error, code, request }))
    .use(compression())
    .use(embedMode(deps.tenants)) // issue 16
    // the last wrapper, so the outermost: a repeated cached page skips every other hook (issue 20)
    .use(new PageHits(pages, deps.tenants).plugin())
    .use(routeTagger())
    .use(formBodies())
    .use(jsonBodies())
    .use(csrfGuard())
    .use(pages.invalidation())
    .use(miniAppGuard(deps)) // issue 16: Telegram Mini App launch data, checked before any salon handler
    .use(apiDocs(deps.version))
    .use(healthRoutes(deps))
    .use(metricsRoutes(deps));
  const api = (hooks as unknown as Elysia)
    .get("/assets/:name", ({ params }) => assetResponse(params.name) ?? new Response("Not found", { status: 404 }), {
      detail: { hide: true },
    })
    // Browsers ask for it by this name on pages that do not link one (the admin, error pages).
    .get("/favicon.ico", () => assetResponse("favicon.svg")!, { detail: { hide: true } })
    .use(availabilityApi(deps.tenants, deps.clock, pages))
    .use(businessApi(deps.tenants, deps.clock, deps.config))
    .use(catalogueApi(deps.tenants, deps.clock))
    .use(staffApi(deps.tenants, deps.clock))
    .use(scheduleApi(deps.tenants, deps.clock, deps.config))
    .use(locationApi(deps.tenants, deps.clock)) // issue 17
    .use(importApi(deps.tenants, deps.clock))
    .use(clientApi(deps.tenants, deps.clock))
    // issue 13: payments, refunds, YooKassa notifications
    .use(paymentApi(deps))
    // issue 14
    .use(balanceApi(deps.tenants, deps.clock))
    .use(codesApi(deps.tenants, deps.clock));
  const admin = (api as unknown as Elysia)
    // issue 18
    .use(webhookApi(deps))
    .use(hybridApi(deps.tenants, deps.clock))
    .use(adminPages(deps))
    .use(logoRoutes(deps));
  return (admin as unknown as Elysia)
    .use(bookingRoutes(deps, pages))
    .use(calendarFeedRoutes(deps))
    .use(notificationApi(deps)).use(notificationPages(deps))
    .use(telegramApi(deps)) // issue 16
    .use(embedRoutes(deps.tenants, pages)) // issue 16
    .use(vkRoutes(deps.tenants, pages, deps.clock))
    // issue 15
    .use(reviewRoutes(deps, pages))
    .use(cabinetPages(deps, pages))
    .use(pushRoutes(deps.tenants, deps.clock, deps.config.allowPrivateHosts))
    .use(waitlistRoutes(deps, pages))
    .use(businessPages(deps.tenants, pages, deps.clock, deps.config.publicUrl));
}

export type App = ReturnType<typeof createApp>;
