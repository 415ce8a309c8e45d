import { and, desc, eq, gt, isNull, lt, type SQL } from "drizzle-orm";
import type { Reader, Tx } from "../db/database.ts";
import { loginFailures } from "./schema.ts";

/**
 * Sign-in throttling that an attacker cannot turn against the owner:
 *
 * - Per (account, address): PAIR_FREE wrong passwords are free, then each further try waits twice
 *   as long as the one before (1 s, 2 s, 4 s … up to MAX_DELAY_MS) after the last failure. Guessing
 *   from one machine crawls; the owner's typo costs a second. Another address is not affected, so
 *   wrong passwords "from anywhere" never lock the owner out (a global lock did: five tries by
 *   anyone shut the owner out for 15 minutes, again and again).
 * - Per address: IP_LIMIT failures across all accounts within IP_WINDOW_MS stop one machine
 *   spraying a password over many accounts.
 * - Per account, a generous ceiling against spraying one account from many addresses: above
 *   ACCOUNT_CEILING failures within WINDOW_MS, an address that has already failed on this account
 *   waits until the window has passed, while an address that has not still gets its tries. A
 *   botnet then pays one address per guess, and the owner arriving from a fresh address (or the
 *   same one after a correct sign-in) can always type the password: no cheap way to lock them out.
 */
export const PAIR_FREE = 3;
export const FIRST_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 15 * 60_000;
export const IP_LIMIT = 20;
export const IP_WINDOW_MS = 15 * 60_000;
export const ACCOUNT_CEILING = 50;
/** How long a failure counts at all (and is kept). */
export const WINDOW_MS = 60 * 60_000;

/** The wait after the n-th failure of one (account, address); 0 while it is still free. */
export function pairDelay(failures: number): number {
  if (failures < PAIR_FREE) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(30, failures - PAIR_FREE));
}

interface Attempt {
  email: string;
  ip: string | null;
  now: number;
}

/** When the caller may try again (epoch ms), or null when they may try now. */
export async function throttledUntil(reader: Reader, input: Attempt): Promise<number | null> {
  const since = input.now - WINDOW_MS;
  const account = eq(loginFailures.email, input.email);
  const pair = await failuresSince(reader, and(account, input.ip === null ? isNull(loginFailures.ip) : eq(loginFailures.ip, input.ip))!, since, Infinity);
  const untils = [pair.length > 0 ? pair[0]! + pairDelay(pair.length) : 0];
  if (input.ip !== null) {
    const byIp = await failuresSince(reader, eq(loginFailures.ip, input.ip), input.now - IP_WINDOW_MS, IP_LIMIT);
    // The IP_LIMIT-th most recent failure: once it leaves the window, fewer than the limit remain.
    if (byIp.length === IP_LIMIT) untils.push(byIp[IP_LIMIT - 1]! + IP_WINDOW_MS);
  }
  if (pair.length > 0) {
    const byAccount = await failuresSince(reader, account, since, ACCOUNT_CEILING);
    if (byAccount.length === ACCOUNT_CEILING) untils.push(byAccount[ACCOUNT_CEILING - 1]! + WINDOW_MS);
  }
  const until = Math.max(...untils);
  return until > input.now ? until : null;
}

/** The times of matching failures after `since`, newest first, at most `limit`. */
async function failuresSince(reader: Reader, who: SQL, since: number, limit: number): Promise<number[]> {
  const query = reader
    .select({ at: loginFailures.at })
    .from(loginFailures)
    .where(and(who, gt(loginFailures.at, since)))
    .orderBy(desc(loginFailures.at));
  const rows = Number.isFinite(limit) ? await query.limit(limit) : await query;
  return rows.map((r) => r.at);
}

export async function recordFailure(tx: Tx, input: Attempt): Promise<void> {
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
