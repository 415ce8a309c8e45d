import { eq } from "drizzle-orm";
import { users } from "../account/schema.ts";
import type { Database } from "../db/database.ts";
import { AppError, type Problem } from "../error/app-error.ts";
import type { Clock } from "../time/clock.ts";
import { startSession } from "./session.ts";
import { clearAccountFailures, recordFailure, throttledUntil } from "./throttle.ts";

export interface LoginDeps {
  db: Database;
  clock: Clock;
}

export interface LoginInput {
  email: string;
  password: string;
  /** The client's address when known; per-address throttling is skipped without it. */
  ip: string | null;
  userAgent: string | null;
}

// Verified against when the e-mail is unknown, so "no such user" takes as long as "wrong password".
// Made on the first sign-in, not at startup: argon2id costs tens of milliseconds.
let dummyHash: Promise<string> | null = null;
const unknownUserHash = () => (dummyHash ??= Bun.password.hash("not-a-real-password", { algorithm: "argon2id" }));

/**
 * Checks e-mail and password and opens a session; returns its cookie token. Wrong credentials →
 * UNAUTHORIZED with one message for both cases (no hint which was wrong); too many failures →
 * RATE_LIMITED saying how long to wait (throttle.ts), checked before the password so a locked
 * account cannot be probed at all.
 */
export async function logIn(deps: LoginDeps, input: LoginInput): Promise<{ token: string; userId: number }> {
  const email = input.email.trim().toLowerCase();
  const now = deps.clock.now();
  const until = await throttledUntil(deps.db.orm, { email, ip: input.ip, now });
  if (until !== null) {
    const seconds = Math.ceil((until - now) / 1000);
    const problem: Problem = seconds < 60
      ? { key: "session.throttled_seconds" as const, params: { seconds } }
      : { key: "session.throttled" as const, params: { minutes: Math.ceil(seconds / 60) } };
    throw new AppError("RATE_LIMITED", [problem], { retry_after_seconds: seconds });
  }
  const [user] = await deps.db.orm
    .select({ id: users.id, passwordHash: users.passwordHash, disabled: users.disabled })
    .from(users)
    .where(eq(users.email, email));
  const ok = await Bun.password.verify(input.password, user?.passwordHash ?? (await unknownUserHash()));
  if (!user || !ok || user.disabled) {
    await deps.db.write((tx) => recordFailure(tx, { email, ip: input.ip, now }));
    throw new AppError("UNAUTHORIZED", [{ key: "session.bad_credentials" }]);
  }
  const token = await deps.db.write(async (tx) => {
    await clearAccountFailures(tx, email);
    return startSession(tx, { userId: user.id, now, userAgent: input.userAgent });
  });
  return { token, userId: user.id };
}
