/** JSON API of weekly hours and exceptions under /api/v1/businesses/:slug (owner or manager token). */
import { Elysia } from "elysia";
import { t } from "../http/schema-builder.ts";
import { getResource, getStaff } from "../catalogue/queries.ts";
import { notFound } from "../error/app-error.ts";
import { apiActor, idNumber, listBody, pageOf, pageQuery } from "../http/api-kit.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import { tenantScope } from "../tenant/scope.ts";
import type { Clock } from "../time/clock.ts";
import { createException, deleteException, listExceptions, type ExceptionRow } from "./exceptions.ts";
import { replaceWeeklyHours, weeklyHours, type HoursOwner, type HoursPeriod, type WeekInput } from "./schedule.ts";
import { formatHHMM } from "../time/format.ts";
import { bookingDeps } from "../booking/links.ts";
import { getProfile } from "../business/business.ts";
import type { Config } from "../config/config.ts";
import { t as tr } from "../i18n/i18n.ts";
import { closeDay } from "./close-day.ts";
import { resolveLocation } from "../location/location.ts";
import { apiDoc, listOf, nullable } from "../http/openapi.ts";

export const weekBody = t.Object({
  week: t.Array(
    t.Object({
      weekday: t.Integer({ description: "1 = Monday … 7 = Sunday" }),
      start: t.String({ description: "HH:MM" }),
      end: t.String({ description: "HH:MM (24:00 allowed)" }),
    }),
    { description: "Several ranges a day: the gaps are breaks" },
  ),
  valid_from: t.Optional(t.Nullable(t.String({ description: "First date these hours apply (YYYY-MM-DD); from always when absent" }))),
  valid_to: t.Optional(t.Nullable(t.String({ description: "Last date these hours apply; open-ended when absent" }))),
  location_id: t.Optional(t.Integer({ description: "The branch (required once the salon has two)" })),
});
const idParams = t.Object({ slug: t.String(), id: idNumber() });
const tags = ["Schedules"];

// issue 18: the documented answers
const weekSchema = t.Array(t.Object({ weekday: t.Integer(), start: t.String(), end: t.String() }));
export const periodsSchema = t.Object({ periods: t.Array(t.Object({ location_id: t.Integer(), valid_from: nullable(t.String()), valid_to: nullable(t.String()), week: weekSchema })) });
const exceptionSchema = t.Object({
  id: t.Integer(),
  date: t.String({ format: "date" }),
  type: t.Union([t.Literal("closed"), t.Literal("open_custom")]),
  start_time: nullable(t.String()),
  end_time: nullable(t.String()),
  resource_id: nullable(t.Integer({ description: "The master or resource; null for the location" })),
  location_id: t.Integer(),
  note: nullable(t.String()),
  cancelled_booking_ids: t.Optional(t.Array(t.Integer(), { description: "A closed whole day: the bookings it cancelled" })),
});
const weekExample = { week: [1, 2, 3, 4, 5].flatMap((weekday) => [{ weekday, start: "10:00", end: "14:00" }, { weekday, start: "15:00", end: "20:00" }]) };
const periods = (summary: string, auth: "token" | "none") =>
  apiDoc({ summary, tags, auth, ...(auth === "token" ? { bodyExample: weekExample } : {}), ok: { 200: { description: "The weekly hours by period", schema: periodsSchema } } });

const weekInput = (b: typeof weekBody.static): WeekInput => ({ week: b.week, validFrom: b.valid_from ?? null, validTo: b.valid_to ?? null, locationId: b.location_id ?? null });
export const periodsJson = (periods: HoursPeriod[]) => ({ periods: periods.map((p) => ({ location_id: p.locationId, valid_from: p.validFrom, valid_to: p.validTo, week: p.week })) });
const locationQuery = t.Object({ location_id: t.Optional(idNumber({ description: "One branch's hours; every branch's when absent" })) });
const exceptionJson = (e: ExceptionRow) => ({
  id: e.id,
  date: e.date,
  type: e.type,
  start_time: e.startMinutes === null ? null : formatHHMM(e.startMinutes),
  end_time: e.endMinutes === null ? null : formatHHMM(e.endMinutes),
  resource_id: e.resourceId,
  location_id: e.locationId,
  note: e.note,
});

/** A master (`staff`), another resource, or the location (null) whose hours a route changes; 404 when unknown. */
async function ownerOf(db: Parameters<typeof getStaff>[0], kind: "staff" | "resource", id: number): Promise<HoursOwner> {
  const found = kind === "staff" ? await getStaff(db, id) : await getResource(db, id);
  if (!found) throw notFound(kind === "staff" ? "staff.not_found" : "resource.not_found", { id });
  return id;
}

