import { eq } from "drizzle-orm";
import type { Tx } from "../db/database.ts";
import { emitWebhookEvent } from "../webhook/events.ts";
import { clients } from "./schema.ts";

/** Reports a new client record to the salon's webhooks, inside the transaction that created it. */
export async function emitClientCreated(tx: Tx, clientId: number, now: number): Promise<void> {
  await emitWebhookEvent(tx, "client.created", async () => {
    const [c] = await tx.select().from(clients).where(eq(clients.id, clientId));
    return c && { id: c.id, name: c.name, phone: c.phone, email: c.email, created_at: new Date(c.createdAt).toISOString() };
  }, now);
}
