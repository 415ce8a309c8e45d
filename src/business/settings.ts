/** The salon's profile and booking policy: the public view and the owner's changes. */
import { eq } from "drizzle-orm";
import type { Actor } from "../account/permissions.ts";
import { normalizePhone } from "../client/phone.ts";
import type { Database } from "../db/database.ts";
import { validationError } from "../error/app-error.ts";
import { hasValues, Problems } from "../error/problems.ts";
import { isLocale, type Locale } from "../i18n/i18n.ts";
import type { Clock } from "../time/clock.ts";
import { isValidZone } from "../time/zone.ts";
import { recordPublicChange } from "./data-version.ts";
import { business, locations } from "./schema.ts";
import { singleLine } from "../text/single-line.ts";

export interface BusinessPatch {
  name?: string;
  address?: string | null;
  phone?: string | null;
  timezone?: string;
  locale?: string;
  currency?: string;
  slotStepMinutes?: number;
  minNoticeMinutes?: number;
  horizonDays?: number;
  holdMinutes?: number;
  cancelWindowMinutes?: number;
  autoConfirm?: boolean;
  reminderOffsetsMinutes?: number[];
  // issue 15
  reviewRequestDelayMinutes?: number;
}

/** Allowed ranges of the policy numbers (the database CHECKs agree). */
export const POLICY_RANGES = {
  slotStepMinutes: ["slot_step_minutes", 5, 240],
  minNoticeMinutes: ["min_notice_minutes", 0, 43_200],
  horizonDays: ["horizon_days", 1, 730],
  holdMinutes: ["hold_minutes", 1, 60],
  cancelWindowMinutes: ["cancel_window_minutes", 0, 43_200],
  // issue 15
  reviewRequestDelayMinutes: ["review_request_delay_minutes", 0, 10_080],
} as const;
const MAX_REMINDERS = 5;
const REMINDER_LIMIT = 43_200;

export async function updateBusiness(deps: { db: Database; clock: Clock }, actor: Actor, patch: BusinessPatch): Promise<void> {
  const p = new Problems();
  if (patch.name !== undefined) p.check(singleLine(patch.name).length > 0 && patch.name.length <= 120, "name", "business.name_invalid");
  if (patch.address) p.check(patch.address.length <= 300, "address", "business.address_too_long");
  if (patch.timezone !== undefined) p.check(isValidZone(patch.timezone), "timezone", "zone.unknown", { zone: patch.timezone });
  if (patch.locale !== undefined) p.check(isLocale(patch.locale), "locale", "locale.unknown", { locale: patch.locale });
  if (patch.currency !== undefined) p.check(/^[A-Z]{3}$/.test(patch.currency), "currency", "currency.invalid", { currency: patch.currency });
  for (const [key, [field, min, max]] of Object.entries(POLICY_RANGES)) {
    const value = patch[key as keyof typeof POLICY_RANGES];
    if (value !== undefined) p.check(Number.isInteger(value) && value >= min && value <= max, field, "business.number_range", { min, max });
  }
  const reminders = patch.reminderOffsetsMinutes;
  if (reminders !== undefined) {
    const ok = reminders.length <= MAX_REMINDERS && new Set(reminders).size === reminders.length && reminders.every((m) => Number.isInteger(m) && m >= 1 && m <= REMINDER_LIMIT);
    p.check(ok, "reminder_offsets_minutes", "business.reminders_invalid", { max: MAX_REMINDERS, limit: REMINDER_LIMIT });
  }
  p.throwIfAny();
  await deps.db.write(async (tx) => {
    const [salon] = await tx.select({ country: business.country }).from(business).where(eq(business.id, 1));
    const phone = patch.phone?.trim() ? normalizePhone(patch.phone, salon?.country ?? "RU") : patch.phone === undefined ? undefined : null;
    if (patch.phone?.trim() && phone === null) throw validationError([{ field: "phone", key: "business.phone_invalid" }]);
    const { name, address, timezone, locale, currency, reminderOffsetsMinutes, autoConfirm, ...policy } = patch;
    // drizzle leaves out keys whose value is undefined: only what the patch names changes.
    const salonValues = {
      ...policy,
      name: name === undefined ? undefined : singleLine(name),
      phone,
      locale: locale as Locale | undefined,
      currency,
      autoConfirm,
      reminderOffsetsMinutes: reminderOffsetsMinutes?.toSorted((a, b) => b - a),
    };
    if (hasValues(salonValues)) await tx.update(business).set(salonValues).where(eq(business.id, 1));
    const locationValues = { address: address === undefined ? undefined : (address && singleLine(address)) || null, timezone, name: name === undefined ? undefined : singleLine(name) };
    if (hasValues(locationValues)) await tx.update(locations).set(locationValues).where(eq(locations.isPrimary, true));
    await recordPublicChange(tx, { at: deps.clock.now(), actor: actor.label, userId: actor.userId, action: "business.update", entity: "business", entityId: 1, details: { ...patch } });
  });
}
