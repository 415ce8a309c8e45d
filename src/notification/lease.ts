/**
 * The life of an outbox row, as guarded writes. Every transition names the lease owner, so a
 * sender that lost its lease (paused past it, another instance took over) changes nothing.
 *
 *   pending ──claim──▶ sending ──markStarted──▶ sending+started ──record──▶ sent | pending (retry) | failed
 *      ▲                  │ lease expired, never started: claimed again (nothing was sent)
 *      └──────────────────┘
 *   sending+started with an expired lease ──▶ failed "outcome unknown" (never sent again)
 *
 * Kill between "sent" and "recorded": the provider may have the message while the row still says
 * sending+started. Neither SMS.ru nor the Bot API accepts an idempotency key we could replay, so a
 * retry could only be a second SMS. We choose AT-MOST-ONCE for that window: such a row is marked
 * failed with "outcome unknown" and shown in the admin log (a human can check and call), instead
 * of risking a duplicate. The window is one provider call: rows claimed but not started are sent
 * by whoever claims them next, so a crash loses nothing that had not yet been handed over.
 */
import { and, asc, eq, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Database, Reader } from "../db/database.ts";
import { notifications } from "./schema.ts";

export type NotificationRow = typeof notifications.$inferSelect;

/** How long a claimed row stays ours before it is sent; covers waiting behind the rest of a batch. */
export const CLAIM_LEASE_MS = 60_000;
/** How long a started send stays ours: longer than a provider call may take (PROVIDER_TIMEOUT_MS). */
export const SEND_LEASE_MS = 120_000;
/** Attempts before a transient failure becomes permanent: about 30 min of backoff in total. */
export const MAX_ATTEMPTS = 6;
const BASE_BACKOFF_MS = 60_000;
const MAX_BACKOFF_MS = 3_600_000;

export const UNKNOWN_OUTCOME = "outcome unknown: the sender stopped during the provider call; not sent again to avoid a duplicate";

/** 1 min, 2, 4, 8, 16 … capped at 1 h. */
export function backoffMs(attempts: number): number {
  return Math.min(BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

/**
 * When this tenant next has something for a sender: the earliest pending row, or the earliest
 * lease to expire (a sender that may have died). Null when nothing is waiting.
 */
export async function nextDueAt(reader: Reader): Promise<number | null> {
  const [row] = await reader
    .select({
      pending: sql<number | null>`min(case when ${notifications.status} = 'pending' then ${notifications.dueAt} end)`,
      lease: sql<number | null>`min(case when ${notifications.status} = 'sending' then ${notifications.leaseUntil} end)`,
    })
    .from(notifications)
    .where(inArray(notifications.status, ["pending", "sending"]));
  const times = [row?.pending, row?.lease].filter((t): t is number => t !== null && t !== undefined);
  return times.length > 0 ? Math.min(...times) : null;
}

/** Takes up to `limit` due rows for `owner`, after settling rows whose sender died mid-send. */
export async function claimDue(db: Database, owner: string, now: number, limit: number): Promise<NotificationRow[]> {
  return db.write(async (tx) => {
    const expired = and(eq(notifications.status, "sending"), lt(notifications.leaseUntil, now));
    await tx
      .update(notifications)
      // the owner stays: if that sender is alive after all, its "sent" still lands (settle)
      .set({ status: "failed", lastError: UNKNOWN_OUTCOME })
      .where(and(expired, isNotNull(notifications.sendStartedAt)));
    const due = tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(or(and(eq(notifications.status, "pending"), sql`${notifications.dueAt} <= ${now}`), and(expired, isNull(notifications.sendStartedAt))))
      .orderBy(asc(notifications.dueAt), asc(notifications.id))
      .limit(limit);
    return tx
      .update(notifications)
      .set({ status: "sending", leaseOwner: owner, leaseUntil: now + CLAIM_LEASE_MS })
      .where(inArray(notifications.id, due))
      .returning();
  });
}

/** True when the row is still ours and unstarted; from here on it is never sent again. */
export async function markStarted(db: Database, id: number, owner: string, now: number): Promise<boolean> {
  const rows = await db.write((tx) =>
    tx
      .update(notifications)
      .set({ sendStartedAt: now, attempts: sql`${notifications.attempts} + 1`, leaseUntil: now + SEND_LEASE_MS })
      .where(and(eq(notifications.id, id), eq(notifications.status, "sending"), eq(notifications.leaseOwner, owner), isNull(notifications.sendStartedAt)))
      .returning({ id: notifications.id }),
  );
  return rows.length === 1;
}

type Settle =
  | { status: "sent"; providerMessageId: string | null }
  | { status: "pending"; dueAt: number; error: string | null }
  | { status: "failed" | "void"; error: string };

/**
 * Writes where a row we own ended up. A "sent" is recorded even if our lease ran out meanwhile:
 * it is the truth, and it overrides an "outcome unknown" another instance may have written.
 */
export async function settle(db: Database, id: number, owner: string, now: number, to: Settle): Promise<void> {
  const free = { leaseOwner: null, leaseUntil: null } as const;
  const set =
    to.status === "sent"
      ? { ...free, status: "sent" as const, providerMessageId: to.providerMessageId, sentAt: now, lastError: null }
      : to.status === "pending"
        ? { ...free, status: "pending" as const, dueAt: to.dueAt, sendStartedAt: null, ...(to.error ? { lastError: to.error } : {}) }
        : { ...free, status: to.status, lastError: to.error };
  const guard = to.status === "sent" ? eq(notifications.leaseOwner, owner) : and(eq(notifications.leaseOwner, owner), eq(notifications.status, "sending"));
  await db.write((tx) => tx.update(notifications).set(set).where(and(eq(notifications.id, id), guard)));
}
