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
import { checkPaymentSettings, paymentPatchOf, paymentSettingsJson, readPaymentSettings, updatePaymentSettings } from "../payment/settings.ts";

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
  // issue 13: payments (owner); the secret key is write-only: answers show only secret_key_set
  yookassa: t.Optional(t.Object({ shop_id: t.Optional(t.Nullable(t.String())), secret_key: t.Optional(t.Nullable(t.String())) }, { additionalProperties: false })),
  receipts: t.Optional(t.Object({ enabled: t.Optional(t.Boolean()), vat_code: t.Optional(t.Integer()), tax_system_code: t.Optional(t.Nullable(t.Integer())) }, { additionalProperties: false })),
  prepayment: t.Optional(t.Object({ mode: t.Optional(t.String()), value: t.Optional(t.Integer()), applies_to: t.Optional(t.String()) }, { additionalProperties: false })),
  payment_window_minutes: int("Minutes a client has to pay a prepayment before the time is released, 5 to 1440 (15)"),
  late_cancel_keeps_deposit: t.Optional(t.Boolean({ description: "Keep the prepayment when a visit is cancelled after the cancellation window" })),
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
        // issue 13: payment fields are checked before anything is written, so a bad one changes nothing
        const payment = paymentPatchOf(body);
        checkPaymentSettings(payment, await readPaymentSettings(db.orm));
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
        await updatePaymentSettings({ db, now: clock.now() }, actor, payment);
        return { ...(await businessJson(db, tenant.slug)), ...paymentSettingsJson(await readPaymentSettings(db.orm)) };
      },
      { body: patchBody, detail: { summary: "Change the profile and booking policy (owner)", tags } },
    );