export const scheduleApi = (tenants: TenantConnections, clock: Clock, config: Pick<Config, "publicUrl" | "yookassaUrl">) =>
  new Elysia({ prefix: "/api/v1/businesses/:slug" })
    .use(tenantScope(tenants))
    .put(
      "/staff/:id/schedule",
      async ({ db, params, body, headers }) => {
        const actor = await apiActor(db, headers.authorization, "schedules.edit");
        const owner = await ownerOf(db.orm, "staff", params.id);
        await replaceWeeklyHours({ db, clock }, actor, owner, weekInput(body));
        return periodsJson(await weeklyHours(db.orm, owner, body.location_id));
      },
      { params: idParams, body: weekBody, detail: periods("Set a master's weekly hours in a branch for a period", "token") },
    )
    .get(
      "/staff/:id/schedule",
      async ({ db, params, query }) => periodsJson(await weeklyHours(db.orm, await ownerOf(db.orm, "staff", params.id), query.location_id)),
      { params: idParams, query: locationQuery, detail: periods("A master's weekly hours, by branch and period", "none") },
    )
    .put(
      "/resources/:id/schedule",
      async ({ db, params, body, headers }) => {
        const actor = await apiActor(db, headers.authorization, "schedules.edit");
        const owner = await ownerOf(db.orm, "resource", params.id);
        await replaceWeeklyHours({ db, clock }, actor, owner, weekInput(body));
        return periodsJson(await weeklyHours(db.orm, owner, body.location_id));
      },
      { params: idParams, body: weekBody, detail: periods("Set a room's or equipment's weekly hours for a period", "token") },
    )
    .put(
      "/hours",
      async ({ db, body, headers }) => {
        const actor = await apiActor(db, headers.authorization, "schedules.edit");
        await replaceWeeklyHours({ db, clock }, actor, null, weekInput(body));
        return periodsJson(await weeklyHours(db.orm, null, body.location_id));
      },
      { body: weekBody, detail: periods("Set the location's opening hours for a period (PUT /locations/:id/hours too)", "token") },
    )
    .get("/hours", async ({ db, query }) => periodsJson(await weeklyHours(db.orm, null, query.location_id)), {
      query: locationQuery,
      detail: periods("The locations' opening hours, by branch and period", "none"),
    })
    .post(
      "/exceptions",
      async ({ db, tenant, body, headers, set }) => {
        const actor = await apiActor(db, headers.authorization, "schedules.edit");
        const location = await resolveLocation(db.orm, body.location_id);
        if (body.type === "closed" && !body.start_time && !body.end_time && !body.resource_id) {
          // a whole day of the salon or a master: its bookings are refused or cancelled, never left
          const { locale } = await getProfile(db);
          const closed = await closeDay(bookingDeps(db, { clock, config }, tenant.slug), actor, {
            date: body.date,
            locationId: location.id,
            zone: location.timezone,
            staffId: body.staff_id ?? null,
            note: body.note ?? null,
            cancelBookings: body.cancel_bookings === true,
            reason: body.note || tr(locale, "schedule_page.closed_reason"),
          });
          set.status = 201;
          return { ...exceptionJson((await listExceptions(db.orm, { limit: 1, offset: 0, id: closed.exceptionId })).rows[0]!), cancelled_booking_ids: closed.cancelled };
        }
        const id = await createException({ db, clock }, actor, {
          date: body.date,
          type: body.type,
          startTime: body.start_time ?? null,
          endTime: body.end_time ?? null,
          staffId: body.staff_id ?? null,
          resourceId: body.resource_id ?? null,
          note: body.note ?? null,
          locationId: location.id,
        });
        set.status = 201;
        return exceptionJson((await listExceptions(db.orm, { limit: 1, offset: 0, id })).rows[0]!);
      },
      {
        body: t.Object({
          date: t.String({ description: "YYYY-MM-DD" }),
          type: t.Union([t.Literal("closed"), t.Literal("open_custom")]),
          start_time: t.Optional(t.Nullable(t.String({ description: "HH:MM; closed with times closes only that range" }))),
          end_time: t.Optional(t.Nullable(t.String({ description: "HH:MM" }))),
          staff_id: t.Optional(t.Nullable(t.Integer())),
          resource_id: t.Optional(t.Nullable(t.Integer())),
          note: t.Optional(t.Nullable(t.String())),
          location_id: t.Optional(t.Integer({ description: "The branch (required once the salon has two); a holiday of a branch is a closed day without staff_id" })),
          cancel_bookings: t.Optional(t.Boolean({ description: "Closing a whole day with live bookings: cancel them and notify the clients (otherwise 409 DAY_HAS_BOOKINGS lists them)" })),
        }),
        detail: apiDoc({
          summary: "Close a day or a range, or set custom hours on a date",
          description: "Without staff_id/resource_id: for the whole location.",
          tags,
          auth: "token",
          bodyExample: { date: "2027-03-08", type: "closed", note: "Holiday" },
          ok: { 201: { description: "Added", schema: exceptionSchema } },
          errors: ["DAY_HAS_BOOKINGS"],
        }),
      },
    )
    .get(
      "/exceptions",
      async ({ db, query, headers }) => {
        await apiActor(db, headers.authorization, "catalogue.view");
        const slice = pageOf(query);
        const { rows, total } = await listExceptions(db.orm, { ...slice, from: query.from, to: query.to, resourceId: query.staff_id ?? query.resource_id, locationId: query.location_id });
        return listBody(rows.map(exceptionJson), total, slice);
      },
      {
        query: t.Object({
          ...pageQuery,
          from: t.Optional(t.String({ format: "date" })),
          to: t.Optional(t.String({ format: "date" })),
          staff_id: t.Optional(idNumber()),
          resource_id: t.Optional(idNumber()),
          location_id: t.Optional(idNumber()),
        }),
        detail: apiDoc({ summary: "List exceptions", tags, auth: "token", ok: { 200: { description: "A page of exceptions", schema: listOf(exceptionSchema) } } }),
      },
    )
    .delete(
      "/exceptions/:id",
      async ({ db, params, headers, set }) => {
        const actor = await apiActor(db, headers.authorization, "schedules.edit");
        await deleteException({ db, clock }, actor, params.id);
        set.status = 204;
      },
      { params: idParams, detail: apiDoc({ summary: "Remove an exception", tags, auth: "token", ok: { 204: { description: "Removed" } } }) },
    );
