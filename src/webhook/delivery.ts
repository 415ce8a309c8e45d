/**
 * Sending the webhook outbox. Each row is claimed under a lease (so two instances never send it at
 * the same moment), POSTed with its frozen body and an HMAC-SHA256 signature, and settled:
 *
 *   pending ──claim──▶ sending ──2xx──▶ delivered
 *      ▲                  │ other status, no answer, refused target
 *      └── backoff ───────┤ (1, 2, 4 … 60 min)
 *                         └─ after MAX_ATTEMPTS ──▶ failed (given up; kept in the log)
 *
 * Delivery is AT-LEAST-ONCE, unlike notifications: a sender that dies after the POST and before
 * recording it leaves a lease that expires, and the row is sent again. Receivers dedupe on the
 * X-Zapis-Event-Id header (the body's `id`), which a retry keeps.
 */
import { createHmac } from "node:crypto";
import { and, asc, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import type { Database, Reader } from "../db/database.ts";
import { backoffMs } from "../notification/lease.ts";
import { PrivateHostError, publicAddressOf, type Resolver } from "../net/private-host.ts";
import type { Clock } from "../time/clock.ts";
import { webhookDeliveries, webhooks } from "./schema.ts";

/** Attempts before a delivery is given up: with the 1, 2, 4 … 60 min backoff, about two hours. */
export const MAX_ATTEMPTS = 8;
/** How long a claimed row stays ours: longer than a batch of sends at SEND_TIMEOUT_MS each. */
const LEASE_MS = 5 * 60_000;
const SEND_TIMEOUT_MS = 10_000;
/** How much of an endpoint's answer the log keeps. */
export const RESPONSE_KEPT = 500;
const BATCH = 20;

export interface WebhookSender {
  clock: Clock;
  /** This process's lease owner name. */
  owner: string;
  allowPrivate: boolean;
  /** DNS; the system resolver when absent (tests point names anywhere). */
  resolve?: Resolver;
}

/** `sha256=<hex>`: the HMAC-SHA256 of the exact bytes sent, keyed with the endpoint's secret. */
export const signature = (secret: string, body: string) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

/** When this tenant next has a delivery for a sender: the earliest pending row or expiring lease. */
export async function nextWebhookDueAt(reader: Reader): Promise<number | null> {
  const [row] = await reader
    .select({
      due: sql<number | null>`min(case when ${webhookDeliveries.status} = 'pending' then ${webhookDeliveries.dueAt} else ${webhookDeliveries.leaseUntil} end)`,
    })
    .from(webhookDeliveries)
    .where(inArray(webhookDeliveries.status, ["pending", "sending"]));
  return row?.due ?? null;
}

/** Sends what is due in one tenant; returns how it went, for the job's log line. */
export async function deliverDueWebhooks(sender: WebhookSender, db: Database, only?: number): Promise<{ delivered: number; retried: number; failed: number }> {
  const counts = { delivered: 0, retried: 0, failed: 0 };
  for (const row of await claim(db, sender.owner, sender.clock.now(), only)) counts[await sendOne(sender, db, row)]++;
  return counts;
}

type Claimed = { id: number; body: string; eventId: string; type: string; attempts: number; url: string; secret: string };

async function claim(db: Database, owner: string, now: number, only: number | undefined): Promise<Claimed[]> {
  return db.write(async (tx) => {
    const due = or(and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.dueAt, now)), and(eq(webhookDeliveries.status, "sending"), lt(webhookDeliveries.leaseUntil, now)));
    const ids = tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(only === undefined ? due : and(due, eq(webhookDeliveries.id, only)))
      .orderBy(asc(webhookDeliveries.dueAt), asc(webhookDeliveries.id))
      .limit(BATCH);
    const rows = await tx
      .update(webhookDeliveries)
      .set({ status: "sending", leaseOwner: owner, leaseUntil: now + LEASE_MS, attempts: sql`${webhookDeliveries.attempts} + 1` })
      .where(inArray(webhookDeliveries.id, ids))
      .returning();
    if (rows.length === 0) return [];
    const hooks = await tx.select().from(webhooks).where(inArray(webhooks.id, [...new Set(rows.map((r) => r.webhookId))]));
    const hookOf = new Map(hooks.map((h) => [h.id, h]));
    return rows.map((r) => ({ id: r.id, body: r.body, eventId: r.eventId, type: r.type, attempts: r.attempts, url: hookOf.get(r.webhookId)!.url, secret: hookOf.get(r.webhookId)!.signingSecret }));
  });
}

