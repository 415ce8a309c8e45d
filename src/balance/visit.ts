/**
 * What a visit takes from what the client holds, and gives back when it is cancelled: the ONE place
 * that spends packages, promo codes, certificates and the wallet for a booking. It runs inside the
 * booking's write transaction, prices the visit with the one pricing function (src/pricing) and
 * appends each draw to its own ledger with the booking id, so a refusal rolls the booking back
 * with the ledgers untouched. (When payments land, each draw here is also where a `payments` row
 * is recorded — one call beside each ledger append.)
 */
import { eq } from "drizzle-orm";
import { certificateForVisit, redeemCertificate, returnCertificateDraw } from "../certificate/certificate.ts";
import { clients } from "../client/schema.ts";
import type { Tx } from "../db/database.ts";
import { packageForVisit, returnPackageVisit, usePackageVisit } from "../package/package.ts";
import { quoteVisit, type PricedService, type QuoteLine, type VisitQuote } from "../pricing/pricing.ts";
import { promoForVisit, recordPromoUse } from "../promo/promo.ts";
import { appendMovement, refundVisitPayment, walletBalance } from "../wallet/wallet.ts";
import { bookingPriceLines } from "./schema.ts";

/** What the booker asked to pay with (POST /bookings: use_package, pay_with_wallet, promo_code, certificate_code). */
export interface BalanceRequest {
  /** true: the client's package that fits; a number: that sold package. */
  usePackage: boolean | number;
  payWithWallet: boolean;
  promoCode: string | null;
  certificateCode: string | null;
}

export const NO_BALANCE: BalanceRequest = { usePackage: false, payWithWallet: false, promoCode: null, certificateCode: null };

export interface VisitCharge {
  bookingId: number;
  clientId: number | null;
  services: PricedService[];
  startTs: number;
  now: number;
  actor: string;
  /**
   * The client is who they say: staff booked, or the client proved the phone. Only then do the
   * client's own discount, packages and wallet apply — else typing someone's phone would spend
   * their wallet or reveal that the salon knows them (a bearer code proves nothing about a person
   * and is honoured from anyone).
   */
  clientProven: boolean;
  request: BalanceRequest;
}

/** Prices the visit, draws what it asked for, and stores the lines; throws (rolling all back) when a draw is refused. */
export async function chargeVisit(tx: Tx, visit: VisitCharge): Promise<VisitQuote> {
  const { request, now, bookingId } = visit;
  const serviceIds = visit.services.map((s) => s.serviceId);
  const holder = visit.clientProven ? visit.clientId : null;

  const pkg = holder !== null && request.usePackage !== false
    ? await packageForVisit(tx, { clientId: holder, serviceIds, startTs: visit.startTs, now, packageId: request.usePackage === true ? null : request.usePackage })
    : null;
  const promo = request.promoCode === null ? null : await promoForVisit(tx, request.promoCode, { serviceIds, now });
  const certificate = request.certificateCode === null ? null : await certificateForVisit(tx, request.certificateCode, now);
  const quote = quoteVisit({
    services: visit.services,
    ...(pkg ? { packageServiceIds: new Set(pkg.serviceIds) } : {}),
    personalDiscountPercent: holder === null ? 0 : await discountOf(tx, holder),
    promo: promo?.promo ?? null,
    certificateBalanceMinor: certificate?.balanceMinor ?? 0,
    walletBalanceMinor: holder !== null && request.payWithWallet ? await walletBalance(tx, holder) : 0,
  });

  const amount = (kind: QuoteLine["kind"]) => quote.lines.find((l) => l.kind === kind)?.amountMinor ?? 0;
  if (pkg) await usePackageVisit(tx, { clientPackageId: pkg.id, bookingId, now });
  if (promo) await recordPromoUse(tx, { promoId: promo.id, bookingId, now });
  if (certificate && amount("certificate") > 0) await redeemCertificate(tx, { certificateId: certificate.id, bookingId, amountMinor: amount("certificate"), now });
  if (holder !== null && amount("wallet") > 0) {
    await appendMovement(tx, { clientId: holder, type: "payment", amountMinor: -amount("wallet"), bookingId, actor: visit.actor, now });
  }
  if (quote.lines.length > 0) await tx.insert(bookingPriceLines).values(quote.lines.map((l, position) => ({ bookingId, position, kind: l.kind, amountMinor: l.amountMinor })));
  return quote;
}

/** A cancelled visit gives back its package visit, certificate draw and wallet payment — each at most once. */
export async function returnVisitCharges(tx: Tx, input: { bookingId: number; now: number; actor: string }): Promise<void> {
  await returnPackageVisit(tx, input);
  await returnCertificateDraw(tx, input);
  await refundVisitPayment(tx, input);
}

async function discountOf(tx: Tx, clientId: number): Promise<number> {
  const [row] = await tx.select({ percent: clients.discountPercent }).from(clients).where(eq(clients.id, clientId));
  return row?.percent ?? 0;
}
