/**
 * The secret in a source's webhook URL. YClients signs nothing (API.md §7), so the URL itself is the
 * credential: a random token per tenant and source, shown once, stored only as its SHA-256. Issuing
 * a new one replaces the old (that is how a leaked URL is revoked).
 */
import { eq } from "drizzle-orm";
import { hashToken, newSecretToken } from "../account/api-token.ts";
import type { Database } from "../db/database.ts";
import { importWebhooks, type ImportSource } from "./schema.ts";

export interface WebhookSettings {
  /** The account on the other side (the YClients company id) whose events this URL accepts. */
  externalId: string;
  /** Whether visits arriving by webhook queue reminders here. */
  reminders: boolean;
}

export async function issueWebhookToken(db: Database, source: ImportSource, settings: WebhookSettings, now: number): Promise<string> {
  const token = newSecretToken("whk_");
  const row = { externalId: settings.externalId, tokenHash: hashToken(token), reminders: settings.reminders, createdAt: now, lastUsedAt: null };
  await db.write((tx) => tx.insert(importWebhooks).values({ source, ...row }).onConflictDoUpdate({ target: importWebhooks.source, set: row }));
  return token;
}

/** The settings of the webhook this token opens, or null for a missing or unknown token. */
export async function verifyWebhookToken(db: Database, source: ImportSource, token: string | undefined): Promise<WebhookSettings | null> {
  if (!token) return null;
  const [row] = await db.orm.select().from(importWebhooks).where(eq(importWebhooks.source, source));
  if (!row || row.tokenHash !== hashToken(token)) return null;
  return { externalId: row.externalId, reminders: row.reminders };
}