type Outcome = { status: number | null; response: string; ok: boolean };

async function sendOne(sender: WebhookSender, db: Database, row: Claimed): Promise<"delivered" | "retried" | "failed"> {
  const outcome = await post(sender, row);
  const now = sender.clock.now();
  const result = outcome.ok ? "delivered" : row.attempts >= MAX_ATTEMPTS ? "failed" : "retried";
  // A settled event's body (a client's name and phone, often) is not kept: the log needs its
  // type and outcome, and a client's erasure must not leave copies behind in old deliveries.
  const state =
    result === "delivered"
      ? { status: "delivered" as const, deliveredAt: now, body: "" }
      : result === "failed"
        ? { status: "failed" as const, body: "" }
        : { status: "pending" as const, dueAt: now + backoffMs(row.attempts) };
  await db.write((tx) =>
    tx
      .update(webhookDeliveries)
      .set({ ...state, leaseOwner: null, leaseUntil: null, lastStatus: outcome.status, lastResponse: outcome.response.slice(0, RESPONSE_KEPT) })
      .where(and(eq(webhookDeliveries.id, row.id), eq(webhookDeliveries.leaseOwner, sender.owner))),
  );
  return result;
}

/** One POST. Never throws: a refused target, a timeout or a reset is an outcome to log and retry. */
async function post(sender: WebhookSender, row: Claimed): Promise<Outcome> {
  const target = new URL(row.url);
  let address: string;
  try {
    address = await publicAddressOf(target.hostname.replace(/^\[|\]$/g, ""), sender.allowPrivate, sender.resolve);
  } catch (error) {
    const why = error instanceof PrivateHostError ? `refused: ${error.message}` : `DNS: ${error instanceof Error ? error.message : String(error)}`;
    return { status: null, response: why, ok: false };
  }
  // connect to the address just checked, not to the name again (DNS could answer differently now);
  // the name still goes in Host and in TLS SNI, so the endpoint's certificate is checked against it
  const pinned = new URL(row.url);
  if (address !== pinned.hostname) pinned.hostname = address.includes(":") ? `[${address}]` : address;
  try {
    const res = await fetch(pinned, {
      method: "POST",
      body: row.body,
      redirect: "manual", // a redirect could lead anywhere, past the check above
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      headers: {
        host: target.host,
        "content-type": "application/json",
        "user-agent": "Zapis-Webhooks/1",
        "x-zapis-event-id": row.eventId,
        "x-zapis-event": row.type,
        "x-zapis-timestamp": String(Math.floor(sender.clock.now() / 1000)),
        "x-zapis-signature": signature(row.secret, row.body),
      },
      tls: { serverName: target.hostname },
    });
    const text = await headOf(res, RESPONSE_KEPT * 4).catch(() => "");
    return { status: res.status, response: text.slice(0, RESPONSE_KEPT), ok: res.status >= 200 && res.status < 300 };
  } catch (error) {
    return { status: null, response: error instanceof Error ? error.message : String(error), ok: false };
  }
}

/**
 * The first `maxBytes` of an endpoint's answer, the rest never read: the log keeps 500 characters,
 * and an endpoint streaming without end must not fill this process's memory until the timeout.
 */
async function headOf(res: Response, maxBytes: number): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  while (bytes < maxBytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    bytes += value.byteLength;
  }
  await reader.cancel().catch(() => {});
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, maxBytes));
}
