import { join } from "node:path";
import { Elysia } from "elysia";
import type { AppDeps } from "../http/app.ts";
import { tenantScope } from "../tenant/scope.ts";
import { readLogo } from "./logo.ts";

/** The tenant's folder in the data root, where files beside its database live. */
export const tenantFolder = (deps: Pick<AppDeps, "config">, slug: string) => join(deps.config.dataDir, slug);

/** `/<slug>/logo`: the salon's uploaded logo, for its pages and the admin. */
export const logoRoutes = (deps: Pick<AppDeps, "config" | "tenants">) =>
  new Elysia({ prefix: "/:slug" }).use(tenantScope(deps.tenants)).get(
    "/logo",
    async ({ tenant, db }) => {
      const logo = await readLogo(db, tenantFolder(deps, tenant.slug));
      if (!logo) return new Response("Not found", { status: 404 });
      return new Response(logo.bytes, {
        // A changed logo is a new upload: clients revalidate after five minutes at most.
        headers: { "content-type": logo.type, "cache-control": "public, max-age=300", "x-content-type-options": "nosniff", "content-security-policy": "default-src 'none'" },
      });
    },
    { detail: { hide: true } },
  );
