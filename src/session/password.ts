import { eq } from "drizzle-orm";
import { users } from "../account/schema.ts";
import { hashPassword, passwordProblems } from "../account/users.ts";
import type { Database } from "../db/database.ts";
import { AppError } from "../error/app-error.ts";
import { endUserSessions } from "./session.ts";

/**
 * A signed-in user changes their own password: the current one must be right, the new one long
 * enough. Every other session of the user ends (a thief's cookie dies); this browser stays in.
 */
export async function changePassword(
  db: Database,
  input: { userId: number; current: string; next: string; keepTokenHash: string },
): Promise<void> {
  const [user] = await db.orm.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.userId));
  if (!user || !(await Bun.password.verify(input.current, user.passwordHash))) {
    throw new AppError("VALIDATION_ERROR", [{ field: "current", key: "session.current_password_wrong" }]);
  }
  const problems = passwordProblems(input.next, "next");
  if (problems.length > 0) throw new AppError("VALIDATION_ERROR", problems);
  const passwordHash = await hashPassword(input.next);
  await db.write(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, input.userId));
    await endUserSessions(tx, input.userId, input.keepTokenHash);
  });
}
