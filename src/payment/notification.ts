/**
 * YooKassa's HTTP notifications ({type: "notification", event: "payment.succeeded", object: {…}}).
 * The body is a hint, not a fact: anyone can post it. We take only the object's id, look it up among
 * OUR payments (an id we never created is answered 200 and changes nothing, without asking YooKassa
 * anything, so the endpoint cannot be used to probe or to make us call out), then re-read the object
 * from YooKassa with the salon's credentials and act on that answer. Repeats and reordering are
 * harmless: states only move forward (online.ts).
 */
import { eq } from "drizzle-orm";
import { logLine } from "../http/log.ts";
import { emitSettled } from "./events.ts";
import { paymentByProviderId, syncPayment, type PaymentDeps } from "./online.ts";
import { payments } from "./schema.ts";
import { credentialsOf, readPaymentSettings } from "./settings.ts";
import { isProviderId, ProviderError, yookassaClient } from "./yookassa.ts";

export type NotificationOutcome = "applied" | "malformed" | "unknown_id" | "retry";

export async function acceptNotification(deps: PaymentDeps, raw: unknown): Promise<NotificationOutcome> {
  const note = parse(raw);
  if (!note) return "malformed";
  const row = await paymentByProviderId(deps.db, note.id);
  if (!row || row.method !== "online" || row.kind !== (note.event.startsWith("refund.") ? "refund" : "payment")) return "unknown_id";
  try {
    if (row.kind === "payment") await syncPayment(deps, row);
    else await syncRefund(deps, row.id, note.id);
    return "applied";
  } catch (e) {
    if (!(e instanceof ProviderError)) throw e;
    logLine({ level: "warn", msg: "yookassa notification not confirmed by the API", payment: row.id, error: e.message });
    return e.definite ? "applied" : "retry";
  }
}

function parse(raw: unknown): { event: string; id: string } | null {
  let body: unknown;
  try {
    body = typeof raw === "string" ? JSON.parse(raw) : raw;
  } catch {
    return null;
  }
  if (typeof body !== "object" || body === null) return null;
  const { type, event, object } = body as Record<string, unknown>;
  const id = typeof object === "object" && object !== null ? (object as Record<string, unknown>).id : undefined;
  if (type !== "notification" || typeof event !== "string" || !/^(payment|refund)\.[a-z_]+$/.test(event) || !isProviderId(id)) return null;
  return { event, id };
}

async function syncRefund(deps: PaymentDeps, refundRowId: number, providerId: string): Promise<void> {
  const creds = credentialsOf(await readPaymentSettings(deps.db.orm));
  if (!creds) return;
  const refund = await yookassaClient(deps.yookassaUrl, creds).getRefund(providerId);
  await deps.db.write(async (tx) => {
    const [row] = await tx.select().from(payments).where(eq(payments.id, refundRowId));
    if (!row || row.status === "succeeded" || row.status === "canceled" || refund.amountMinor !== row.amountMinor) return;
    const [settled] = await tx.update(payments).set({ status: refund.status, updatedAt: deps.clock.now() }).where(eq(payments.id, row.id)).returning();
    await emitSettled(tx, settled!, deps.clock.now());
  });
}
