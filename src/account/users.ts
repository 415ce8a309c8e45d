import { and, asc, count, eq, ne } from "drizzle-orm";
import { recordAudit } from "../audit/audit.ts";
import { resources } from "../catalogue/schema.ts";
import type { Database, Reader } from "../db/database.ts";
import { AppError, type Problem } from "../error/app-error.ts";
import { endUserSessions } from "../session/session.ts";
import { MIN_PASSWORD_LENGTH } from "../tenant/tenant.ts";
import type { Clock } from "../time/clock.ts";
import { createUser } from "./account.ts";
import { ROLES, users, type Role } from "./schema.ts";
import { singleLine } from "../text/single-line.ts";

export interface UserDeps {
  db: Database;
  clock: Clock;
}

export interface UserInput {
  email: string;
  password: string;
  role: string;
  name?: string | undefined;
  /** The master this account is; required for role staff. */
  staffId?: number | undefined;
}

export type UserRow = Omit<typeof users.$inferSelect, "passwordHash">;

/** Who changes an account, as the audit log names them; the CLI acts as "cli". */
export interface AccountChanger {
  label: string;
  userId: number | null;
}
const CLI: AccountChanger = { label: "cli", userId: null };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const hashPassword = (password: string) => Bun.password.hash(password, { algorithm: "argon2id" });

export function passwordProblems(password: string, field = "password"): Problem[] {
  return password.length < MIN_PASSWORD_LENGTH ? [{ field, key: "password.too_short", params: { min: MIN_PASSWORD_LENGTH } }] : [];
}

/** Adds a sign-in for the salon (CLI `user create` and the owner's users page). */
export async function addUser(deps: UserDeps, input: UserInput, by: AccountChanger = CLI): Promise<number> {
  const email = input.email.trim().toLowerCase();
  const problems: Problem[] = [...passwordProblems(input.password)];
  if (!EMAIL.test(email)) problems.push({ field: "email", key: "email.invalid", params: { email: input.email } });
  if (!(ROLES as readonly string[]).includes(input.role)) problems.push({ field: "role", key: "account.role_invalid", params: { role: input.role } });
  const role = input.role as Role;
  if (role === "staff" && input.staffId === undefined) problems.push({ field: "staff_id", key: "account.staff_required" });
  if (input.staffId !== undefined && !(await isMaster(deps.db.orm, input.staffId))) {
    problems.push({ field: "staff_id", key: "account.staff_unknown", params: { id: input.staffId } });
  }
  if (problems.length > 0) throw new AppError("VALIDATION_ERROR", problems);
  const passwordHash = await hashPassword(input.password);
  return deps.db.write(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (taken) throw new AppError("ALREADY_EXISTS", [{ field: "email", key: "account.email_taken", params: { email } }]);
    const now = deps.clock.now();
    const id = await createUser(tx, {
      email,
      name: (input.name && singleLine(input.name)) || null,
      passwordHash,
      role,
      ...(input.staffId !== undefined ? { staffId: input.staffId } : {}),
      now,
    });
    await recordAudit(tx, { at: now, actor: by.label, userId: by.userId, action: "user.create", entity: "user", entityId: id, details: { email, role } });
    return id;
  });
}

/** Sets a new password for an account (CLI `user reset-password`) and signs it out everywhere. */
export async function resetPassword(deps: UserDeps, input: { email: string; password: string }, by: AccountChanger = CLI): Promise<void> {
  const problems = passwordProblems(input.password);
  if (problems.length > 0) throw new AppError("VALIDATION_ERROR", problems);
  const passwordHash = await hashPassword(input.password);
  await deps.db.write(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email.trim().toLowerCase()));
    if (!user) throw new AppError("NOT_FOUND", [{ field: "email", key: "account.user_unknown", params: { email: input.email } }]);
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await endUserSessions(tx, user.id);
    await recordAudit(tx, { at: deps.clock.now(), actor: by.label, userId: by.userId, action: "user.reset_password", entity: "user", entityId: user.id });
  });
}

/**
 * Blocks or unblocks a sign-in; blocking also ends its sessions at once. The salon's last active
 * owner cannot be blocked: nobody could manage accounts, settings or tokens any more.
 */
export async function setUserDisabled(deps: UserDeps, input: { userId: number; disabled: boolean }, by: AccountChanger = CLI): Promise<void> {
  await deps.db.write(async (tx) => {
    const [user] = await tx.select({ role: users.role }).from(users).where(eq(users.id, input.userId));
    if (!user) throw new AppError("NOT_FOUND", [{ key: "error.not_found" }]);
    if (input.disabled && user.role === "owner") {
      const [owners] = await tx.select({ n: count() }).from(users).where(and(eq(users.role, "owner"), eq(users.disabled, false), ne(users.id, input.userId)));
      if ((owners?.n ?? 0) === 0) throw new AppError("VALIDATION_ERROR", [{ key: "account.last_owner" }]);
    }
    await tx.update(users).set({ disabled: input.disabled }).where(eq(users.id, input.userId));
    if (input.disabled) await endUserSessions(tx, input.userId);
    const action = input.disabled ? "user.disable" : "user.enable";
    await recordAudit(tx, { at: deps.clock.now(), actor: by.label, userId: by.userId, action, entity: "user", entityId: input.userId });
  });
}

export async function listUsers(reader: Reader): Promise<UserRow[]> {
  return reader
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      staffId: users.staffId,
      disabled: users.disabled,
      createdAt: users.createdAt,
    })
    .from(users)
    .orderBy(asc(users.id));
}

async function isMaster(reader: Reader, id: number): Promise<boolean> {
  const rows = await reader.select({ id: resources.id }).from(resources).where(and(eq(resources.id, id), eq(resources.kind, "staff")));
  return rows.length > 0;
}
