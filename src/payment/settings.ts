/**
 * The salon's payment settings (PATCH / and the admin page): YooKassa shop, receipts, prepayment
 * policy. The secret key is write-only: it is stored and handed to the provider client, and the
 * only thing anyone reads back is whether one is set. Audit details name the fields changed, never
 * the secret's value.
 */
import { eq } from "drizzle-orm";
import { t } from "../http/schema-builder.ts";
import type { Actor } from "../account/permissions.ts";
import { recordAudit } from "../audit/audit.ts";
import type { Database, Reader } from "../db/database.ts";
import { prepared } from "../db/prepared.ts";
import { hasValues, Problems } from "../error/problems.ts";
import { PREPAYMENT_APPLIES_TO, PREPAYMENT_MODES, paymentSettings, type PaymentSettings, type PrepaymentAppliesTo, type PrepaymentMode } from "./schema.ts";
import type { ShopCredentials } from "./yookassa.ts";

export interface PaymentSettingsPatch {
  shopId?: string | null;
  secret?: string | null;
  receipts?: boolean;
  vatCode?: number;
  taxSystemCode?: number | null;
  prepaymentMode?: string;
  prepaymentValue?: number;
  prepaymentAppliesTo?: string;
  paymentWindowMinutes?: number;
  lateCancelKeepsDeposit?: boolean;
}

export const MAX_FIXED_MINOR = 100_000_000; // 1 000 000.00: a typo guard, not a business rule

// every public booking reads it (a deposit may be owed): built once (issue 20)
const settingsRow = prepared((db) => db.select().from(paymentSettings).where(eq(paymentSettings.id, 1)));

export async function readPaymentSettings(reader: Reader): Promise<PaymentSettings> {
  const row = await settingsRow(reader).get();
  if (!row) throw new Error("tenant has no payment_settings row");
  return row;
}

/** The shop's credentials, or null when online payment is not set up (then no deposit is asked). */
export const credentialsOf = (s: Pick<PaymentSettings, "shopId" | "secret">): ShopCredentials | null =>
  s.shopId && s.secret ? { shopId: s.shopId, secret: s.secret } : null;

/** What GET / shows: everything but the secret, of which only its presence. */
export function paymentSettingsJson(s: PaymentSettings) {
  return {
    yookassa: { shop_id: s.shopId, secret_key_set: s.secret !== null },
    receipts: { enabled: s.receipts, vat_code: s.vatCode, tax_system_code: s.taxSystemCode },
    prepayment: { mode: s.prepaymentMode, value: s.prepaymentValue, applies_to: s.prepaymentAppliesTo },
    payment_window_minutes: s.paymentWindowMinutes,
    late_cancel_keeps_deposit: s.lateCancelKeepsDeposit,
  };
}

/** The documented shape of paymentSettingsJson. */
export const paymentSettingsSchema = t.Object({
  yookassa: t.Object({ shop_id: t.Union([t.String(), t.Null()]), secret_key_set: t.Boolean() }),
  receipts: t.Object({ enabled: t.Boolean(), vat_code: t.Integer(), tax_system_code: t.Union([t.Integer(), t.Null()]) }),
  prepayment: t.Object({ mode: t.Union(PREPAYMENT_MODES.map((m) => t.Literal(m))), value: t.Integer(), applies_to: t.Union(PREPAYMENT_APPLIES_TO.map((a) => t.Literal(a))) }),
  payment_window_minutes: t.Integer(),
  late_cancel_keeps_deposit: t.Boolean(),
});

