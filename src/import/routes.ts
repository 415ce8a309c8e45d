/**
 * POST /api/v1/businesses/:slug/webhooks/yclients?token=… — where YClients posts record and client
 * changes while the salon switches over. The token (issued by `zapis import yclients-webhook`) is the
 * only credential: YClients signs nothing and sends no Authorization header.
 */
import { Elysia } from "elysia";
import { t } from "../http/schema-builder.ts";
import { AppError } from "../error/app-error.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import { tenantScope } from "../tenant/scope.ts";
import type { Clock } from "../time/clock.ts";
import { verifyWebhookToken } from "./webhook-token.ts";
import { applyYClientsWebhook } from "./yclients/webhook.ts";
import { apiDoc } from "../http/openapi.ts";

// issue 18: the documented body (YClients' webhook format)
const webhookEvent = t.Object(
  { company_id: t.Integer(), resource: t.String({ examples: ["record", "client"] }), resource_id: t.Integer(), status: t.String({ examples: ["create", "update", "delete"] }), data: t.Optional(t.Unknown()) },
  { additionalProperties: true },
);

export const importApi = (tenants: TenantConnections, clock: Clock) =>
  new Elysia({ prefix: "/api/v1/businesses/:slug" }).use(tenantScope(tenants)).post(
    "/webhooks/yclients",
    async ({ db, query, body }) => {
      const settings = await verifyWebhookToken(db, "yclients", query.token);
      if (!settings) throw new AppError("UNAUTHORIZED", [{ key: "import.webhook.token_invalid" }]);
      return { ok: true, applied: await applyYClientsWebhook({ db, clock }, settings, body) };
    },
    {
      query: t.Object({ token: t.Optional(t.String()) }),
      detail: apiDoc({
        auth: "none",
        ok: {
          200: {
            description: "What each event did",
            schema: t.Object({ ok: t.Boolean(), applied: t.Array(t.Object({ resource: t.String(), resource_id: t.String(), status: t.String(), outcome: t.String() })) }),
          },
        },
        errors: ["UNAUTHORIZED", "FORBIDDEN"],
        body: t.Union([webhookEvent, t.Array(webhookEvent)]),
        summary: "YClients webhook (live sync during the switch)",
        description:
          "Body: a YClients webhook event {company_id, resource, resource_id, status, data} or an array of them. Record and client create/update/delete are applied like the import; other resources are acknowledged and ignored.",
        tags: ["Import"],
      }),
    },
  );
