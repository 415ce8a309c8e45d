/**
 * JSON API of branches under /api/v1/businesses/:slug (DESIGN §5): the list is public (clients pick
 * a branch); creating and changing one needs an owner token, its hours a token that edits schedules.
 */
import { Elysia } from "elysia";
import { t } from "../http/schema-builder.ts";
import { notFound } from "../error/app-error.ts";
import { apiActor, idNumber, listBody } from "../http/api-kit.ts";
import { apiDoc, listOf, nullable } from "../http/openapi.ts";
import { replaceWeeklyHours, weeklyHours } from "../schedule/schedule.ts";
import { periodsJson, periodsSchema, weekBody } from "../schedule/routes.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import { tenantScope } from "../tenant/scope.ts";
import type { Clock } from "../time/clock.ts";
import { createLocation, getLocation, listLocations, updateLocation, type LocationInput, type LocationRow } from "./location.ts";

export const locationJson = (l: LocationRow) => ({
  id: l.id,
  name: l.name,
  address: l.address,
  phone: l.phone,
  map_url: l.mapUrl,
  timezone: l.timezone,
  is_primary: l.isPrimary,
  sort_order: l.sortOrder,
});

/** The documented shape of `locationJson` (OpenAPI; the API walk test holds them to each other). */
export const locationSchema = t.Object({
  id: t.Integer(),
  name: t.String(),
  address: nullable(t.String()),
  phone: nullable(t.String()),
  map_url: nullable(t.String()),
  timezone: t.String({ examples: ["Asia/Almaty"] }),
  is_primary: t.Boolean(),
  sort_order: t.Integer(),
});
const hoursOk = { 200: { description: "The branch's weekly hours by period", schema: periodsSchema } };

const fields = {
  name: t.String({ description: "Up to 120 characters" }),
  address: t.Optional(t.Nullable(t.String({ description: "Up to 300 characters" }))),
  timezone: t.String({ description: "IANA zone, e.g. Asia/Almaty: the branch's hours and visit times are in it" }),
  phone: t.Optional(t.Nullable(t.String({ description: "Any common format; stored as E.164" }))),
  map_url: t.Optional(t.Nullable(t.String({ description: "http(s) link to the branch on a map; shown as a link, never fetched" }))),
  sort_order: t.Optional(t.Integer()),
};
const idParams = t.Object({ slug: t.String(), id: idNumber() });
const tags = ["Locations"];

const input = (b: Partial<{ name: string; address: string | null; timezone: string; phone: string | null; map_url: string | null; sort_order: number }>): LocationInput => ({
  name: b.name,
  address: b.address,
  timezone: b.timezone,
  phone: b.phone,
  mapUrl: b.map_url,
  sortOrder: b.sort_order,
});

async function found(db: Parameters<typeof getLocation>[0], id: number): Promise<LocationRow> {
  const row = await getLocation(db, id);
  if (!row) throw notFound("location.not_found", { id });
  return row;
}

export const locationApi = (tenants: TenantConnections, clock: Clock) =>
  new Elysia({ prefix: "/api/v1/businesses/:slug" })
    .use(tenantScope(tenants))
    .get(
      "/locations",
      async ({ db }) => {
        const rows = await listLocations(db.orm);
        return listBody(rows.map(locationJson), rows.length, { limit: rows.length, offset: 0 });
      },
      { detail: apiDoc({ summary: "The salon's branches, the primary one first (public)", tags, auth: "none", ok: { 200: { description: "Every branch", schema: listOf(locationSchema) } } }) },
    )
    .get("/locations/:id", async ({ db, params }) => locationJson(await found(db.orm, params.id)), {
      params: idParams,
      detail: apiDoc({ summary: "One branch (public)", tags, auth: "none", ok: { 200: { description: "The branch", schema: locationSchema } }, errors: ["NOT_FOUND"] }),
    })
    .post(
      "/locations",
      async ({ db, body, headers, set }) => {
        const actor = await apiActor(db, headers.authorization, "settings");
        const id = await createLocation({ db, clock }, actor, input(body));
        set.status = 201;
        return locationJson(await found(db.orm, id));
      },
      {
        body: t.Object(fields),
        detail: apiDoc({
          summary: "Add a branch (open Mon–Sat 10:00–20:00 in its zone until its hours are set)",
          tags,
          auth: "token",
          bodyExample: { name: "На Абая", address: "Алматы, пр. Абая, 10", timezone: "Asia/Almaty" },
          ok: { 201: { description: "Added", schema: locationSchema } },
        }),
      },
    )
    .patch(
      "/locations/:id",
      async ({ db, params, body, headers }) => {
        const actor = await apiActor(db, headers.authorization, "settings");
        await updateLocation({ db, clock }, actor, params.id, input(body));
        return locationJson(await found(db.orm, params.id));
      },
      { params: idParams, body: t.Partial(t.Object(fields)), detail: apiDoc({ summary: "Change a branch", tags, auth: "token", ok: { 200: { description: "The branch as changed", schema: locationSchema } }, errors: ["NOT_FOUND"] }) },
    )
    .put(
      "/locations/:id/hours",
      async ({ db, params, body, headers }) => {
        const actor = await apiActor(db, headers.authorization, "schedules.edit");
        await found(db.orm, params.id);
        await replaceWeeklyHours({ db, clock }, actor, null, { week: body.week, validFrom: body.valid_from ?? null, validTo: body.valid_to ?? null, locationId: params.id });
        return periodsJson(await weeklyHours(db.orm, null, params.id));
      },
      { params: idParams, body: t.Omit(weekBody, ["location_id"]), detail: apiDoc({ summary: "Set a branch's opening hours for a period", tags, auth: "token", ok: hoursOk, errors: ["NOT_FOUND"] }) },
    )
    .get("/locations/:id/hours", async ({ db, params }) => periodsJson(await weeklyHours(db.orm, null, (await found(db.orm, params.id)).id)), {
      params: idParams,
      detail: apiDoc({ summary: "A branch's opening hours, by period", tags, auth: "none", ok: hoursOk, errors: ["NOT_FOUND"] }),
    });
