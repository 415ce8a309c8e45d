// How much of a visit a client pays ahead (issue 13): the salon's policy, or a service's own over it.
// Pure and integer-only like quoteVisit, whose quote it takes: the deposit is a part of what is still
// due, so money the client already holds (certificate, wallet) lowers it too, and it never exceeds it.
import type { VisitQuote } from "./pricing.ts";

export type PrepaymentRule =
  | { mode: "none" }
  | { mode: "full" }
  | { mode: "percent"; value: number } // 1..100 of what is due
  | { mode: "fixed"; valueMinor: number }; // minor units, capped at what is due

/** The deposit for one visit: the largest a rule of its services asks (a service with no rule of its own follows the salon's). */
export function prepaymentDue(quote: Pick<VisitQuote, "dueMinor">, rules: readonly PrepaymentRule[]): number {
  let deposit = 0;
  for (const rule of rules) deposit = Math.max(deposit, depositOf(quote.dueMinor, rule));
  return Math.min(deposit, quote.dueMinor);
}

function depositOf(dueMinor: number, rule: PrepaymentRule): number {
  switch (rule.mode) {
    case "none":
      return 0;
    case "full":
      return dueMinor;
    case "percent":
      // rounded down like every percentage of the pricing module: never a kopeck more than asked
      return Math.floor((dueMinor * Math.min(100, Math.max(0, rule.value))) / 100);
    case "fixed":
      return Math.min(dueMinor, Math.max(0, rule.valueMinor));
  }
}
