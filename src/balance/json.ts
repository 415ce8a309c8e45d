/**
 * The JSON forms of what a client holds (DESIGN §5 "Client balance"), with the response schemas the
 * routes declare: money in minor units like `price`, times ISO-8601 with the salon's offset.
 */
import { t } from "../http/schema-builder.ts";
import type { HeldCertificate } from "../certificate/certificate.ts";
import type { HeldPackage, PackageRow } from "../package/package.ts";
import type { PromoWithUses } from "../promo/promo.ts";
import { toIsoWithOffset } from "../time/format.ts";
import { WALLET_TYPES } from "../wallet/schema.ts";
import type { WalletRow } from "../wallet/wallet.ts";

const iso = (ts: number | null, zone: string) => (ts === null ? null : toIsoWithOffset(ts, zone));
const money = (description: string) => t.Integer({ description: `${description}, minor units (kopecks)` });
const instant = t.String({ description: "ISO-8601 with the salon's offset" });

/**
 * A money field of a request body: whole kopecks. Its range is checked by the use-case's parser,
 * after the caller's token, with a translated message (a schema minimum would answer a stranger 400).
 */
export const moneyInput = (description: string) => t.Integer({ description: `${description}, minor units (kopecks)` });

export const packageSchema = t.Object({ id: t.Integer(), title: t.String(), service_ids: t.Array(t.Integer()), visits: t.Integer(), price: money("Price"), valid_days: t.Integer() });
export const packageJson = (p: PackageRow) => ({ id: p.id, title: p.title, service_ids: p.serviceIds, visits: p.visits, price: p.priceMinor, valid_days: p.validDays });

export const clientPackageSchema = t.Object({
  id: t.Integer(),
  package_id: t.Integer(),
  title: t.String(),
  service_ids: t.Array(t.Integer()),
  visits_total: t.Integer(),
  visits_left: t.Integer({ description: "Derived from the uses: total − used + returned" }),
  price: money("What the client paid"),
  method: t.String(),
  sold_at: instant,
  expires_at: instant,
  expired: t.Boolean(),
});
export const clientPackageJson = (p: HeldPackage, zone: string) => ({
  id: p.id,
  package_id: p.packageId,
  title: p.title,
  service_ids: p.serviceIds,
  visits_total: p.visitsTotal,
  visits_left: p.visitsLeft,
  price: p.priceMinor,
  method: p.method,
  sold_at: toIsoWithOffset(p.soldAt, zone),
  expires_at: toIsoWithOffset(p.expiresAt, zone),
  expired: p.expired,
});

export const walletTransactionSchema = t.Object({
  id: t.Integer(),
  type: t.String({ description: WALLET_TYPES.join(" | ") }),
  amount: money("Signed: + into the wallet, − out of it"),
  booking_id: t.Nullable(t.Integer()),
  payment_id: t.Nullable(t.Integer()),
  method: t.Nullable(t.String()),
  note: t.Nullable(t.String()),
  actor: t.String({ description: "Who made it, as the audit log names them" }),
  created_at: instant,
});
export const walletTransactionJson = (w: WalletRow, zone: string) => ({
  id: w.id,
  type: w.type,
  amount: w.amountMinor,
  booking_id: w.bookingId,
  payment_id: w.paymentId,
  method: w.method,
  note: w.note,
  actor: w.actor,
  created_at: toIsoWithOffset(w.createdAt, zone),
});
export const walletSchema = t.Object({ balance: money("The sum of the transactions, never below zero"), transactions: t.Array(walletTransactionSchema) });

export const certificateSchema = t.Object({
  id: t.Integer(),
  code: t.Optional(t.String({ description: "Only in the answer to the sale: the code is stored hashed and never shown again" })),
  code_tail: t.String({ description: "The last four characters, to tell certificates apart" }),
  amount: money("Sold for"),
  balance: money("What is left"),
  expires_at: instant,
  buyer_id: t.Nullable(t.Integer()),
  method: t.String(),
  note: t.Nullable(t.String()),
  created_at: instant,
});
export const certificateJson = (c: HeldCertificate, zone: string) => ({
  id: c.id,
  code_tail: c.codeTail,
  amount: c.amountMinor,
  balance: c.balanceMinor,
  expires_at: toIsoWithOffset(c.expiresAt, zone),
  buyer_id: c.buyerId,
  method: c.method,
  note: c.note,
  created_at: toIsoWithOffset(c.createdAt, zone),
});

export const promoSchema = t.Object({
  id: t.Integer(),
  code: t.String(),
  percent: t.Nullable(t.Integer()),
  amount: t.Nullable(money("Fixed amount off")),
  valid_from: t.Nullable(instant),
  valid_to: t.Nullable(instant),
  max_uses: t.Nullable(t.Integer()),
  uses: t.Integer({ description: "Visits that used it and were not cancelled" }),
  service_ids: t.Nullable(t.Array(t.Integer())),
});
export const promoJson = (p: PromoWithUses, zone: string) => ({
  id: p.id,
  code: p.code,
  percent: p.percent,
  amount: p.amountMinor,
  valid_from: iso(p.validFrom, zone),
  valid_to: iso(p.validTo, zone),
  max_uses: p.maxUses,
  uses: p.uses,
  service_ids: p.serviceIds,
});

export const listSchema = <T extends Parameters<typeof t.Array>[0]>(item: T) =>
  t.Object({ data: t.Array(item), meta: t.Object({ total: t.Integer(), limit: t.Integer(), offset: t.Integer() }) });
