/**
 * The salon's clients in the JSON API (`/api/v1/businesses/:slug/clients`, DESIGN §5), for owner and
 * manager tokens ("clients" in the permission table): the same use-cases as the admin's client pages.
 */
import { Elysia } from "elysia";
import { t } from "../http/schema-builder.ts";
import { getProfile } from "../business/business.ts";
import { bookingStatusQuery } from "../booking/api.ts";
import { bookingJson, bookingSchema } from "../booking/json.ts";
import { apiDoc, instant, listOf, nullable } from "../http/openapi.ts";
import { listBookings } from "../booking/queries.ts";
import { apiActor, idNumber, listBody, pageOf, pageQuery, rangeOf, rangeQuery } from "../http/api-kit.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import { tenantScope } from "../tenant/scope.ts";
import type { Clock } from "../time/clock.ts";
import { toIsoWithOffset } from "../time/format.ts";
import type { ClientStats } from "./crm-queries.ts";
import { createClient, getClient, searchClients, updateClient, type ClientEdit, type ClientRow } from "./crm.ts";

const fields = {
  name: t.String({ description: "Up to 120 characters" }),
  phone: t.String({ description: "Any common notation; stored in E.164. Another client with this phone: 409 ALREADY_EXISTS" }),
  email: t.Optional(t.Nullable(t.String())),
  notes: t.Optional(t.Nullable(t.String({ description: "Staff notes, up to 2000 characters" }))),
  discount_percent: t.Optional(t.Integer({ description: "Standing discount, whole percent 0–100" })),
};
const clientBody = t.Object(fields);
const idParams = t.Object({ slug: t.String(), id: idNumber() });
const tags = ["Clients"];

// issue 18: the documented answer (clientJson)
const clientSchema = t.Object({
  id: t.Integer(),
  name: t.String(),
  phone: nullable(t.String({ description: "E.164" })),
  email: nullable(t.String()),
  notes: nullable(t.String()),
  tags: t.Array(t.String()),
  discount_percent: t.Integer(),
  consent_at: nullable(instant()),
  anonymized: t.Boolean({ description: "Erased on request: the record keeps no personal data" }),
  created_at: instant(),
  visits: t.Integer({ description: "Completed visits" }),
  no_shows: t.Integer(),
  cancellations: t.Integer(),
  spent: t.Integer({ description: "On completed visits, minor units" }),
  last_visit_ts: nullable(instant()),
});
const one = t.Object({ client: clientSchema });
const example = { name: "Вера Иванова", phone: "+7 916 123-45-67", email: "vera@example.com" };

const editOf = (b: Partial<typeof clientBody.static>): ClientEdit => ({ name: b.name, phone: b.phone, email: b.email, notes: b.notes, discountPercent: b.discount_percent });

const clientJson = (c: ClientRow & ClientStats, zone: string) => ({
  id: c.id,
  name: c.name,
  phone: c.phone,
  email: c.email,
  notes: c.notes,
  tags: c.tags,
  discount_percent: c.discountPercent,
  consent_at: c.consentAt === null ? null : toIsoWithOffset(c.consentAt, zone),
  anonymized: c.anonymizedAt !== null,
  created_at: toIsoWithOffset(c.createdAt, zone),
  visits: c.visits,
  no_shows: c.noShows,
  cancellations: c.cancellations,
  spent: c.spentMinor,
  last_visit_ts: c.lastVisitTs === null ? null : toIsoWithOffset(c.lastVisitTs, zone),
});

export const clientApi = (tenants: TenantConnections, clock: Clock) =>
  new Elysia({ prefix: "/api/v1/businesses/:slug" })
    .use(tenantScope(tenants))
    .get(
      "/clients",
      async ({ db, headers, query }) => {
        await apiActor(db, headers.authorization, "clients");
        const page = pageOf(query);
        const [{ data, total }, { timezone }] = await Promise.all([searchClients(db.orm, query.q ?? "", page), getProfile(db)]);
        return listBody(data.map((c) => clientJson(c, timezone)), total, page);
      },
      {
        query: t.Object({ q: t.Optional(t.String({ maxLength: 200, description: "A part of the name or e-mail, or 3+ digits of the phone" })), ...pageQuery }),
        detail: apiDoc({ summary: "Find clients", tags, auth: "token", ok: { 200: { description: "A page of clients", schema: listOf(clientSchema) } } }),
      },
    )
    .post(
      "/clients",
      async ({ db, headers, body, set }) => {
        const actor = await apiActor(db, headers.authorization, "clients");
        const { business, timezone } = await getProfile(db);
        const id = await createClient({ db, clock }, actor, { ...editOf(body), name: body.name, phone: body.phone }, business.country);
        set.status = 201;
        return { client: clientJson(await getClient(db.orm, id), timezone) };
      },
      {
        body: clientBody,
        detail: apiDoc({ summary: "Add a client", tags, auth: "token", bodyExample: example, ok: { 201: { description: "Added", schema: one } }, errors: ["ALREADY_EXISTS"] }),
      },
    )
    .get(
      "/clients/:id",
      async ({ db, headers, params }) => {
        await apiActor(db, headers.authorization, "clients");
        const [client, { timezone }] = await Promise.all([getClient(db.orm, params.id), getProfile(db)]);
        return { client: clientJson(client, timezone) };
      },
      { params: idParams, detail: apiDoc({ summary: "A client with their visit counts", tags, auth: "token", ok: { 200: { description: "The client", schema: one } } }) },
    )
    .patch(
      "/clients/:id",
      async ({ db, headers, params, body }) => {
        const actor = await apiActor(db, headers.authorization, "clients");
        const { business, timezone } = await getProfile(db);
        await updateClient({ db, clock }, actor, params.id, editOf(body), business.country);
        return { client: clientJson(await getClient(db.orm, params.id), timezone) };
      },
      {
        params: idParams,
        body: t.Partial(clientBody),
        detail: apiDoc({ summary: "Change a client", tags, auth: "token", bodyExample: { notes: "Prefers mornings" }, ok: { 200: { description: "The client after the change", schema: one } }, errors: ["ALREADY_EXISTS"] }),
      },
    )
    .get(
      "/clients/:id/bookings",
      async ({ db, headers, params, query }) => {
        await apiActor(db, headers.authorization, "clients");
        const { timezone } = await getProfile(db);
        await getClient(db.orm, params.id); // 404 for an unknown client, not an empty list
        const page = pageOf(query);
        const { data, total } = await listBookings(db.orm, { ...rangeOf(query, timezone), staffId: null, status: query.status ?? null, clientId: params.id, ...page });
        return listBody(data.map(bookingJson), total, page);
      },
      { params: idParams, query: t.Object({ ...rangeQuery, status: bookingStatusQuery, ...pageQuery }), detail: apiDoc({ summary: "A client's visits", tags, auth: "token", ok: { 200: { description: "A page of the client's bookings", schema: listOf(bookingSchema) } } }) },
    );
