import { Elysia } from "elysia";
import { SalonPage } from "../../views/salon/salon-page.tsx";
import { listPublicCatalogue } from "../catalogue/queries.ts";
import { rememberLocale, requestLocale } from "../http/locale.ts";
import { render } from "../http/render.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import { tenantScope } from "../tenant/scope.ts";
import { getProfile } from "./business.ts";

/** The salon's public page, `/<slug>`. */
export const businessPages = (tenants: TenantConnections) =>
  new Elysia({ prefix: "/:slug" }).use(tenantScope(tenants)).get("", async ({ tenant, db, request }) => {
    const [profile, catalogue] = await Promise.all([getProfile(db), listPublicCatalogue(db)]);
    const locale = requestLocale(request, profile.locale);
    const cookie = rememberLocale(request);
    return render(<SalonPage locale={locale} slug={tenant.slug} profile={profile} catalogue={catalogue} />, {
      headers: cookie ? { "set-cookie": cookie } : {},
    });
  }, { detail: { hide: true } });
