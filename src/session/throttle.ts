import { and, desc, eq, gt, lt } from "drizzle-orm";
import type { Reader, Tx } from "../db/database.ts";
import { loginFailures } from "./schema.ts";

/**
 * Sign-in throttling: after ACCOUNT_LIMIT wrong passwords for one e-mail, or IP_LIMIT from one
 * address, within WINDOW_MS, further attempts are refused until the oldest of those failures leaves
 * the window. Per account stops guessing one password from many addresses; per address stops one
 * machine trying many accounts.
 */
export const WINDOW_MS = 15 * 60_000;
export const ACCOUNT_LIMIT = 5;
export const IP_LIMIT = 20;

/** When the caller may try again (epoch ms), or null when they may try now. */
export async function throttledUntil(reader: Reader, input: { email: string; ip: string | null; now: number }): Promise<number | null> {
  const since = input.now - WINDOW_MS;
  const byAccount = await reopensAt(reader, eq(loginFailures.email, input.email), since, ACCOUNT_LIMIT);
  const byIp = input.ip ? await reopensAt(reader, eq(loginFailures.ip, input.ip), since, IP_LIMIT) : null;
  const until = Math.max(byAccount ?? 0, byIp ?? 0);
  return until > input.now ? until : null;
}

async function reopensAt(reader: Reader, who: ReturnType<typeof eq>, since: number, limit: number): Promise<number | null> {
  // The limit-th most recent failure: once it is WINDOW_MS old, fewer than `limit` remain.
  const rows = await reader
    .select({ at: loginFailures.at })
    .from(loginFailures)
    .where(and(who, gt(loginFailures.at, since)))
    .orderBy(desc(loginFailures.at))
    .limit(limit);
  const oldest = rows[limit - 1];
  return oldest ? oldest.at + WINDOW_MS : null;
}

export async function recordFailure(tx: Tx, input: { email: string; ip: string | null; now: number }): Promise<void> {
  await tx.delete(loginFailures).where(lt(loginFailures.at, input.now - WINDOW_MS));
  await tx.insert(loginFailures).values({ email: input.email, ip: input.ip, at: input.now });
}

/**
 * A correct password forgives the account's earlier typos. The rows stay, unlinked from the
 * account, so signing into one's own account does not reset an address that guesses others.
 */
export async function clearAccountFailures(tx: Tx, email: string): Promise<void> {
  await tx.update(loginFailures).set({ email: "" }).where(eq(loginFailures.email, email));
}
