/** JSON API of masters and resources under /api/v1/businesses/:slug. Reads are public; writes need an owner or manager token. */
import { Elysia } from "elysia";
import { t } from "../http/schema-builder.ts";
import { notFound } from "../error/app-error.ts";
import { apiActor, idNumber, listBody, optionalApiActor, pageOf, pageQuery } from "../http/api-kit.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import { tenantScope } from "../tenant/scope.ts";
import type { Clock } from "../time/clock.ts";
import { apiDoc, listOf } from "../http/openapi.ts";
import { resourceInput, resourceJson, resourceSchema, staffInput, staffJson, staffSchema } from "./json.ts";
import { getResource, getStaff, listResources, listStaff } from "./queries.ts";
import { ratingFrom, ratingOf, staffRatings } from "../review/ratings.ts";
import { createResource, createStaff, updateResource, updateStaff } from "./staff.ts";

const staffFields = {
  name: t.String({ description: "Up to 120 characters" }),
  phone: t.Optional(t.Nullable(t.String({ description: "Any common format; stored as E.164" }))),
  position: t.Optional(t.Nullable(t.String())),
  photo: t.Optional(t.Nullable(t.String({ description: "Image URL" }))),
  bio: t.Optional(t.Nullable(t.String())),
  active: t.Optional(t.Boolean()),
  sort_order: t.Optional(t.Integer()),
  service_ids: t.Optional(t.Array(t.Integer(), { description: "Services this master performs" })),
  location_ids: t.Optional(t.Array(t.Integer(), { description: "Branches this master works in (the primary one by default)" })),
};
const kind = t.Union([t.Literal("room"), t.Literal("equipment"), t.Literal("other")]);
const resourceFields = {
  name: t.String(),
  kind,
  active: t.Optional(t.Boolean()),
  sort_order: t.Optional(t.Integer()),
  location_id: t.Optional(t.Integer({ description: "The branch it stands in (the primary one by default)" })),
};
const idParams = t.Object({ slug: t.String(), id: idNumber() });
const tags = ["Staff and resources"];

export const staffApi = (tenants: TenantConnections, clock: Clock) =>
  new Elysia({ prefix: "/api/v1/businesses/:slug" })
    .use(tenantScope(tenants))
    .get(
      "/staff",
      async ({ db, query, headers }) => {
        const admin = (await optionalApiActor(db, headers.authorization, "catalogue.view")) !== null;
        const slice = pageOf(query);
        const [{ rows, total }, ratings] = await Promise.all([listStaff(db.orm, { all: admin, slice, locationId: query.location_id }), staffRatings(db.orm)]);
        return listBody(rows.map((s) => staffJson(s, admin, ratingFrom(ratings, s.id))), total, slice);
      },
      {
        query: t.Object({ ...pageQuery, location_id: t.Optional(idNumber({ description: "Only masters who work in this branch" })) }),
        detail: apiDoc({
          summary: "List masters",
          description: "Public: active masters without phones. With a token that may view the catalogue: all, with phone and active.",
          tags,
          auth: "optional",
          ok: { 200: { description: "A page of masters", schema: listOf(staffSchema) } },
        }),
      },
    )
    .get(
      "/staff/:id",
      async ({ db, params, headers }) => {
        const admin = (await optionalApiActor(db, headers.authorization, "catalogue.view")) !== null;
        const staff = await getStaff(db.orm, params.id);
        if (!staff || (!admin && !staff.active)) throw notFound("staff.not_found", { id: params.id });
        return staffJson(staff, admin, await ratingOf(db.orm, staff.id));
      },
      { params: idParams, detail: apiDoc({ summary: "One master", tags, auth: "optional", ok: { 200: { description: "The master", schema: staffSchema } } }) },
    )
    .post(
      "/staff",
      async ({ db, body, headers, set }) => {
        const actor = await apiActor(db, headers.authorization, "catalogue.edit");
        const id = await createStaff({ db, clock }, actor, staffInput(body));
        set.status = 201;
        return staffJson((await getStaff(db.orm, id))!, true, await ratingOf(db.orm, id));
      },
      {
        body: t.Object(staffFields),
        detail: apiDoc({ summary: "Add a master", tags, auth: "token", bodyExample: { name: "Анна", position: "Стилист", service_ids: [1] }, ok: { 201: { description: "Added", schema: staffSchema } } }),
      },
    )
    .patch(
      "/staff/:id",
      async ({ db, params, body, headers }) => {
        const actor = await apiActor(db, headers.authorization, "catalogue.edit");
        await updateStaff({ db, clock }, actor, params.id, staffInput(body));
        return staffJson((await getStaff(db.orm, params.id))!, true, await ratingOf(db.orm, params.id));
      },
      {
        params: idParams,
        body: t.Partial(t.Object(staffFields)),
        detail: apiDoc({ summary: "Change a master (active: false retires them)", tags, auth: "token", ok: { 200: { description: "The master after the change", schema: staffSchema } } }),
      },
    )
    .get(
      "/resources",
      async ({ db, query, headers }) => {
        const admin = (await optionalApiActor(db, headers.authorization, "catalogue.view")) !== null;
        const slice = pageOf(query);
        const { rows, total } = await listResources(db.orm, { all: admin, kind: query.kind, slice, locationId: query.location_id });
        return listBody(rows.map(resourceJson), total, slice);
      },
      {
        query: t.Object({ ...pageQuery, kind: t.Optional(kind), location_id: t.Optional(idNumber({ description: "Only those standing in this branch" })) }),
        detail: apiDoc({
          summary: "List rooms, equipment and other resources",
          description: "Public: active ones. With a token that may view the catalogue: all.",
          tags,
          auth: "optional",
          ok: { 200: { description: "A page of resources", schema: listOf(resourceSchema) } },
        }),
      },
    )
    .post(
      "/resources",
      async ({ db, body, headers, set }) => {
        const actor = await apiActor(db, headers.authorization, "catalogue.edit");
        const id = await createResource({ db, clock }, actor, resourceInput(body));
        set.status = 201;
        return resourceJson((await getResource(db.orm, id))!);
      },
      {
        body: t.Object(resourceFields),
        detail: apiDoc({ summary: "Add a room, equipment or other resource", tags, auth: "token", bodyExample: { name: "Кабинет 2", kind: "room" }, ok: { 201: { description: "Added", schema: resourceSchema } } }),
      },
    )
    .patch(
      "/resources/:id",
      async ({ db, params, body, headers }) => {
        const actor = await apiActor(db, headers.authorization, "catalogue.edit");
        await updateResource({ db, clock }, actor, params.id, resourceInput(body));
        return resourceJson((await getResource(db.orm, params.id))!);
      },
      {
        params: idParams,
        body: t.Partial(t.Object(resourceFields)),
        detail: apiDoc({ summary: "Change a resource (active: false retires it)", tags, auth: "token", ok: { 200: { description: "The resource after the change", schema: resourceSchema } } }),
      },
    );
