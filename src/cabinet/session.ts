/**
 * The client's remembered device: a random token in an HttpOnly cookie, its hash in
 * client_sessions for 30 days. `verifiedClient` is how any code asks "is this request from a
 * client who proved their phone, and which one?" — e.g. before trusting a contact change.
 */
import { and, eq, gt, isNull } from "drizzle-orm";
import { hashToken, newSecretToken } from "../account/api-token.ts";
import { clients } from "../client/schema.ts";
import type { Database } from "../db/database.ts";
import { clientSessions } from "./schema.ts";

export const SESSION_MS = 30 * 24 * 60 * 60_000;
const name = (slug: string) => `zapis_me_${slug}`;

const tokenOf = (request: Request, slug: string): string | null =>
  new RegExp(`(?:^|;\\s*)${name(slug)}=([A-Za-z0-9_-]+)`).exec(request.headers.get("cookie") ?? "")?.[1] ?? null;

/** A new remembered device for the client; returns its cookie. */
export async function startClientSession(db: Database, slug: string, clientId: number, now: number, secure: boolean): Promise<string> {
  const token = newSecretToken();
  await db.write((tx) => tx.insert(clientSessions).values({ clientId, tokenHash: hashToken(token), createdAt: now, expiresAt: now + SESSION_MS }));
  return `${name(slug)}=${token}; Path=/${slug}; Max-Age=${SESSION_MS / 1000}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/** The client whose live session this request carries (not revoked, not expired, not erased), or null. */
export async function verifiedClient(db: Database, request: Request, slug: string, now: number): Promise<number | null> {
  const token = tokenOf(request, slug);
  if (!token) return null;
  const [row] = await db.orm
    .select({ clientId: clientSessions.clientId })
    .from(clientSessions)
    .innerJoin(clients, eq(clients.id, clientSessions.clientId))
    .where(and(eq(clientSessions.tokenHash, hashToken(token)), isNull(clientSessions.revokedAt), gt(clientSessions.expiresAt, now), isNull(clients.anonymizedAt)));
  return row?.clientId ?? null;
}

/** Signs this device out: the row is revoked server-side (a copied cookie stops working too); returns the clearing cookie. */
export async function endClientSession(db: Database, request: Request, slug: string, now: number, secure: boolean): Promise<string> {
  const token = tokenOf(request, slug);
  if (token) await db.write((tx) => tx.update(clientSessions).set({ revokedAt: now }).where(eq(clientSessions.tokenHash, hashToken(token))));
  return `${name(slug)}=; Path=/${slug}; Max-Age=0; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}
