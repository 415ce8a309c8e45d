/**
 * What the salon owes its clients in services and money (issue 14 reports): packages sold and used,
 * the unused visits of live packages and their value (the outstanding liability), visits that
 * expired unused, certificate balances and what wallets hold. Everything is derived from the ledgers
 * at `now`, never from a stored counter.
 */
import { sql } from "drizzle-orm";
import { certificateLiability } from "../certificate/certificate.ts";
import type { Reader } from "../db/database.ts";
import { usedVisits } from "../package/package.ts";
import { clientPackages } from "../package/schema.ts";
import { walletTransactions } from "../wallet/schema.ts";

export interface BalanceReport {
  packagesSold: number;
  packagesRevenueMinor: number;
  visitsSold: number;
  visitsUsed: number;
  /** Visits of live packages not used yet, and what the client paid for them (price ÷ visits each, rounded down). */
  visitsOutstanding: number;
  packageLiabilityMinor: number;
  /** Visits of expired packages that were never used: no longer usable, shown so the salon sees them. */
  visitsExpiredUnused: number;
  certificatesLive: number;
  certificateBalanceMinor: number;
  certificateExpiredBalanceMinor: number;
  walletsMinor: number;
}

export async function balanceReport(reader: Reader, now: number): Promise<BalanceReport> {
  const sold = await reader.select().from(clientPackages);
  const usedOf = await usedVisits(reader, sold.map((p) => p.id));
  const report: BalanceReport = {
    packagesSold: sold.length,
    packagesRevenueMinor: 0,
    visitsSold: 0,
    visitsUsed: 0,
    visitsOutstanding: 0,
    packageLiabilityMinor: 0,
    visitsExpiredUnused: 0,
    ...(await certificateTotals(reader, now)),
    walletsMinor: 0,
  };
  for (const p of sold) {
    const used = usedOf.get(p.id) ?? 0;
    const left = p.visitsTotal - used;
    report.packagesRevenueMinor += p.priceMinor;
    report.visitsSold += p.visitsTotal;
    report.visitsUsed += used;
    if (p.expiresAt > now) {
      report.visitsOutstanding += left;
      report.packageLiabilityMinor += Math.floor((p.priceMinor * left) / p.visitsTotal);
    } else {
      report.visitsExpiredUnused += left;
    }
  }
  const [wallets] = await reader.select({ sum: sql<number>`coalesce(sum(${walletTransactions.amountMinor}), 0)` }).from(walletTransactions);
  report.walletsMinor = Number(wallets?.sum ?? 0);
  return report;
}

async function certificateTotals(reader: Reader, now: number) {
  const c = await certificateLiability(reader, now);
  return { certificatesLive: c.count, certificateBalanceMinor: c.balanceMinor, certificateExpiredBalanceMinor: c.expiredBalanceMinor };
}
