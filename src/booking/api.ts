/**
 * Bookings in the JSON API (`/api/v1/businesses/:slug/bookings`, DESIGN §3). POST is public (no
 * token; rate limited per address); list, change and cancel need an admin token. Every write goes
 * through the same use-cases as the pages.
 */
import { Elysia } from "elysia";
import { t } from "../http/schema-builder.ts";
import { branchFilter, can } from "../account/permissions.ts";
import { getProfile } from "../business/business.ts";
import type { Config } from "../config/config.ts";
import type { Database } from "../db/database.ts";
import { notFound, validationError } from "../error/app-error.ts";
import { apiActor, idNumber, listBody, optionalApiActor, pageOf, pageQuery, rangeOf, rangeQuery } from "../http/api-kit.ts";
import { bookingFor, branchFor, changerOf, masterFor, staffFilterFor } from "./access.ts";
import { rateLimit, type RateLimiter } from "../http/rate-limit.ts";
import { refuseUnknownFields } from "../http/json-body.ts";
import { json } from "../http/render.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import { tenantScope } from "../tenant/scope.ts";
import type { Clock } from "../time/clock.ts";
import { createBooking } from "./booking.ts";
import { onlinePaymentJson, onlinePaymentSchema } from "../payment/online.ts";
import { cancelBooking, rescheduleBooking, setBookingStatus } from "./change.ts";
import { LIMITS, parseBookingRequest, parseStaffId, parseStart, type BookingRequest } from "./input.ts";
import { apiDoc, listOf, nullable } from "../http/openapi.ts";
import { bookingJson, bookingSchema, publicBookingJson, publicBookingSchema } from "./json.ts";
import { bookingDeps } from "./links.ts";
import { readSettings } from "../notification/settings.ts";
import { reviewUrl } from "../review/token.ts";
import { getBooking, listBookings } from "./queries.ts";
import { BOOKING_STATUSES, type BookingStatus } from "./schema.ts";
import { linkMiniAppBooker } from "../telegram/mini-app.ts"; // issue 16

export interface BookingApiDeps {
  tenants: TenantConnections;
  clock: Clock;
  config: Config;
  limiter: RateLimiter;
}

/** `?status=` of booking lists. */
// issue 13: awaiting_payment is a pending visit holding its slot for a prepayment
export const bookingStatusQuery = t.Optional(t.Union([...BOOKING_STATUSES, "awaiting_payment" as const].map((s) => t.Literal(s))));

// Every booking route asks the one permission table: all masters' bookings, or one master's own.
const BOOKINGS = ["bookings.all", "bookings.own"] as const;

// The fields of each body (DESIGN §3); anything else is refused by name.
const CREATE_FIELDS = new Set(["service_id", "services", "services.*", "staff_id", "start_ts", "client", "client.name", "client.phone", "client.email", "client_id", "notes", "consent", "location_id",
  // issue 14
  "promo_code", "use_package", "pay_with_wallet", "certificate_code"]);
const CHANGE_FIELDS = new Set(["status", "start_ts", "staff_id"]);

// issue 18: the documented bodies and answers (these routes read their bodies as text)
const tags = ["Bookings"];
const createBody = t.Object({
  service_id: t.Optional(t.Integer()),
  services: t.Optional(t.Array(t.Integer(), { description: "Several services back to back, instead of service_id" })),
  staff_id: t.Optional(t.Integer({ description: "Omit for any master" })),
  start_ts: t.String({ format: "date-time", description: "ISO-8601 with offset" }),
  client: t.Optional(t.Object({ name: t.String(), phone: t.String(), email: t.Optional(t.String()) })),
  client_id: t.Optional(t.Integer({ description: "A stored client instead of client (tokens that may see clients)" })),
  notes: t.Optional(t.String()),
  consent: t.Optional(t.Boolean()),
});
const changeBody = t.Object({
  status: t.Optional(t.Union([t.Literal("confirmed"), t.Literal("cancelled"), t.Literal("completed"), t.Literal("no_show")])),
  start_ts: t.Optional(t.String({ format: "date-time", description: "Reschedule to this start" })),
  staff_id: t.Optional(t.Integer({ description: "With start_ts: the master for the new time" })),
});
const withManageUrl = { manage_url: t.String({ description: "The client's link to view, cancel or reschedule" }) };
const created = t.Object({
  booking: t.Union([t.Composite([publicBookingSchema, t.Object(withManageUrl)]), t.Composite([bookingSchema, t.Object(withManageUrl)])]),
  // issue 13: present when the visit owes a prepayment
  payment: t.Optional(onlinePaymentSchema),
});
const one = t.Object({ booking: bookingSchema });
// issue 15: the link that asks for a review, once the visit is completed (null before)
const oneWithReview = t.Object({ booking: t.Object({ ...bookingSchema.properties, review_url: nullable(t.String({ description: "The review page of a completed visit" })) }) });
const example = { service_id: 1, start_ts: "2027-03-01T10:00:00+03:00", client: { name: "Вера", phone: "+79161234567" } };
// what the time can run into, when it is re-checked inside the write
const BOOKING_REFUSALS = ["SLOT_CONFLICT", "OUTSIDE_HOURS", "STAFF_NOT_QUALIFIED", "BEYOND_HORIZON", "TOO_SOON", "NOT_ON_GRID"] as const;

