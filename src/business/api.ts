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
import { apiDoc, nullable } from "../http/openapi.ts";

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
});
const tags = ["Business"];

// issue 18: the documented answer (businessJson)
const businessSchema = t.Object({
  slug: t.String(),
  name: t.String(),
  address: nullable(t.String()),
  phone: nullable(t.String()),
  timezone: t.String(),
  locale: t.String(),
  currency: t.String(),
  slot_step_minutes: t.Integer(),
  min_notice_minutes: t.Integer(),
  horizon_days: t.Integer(),
  hold_minutes: t.Integer(),
  cancel_window_minutes: t.Integer(),
  auto_confirm: t.Boolean(),
  reminder_offsets_minutes: t.Array(t.Integer()),
  hours: t.Array(t.Object({ valid_from: nullable(t.String()), valid_to: nullable(t.String()), week: t.Array(t.Object({ weekday: t.Integer(), start: t.String(), end: t.String() })) })),
});

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
    hours: hours.map((p) => ({ valid_from: p.validFrom, valid_to: p.validTo, week: p.week })),
  };
}

export const businessApi = (tenants: TenantConnections, clock: Clock) =>
  new Elysia({ prefix: "/api/v1/businesses/:slug" })
    .use(tenantScope(tenants))
    .get("", ({ db, tenant }) => businessJson(db, tenant.slug), {
      detail: apiDoc({ summary: "Profile and booking policy", tags, auth: "none", ok: { 200: { description: "The salon", schema: businessSchema } } }),
    })
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
        });
        return businessJson(db, tenant.slug);
      },
      {
        body: patchBody,
        detail: apiDoc({
          summary: "Change the profile and booking policy (owner)",
          tags,
          auth: "token",
          bodyExample: { min_notice_minutes: 120, reminder_offsets_minutes: [1440, 120] },
          ok: { 200: { description: "The salon after the change", schema: businessSchema } },
        }),
      },
    );
