import { Elysia } from "elysia";
import type { AppDeps } from "../http/app.ts";
import { notFound } from "../error/app-error.ts";
import { tenantScope } from "../tenant/scope.ts";
import { staffFeed } from "./feed.ts";

/** `/<slug>/calendar/staff/<id>.ics?t=<token>`: what a master's calendar app subscribes to. */
export const calendarFeedRoutes = (deps: Pick<AppDeps, "tenants" | "clock" | "config">) =>
  new Elysia().use(tenantScope(deps.tenants)).get(
    "/:slug/calendar/staff/:file",
    async ({ db, tenant, params, request }) => {
      const id = /^(\d{1,9})\.ics$/.exec(params.file)?.[1];
      if (!id) throw notFound();
      const token = new URL(request.url).searchParams.get("t") ?? "";
      const ics = await staffFeed({ db, clock: deps.clock }, { slug: tenant.slug, salonUrl: `${deps.config.publicUrl}/${tenant.slug}`, staffId: Number(id), token });
      // the URL is the key to the feed: keep it out of caches and other sites' Referer
      return new Response(ics, { headers: { "content-type": "text/calendar; charset=utf-8", "cache-control": "no-store", "referrer-policy": "no-referrer" } });
    },
    { detail: { hide: true } },
  );
