/**
 * The one door into the webhook outbox. A write that changes something a salon's systems may
 * want to hear about calls `emitWebhookEvent` INSIDE its own write transaction: the event then
 * exists exactly when the change does (a rolled-back booking reports nothing), and the delivery
 * job sends it afterwards, however long the endpoint takes.
 */
import { randomUUID } from "node:crypto";
import type { Tx } from "../db/database.ts";
import { prepared } from "../db/prepared.ts";
import { webhookDeliveries, webhooks, type WebhookEventType } from "./schema.ts";

/** What an endpoint receives: the event's id (receivers dedupe on it: delivery is at-least-once), its type, when, and the data. */
export interface WebhookEnvelope {
  id: string;
  type: string;
  created_at: string;
  data: unknown;
}

/**
 * Queues `type` with `data()` (the API's JSON shape of the thing) for every endpoint subscribed to
 * it; nothing is read or written when none is — most salons have no webhook, and building a
 * booking's JSON cost 5 statements on every booking write (issue 20). `now` is the caller's clock
 * reading (the change's time). Returns how many deliveries were queued.
 */
export async function emitWebhookEvent(tx: Tx, type: WebhookEventType, data: () => unknown, now: number): Promise<number> {
  const targets = (await endpoints(tx).all()).filter((w) => w.events.includes(type));
  if (targets.length === 0) return 0;
  const made = await data();
  // the thing went away inside the same write (nothing to report)
  if (made === undefined || made === null) return 0;
  return queueEvent(tx, type, made, now, targets.map((w) => w.id));
}

const endpoints = prepared((db) => db.select({ id: webhooks.id, events: webhooks.events }).from(webhooks));

/** Writes one event for the given endpoints, whatever they subscribe to (the admin's test event uses this directly). */
export async function queueEvent(tx: Tx, type: string, data: unknown, now: number, webhookIds: number[]): Promise<number> {
  const eventId = `evt_${randomUUID().replaceAll("-", "")}`;
  const envelope: WebhookEnvelope = { id: eventId, type, created_at: new Date(now).toISOString(), data };
  const body = JSON.stringify(envelope);
  await tx.insert(webhookDeliveries).values(webhookIds.map((webhookId) => ({ webhookId, eventId, type, body, dueAt: now, createdAt: now })));
  return webhookIds.length;
}
