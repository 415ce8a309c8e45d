/**
 * Browser reminders over HTTP (issue 16): the salon's VAPID public key, attaching a browser to the
 * client of a booking whose manage token the caller holds, and the salon's service worker.
 */
import { Elysia } from "elysia";
import { t } from "../http/schema-builder.ts";
import pushWorker from "../../views/assets/push-sw.js" with { type: "text" };
import { idNumber } from "../http/api-kit.ts";
import { apiDoc } from "../http/openapi.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import { tenantScope } from "../tenant/scope.ts";
import type { Clock } from "../time/clock.ts";
import { attachSubscription } from "./subscriptions.ts";
import { vapidKeys } from "./vapid.ts";

const tags = ["Bookings"];
const subscriptionBody = t.Object({
  token: t.String({ maxLength: 200, description: "The booking's manage token (the t= of its page)" }),
  subscription: t.Object(
    {
      endpoint: t.String({ maxLength: 1000 }),
      expirationTime: t.Optional(t.Nullable(t.Number())),
      keys: t.Object({ p256dh: t.String({ maxLength: 200 }), auth: t.String({ maxLength: 100 }) }),
    },
    { description: "PushSubscription.toJSON() of the browser" },
  ),
});

export const pushRoutes = (tenants: TenantConnections, clock: Clock, allowPrivateHosts: boolean) =>
  new Elysia()
    .use(tenantScope(tenants))
    .get("/api/v1/businesses/:slug/push/key", async ({ db }) => ({ public_key: (await vapidKeys(db.orm)).publicKey }), {
      detail: apiDoc({ summary: "The salon's VAPID public key (applicationServerKey for PushManager.subscribe)", tags, auth: "none", ok: { 200: { description: "The key, base64url", schema: t.Object({ public_key: t.String() }) } } }),
    })
    .post(
      "/api/v1/businesses/:slug/bookings/:id/push-subscriptions",
      async ({ db, params, body, set }) => {
        await attachSubscription({ db, clock, allowPrivateHosts }, params.id, body.token, body.subscription);
        set.status = 201;
        return { ok: true };
      },
      {
        params: t.Object({ slug: t.String(), id: idNumber() }),
        body: subscriptionBody,
        detail: apiDoc({
          summary: "Remind the booking's client in this browser (public, with the manage token)",
          tags,
          auth: "none",
          ok: { 201: { description: "Attached", schema: t.Object({ ok: t.Literal(true) }) } },
          errors: ["NOT_FOUND"],
        }),
      },
    )
    // The worker's scope is the salon's pages (its folder), so it can sit beside them; browsers check
    // it for updates, so it is never cached long.
    .get("/:slug/push-sw.js", () => new Response(pushWorker, { headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache" } }), {
      detail: { hide: true },
    });
