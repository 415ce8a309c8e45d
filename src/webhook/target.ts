/**
 * Where a webhook may go. A salon types a URL; the server never uses that string: it keeps only a
 * scheme, a host, a port and a path, refuses the rest (credentials, query, fragment), and refuses
 * loopback, private and link-local hosts unless the operator allows them (ZAPIS_ALLOW_PRIVATE_HOSTS
 * or ZAPIS_WEBHOOK_ALLOW_PRIVATE). The name is checked as typed when the endpoint is saved and
 * again after DNS, just before every send (src/net/private-host.ts), because DNS can change.
 */
import { isPrivateHostName } from "../net/private-host.ts";
import type { MessageKey } from "../i18n/i18n.ts";

export const MAX_URL_LENGTH = 2000;

/** The URL rebuilt from its allowed parts, or the reason it is refused. */
export function parseWebhookUrl(text: string, allowPrivate: boolean): { url: string } | { problem: MessageKey } {
  const parsed = text.length <= MAX_URL_LENGTH ? URL.parse(text.trim()) : null;
  if (!parsed || !parsed.hostname) return { problem: "webhook.url_invalid" };
  // plain http leaks the body and lets anyone on the way forge it: only for the operator's own network
  if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && allowPrivate)) return { problem: "webhook.url_https" };
  if (parsed.username || parsed.password || parsed.search || parsed.hash) return { problem: "webhook.url_parts" };
  if (!allowPrivate && isPrivateHostName(parsed.hostname)) return { problem: "webhook.url_private" };
  const port = parsed.port ? `:${Number(parsed.port)}` : "";
  return { url: `${parsed.protocol}//${parsed.hostname}${port}${parsed.pathname}` };
}
