/** JSON API of the salon itself: `GET /api/v1/businesses/:slug` (public) and `PATCH` (owner token). */
import { Elysia, t } from "elysia";
import { apiActor } from "../http/api-kit.ts";
import { weeklyHours } from "../schedule/schedule.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import { tenantScope } from "../tenant/scope.ts";
import type { Clock } from "../time/clock.ts";
import type { Database } from "../db/database.ts";
import { getProfile } from "./business.ts";
import { updateBusiness } from "./settings.ts";
import { salonRating } from "../review/ratings.ts";

const int = (description: string) => t.Optional(t.Integer({ description }));
const patchBody = t.Object({
  name: t.Optional(t.String()),
  address: t.Optional(t.Nullable(t.String())),
  phone: t.Optional(t.Nullable(t.String())),
  timezone: t.Optional(t.String({ description: "IANA zone, e.g. Europe/Moscow" })),
  locale: t.Optional(t.String({ description: "ru, en or kk" })),
  currency: t.Optional(t.String({ description: "ISO 4217, e.g. RUB" })),
  slot_step_minutes: int("Grid of offered starts, 5 to 240"),
  min_notice_minutes: int("How long before a start booking closes"),
  horizon_days: int("How far ahead clients may book, 1 to 730"),
  hold_minutes: int("How long a chosen time is held while the client fills in details, 1 to 60"),
  cancel_window_minutes: int("Clients may cancel until this long before the start"),
  auto_confirm: t.Optional(t.Boolean()),
  reminder_offsets_minutes: t.Optional(t.Array(t.Integer(), { description: "Reminders, minutes before the visit; [1440, 120] by default" })),
  // issue 15
  review_request_delay_minutes: int("How long after a completed visit the review request goes out, 0 to 10080; 120 by default"),
});
const tags = ["Business"];

async function businessJson(db: Database, slug: string) {
  const { business: b, location } = await getProfile(db);
  const hours = await weeklyHours(db.orm, null);
  return {
    slug,
    name: b.name,
    address: location.address,
    phone: b.phone,
    timezone: location.timezone,
    locale: b.locale,
    currency: b.currency,
    slot_step_minutes: b.slotStepMinutes,
    min_notice_minutes: b.minNoticeMinutes,
    horizon_days: b.horizonDays,
    hold_minutes: b.holdMinutes,
    cancel_window_minutes: b.cancelWindowMinutes,
    auto_confirm: b.autoConfirm,
    reminder_offsets_minutes: b.reminderOffsetsMinutes,
    // issue 15
    review_request_delay_minutes: b.reviewRequestDelayMinutes,
    rating: await salonRating(db.orm),
    hours: hours.map((p) => ({ valid_from: p.validFrom, valid_to: p.validTo, week: p.week })),
  };
}

export const businessApi = (tenants: TenantConnections, clock: Clock) =>
  new Elysia({ prefix: "/api/v1/businesses/:slug" })
    .use(tenantScope(tenants))
    .get("", ({ db, tenant }) => businessJson(db, tenant.slug), { detail: { summary: "Profile and booking policy", tags } })
    .patch(
      "",
      async ({ db, tenant, body, headers }) => {
        const actor = await apiActor(db, headers.authorization, "settings");
        await updateBusiness({ db, clock }, actor, {
          name: body.name,
          address: body.address,
          phone: body.phone,
          timezone: body.timezone,
          locale: body.locale,
          currency: body.currency,
          slotStepMinutes: body.slot_step_minutes,
          minNoticeMinutes: body.min_notice_minutes,
          horizonDays: body.horizon_days,
          holdMinutes: body.hold_minutes,
          cancelWindowMinutes: body.cancel_window_minutes,
          autoConfirm: body.auto_confirm,
          reminderOffsetsMinutes: body.reminder_offsets_minutes,
          // issue 15
          reviewRequestDelayMinutes: body.review_request_delay_minutes,
        });
        return businessJson(db, tenant.slug);
      },
      { body: patchBody, detail: { summary: "Change the profile and booking policy (owner)", tags } },
    );
