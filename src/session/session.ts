import { and, eq, gt, ne } from "drizzle-orm";
import { hashToken, newSecretToken } from "../account/api-token.ts";
import { users, type Role } from "../account/schema.ts";
import type { Database, Reader, Tx } from "../db/database.ts";
import { sessions } from "./schema.ts";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** A session ends after this long without use (sliding)… */
export const SESSION_IDLE_MS = 7 * DAY;
/** …and in any case this long after sign-in, so a stolen cookie does not live for ever. */
export const SESSION_MAX_MS = 30 * DAY;
// Sliding the expiry costs a write; doing it at most this often keeps page views read-only.
const TOUCH_EVERY_MS = 5 * MINUTE;

export interface SessionUser {
  id: number;
  email: string;
  name: string | null;
  role: Role;
  staffId: number | null;
}

export interface ResumedSession {
  user: SessionUser;
  tokenHash: string;
  expiresAt: number;
  /** True when the expiry slid forward: the cookie's Max-Age must be sent again. */
  renewed: boolean;
}

/** Opens a session for `userId` and returns the cookie token (stored only as a hash). */
export async function startSession(tx: Tx, input: { userId: number; now: number; userAgent: string | null }): Promise<string> {
  const token = newSecretToken();
  await tx.insert(sessions).values({
    tokenHash: hashToken(token),
    userId: input.userId,
    createdAt: input.now,
    lastSeenAt: input.now,
    expiresAt: input.now + SESSION_IDLE_MS,
    userAgent: input.userAgent?.slice(0, 200) ?? null,
  });
  return token;
}

/**
 * The live session a cookie token names, with its user, or null (unknown, expired, or the user was
 * disabled). Slides the expiry when the session was last touched more than a few minutes ago.
 */
export async function resumeSession(db: Database, token: string, now: number): Promise<ResumedSession | null> {
  const tokenHash = hashToken(token);
  const [row] = await db.orm
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      user: { id: users.id, email: users.email, name: users.name, role: users.role, staffId: users.staffId },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), eq(users.disabled, false)));
  if (!row) return null;
  if (now - row.lastSeenAt < TOUCH_EVERY_MS) return { user: row.user, tokenHash, expiresAt: row.expiresAt, renewed: false };
  const expiresAt = Math.min(now + SESSION_IDLE_MS, row.createdAt + SESSION_MAX_MS);
  await db.write((tx) => tx.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, row.id)));
  return { user: row.user, tokenHash, expiresAt, renewed: true };
}

export async function endSession(db: Database, token: string): Promise<void> {
  await db.write((tx) => tx.delete(sessions).where(eq(sessions.tokenHash, hashToken(token))));
}

/** Signs a user out everywhere, except the session `keepTokenHash` (the browser changing the password). */
export async function endUserSessions(tx: Tx, userId: number, keepTokenHash?: string): Promise<void> {
  await tx
    .delete(sessions)
    .where(keepTokenHash ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, keepTokenHash)) : eq(sessions.userId, userId));
}

/** How many live sessions a user has (for tests and the users page). */
export async function liveSessionCount(reader: Reader, userId: number, now: number): Promise<number> {
  const rows = await reader
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)));
  return rows.length;
}