/** Checks a patch whole (every bad field at once); call before any write so nothing half-changes. */
export function checkPaymentSettings(patch: PaymentSettingsPatch, current: Pick<PaymentSettings, "prepaymentMode">): void {
  const p = new Problems();
  if (patch.shopId != null) p.check(/^\d{1,12}$/.test(patch.shopId), "yookassa.shop_id", "payment.shop_id_invalid");
  if (patch.secret != null) p.check(/^[A-Za-z0-9_-]{8,200}$/.test(patch.secret), "yookassa.secret_key", "payment.secret_invalid");
  if (patch.vatCode !== undefined) p.check(isInt(patch.vatCode, 1, 10), "receipts.vat_code", "payment.vat_code_invalid");
  if (patch.taxSystemCode != null) p.check(isInt(patch.taxSystemCode, 1, 6), "receipts.tax_system_code", "payment.tax_system_invalid");
  if (patch.prepaymentMode !== undefined) p.check(PREPAYMENT_MODES.includes(patch.prepaymentMode as PrepaymentMode), "prepayment.mode", "payment.mode_invalid");
  if (patch.prepaymentAppliesTo !== undefined) {
    p.check(PREPAYMENT_APPLIES_TO.includes(patch.prepaymentAppliesTo as PrepaymentAppliesTo), "prepayment.applies_to", "payment.applies_to_invalid");
  }
  checkRuleValue(p, "prepayment.value", (patch.prepaymentMode ?? current.prepaymentMode) as PrepaymentMode, patch.prepaymentValue);
  if (patch.paymentWindowMinutes !== undefined) p.check(isInt(patch.paymentWindowMinutes, 5, 1440), "payment_window_minutes", "business.number_range", { min: 5, max: 1440 });
  p.throwIfAny();
}

/** A prepayment value fits its mode: percent 1–100, fixed 1 kopeck to MAX_FIXED_MINOR. */
export function checkRuleValue(p: Problems, field: string, mode: PrepaymentMode, value: number | undefined): void {
  if (value === undefined || mode === "none" || mode === "full") return;
  if (mode === "percent") p.check(isInt(value, 1, 100), field, "business.number_range", { min: 1, max: 100 });
  else p.check(isInt(value, 1, MAX_FIXED_MINOR), field, "business.number_range", { min: 1, max: MAX_FIXED_MINOR });
}

export async function updatePaymentSettings(deps: { db: Database; now: number }, actor: Actor, patch: PaymentSettingsPatch): Promise<void> {
  const values = {
    shopId: patch.shopId === undefined ? undefined : patch.shopId || null,
    secret: patch.secret === undefined ? undefined : patch.secret || null,
    receipts: patch.receipts,
    vatCode: patch.vatCode,
    taxSystemCode: patch.taxSystemCode,
    prepaymentMode: patch.prepaymentMode as PrepaymentMode | undefined,
    prepaymentValue: patch.prepaymentValue,
    prepaymentAppliesTo: patch.prepaymentAppliesTo as PrepaymentAppliesTo | undefined,
    paymentWindowMinutes: patch.paymentWindowMinutes,
    lateCancelKeepsDeposit: patch.lateCancelKeepsDeposit,
  };
  if (!hasValues(values)) return;
  await deps.db.write(async (tx) => {
    checkPaymentSettings(patch, await readPaymentSettings(tx));
    await tx.update(paymentSettings).set(values).where(eq(paymentSettings.id, 1));
    // the secret's value never reaches the audit log: only that it was set or cleared
    const { secret, ...shown } = values;
    const details = { ...shown, ...(secret === undefined ? {} : { secret_key: secret === null ? "cleared" : "set" }) };
    await recordAudit(tx, { at: deps.now, actor: actor.label, userId: actor.userId, action: "payment.settings", entity: "business", entityId: 1, details });
  });
}

const isInt = (v: unknown, min: number, max: number) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/** The PATCH / body's payment fields (snake_case, as in DESIGN §5) as a patch. */
export interface PaymentSettingsBody {
  yookassa?: { shop_id?: string | null; secret_key?: string | null } | undefined;
  receipts?: { enabled?: boolean; vat_code?: number; tax_system_code?: number | null } | undefined;
  prepayment?: { mode?: string; value?: number; applies_to?: string } | undefined;
  payment_window_minutes?: number | undefined;
  late_cancel_keeps_deposit?: boolean | undefined;
}

export const paymentPatchOf = (b: PaymentSettingsBody): PaymentSettingsPatch => ({
  shopId: b.yookassa?.shop_id,
  secret: b.yookassa?.secret_key,
  receipts: b.receipts?.enabled,
  vatCode: b.receipts?.vat_code,
  taxSystemCode: b.receipts?.tax_system_code,
  prepaymentMode: b.prepayment?.mode,
  prepaymentValue: b.prepayment?.value,
  prepaymentAppliesTo: b.prepayment?.applies_to,
  paymentWindowMinutes: b.payment_window_minutes,
  lateCancelKeepsDeposit: b.late_cancel_keeps_deposit,
});
