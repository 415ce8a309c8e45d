import { Elysia } from "elysia";
import { can, type Actor, type Permission } from "../account/permissions.ts";
import { getProfile } from "../business/business.ts";
import { AppError } from "../error/app-error.ts";
import type { AppDeps } from "../http/app.ts";
import { csrfFor } from "../http/csrf.ts";
import { isHtmx } from "../http/htmx.ts";
import { rememberLocale, requestLocale } from "../http/locale.ts";
import { sessionCookie, sessionToken } from "../session/cookie.ts";
import { resumeSession } from "../session/session.ts";
import { tenantScope } from "../tenant/scope.ts";
import { alertNotes } from "../notification/channel-settings.ts";
import { branchesOfUser } from "../location/location.ts";
import { channelAlerts } from "../notification/queries.ts";

export type AdminDeps = Pick<AppDeps, "config" | "clock" | "tenants" | "providerEndpoints">;

/** Cookies are sent over https only when the public URL is https (a LAN install may be plain http). */
export const secureCookies = (deps: Pick<AppDeps, "config">) => deps.config.publicUrl.startsWith("https://");

/** Where to sign in, coming back to `next` afterwards. */
export const loginUrl = (slug: string, next?: string) =>
  `/${slug}/admin/login${next ? `?next=${encodeURIComponent(next)}` : ""}`;

function toLogin(request: Request, slug: string): Response {
  const url = new URL(request.url);
  const target = loginUrl(slug, request.method === "GET" ? url.pathname + url.search : undefined);
  // htmx follows a redirect inside the fragment it swaps; HX-Redirect makes it load the page instead.
  return isHtmx(request)
    ? new Response(null, { status: 401, headers: { "hx-redirect": target } })
    : new Response(null, { status: 303, headers: { location: target } });
}

/**
 * Every admin route: the tenant, then a live session of THAT tenant's database (a cookie from salon
 * A names no session in salon B), or a redirect to sign in. Routes then declare what they need with
 * `{ can: "permission" }`; a signed-in user without it gets 403. Whatever cookies a route's
 * response needs (CSRF token, the renewed session) are added once, after the handler.
 */
export const adminScope = (deps: AdminDeps) =>
  new Elysia({ prefix: "/:slug/admin" })
    .use(tenantScope(deps.tenants))
    .resolve(async ({ tenant, db, request, status, set }) => {
      const now = deps.clock.now();
      const token = sessionToken(request, tenant.slug);
      const session = token ? await resumeSession(db, token, now) : null;
      if (!session) {
        const to = toLogin(request, tenant.slug);
        for (const [k, v] of to.headers) set.headers[k] = v;
        return status(to.status as 303, "");
      }
      const secure = secureCookies(deps);
      const profile = await getProfile(db);
      const csrf = csrfFor(request, secure);
      const cookies = [csrf.setCookie, rememberLocale(request)].filter((c): c is string => c !== null);
      if (session.renewed && token) cookies.push(sessionCookie(tenant.slug, token, session.expiresAt, now, secure));
      const locationIds = await branchesOfUser(db.orm, session.user.id);
      const actor: Actor = { userId: session.user.id, role: session.user.role, staffId: session.user.staffId, label: `user:${session.user.id}`, locationIds };
      // What providers reported (bad api_id, empty balance) shows on every page of whoever can fix it.
      const alerts = can(actor.role, "settings") ? alertNotes(await channelAlerts(db.orm)) : [];
      return {
        actor,
        user: session.user,
        sessionHash: session.tokenHash,
        profile,
        alerts,
        locale: requestLocale(request, profile.locale),
        csrf: csrf.token,
        cookies,
        base: `/${tenant.slug}/admin`,
      };
    })
    .onAfterHandle(({ response, cookies }) => {
      if (response instanceof Response) for (const c of cookies ?? []) response.headers.append("set-cookie", c);
    })
    .macro({
      can: (permission: Permission | Permission[]) => ({
        beforeHandle({ actor }) {
          const needed = Array.isArray(permission) ? permission : [permission];
          if (!actor || !needed.some((p) => can(actor.role, p))) throw new AppError("FORBIDDEN", [{ key: "error.forbidden" }]);
        },
      }),
    });

export type AdminApp = ReturnType<typeof adminScope>;
