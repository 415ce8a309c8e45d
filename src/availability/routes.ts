import { Elysia } from "elysia";
import { t } from "../http/schema-builder.ts";
import { resolveLocation } from "../location/location.ts";
import { validationError } from "../error/app-error.ts";
import { optionalApiActor } from "../http/api-kit.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import { tenantScope } from "../tenant/scope.ts";
import type { Clock } from "../time/clock.ts";
import { idNumber } from "../http/api-kit.ts";
import { isoFormatter } from "../time/format.ts";
import { localDateOf } from "../time/zone.ts";
import type { PageCache, Rendered } from "../http/page-cache.ts";
import { apiDoc } from "../http/openapi.ts";
import { availabilitySnapshot, MAX_DAYS, type AvailabilityDeps, type AvailabilityQuery } from "./availability.ts";

const MINUTE_MS = 60_000;

/**
 * The JSON answer and until when it holds. It is cached as a public page (per data_version, which
 * every catalogue write, booking and hold bumps), and goes stale by itself when a hold it counted
 * expires, the local date moves (the horizon), or its first start falls inside the minimum notice.
 */
export async function renderAvailability(deps: AvailabilityDeps, query: AvailabilityQuery): Promise<Rendered> {
  const snapshot = await availabilitySnapshot(deps, query);
  const zone = snapshot.timezone;
  const iso = isoFormatter(zone);
  const firstStart = Math.min(...snapshot.days.map((d) => d.slots[0]?.start ?? Infinity));
  const days = snapshot.days.map((d) => ({
    date: d.date,
    // an empty day says why: past, beyond_horizon, closed, not_working, fully_booked
    ...(d.reason ? { reason: d.reason } : {}),
    slots: d.slots.map((s) => ({
      start_ts: iso(s.start),
      end_ts: iso(s.end),
      staff_ids: s.staffIds,
      ...(s.seatsLeft === undefined ? {} : { seats_left: s.seatsLeft }),
    })),
  }));
  return {
    body: JSON.stringify({ timezone: zone, days }),
    validUntil: Math.min(snapshot.validUntil, firstStart - snapshot.minNoticeMinutes * MINUTE_MS + 1),
  };
}

const queryParams = t.Object({
  date: t.Optional(t.String({ format: "date", description: "First local date (YYYY-MM-DD); today by default" })),
  service_id: t.Optional(idNumber({ description: "One service" })),
  services: t.Optional(t.String({ pattern: "^\\d+(,\\d+)*$", description: "Several services back to back, e.g. 3,7" })),
  staff_id: t.Optional(t.Union([idNumber(), t.Literal("any")], { description: "A master, or any (default)" })),
  days: t.Optional(t.Numeric({ minimum: 1, maximum: MAX_DAYS, default: 1, description: "Number of days from date" })),
  location_id: t.Optional(idNumber({ description: "The branch (required once the salon has two); times are in its zone" })),
});

/** `GET /api/v1/businesses/:slug/availability`: public, no token. */
export const availabilityApi = (tenants: TenantConnections, clock: Clock, pages: PageCache) =>
  new Elysia({ prefix: "/api/v1/businesses/:slug" }).use(tenantScope(tenants)).get(
    "/availability",
    async ({ db, headers, query: q }) => {
      // without a staff token, services the salon does not offer online are not offered here either
      const onlineOnly = (await optionalApiActor(db, headers.authorization, "catalogue.view")) === null;
      const serviceIds = q.services ? q.services.split(",").map(Number) : q.service_id ? [q.service_id] : [];
      if (serviceIds.length === 0) throw validationError([{ field: "service_id", key: "error.field_required" }]);
      const location = await resolveLocation(db.orm, q.location_id);
      const from = q.date ?? localDateOf(clock.now(), location.timezone);
      const query: AvailabilityQuery = { serviceIds, staffId: q.staff_id ?? "any", from, days: q.days ?? 1, onlineOnly, locationId: location.id };
      const key = `api:availability:${serviceIds.join(",")}|${query.staffId}|${from}|${query.days}|${onlineOnly ? "public" : "staff"}|${location.id}`;
      const body = await pages.get(db, key, () => renderAvailability({ reader: db.orm, clock }, query));
      return new Response(body, { headers: { "content-type": "application/json; charset=utf-8" } });
    },
    {
      query: queryParams,
      detail: apiDoc({
        auth: "optional",
        ok: {
          200: {
            description: "Free starts per day",
            schema: t.Object({
              timezone: t.String(),
              days: t.Array(
                t.Object({
                  date: t.String({ format: "date" }),
                  reason: t.Optional(t.String({ description: "Why a day has no slots" })),
                  slots: t.Array(t.Object({ start_ts: t.String({ format: "date-time" }), end_ts: t.String({ format: "date-time" }), staff_ids: t.Array(t.Integer()), seats_left: t.Optional(t.Integer()) })),
                }),
              ),
            }),
          },
        },
        summary: "Bookable start times",
        description:
          "Free starts for one service (service_id) or several back to back (services=1,2), with a given master or any, over `days` local days. Times carry the location's offset; group services add seats_left. A day without slots says why in `reason`: past, beyond_horizon, closed, not_working (nobody who performs it works), fully_booked.",
        tags: ["Availability"],
      }),
    },
  );