/** The raw body (routes parse it as text) as a JSON object of `known` fields, refusing what is too large or not JSON. */
function readJson(body: unknown, known: ReadonlySet<string>): Record<string, unknown> {
  const text = typeof body === "string" ? body : "";
  if (text.length > LIMITS.body) throw validationError([{ field: "body", key: "booking.body_too_large", params: { max: LIMITS.body / 1024 } }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw validationError([{ field: "body", key: "error.bad_json" }]);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw validationError([{ field: "body", key: "error.bad_json" }]);
  refuseUnknownFields(parsed, known);
  return parsed as Record<string, unknown>;
}

async function loadBooking(db: Database, id: number) {
  const booking = await getBooking(db.orm, id);
  if (!booking) throw notFound("booking.not_found", { id });
  return booking;
}

export const bookingApi = (deps: BookingApiDeps) =>
  new Elysia({ prefix: "/api/v1/businesses/:slug" })
    .use(tenantScope(deps.tenants))
    .use(rateLimit(deps.limiter))
    .post(
      "/bookings",
      async ({ db, tenant, body: raw, headers, request }) => {
        const body = readJson(raw, CREATE_FIELDS);
        const actor = await optionalApiActor(db, headers.authorization, BOOKINGS);
        const profile = await getProfile(db);
        const input = parseBookingRequest(body as BookingRequest, {
          country: profile.business.country,
          now: deps.clock.now(),
          source: "api",
          // a stored client is someone's personal data: only roles that may see clients name one
          mayUseClientId: actor !== null && can(actor.role, "clients"),
          consentRequired: false,
          idempotencyKey: headers["idempotency-key"] ?? null,
          holdToken: null,
          createdBy: actor?.userId ?? null,
        });
        const links = bookingDeps(db, deps, tenant.slug);
        if (actor) branchFor(actor, input.locationId);
        const created = await createBooking(links, actor ? { ...input, staffId: masterFor(actor, input.staffId) } : input, { details: true });
        if (actor === null) await linkMiniAppBooker(db, deps.clock, request, created.id); // issue 16: the client's chat, not the booking
        const shown = actor === null ? publicBookingJson(created.details) : bookingJson(created.details);
        const manage_url = links.manageUrl(created.id, created.manageToken);
        // issue 13: a visit that owes a prepayment names the payment the client is sent to pay
        return json({ booking: { ...shown, manage_url }, ...(created.payment ? { payment: onlinePaymentJson(created.payment) } : {}) }, 201);
      },
      {
        // read as text: size and JSON errors get our own messages (a global parse hook rules out "none")
        parse: "text",
        detail: apiDoc({
          summary: "Book a visit",
          description:
            "Public (no token). Body: {service_id | services:[id…], staff_id? (omit for any master), start_ts (ISO-8601 with offset), client:{name, phone, email?} | client_id (admin token only), notes?, consent?, location_id? (the branch; required once the salon has two)}. " +
            "The time is re-checked atomically: 409 SLOT_CONFLICT (with conflicting_booking when a booking is in the way) if it is gone; " +
            "409 OUTSIDE_HOURS, STAFF_NOT_QUALIFIED, BEYOND_HORIZON, TOO_SOON or NOT_ON_GRID when it was never bookable. " +
            "An Idempotency-Key header (16–200 chars, e.g. a UUID) makes a retry return the first booking. " +
            "Paying: promo_code and certificate_code (anyone holding the code; 409 PROMO_NOT_USABLE / CERTIFICATE_NOT_USABLE when unknown, expired, spent or past its limit), " +
            "use_package (true or a client package id) and pay_with_wallet (true) — staff tokens only until the client cabinet proves the phone; 409 PACKAGE_NOT_USABLE. " +
            "The booking's price_lines list what each step took off, in the order package → personal → promo → certificate → wallet.",
          tags,
          auth: "optional",
          body: createBody,
          bodyExample: example,
          ok: { 201: { description: "Booked. Without a token the booking carries only the contact sent, never the salon's record.", schema: created } },
          errors: [...BOOKING_REFUSALS, "IDEMPOTENCY_KEY_REUSED", "RATE_LIMITED"],
        }),
      },
    )
    .get(
      "/bookings",
      async ({ db, headers, query }) => {
        const actor = await apiActor(db, headers.authorization, BOOKINGS);
        const page = pageOf(query);
        const { data, total } = await listBookings(db.orm, {
          ...rangeOf(query, (await getProfile(db)).timezone),
          staffId: staffFilterFor(actor, query.staff_id ?? null),
          status: query.status ?? null,
          locationIds: branchFilter(actor, query.location_id),
          ...page,
        });
        return listBody(data.map(bookingJson), total, page);
      },
      {
        query: t.Object({ ...rangeQuery, staff_id: t.Optional(idNumber()), status: bookingStatusQuery, location_id: t.Optional(idNumber({ description: "One branch's visits" })), ...pageQuery }),
        detail: apiDoc({ summary: "List bookings (a master's token: their own visits only)", tags, auth: "token", ok: { 200: { description: "A page of bookings", schema: listOf(bookingSchema) } } }),
      },
    )
    .get(
      "/bookings/:id",
      async ({ db, tenant, headers, params }) => {
        const actor = await apiActor(db, headers.authorization, BOOKINGS);
        const booking = await bookingFor(db, actor, params.id);
        // issue 15: a completed visit carries the link that asks the client for a review
        const { linkSecret } = await readSettings(db.orm);
        return { booking: { ...bookingJson(booking), review_url: reviewUrl(deps.config.publicUrl, tenant.slug, linkSecret, booking) } };
      },
      { params: t.Object({ slug: t.String(), id: idNumber() }), detail: apiDoc({ summary: "One booking (a master's token: their own visits only)", tags, auth: "token", ok: { 200: { description: "The booking", schema: oneWithReview } } }) },
    )
    .patch(
      "/bookings/:id",
      async ({ db, tenant, body: raw, headers, params }) => {
        const actor = await apiActor(db, headers.authorization, BOOKINGS);
        const body = readJson(raw, CHANGE_FIELDS);
        const bookingId = (await bookingFor(db, actor, params.id)).id;
        const links = bookingDeps(db, deps, tenant.slug);
        const by = changerOf(actor);
        if (body.status !== undefined) {
          if (!BOOKING_STATUSES.includes(body.status as BookingStatus) || body.status === "pending") {
            throw validationError([{ field: "status", key: "booking.status_invalid" }]);
          }
          const status = body.status as Exclude<BookingStatus, "pending">;
          if (status === "cancelled") await cancelBooking(links, { bookingId, by });
          else await setBookingStatus(links, { bookingId, status, by });
        } else if (body.start_ts !== undefined) {
          const problems: Parameters<typeof validationError>[0] = [];
          const start = parseStart(body.start_ts, deps.clock.now(), problems);
          const asked = body.staff_id === undefined ? undefined : parseStaffId(body.staff_id, problems);
          if (problems.length > 0) throw validationError(problems);
          const staffId = masterFor(actor, asked);
          await rescheduleBooking(links, { bookingId, start, staffId, by });
        } else {
          throw validationError([{ key: "booking.change_required" }]);
        }
        return { booking: bookingJson(await loadBooking(db, bookingId)) };
      },
      {
        // read as text: size and JSON errors get our own messages (a global parse hook rules out "none")
        parse: "text",
        params: t.Object({ slug: t.String(), id: idNumber() }),
        detail: apiDoc({
          summary: "Change a booking: {status} or reschedule {start_ts, staff_id?}",
          tags,
          auth: "token",
          body: changeBody,
          ok: { 200: { description: "The booking after the change", schema: one } },
          errors: [...BOOKING_REFUSALS],
        }),
      },
    )
    .delete(
      "/bookings/:id",
      async ({ db, tenant, headers, params }) => {
        const actor = await apiActor(db, headers.authorization, BOOKINGS);
        await bookingFor(db, actor, params.id);
        await cancelBooking(bookingDeps(db, deps, tenant.slug), { bookingId: params.id, by: changerOf(actor) });
        return { booking: bookingJson(await loadBooking(db, params.id)) };
      },
      { params: t.Object({ slug: t.String(), id: idNumber() }), detail: apiDoc({ summary: "Cancel a booking", tags, auth: "token", ok: { 200: { description: "The cancelled booking", schema: one } } }) },
    );
