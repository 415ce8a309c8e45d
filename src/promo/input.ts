/** A promo code as staff describe it (API body or admin form, already read into these fields) → NewPromo, every problem at once. */
import { Problems } from "../error/problems.ts";
import { rangeBound } from "../time/zone.ts";
import { normalizePromoCode, type NewPromo } from "./promo.ts";

export interface PromoFields {
  code: string;
  percent?: number | null | undefined;
  amount?: number | null | undefined;
  valid_from?: string | null | undefined;
  valid_to?: string | null | undefined;
  max_uses?: number | null | undefined;
  service_ids?: number[] | null | undefined;
}

export function parsePromo(body: PromoFields, zone: string): NewPromo {
  const p = new Problems();
  const code = normalizePromoCode(body.code);
  p.check(code !== null, "code", "promo.code_invalid");
  const percent = body.percent ?? null;
  const amount = body.amount ?? null;
  p.check((percent === null) !== (amount === null) && (percent === null || (Number.isInteger(percent) && percent >= 1 && percent <= 100)) && (amount === null || amount > 0), "percent", "promo.kind_invalid");
  p.check(body.max_uses == null || (Number.isInteger(body.max_uses) && body.max_uses > 0), "max_uses", "promo.max_uses_invalid");
  // dates are the salon's: "2027-03-31" runs to the end of that local day
  const bound = (field: "valid_from" | "valid_to", edge: "from" | "to") => {
    const text = body[field] || null;
    const ts = text === null ? null : rangeBound(text, zone, edge);
    p.check(text === null || ts !== null, field, "error.range_bound_invalid");
    return ts;
  };
  const validFrom = bound("valid_from", "from");
  const validTo = bound("valid_to", "to");
  p.check(validFrom === null || validTo === null || validFrom < validTo, "valid_to", "promo.dates_invalid");
  p.throwIfAny();
  return { code: code!, percent, amountMinor: amount, validFrom, validTo, maxUses: body.max_uses ?? null, serviceIds: body.service_ids && body.service_ids.length > 0 ? body.service_ids : null };
}
