/** The widget script a salon puts on its own site: `GET /<slug>/widget.js`. */
import { Elysia } from "elysia";
import widgetJs from "../../views/assets/widget.js" with { type: "text" };
import { accentStyle } from "../../views/layout.tsx";
import { cachedProfile } from "../booking/page-kit.tsx";
import type { PageCache } from "../http/page-cache.ts";
import { LOCALES, t } from "../i18n/i18n.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import { tenantScope } from "../tenant/scope.ts";

const DEFAULT_ACCENT = "#b4436c";

/**
 * The script with the salon's button words and colours filled in. Values come from the checked
 * profile (a "#rrggbb" accent, the catalog's words) and go in as JSON, so nothing can end the call.
 */
export function widgetScript(locale: string, accent: string | null): string {
  const style = accentStyle(accent) ?? "";
  const config = {
    locale,
    labels: Object.fromEntries(LOCALES.map((l) => [l, t(l, "embed.book")])),
    accent: /--accent:(#[0-9a-fA-F]{6})/.exec(style)?.[1] ?? DEFAULT_ACCENT,
    onAccent: /--on-accent:(#[0-9a-fA-F]{3,6})/.exec(style)?.[1] ?? "#fff",
  };
  return widgetJs.replace("/*CONFIG*/", JSON.stringify(config).replace(/</g, "\\u003c"));
}

export const embedRoutes = (tenants: TenantConnections, pages: PageCache) =>
  new Elysia().use(tenantScope(tenants)).get(
    "/:slug/widget.js",
    async ({ db }) => {
      const profile = await cachedProfile(db, pages);
      return new Response(widgetScript(profile.locale, profile.business.accentColor), {
        // Sites load it on every page view: an hour in caches, a changed colour shows within one.
        headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "public, max-age=3600" },
      });
    },
    { detail: { hide: true } },
  );
