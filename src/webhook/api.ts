/**
 * Outgoing webhooks in the JSON API (`/api/v1/businesses/:slug/webhooks`, DESIGN §5), for owner and
 * manager tokens ("webhooks" in the permission table). The secret is in the 201 of POST only.
 */
import { Elysia } from "elysia";
import { t } from "../http/schema-builder.ts";
import { getProfile } from "../business/business.ts";
import type { Config } from "../config/config.ts";
import { apiActor, idNumber, listBody, pageOf, pageQuery } from "../http/api-kit.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import { tenantScope } from "../tenant/scope.ts";
import type { Clock } from "../time/clock.ts";
import { toIsoWithOffset } from "../time/format.ts";
import { apiDoc, instant, listOf, nullable } from "../http/openapi.ts";
import { WEBHOOK_EVENTS } from "./schema.ts";
import { webhookSender } from "./sender.ts";
import { createWebhook, getWebhook, listDeliveries, listWebhooks, removeWebhook, sendTestEvent, type DeliveryView, type WebhookView } from "./webhooks.ts";

const tags = ["Webhooks"];
const idParams = t.Object({ slug: t.String(), id: idNumber() });
const newWebhook = t.Object({
  url: t.String({ description: "https://host[:port]/path of your endpoint (no credentials, query or fragment)", examples: ["https://crm.example.com/zapis"] }),
  events: t.Array(t.String(), { description: `Any of: ${WEBHOOK_EVENTS.join(", ")}`, examples: [["booking.created", "booking.cancelled"]] }),
  secret: t.Optional(t.Nullable(t.String({ description: "HMAC key, 16–200 characters; made for you when absent. Returned once, in this answer only." }))),
});

const deliverySchema = t.Object({
  id: t.Integer(),
  event_id: t.String(),
  type: t.String(),
  status: t.Union([t.Literal("pending"), t.Literal("sending"), t.Literal("delivered"), t.Literal("failed")], { description: "failed: given up after 8 attempts" }),
  attempts: t.Integer(),
  last_status: nullable(t.Integer({ description: "The endpoint's last HTTP status; null: no answer (refused, timeout)" })),
  last_response: nullable(t.String({ description: "Its first 500 characters, or why there was none" })),
  created_at: instant(),
  delivered_at: nullable(instant()),
  next_attempt_at: nullable(instant()),
});
const webhookSchema = t.Object({ id: t.Integer(), url: t.String(), events: t.Array(t.String()), created_at: instant(), last_delivery: nullable(deliverySchema) });

const iso = (ts: number | null, zone: string) => (ts === null ? null : toIsoWithOffset(ts, zone));

export const deliveryJson = (d: DeliveryView, zone: string) => ({
  id: d.id,
  event_id: d.eventId,
  type: d.type,
  status: d.status,
  attempts: d.attempts,
  last_status: d.lastStatus,
  last_response: d.lastResponse,
  created_at: iso(d.createdAt, zone)!,
  delivered_at: iso(d.deliveredAt, zone),
  next_attempt_at: iso(d.nextAttemptAt, zone),
});

export const webhookJson = (w: WebhookView, zone: string) => ({
  id: w.id,
  url: w.url,
  events: w.events,
  created_at: iso(w.createdAt, zone)!,
  last_delivery: w.last === null ? null : deliveryJson(w.last, zone),
});

export const webhookApi = (deps: { tenants: TenantConnections; clock: Clock; config: Config }) => {
  const sender = webhookSender(deps.config, deps.clock);
  return new Elysia({ prefix: "/api/v1/businesses/:slug" })
    .use(tenantScope(deps.tenants))
    .get(
      "/webhooks",
      async ({ db, headers, query }) => {
        await apiActor(db, headers.authorization, "webhooks");
        const page = pageOf(query);
        const [hooks, { timezone }] = await Promise.all([listWebhooks(db.orm), getProfile(db)]);
        return listBody(hooks.slice(page.offset, page.offset + page.limit).map((w) => webhookJson(w, timezone)), hooks.length, page);
      },
      {
        query: t.Object(pageQuery),
        detail: apiDoc({ summary: "Your webhook endpoints, with their newest delivery", tags, auth: "token", ok: { 200: { description: "A page of endpoints", schema: listOf(webhookSchema) } } }),
      },
    )
    .post(
      "/webhooks",
      async ({ db, headers, body, set }) => {
        const actor = await apiActor(db, headers.authorization, "webhooks");
        const { id, secret } = await createWebhook({ db, clock: deps.clock, allowPrivate: deps.config.allowPrivateHosts }, actor, body);
        const { timezone } = await getProfile(db);
        set.status = 201;
        return { webhook: webhookJson(await getWebhook(db.orm, id), timezone), secret };
      },
      {
        body: newWebhook,
        detail: apiDoc({
          auth: "token",
          bodyExample: { url: "https://crm.example.com/zapis", events: ["booking.created", "booking.cancelled"] },
          ok: {
            201: {
              description: "Added; `secret` is in this answer only",
              schema: t.Object({ webhook: webhookSchema, secret: t.String() }),
              example: {
                webhook: { id: 1, url: "https://crm.example.com/zapis", events: ["booking.created", "booking.cancelled"], created_at: "2027-03-01T09:00:00+03:00", last_delivery: null },
                secret: "whsec_5Jq0…",
              },
            },
          },
          summary: "Add a webhook endpoint",
          description:
            "Each event is POSTed as JSON {id, type, created_at, data} with headers X-Zapis-Event-Id, X-Zapis-Event, X-Zapis-Timestamp and " +
            "X-Zapis-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with the secret>. A non-2xx answer is retried after 1, 2, 4 … 60 minutes, 8 attempts in all. " +
            "Loopback, private and link-local targets are refused unless the operator allows them.",
          tags,
        }),
      },
    )
    .delete(
      "/webhooks/:id",
      async ({ db, headers, params, set }) => {
        const actor = await apiActor(db, headers.authorization, "webhooks");
        await removeWebhook({ db, clock: deps.clock }, actor, params.id);
        set.status = 204;
      },
      { params: idParams, detail: apiDoc({ summary: "Remove a webhook endpoint and its delivery log", tags, auth: "token", ok: { 204: { description: "Removed" } } }) },
    )
    .get(
      "/webhooks/:id/deliveries",
      async ({ db, headers, params, query }) => {
        await apiActor(db, headers.authorization, "webhooks");
        const page = pageOf(query);
        const [{ data, total }, { timezone }] = await Promise.all([listDeliveries(db.orm, params.id, page), getProfile(db)]);
        return listBody(data.map((d) => deliveryJson(d, timezone)), total, page);
      },
      {
        params: idParams,
        query: t.Object(pageQuery),
        detail: apiDoc({ summary: "The delivery log of an endpoint, newest first", tags, auth: "token", ok: { 200: { description: "A page of deliveries", schema: listOf(deliverySchema) } } }),
      },
    )
    .post(
      "/webhooks/:id/test",
      async ({ db, headers, params }) => {
        await apiActor(db, headers.authorization, "webhooks");
        const delivery = await sendTestEvent(sender, db, params.id);
        const { timezone } = await getProfile(db);
        return { delivery: deliveryJson(delivery, timezone) };
      },
      {
        params: idParams,
        detail: apiDoc({
          summary: "Send a webhook.test event to the endpoint now and answer how it went",
          tags,
          auth: "token",
          ok: { 200: { description: "The test delivery after its first attempt", schema: t.Object({ delivery: deliverySchema }) } },
        }),
      },
    );
};
