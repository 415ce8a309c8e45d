/**
 * `GET|PUT /api/v1/businesses/:slug/yclients-hybrid` (issue 18, owner): the salon's YClients booking
 * form and the services still booked there (src/import/yclients/hybrid.ts).
 */
import { Elysia } from "elysia";
import { t } from "../http/schema-builder.ts";
import { apiActor } from "../http/api-kit.ts";
import { apiDoc } from "../http/openapi.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import { tenantScope } from "../tenant/scope.ts";
import type { Clock } from "../time/clock.ts";
import { readHybrid, setHybrid, type HybridSettings } from "./yclients/hybrid.ts";

const tags = ["Import"];
const hybridSchema = t.Object({
  form_id: t.String({ description: "The <number> of n<number>.yclients.com, the salon's YClients booking form", examples: ["123456"] }),
  company_id: t.String({ description: "The YClients company (branch) id", examples: ["654321"] }),
  service_ids: t.Array(t.Integer(), { description: "Services whose clients are sent to that form (with their service and master chosen); [] turns it off" }),
});
const hybridJson = (h: HybridSettings | null) => ({ hybrid: h === null ? null : { form_id: h.formId, company_id: h.companyId, service_ids: h.serviceIds } });
const answer = t.Object({ hybrid: t.Union([hybridSchema, t.Null()]) });

export const hybridApi = (tenants: TenantConnections, clock: Clock) =>
  new Elysia({ prefix: "/api/v1/businesses/:slug" })
    .use(tenantScope(tenants))
    .get(
      "/yclients-hybrid",
      async ({ db, headers }) => {
        await apiActor(db, headers.authorization, "settings");
        return hybridJson(await readHybrid(db.orm));
      },
      { detail: apiDoc({ summary: "Services still booked in YClients", tags, auth: "token", ok: { 200: { description: "The settings; null when never set", schema: answer } } }) },
    )
    .put(
      "/yclients-hybrid",
      async ({ db, headers, body }) => {
        const actor = await apiActor(db, headers.authorization, "settings");
        await setHybrid({ db, clock }, actor, { formId: body.form_id, companyId: body.company_id, serviceIds: body.service_ids });
        return hybridJson(await readHybrid(db.orm));
      },
      {
        body: hybridSchema,
        detail: apiDoc({
          summary: "Book these services in YClients (hybrid mode while moving service by service)",
          description:
            "A client who picks one of them on the booking page is sent to https://n<form_id>.yclients.com/company/<company_id>/personal/select-time with the service and master preselected (their YClients ids from the import). Services or masters the import did not link are booked here.",
          tags,
          auth: "token",
          bodyExample: { form_id: "123456", company_id: "654321", service_ids: [3, 7] },
          ok: { 200: { description: "The settings after the change", schema: answer } },
        }),
      },
    );
