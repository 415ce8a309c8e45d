import { createHmac } from "node:crypto";
import type { NotificationSettings } from "./settings.ts";

/**
 * The Message-ID of an outbox row. Row ids and slugs repeat when a salon is deleted and created
 * again (or on another installation under the same public host), and mail providers drop a message
 * whose Message-ID they have already seen; a tag derived from the tenant's random link_secret (made
 * with the tenant's database) keeps each one unique without revealing the secret.
 */
export function messageId(settings: Pick<NotificationSettings, "linkSecret">, rowId: number, slug: string, host: string): string {
  const tenantTag = createHmac("sha256", settings.linkSecret).update("message-id").digest("hex").slice(0, 12);
  return `<n${rowId}.${tenantTag}.${slug}@${host}>`;
}
