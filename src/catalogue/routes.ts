/** JSON API of services and categories under /api/v1/businesses/:slug. Reads are public; writes need an owner or manager token. */
import { Elysia } from "elysia";
import { t } from "../http/schema-builder.ts";
import { notFound } from "../error/app-error.ts";
import { apiActor, idNumber, listBody, optionalApiActor, pageOf, pageQuery } from "../http/api-kit.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import { tenantScope } from "../tenant/scope.ts";
import type { Clock } from "../time/clock.ts";
import { apiDoc, listOf } from "../http/openapi.ts";
import { serviceInput, serviceJson, serviceSchema } from "./json.ts";
import { getService, listCategories, listServices } from "./queries.ts";
import { createService, removeService, updateService } from "./services.ts";

const integer = (description: string) => t.Integer({ description });
const serviceFields = {
  title: t.String({ description: "Up to 200 characters" }),
  description: t.Optional(t.Nullable(t.String())),
  category: t.Optional(t.String({ description: "Category by name; created when new" })),
  category_id: t.Optional(t.Nullable(t.Integer())),
  duration_minutes: integer("1 to 1440"),
  price: t.Optional(integer("Minor units of the salon's currency (kopecks)")),
  price_max: t.Optional(t.Nullable(integer("Upper price for a range (\"from 1 500\"), minor units"))),
  buffer_before: t.Optional(integer("Minutes kept free before, 0 to 240")),
  buffer_after: t.Optional(integer("Minutes kept free after, 0 to 240")),
  capacity: t.Optional(integer("1 = individual; more = seats in a group session")),
  bookable_online: t.Optional(t.Boolean()),
  staff_required: t.Optional(t.Boolean({ description: "false: it needs only its rooms/equipment (resource_ids), no master" })),
  active: t.Optional(t.Boolean()),
  sort_order: t.Optional(t.Integer()),
  color: t.Optional(t.Nullable(t.String({ description: "#rrggbb" }))),
  staff_ids: t.Optional(t.Array(t.Integer(), { description: "Masters who perform it" })),
  resource_ids: t.Optional(t.Array(t.Integer(), { description: "It also needs one of these rooms/equipment" })),
  requirements: t.Optional(t.Array(t.Object({ resource_ids: t.Array(t.Integer()) }), { description: "Several sets: one resource of each" })),
  // issue 13
  prepayment: t.Optional(t.Nullable(t.Object({ mode: t.String({ description: "none, percent, fixed or full" }), value: t.Optional(t.Integer({ description: "Percent 1–100, or minor units for fixed" })) }, { description: "Its own prepayment over the salon's; null: the salon's" }))),
};
const serviceBody = t.Object(serviceFields);
const servicePatch = t.Partial(t.Object(serviceFields));
const idParams = t.Object({ slug: t.String(), id: idNumber() });
const tags = ["Catalogue"];

export const catalogueApi = (tenants: TenantConnections, clock: Clock) =>
  new Elysia({ prefix: "/api/v1/businesses/:slug" })
    .use(tenantScope(tenants))
    .get(
      "/services",
      async ({ db, query, headers }) => {
        const admin = await optionalApiActor(db, headers.authorization, "catalogue.view");
        const slice = pageOf(query);
        const { rows, total } = await listServices(db.orm, { all: admin !== null, slice });
        return listBody(rows.map(serviceJson), total, slice);
      },
      {
        query: t.Object(pageQuery),
        detail: apiDoc({
          summary: "List services",
          description: "Public: active, bookable-online services. With a token that may view the catalogue: all.",
          tags,
          auth: "optional",
          ok: { 200: { description: "A page of services", schema: listOf(serviceSchema) } },
        }),
      },
    )
    .get(
      "/services/:id",
      async ({ db, params, headers }) => {
        const admin = await optionalApiActor(db, headers.authorization, "catalogue.view");
        const service = await getService(db.orm, params.id);
        if (!service || (!admin && !(service.active && service.bookableOnline))) throw notFound("service.not_found", { id: params.id });
        return serviceJson(service);
      },
      { params: idParams, detail: apiDoc({ summary: "One service", tags, auth: "optional", ok: { 200: { description: "The service", schema: serviceSchema } } }) },
    )
    .post(
      "/services",
      async ({ db, body, headers, set }) => {
        const actor = await apiActor(db, headers.authorization, "catalogue.edit");
        const id = await createService({ db, clock }, actor, serviceInput(body));
        set.status = 201;
        return serviceJson((await getService(db.orm, id))!);
      },
      {
        body: serviceBody,
        detail: apiDoc({
          summary: "Create a service",
          tags,
          auth: "token",
          bodyExample: { title: "Стрижка", duration_minutes: 60, price: 150000, buffer_after: 10, category: "Волосы", staff_ids: [2] },
          ok: { 201: { description: "Created", schema: serviceSchema } },
        }),
      },
    )
    .patch(
      "/services/:id",
      async ({ db, params, body, headers }) => {
        const actor = await apiActor(db, headers.authorization, "catalogue.edit");
        await updateService({ db, clock }, actor, params.id, serviceInput(body));
        return serviceJson((await getService(db.orm, params.id))!);
      },
      { params: idParams, body: servicePatch, detail: apiDoc({ summary: "Change a service", tags, auth: "token", ok: { 200: { description: "The service after the change", schema: serviceSchema } } }) },
    )
    .delete(
      "/services/:id",
      async ({ db, params, headers, set }) => {
        const actor = await apiActor(db, headers.authorization, "catalogue.edit");
        const outcome = await removeService({ db, clock }, actor, params.id);
        if (outcome === "deleted") {
          set.status = 204;
          return;
        }
        return serviceJson((await getService(db.orm, params.id))!);
      },
      {
        params: idParams,
        detail: apiDoc({
          summary: "Remove a service",
          description: "204 when deleted; a service that bookings refer to is deactivated instead (200 with the service, active: false).",
          tags,
          auth: "token",
          ok: { 200: { description: "Kept for its bookings and deactivated", schema: serviceSchema }, 204: { description: "Deleted" } },
        }),
      },
    )
    .get(
      "/categories",
      async ({ db, query }) => {
        const slice = pageOf(query);
        const rows = await listCategories(db.orm);
        const page = rows.slice(slice.offset, slice.offset + slice.limit);
        return listBody(page.map((c) => ({ id: c.id, name: c.name, sort_order: c.sortOrder })), rows.length, slice);
      },
      {
        query: t.Object(pageQuery),
        detail: apiDoc({
          summary: "Service categories",
          tags,
          auth: "none",
          ok: { 200: { description: "A page of categories", schema: listOf(t.Object({ id: t.Integer(), name: t.String(), sort_order: t.Integer() })) } },
        }),
      },
    );
