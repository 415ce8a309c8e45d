import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { apiTokens, users, type Role } from "./schema.ts";

// 32 random bytes: unguessable; only a SHA-256 is stored, so a leaked database leaks no token.
const TOKEN_BYTES = 32;
const PREFIX = "zap_";

export function hashToken(token: string): string {
  return new Bun.CryptoHasher("sha256").update(token).digest("hex");
}

export function newSecretToken(prefix = ""): string {
  return prefix + Buffer.from(crypto.getRandomValues(new Uint8Array(TOKEN_BYTES))).toString("base64url");
}

/** Creates an API token with `role` and returns the plain token: the only time it is ever visible. */
export async function issueApiToken(db: Database, input: { name: string; role: Role; now: number }): Promise<string> {
  const token = newSecretToken(PREFIX);
  await db.write((tx) =>
    tx.insert(apiTokens).values({ name: input.name, tokenHash: hashToken(token), role: input.role, createdAt: input.now }),
  );
  return token;
}

export interface TokenHolder {
  id: number;
  role: Role;
  /** The account the token acts for (null for tokens made by `zapis tenant token`). */
  userId: number | null;
  /** That account's master, for staff tokens: what they may see is that master's calendar. */
  staffId: number | null;
}

/** Who a live (not revoked) token acts for, or null; a disabled account's tokens stop working. */
export async function verifyApiToken(db: Database, token: string): Promise<TokenHolder | null> {
  const rows = await db.orm
    .select({ id: apiTokens.id, role: apiTokens.role, userId: apiTokens.userId, staffId: users.staffId, disabled: users.disabled })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)));
  const row = rows[0];
  if (!row || row.disabled) return null;
  return { id: row.id, role: row.role, userId: row.userId, staffId: row.staffId };
}
