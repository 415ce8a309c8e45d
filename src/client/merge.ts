/**
 * Merging two records of one person (imports and phone typos make duplicates): the kept client
 * takes the other's visits, notifications and import links, gains the contact details it lacks,
 * the union of tags and both notes; the duplicate is deleted. One transaction, audited.
 */
import { and, eq } from "drizzle-orm";
import type { Actor } from "../account/permissions.ts";
import { recordAudit } from "../audit/audit.ts";
import { bookings } from "../booking/schema.ts";
import { AppError, notFound, validationError } from "../error/app-error.ts";
import { importLinks } from "../import/schema.ts";
import { pushSubscriptions } from "../push/schema.ts";
import { notifications } from "../notification/schema.ts";
import type { ClientDeps, ClientRow } from "./crm.ts";
import { clients } from "./schema.ts";
import { moveHoldings } from "../balance/holdings.ts";

/** The kept record after taking in the duplicate: its own values first, the other's where it has none. */
export function mergedValues(keep: ClientRow, drop: ClientRow): Partial<ClientRow> {
  const notes = [keep.notes, drop.notes].filter(Boolean).join("\n");
  const earliest = [keep.consentAt, drop.consentAt].filter((c): c is number => c !== null);
  return {
    phone: keep.phone ?? drop.phone,
    email: keep.email ?? drop.email,
    notes: notes || null,
    tags: [...new Set([...keep.tags, ...drop.tags])],
    consentAt: earliest.length > 0 ? Math.min(...earliest) : null,
    preferredChannel: keep.preferredChannel ?? drop.preferredChannel,
    telegramChatId: keep.telegramChatId ?? drop.telegramChatId,
    optOut: [...new Set([...keep.optOut, ...drop.optOut])],
  };
}

export async function mergeClients(deps: ClientDeps, actor: Actor, input: { keepId: number; dropId: number }): Promise<void> {
  if (input.keepId === input.dropId) throw validationError([{ field: "other_id", key: "client.merge_same" }]);
  const now = deps.clock.now();
  await deps.db.write(async (tx) => {
    const [keep] = await tx.select().from(clients).where(eq(clients.id, input.keepId));
    const [drop] = await tx.select().from(clients).where(eq(clients.id, input.dropId));
    if (!keep) throw notFound("client.not_found", { id: input.keepId });
    if (!drop) throw new AppError("NOT_FOUND", [{ field: "other_id", key: "client.not_found", params: { id: input.dropId } }]);
    if (keep.anonymizedAt !== null || drop.anonymizedAt !== null) throw validationError([{ field: "other_id", key: "client.anonymized" }]);
    const moved = await tx.update(bookings).set({ clientId: keep.id, updatedAt: now }).where(eq(bookings.clientId, drop.id)).returning({ id: bookings.id });
    await tx.update(notifications).set({ clientId: keep.id }).where(eq(notifications.clientId, drop.id));
    await moveHoldings(tx, drop.id, keep.id); // issue 14: packages, wallet and certificates bought
    await tx.update(pushSubscriptions).set({ clientId: keep.id }).where(eq(pushSubscriptions.clientId, drop.id)); // issue 16
    await tx.update(importLinks).set({ localId: keep.id, updatedAt: now }).where(and(eq(importLinks.entity, "client"), eq(importLinks.localId, drop.id)));
    await tx.update(clients).set({ ...mergedValues(keep, drop), updatedAt: now }).where(eq(clients.id, keep.id));
    await tx.delete(clients).where(eq(clients.id, drop.id));
    await recordAudit(tx, { at: now, actor: actor.label, userId: actor.userId, action: "client.merge", entity: "client", entityId: keep.id, details: { merged: drop.id, bookings: moved.map((b) => b.id) } });
  });
}
