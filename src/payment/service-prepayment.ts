/** A service's own prepayment (issue 13): checked like the salon's, stored in two columns of services. */
import type { Problems } from "../error/problems.ts";
import { PREPAYMENT_MODES, type PrepaymentMode } from "./schema.ts";
import { checkRuleValue } from "./settings.ts";

export type ServicePrepayment = { mode: string; value?: number | undefined } | null | undefined;

export function checkServicePrepayment(p: Problems, rule: NonNullable<ServicePrepayment>): void {
  if (!p.check(PREPAYMENT_MODES.includes(rule.mode as PrepaymentMode), "prepayment.mode", "payment.mode_invalid")) return;
  checkRuleValue(p, "prepayment.value", rule.mode as PrepaymentMode, rule.value ?? NaN);
}

/** undefined: unchanged; null: follow the salon's policy again. */
export const prepaymentColumns = (rule: ServicePrepayment) =>
  rule === undefined ? {} : rule === null ? { prepaymentMode: null, prepaymentValue: 0 } : { prepaymentMode: rule.mode as PrepaymentMode, prepaymentValue: rule.mode === "percent" || rule.mode === "fixed" ? rule.value! : 0 };
