/** JSON API of the salon itself: `GET /api/v1/businesses/:slug` (public) and `PATCH` (owner token). */
import { Elysia } from "elysia";
import { t } from "../http/schema-builder.ts";
import { apiActor } from "../http/api-kit.ts";
import { weeklyHours } from "../schedule/schedule.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import { tenantScope } from "../tenant/scope.ts";
import type { Clock } from "../time/clock.ts";
import type { Database } from "../db/database.ts";
import { getProfile } from "./business.ts";
import { updateBusiness } from "./settings.ts";
// issue 16
import { saveBotToken, telegramStatus, type TelegramConfig } from "../telegram/setup.ts";
// issue 16: widget origins and the VK Mini App
import { parseChannelsPatch, readChannels, saveChannels } from "../embed/settings.ts";
import { parseWhatsAppPatch, saveWhatsApp } from "../notification/whatsapp-settings.ts";
import { checkPaymentSettings, paymentPatchOf, paymentSettingsJson, paymentSettingsSchema, readPaymentSettings, updatePaymentSettings } from "../payment/settings.ts";
import { apiDoc, nullable } from "../http/openapi.ts";
import { ratingSchema, salonRating } from "../review/ratings.ts";

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
  // issue 16
  telegram: t.Optional(t.Object({ bot_token: t.Nullable(t.String({ maxLength: 200, description: "Write-only; null removes the bot" })) }, { additionalProperties: false })),
  // issue 16: channels
  embed_origins: t.Optional(t.Array(t.String(), { description: "Sites that may show the booking widget, e.g. https://salon.ru (https; http only for localhost)" })),
  vk: t.Optional(t.Nullable(t.Object({ app_id: t.String(), app_secret: t.Optional(t.String({ description: "Write-only; omitted keeps the saved one" })) }, { description: "The salon's VK Mini App; null removes it" }))),
  whatsapp: t.Optional(
    t.Nullable(
      t.Object(
        {
          phone_number_id: t.String({ description: "Digits, from WhatsApp → API Setup" }),
          token: t.Optional(t.String({ description: "Write-only access token; omitted keeps the saved one" })),
          confirmation_template: t.String({ description: "Approved template for new and moved visits" }),
          reminder_template: t.Optional(t.Nullable(t.String({ description: "Approved template for reminders" }))),
          language: t.String({ description: "Template language code, e.g. ru" }),
        },
        { description: "The salon's WhatsApp Cloud API account; null removes it (never shown back)" },
      ),
    ),
  ),
  // issue 13: payments (owner); the secret key is write-only: answers show only secret_key_set
  yookassa: t.Optional(t.Object({ shop_id: t.Optional(t.Nullable(t.String())), secret_key: t.Optional(t.Nullable(t.String())) }, { additionalProperties: false })),
  receipts: t.Optional(t.Object({ enabled: t.Optional(t.Boolean()), vat_code: t.Optional(t.Integer()), tax_system_code: t.Optional(t.Nullable(t.Integer())) }, { additionalProperties: false })),
  prepayment: t.Optional(t.Object({ mode: t.Optional(t.String()), value: t.Optional(t.Integer()), applies_to: t.Optional(t.String()) }, { additionalProperties: false })),
  payment_window_minutes: int("Minutes a client has to pay a prepayment before the time is released, 5 to 1440 (15)"),
  late_cancel_keeps_deposit: t.Optional(t.Boolean({ description: "Keep the prepayment when a visit is cancelled after the cancellation window" })),
  // issue 15
  review_request_delay_minutes: int("How long after a completed visit the review request goes out, 0 to 10080; 120 by default"),
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
  review_request_delay_minutes: t.Integer({ description: "After a completed visit, when the review request goes out" }),
  rating: ratingSchema,
  hours: t.Array(t.Object({ valid_from: nullable(t.String()), valid_to: nullable(t.String()), week: t.Array(t.Object({ weekday: t.Integer(), start: t.String(), end: t.String() })) })),
  // issue 16: the bot token itself is write-only
  telegram: t.Object({ bot_token_set: t.Boolean(), bot_username: nullable(t.String({ description: "As Telegram's getMe gave it" })) }),
  embed_origins: t.Array(t.String(), { description: "Sites that may frame the booking widget" }),
  vk: nullable(t.Object({ app_id: t.String() }, { description: "The salon's VK Mini App (its secret is never shown)" })),
});

async function businessJson(db: Database, slug: string) {
  const { business: b, location } = await getProfile(db);
  const hours = await weeklyHours(db.orm, null);
  const channels = await readChannels(db.orm); // issue 16
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
    telegram: await telegramStatus(db), // issue 16
    // issue 16: public anyway (the framing policy header, vk.com/app<id>); the VK secret never leaves
    embed_origins: channels.embedOrigins,
    vk: channels.vkAppId ? { app_id: channels.vkAppId } : null,
  };
}

export const businessApi = (tenants: TenantConnections, clock: Clock, config: TelegramConfig) =>
  new Elysia({ prefix: "/api/v1/businesses/:slug" })
    .use(tenantScope(tenants))
    .get("", ({ db, tenant }) => businessJson(db, tenant.slug), {
      detail: apiDoc({ summary: "Profile and booking policy", tags, auth: "none", ok: { 200: { description: "The salon", schema: businessSchema } } }),
    })
    .patch(
      "",
      async ({ db, tenant, body, headers }) => {
        const actor = await apiActor(db, headers.authorization, "settings");
        // issue 16: checked before anything is saved, saved after the profile
        const channels = parseChannelsPatch({ embedOrigins: body.embed_origins, vk: body.vk && { appId: body.vk.app_id, appSecret: body.vk.app_secret } });
        const w = body.whatsapp;
        const whatsapp = parseWhatsAppPatch(w && { phoneNumberId: w.phone_number_id, token: w.token, confirmationTemplate: w.confirmation_template, reminderTemplate: w.reminder_template, language: w.language });
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
          // issue 15
          reviewRequestDelayMinutes: body.review_request_delay_minutes,
        });
        await updatePaymentSettings({ db, now: clock.now() }, actor, payment);
        // issue 16: checked with Telegram (getMe), then the webhook or polling is set up
        if (body.telegram) await saveBotToken({ db, clock, slug: tenant.slug, config }, actor, body.telegram.bot_token);
        await saveChannels({ db, clock }, actor, channels); // issue 16
        await saveWhatsApp({ db, clock }, actor, whatsapp);
        return { ...(await businessJson(db, tenant.slug)), ...paymentSettingsJson(await readPaymentSettings(db.orm)) };
      },
      {
        body: patchBody,
        detail: apiDoc({
          summary: "Change the profile and booking policy (owner)",
          tags,
          auth: "token",
          bodyExample: { min_notice_minutes: 120, reminder_offsets_minutes: [1440, 120] },
          // issue 13: the owner's answer also shows the payment settings (the secret only as secret_key_set)
          ok: { 200: { description: "The salon after the change, with its payment settings", schema: t.Composite([businessSchema, paymentSettingsSchema]) } },
        }),
      },
    );
