/**
 * A salon's webhook endpoints (owner and manager: "webhooks" in the permission table). The secret
 * is returned once, by `createWebhook`; no other function here reads it out, and the audit log
 * records the URL and events only.
 */
import { randomBytes } from "node:crypto";
import { and, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { Actor } from "../account/permissions.ts";
import { recordAudit } from "../audit/audit.ts";
import type { Database, Reader } from "../db/database.ts";
import { notFound } from "../error/app-error.ts";
import { Problems } from "../error/problems.ts";
import { publicAddressOf, type Resolver } from "../net/private-host.ts";
import type { Clock } from "../time/clock.ts";
import { deliverDueWebhooks, type WebhookSender } from "./delivery.ts";
import { queueEvent } from "./events.ts";
import { WEBHOOK_EVENTS, webhookDeliveries, webhooks, type WebhookEventType } from "./schema.ts";
import { parseWebhookUrl } from "./target.ts";

export const MAX_WEBHOOKS = 20;

export interface WebhookDeps {
  db: Database;
  clock: Clock;
  allowPrivate: boolean;
  resolve?: Resolver;
}

export interface NewWebhook {
  url: string;
  events: readonly string[];
  secret?: string | null | undefined;
}

/** Adds an endpoint; returns its id and the secret (given or made), which is shown this once. */
export async function createWebhook(deps: WebhookDeps, actor: Actor, input: NewWebhook): Promise<{ id: number; secret: string }> {
  const p = new Problems();
  const target = parseWebhookUrl(input.url, deps.allowPrivate);
  if (p.check(!("problem" in target), "url", "problem" in target ? target.problem : "webhook.url_invalid") && "url" in target) {
    p.check(await resolvesPublicly(deps, new URL(target.url).hostname), "url", "webhook.url_unresolved");
  }
  const events = [...new Set(input.events)];
  const known = (e: string): e is WebhookEventType => (WEBHOOK_EVENTS as readonly string[]).includes(e);
  p.check(events.length > 0 && events.every(known), "events", "webhook.events_invalid", { allowed: WEBHOOK_EVENTS.join(", ") });
  const given = input.secret?.trim() ?? "";
  p.check(given === "" || (given.length >= 16 && given.length <= 200), "secret", "webhook.secret_invalid");
  p.throwIfAny();
  const secret = given || `whsec_${randomBytes(32).toString("base64url")}`;
  const url = (target as { url: string }).url;
  const now = deps.clock.now();
  const id = await deps.db.write(async (tx) => {
    const [{ n }] = (await tx.select({ n: count() }).from(webhooks)) as [{ n: number }];
    const limit = new Problems();
    limit.check(n < MAX_WEBHOOKS, "url", "webhook.too_many", { max: MAX_WEBHOOKS });
    limit.throwIfAny();
    const [row] = await tx.insert(webhooks).values({ url, events: events as WebhookEventType[], signingSecret: secret, createdAt: now }).returning({ id: webhooks.id });
    await recordAudit(tx, { at: now, actor: actor.label, userId: actor.userId, action: "webhook.create", entity: "webhook", entityId: row!.id, details: { url, events } });
    return row!.id;
  });
  return { id, secret };
}

/** The name as typed passed parseWebhookUrl; here its DNS answers must be public too (unless allowed). */
async function resolvesPublicly(deps: WebhookDeps, host: string): Promise<boolean> {
  try {
    await publicAddressOf(host.replace(/^\[|\]$/g, ""), deps.allowPrivate, deps.resolve);
    return true;
  } catch {
    // a private answer (PrivateHostError), or a name that does not resolve now and so cannot be
    // checked: refused rather than trusted
    return false;
  }
}

export async function removeWebhook(deps: Pick<WebhookDeps, "db" | "clock">, actor: Actor, id: number): Promise<void> {
  const now = deps.clock.now();
  await deps.db.write(async (tx) => {
    const gone = await tx.delete(webhooks).where(eq(webhooks.id, id)).returning({ url: webhooks.url });
    if (gone.length === 0) throw notFound("webhook.not_found", { id });
    await tx.delete(webhookDeliveries).where(eq(webhookDeliveries.webhookId, id));
    await recordAudit(tx, { at: now, actor: actor.label, userId: actor.userId, action: "webhook.delete", entity: "webhook", entityId: id, details: { url: gone[0]!.url } });
  });
}

/** An endpoint as the API and the admin show it: never its secret. */
export interface WebhookView {
  id: number;
  url: string;
  events: WebhookEventType[];
  createdAt: number;
  /** The newest delivery's state, for the list. */
  last: DeliveryView | null;
}

export interface DeliveryView {
  id: number;
  eventId: string;
  type: string;
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastResponse: string | null;
  createdAt: number;
  deliveredAt: number | null;
  /** When the next attempt is due (pending rows). */
  nextAttemptAt: number | null;
}

const deliveryColumns = {
  id: webhookDeliveries.id,
  webhookId: webhookDeliveries.webhookId,
  eventId: webhookDeliveries.eventId,
  type: webhookDeliveries.type,
  status: webhookDeliveries.status,
  attempts: webhookDeliveries.attempts,
  lastStatus: webhookDeliveries.lastStatus,
  lastResponse: webhookDeliveries.lastResponse,
  createdAt: webhookDeliveries.createdAt,
  deliveredAt: webhookDeliveries.deliveredAt,
  dueAt: webhookDeliveries.dueAt,
};
type DeliveryRow = Pick<typeof webhookDeliveries.$inferSelect, keyof typeof deliveryColumns>;

const deliveryView = ({ webhookId: _, dueAt, ...d }: DeliveryRow): DeliveryView => ({ ...d, nextAttemptAt: d.status === "pending" ? dueAt : null });

export async function listWebhooks(reader: Reader): Promise<WebhookView[]> {
  const hooks = await reader.select({ id: webhooks.id, url: webhooks.url, events: webhooks.events, createdAt: webhooks.createdAt }).from(webhooks).orderBy(webhooks.id);
  if (hooks.length === 0) return [];
  const newest = reader
    .select({ id: sql<number>`max(${webhookDeliveries.id})` })
    .from(webhookDeliveries)
    .where(inArray(webhookDeliveries.webhookId, hooks.map((h) => h.id)))
    .groupBy(webhookDeliveries.webhookId);
  const last = await reader.select(deliveryColumns).from(webhookDeliveries).where(inArray(webhookDeliveries.id, newest));
  const lastOf = new Map(last.map((d) => [d.webhookId, deliveryView(d)]));
  return hooks.map((h) => ({ ...h, last: lastOf.get(h.id) ?? null }));
}

export async function getWebhook(reader: Reader, id: number): Promise<WebhookView> {
  const hook = (await listWebhooks(reader)).find((h) => h.id === id);
  if (!hook) throw notFound("webhook.not_found", { id });
  return hook;
}

/** The delivery log of one endpoint, newest first. */
export async function listDeliveries(reader: Reader, webhookId: number, page: { limit: number; offset: number }): Promise<{ data: DeliveryView[]; total: number }> {
  await getWebhook(reader, webhookId);
  const where = eq(webhookDeliveries.webhookId, webhookId);
  const [rows, totals] = await Promise.all([
    reader.select(deliveryColumns).from(webhookDeliveries).where(where).orderBy(desc(webhookDeliveries.id)).limit(page.limit).offset(page.offset),
    reader.select({ n: count() }).from(webhookDeliveries).where(where),
  ]);
  return { data: rows.map(deliveryView), total: totals[0]?.n ?? 0 };
}

/**
 * The "send test event" button: a `webhook.test` event for one endpoint (whatever it subscribes
 * to), sent at once so the caller sees the endpoint's answer; a failure is retried like any event.
 */
export async function sendTestEvent(sender: WebhookSender, db: Database, id: number): Promise<DeliveryView> {
  const now = sender.clock.now();
  const deliveryId = await db.write(async (tx) => {
    const [hook] = await tx.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.id, id));
    if (!hook) throw notFound("webhook.not_found", { id });
    await queueEvent(tx, "webhook.test", { webhook_id: id, message: "This is a test event from Zapis." }, now, [id]);
    const [row] = await tx.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(and(eq(webhookDeliveries.webhookId, id), eq(webhookDeliveries.type, "webhook.test"))).orderBy(desc(webhookDeliveries.id)).limit(1);
    return row!.id;
  });
  await deliverDueWebhooks(sender, db, deliveryId);
  return getDelivery(db, deliveryId);
}

async function getDelivery(db: Database, id: number): Promise<DeliveryView> {
  const [row] = await db.orm.select(deliveryColumns).from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  if (!row) throw notFound();
  return deliveryView(row);
}
