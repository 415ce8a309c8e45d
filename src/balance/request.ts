/** The balance fields of POST /bookings (and the booking forms), read into a BalanceRequest. */
import type { Problem } from "../error/app-error.ts";
import type { BalanceRequest } from "./visit.ts";

export interface BalanceFields {
  promo_code?: unknown;
  use_package?: unknown;
  pay_with_wallet?: unknown;
  certificate_code?: unknown;
}

const MAX_CODE = 64;

function code(value: unknown, field: string, problems: Problem[]): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value !== "string" || value.length > MAX_CODE) {
    problems.push({ field, key: "error.field_invalid" });
    return null;
  }
  return value.trim() || null;
}

/**
 * `byStaff`: the salon books (admin session or API token). An anonymous booker may bring a promo or
 * certificate code (bearer secrets), but never spend a package or wallet: a typed phone proves
 * nothing about who is typing it (see chargeVisit's clientProven).
 */
/** Undefined when the booker asked for none of it (so idempotency hashes of plain bookings stay as they were). */
export function parseBalanceRequest(body: BalanceFields, byStaff: boolean, problems: Problem[]): BalanceRequest | undefined {
  const usePackage = body.use_package ?? false;
  const payWithWallet = body.pay_with_wallet ?? false;
  const packageOk = typeof usePackage === "boolean" || (typeof usePackage === "number" && Number.isSafeInteger(usePackage) && usePackage > 0);
  if (!packageOk) problems.push({ field: "use_package", key: "error.field_invalid" });
  if (typeof payWithWallet !== "boolean") problems.push({ field: "pay_with_wallet", key: "error.field_invalid" });
  if (!byStaff && usePackage !== false) problems.push({ field: "use_package", key: "balance.proof_required" });
  if (!byStaff && payWithWallet === true) problems.push({ field: "pay_with_wallet", key: "balance.proof_required" });
  const request: BalanceRequest = {
    usePackage: packageOk ? (usePackage as boolean | number) : false,
    payWithWallet: payWithWallet === true,
    promoCode: code(body.promo_code, "promo_code", problems),
    certificateCode: code(body.certificate_code, "certificate_code", problems),
  };
  const asked = request.usePackage !== false || request.payWithWallet || request.promoCode !== null || request.certificateCode !== null;
  return asked ? request : undefined;
}
