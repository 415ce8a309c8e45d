import { eq } from "drizzle-orm";
import { certificates } from "../certificate/schema.ts";
import type { Reader, Tx } from "../db/database.ts";
import { clientPackageList } from "../package/package.ts";
import { walletBalance, walletHistory } from "../wallet/wallet.ts";
import { clientPackageJson, walletTransactionJson } from "./json.ts";
import { clientPackages } from "../package/schema.ts";
import { walletTransactions } from "../wallet/schema.ts";

/**
 * Merging two records of one person: what the duplicate holds becomes the kept client's. Ledger rows
 * change owner only — never type, amount or booking — so both balances simply add up.
 */
export async function moveHoldings(tx: Tx, fromClientId: number, toClientId: number): Promise<void> {
  await tx.update(clientPackages).set({ clientId: toClientId }).where(eq(clientPackages.clientId, fromClientId));
  await tx.update(walletTransactions).set({ clientId: toClientId }).where(eq(walletTransactions.clientId, fromClientId));
  await tx.update(certificates).set({ buyerId: toClientId }).where(eq(certificates.buyerId, fromClientId));
}

/** A client's packages and wallet in the JSON of the API: part of the client's data export. */
export async function clientHoldings(reader: Reader, clientId: number, now: number, zone: string) {
  const [balance, transactions, packages] = await Promise.all([walletBalance(reader, clientId), walletHistory(reader, clientId, 10_000), clientPackageList(reader, clientId, now)]);
  return {
    wallet: { balance, transactions: transactions.map((w) => walletTransactionJson(w, zone)) },
    packages: packages.map((p) => clientPackageJson(p, zone)),
  };
}
