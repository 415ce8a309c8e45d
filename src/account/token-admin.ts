import { and, desc, eq, isNull } from "drizzle-orm";
import type { Actor } from "./permissions.ts";
import { recordAudit } from "../audit/audit.ts";
import type { Database, Reader } from "../db/database.ts";
import { AppError, validationError } from "../error/app-error.ts";
import type { Clock } from "../time/clock.ts";
import { hashToken, newSecretToken } from "./api-token.ts";
import { apiTokens, users } from "./schema.ts";
import { singleLine } from "../text/single-line.ts";

const PREFIX = "zap_";

export type TokenRow = Omit<typeof apiTokens.$inferSelect, "tokenHash"> & { userEmail: string | null };

export async function listTokens(reader: Reader): Promise<TokenRow[]> {
  return reader
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      userId: apiTokens.userId,
      userEmail: users.email,
      role: apiTokens.role,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.userId))
    .orderBy(desc(apiTokens.id));
}

/**
 * The owner issues a token that acts as one of the salon's accounts: it has that account's role
 * (and, for a master, sees only that master's visits). Returns the plain token, shown once.
 */
export async function issueTokenFor(deps: { db: Database; clock: Clock }, actor: Actor, input: { name: string; userId: number }): Promise<string> {
  const name = singleLine(input.name);
  if (name.length === 0 || name.length > 100) throw validationError([{ field: "name", key: "error.field_required" }]);
  const token = newSecretToken(PREFIX);
  const now = deps.clock.now();
  await deps.db.write(async (tx) => {
    const [user] = await tx.select({ role: users.role }).from(users).where(and(eq(users.id, input.userId), eq(users.disabled, false)));
    if (!user) throw validationError([{ field: "user_id", key: "error.field_invalid" }]);
    const [row] = await tx
      .insert(apiTokens)
      .values({ name, tokenHash: hashToken(token), userId: input.userId, role: user.role, createdAt: now })
      .returning({ id: apiTokens.id });
    await recordAudit(tx, { at: now, actor: actor.label, userId: actor.userId, action: "api_token.create", entity: "api_token", entityId: row!.id, details: { name, user_id: input.userId } });
  });
  return token;
}

export async function revokeToken(deps: { db: Database; clock: Clock }, actor: Actor, tokenId: number): Promise<void> {
  const now = deps.clock.now();
  await deps.db.write(async (tx) => {
    const done = await tx
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    if (done.length === 0) throw new AppError("NOT_FOUND", [{ key: "error.not_found" }]);
    await recordAudit(tx, { at: now, actor: actor.label, userId: actor.userId, action: "api_token.revoke", entity: "api_token", entityId: tokenId });
  });
}
