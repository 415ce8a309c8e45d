// The one place a visit's price is worked out. Everything that shows or charges money for a visit
// (the booking write, the booking page, e-mails, the admin panel, the API, prepayments) asks this
// function, so a discount can never be counted on one screen and forgotten on another.
//
// Pure and integer-only: amounts are minor units (kopecks); percentages round DOWN per service, so a
// discount never exceeds what the salon advertised and the client never pays a fraction of a kopeck.
//
// Order (issue 14): a package visit covers its services whole → the client's personal discount →
// a promo code → a gift certificate → the client's wallet. The first three lower the total (what the
// visit costs); the last two are money the client already holds, so they lower what is still due.

export interface PricedService {
  serviceId: number;
  priceMinor: number;
}

export interface Promo {
  percent?: number; // 1..100
  amountMinor?: number; // a fixed amount off the eligible services
  serviceIds?: ReadonlySet<number> | null; // null/absent: every service of the visit
}

export interface PricingInput {
  services: readonly PricedService[];
  packageServiceIds?: ReadonlySet<number>; // services a package visit pays for
  personalDiscountPercent?: number; // 0..100
  promo?: Promo | null;
  certificateBalanceMinor?: number; // what the certificate still holds
  walletBalanceMinor?: number; // what the wallet may spend
}

export type QuoteLineKind = "package" | "personal" | "promo" | "certificate" | "wallet";

export interface QuoteLine {
  kind: QuoteLineKind;
  amountMinor: number; // > 0: what this step took off
}

export interface VisitQuote {
  priceMinor: number; // list price of the services
  discountMinor: number; // package + personal + promo
  totalMinor: number; // what the visit costs: price − discount
  dueMinor: number; // total − certificate − wallet: still to be paid
  lines: QuoteLine[]; // the steps that took something off, in the order applied
}

const percentOf = (amount: number, percent: number) => Math.floor((amount * percent) / 100);

export function quoteVisit(input: PricingInput): VisitQuote {
  for (const s of input.services) assertMinor(s.priceMinor);
  // what is left to pay per service after each step, so a promo limited to some services sees only theirs
  const left = input.services.map((s) => ({ serviceId: s.serviceId, minor: s.priceMinor }));
  const priceMinor = sum(left);
  const lines: QuoteLine[] = [];
  const take = (kind: QuoteLineKind, amountMinor: number) => {
    if (amountMinor > 0) lines.push({ kind, amountMinor });
  };

  const packaged = input.packageServiceIds;
  if (packaged) take("package", reduceEach(left, (s) => (packaged.has(s.serviceId) ? s.minor : 0)));

  const personal = clampPercent(input.personalDiscountPercent ?? 0);
  if (personal > 0) take("personal", reduceEach(left, (s) => percentOf(s.minor, personal)));

  const promo = input.promo;
  if (promo) {
    const eligible = left.filter((s) => !promo.serviceIds || promo.serviceIds.has(s.serviceId));
    if (promo.percent !== undefined) take("promo", reduceEach(eligible, (s) => percentOf(s.minor, clampPercent(promo.percent!))));
    else if (promo.amountMinor !== undefined) take("promo", spread(eligible, nonNegative(promo.amountMinor)));
  }

  const totalMinor = sum(left);
  let dueMinor = totalMinor;
  const draw = (kind: QuoteLineKind, balance: number | undefined) => {
    const amount = Math.min(dueMinor, nonNegative(balance ?? 0));
    take(kind, amount);
    dueMinor -= amount;
  };
  draw("certificate", input.certificateBalanceMinor);
  draw("wallet", input.walletBalanceMinor);

  return { priceMinor, discountMinor: priceMinor - totalMinor, totalMinor, dueMinor, lines };
}

type Left = { serviceId: number; minor: number };

function sum(left: readonly Left[]): number {
  return left.reduce((total, s) => total + s.minor, 0);
}

/** Takes `off(s)` (capped at what is left) from each service; answers the total taken. */
function reduceEach(left: Left[], off: (s: Left) => number): number {
  let taken = 0;
  for (const s of left) {
    const amount = Math.min(s.minor, off(s));
    s.minor -= amount;
    taken += amount;
  }
  return taken;
}

/** A fixed amount off several services: taken in order, never more than they still cost. */
function spread(left: Left[], amountMinor: number): number {
  let rest = amountMinor;
  return reduceEach(left, (s) => {
    const amount = Math.min(s.minor, rest);
    rest -= amount;
    return amount;
  });
}

function clampPercent(percent: number): number {
  if (!Number.isInteger(percent)) throw new RangeError(`percent must be an integer: ${percent}`);
  return Math.min(100, Math.max(0, percent));
}

function nonNegative(minor: number): number {
  assertMinor(minor);
  return Math.max(0, minor);
}

function assertMinor(minor: number): void {
  // a float here means someone divided money; fail loudly instead of charging a rounded guess
  if (!Number.isSafeInteger(minor)) throw new RangeError(`money must be integer minor units: ${minor}`);
}
