import { eq } from "drizzle-orm";
import { certificates } from "../certificate/schema.ts";
import type { Tx } from "../db/database.ts";
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
