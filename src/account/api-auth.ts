import { AppError } from "../error/app-error.ts";
import type { Database } from "../db/database.ts";
import { verifyApiToken, type TokenHolder } from "./api-token.ts";
import type { Role } from "./schema.ts";

/**
 * The caller of an admin API route: a live Bearer token of this tenant with one of `roles`.
 * No or unknown token → UNAUTHORIZED (401); a token of a role not allowed here → FORBIDDEN (403).
 * Tokens are per tenant database, so a token of salon A is unknown to salon B.
 */
export async function requireApiRole(db: Database, authorization: string | undefined, roles: readonly Role[]): Promise<TokenHolder> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  const found = token ? await verifyApiToken(db, token) : null;
  if (!found) throw new AppError("UNAUTHORIZED", [{ key: "error.unauthorized" }]);
  if (!roles.includes(found.role)) throw new AppError("FORBIDDEN", [{ key: "error.forbidden" }]);
  return found;
}
