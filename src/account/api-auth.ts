import { AppError } from "../error/app-error.ts";
import type { Database } from "../db/database.ts";
import { verifyApiToken, type TokenHolder } from "./api-token.ts";
import { can, type Permission } from "./permissions.ts";

/**
 * The caller of an admin API route: a live Bearer token of this tenant whose role has one of
 * `permissions` in the ONE permission table the admin pages read too. No or unknown token →
 * UNAUTHORIZED (401); a role without the permission → FORBIDDEN (403).
 * Tokens are per tenant database, so a token of salon A is unknown to salon B.
 */
export async function requireApiPermission(
  db: Database,
  authorization: string | undefined,
  permissions: Permission | readonly Permission[],
): Promise<TokenHolder> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  const found = token ? await verifyApiToken(db, token) : null;
  if (!found) throw new AppError("UNAUTHORIZED", [{ key: "error.unauthorized" }]);
  const needed: readonly Permission[] = typeof permissions === "string" ? [permissions] : permissions;
  if (!needed.some((p) => can(found.role, p))) throw new AppError("FORBIDDEN", [{ key: "error.forbidden" }]);
  return found;
}
