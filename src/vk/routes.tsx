/**
 * The salon's VK Mini App, `GET /<slug>/vk?vk_…&sign=…`: VK opens it with signed launch parameters.
 * A verified launch enters the salon's booking pages in VK mode (`?embed=vk`, src/embed/frame.ts);
 * anything else gets a page saying so, in the salon's language, and changes nothing.
 */
import { Elysia } from "elysia";
import { ErrorPage } from "../../views/error/error-page.tsx";
import { cachedProfile, redirect, salonLocale } from "../booking/page-kit.tsx";
import { VK_FRAME_ANCESTORS } from "../embed/origins.ts";
import { framedBy } from "../embed/frame.ts";
import { readChannels } from "../embed/settings.ts";
import type { PageCache } from "../http/page-cache.ts";
import { render } from "../http/render.ts";
import { isLocale, t } from "../i18n/i18n.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import { tenantScope } from "../tenant/scope.ts";
import type { Clock } from "../time/clock.ts";
import { checkLaunch } from "./launch.ts";

export const vkRoutes = (tenants: TenantConnections, pages: PageCache, clock: Clock) =>
  new Elysia().use(tenantScope(tenants)).get(
    "/:slug/vk",
    async ({ db, tenant, request }) => {
      const url = new URL(request.url);
      const [channels, profile] = await Promise.all([readChannels(db.orm), cachedProfile(db, pages)]);
      const app = channels.vkAppId && channels.vkAppSecret ? { appId: channels.vkAppId, secret: channels.vkAppSecret } : null;
      const launch = app ? checkLaunch(url.searchParams, app, clock.now()) : null;
      if (launch?.ok) {
        // VK's language when the salon offers it; the salon page decides otherwise
        const lang = launch.language?.slice(0, 2);
        return redirect(`/${tenant.slug}?embed=vk${isLocale(lang) ? `&lang=${lang}` : ""}`);
      }
      const { locale } = salonLocale(request, profile);
      const page = (
        <ErrorPage
          locale={locale}
          path={url.pathname}
          title={t(locale, app ? "vk.unauthorized_title" : "page.not_found.title")}
          message={t(locale, app ? "vk.unauthorized" : "vk.unconfigured")}
        />
      );
      // shown inside VK, so VK may frame it
      return framedBy(await render(page, { status: app ? 401 : 404 }), VK_FRAME_ANCESTORS);
    },
    { detail: { hide: true } },
  );
