import { Elysia } from "elysia";
import { businessPages } from "../business/routes.tsx";
import type { Config } from "../config/config.ts";
import { healthRoutes } from "../health/routes.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import type { Registry } from "../tenant/registry.ts";
import type { Clock } from "../time/clock.ts";
import { assetResponse } from "./assets.ts";
import { csrfGuard } from "./csrf.ts";
import { apiDocs } from "./docs.ts";
import { handleError } from "./errors.tsx";

/** What the HTTP layer is built from; tests build it with a temp data dir and a frozen clock. */
export interface AppDeps {
  config: Config;
  clock: Clock;
  registry: Registry;
  tenants: TenantConnections;
  version: string;
}

/** The whole HTTP surface, composed in ONE place. Static paths first, then `/:slug` pages last. */
export function createApp(deps: AppDeps) {
  return new Elysia()
    .onError(({ error, code, request }) => handleError({ error, code, request }))
    .use(csrfGuard())
    .use(apiDocs(deps.version))
    .use(healthRoutes(deps.registry, deps.version))
    .get("/assets/:name", ({ params }) => assetResponse(params.name) ?? new Response("Not found", { status: 404 }), {
      detail: { hide: true },
    })
    .use(businessPages(deps.tenants));
}

export type App = ReturnType<typeof createApp>;
