/**
 * A client's rights over their data (152-FZ / GDPR): a copy of everything the salon keeps about
 * them, and erasure on request. Erasure keeps the visits (the salon's accounting and reports need
 * them) but blanks every personal field, the visits' free-text notes and the contact their bookers
 * typed, and what is still queued to be sent to them.
 */
import { asc, eq } from "drizzle-orm";
import type { Actor } from "../account/permissions.ts";
import { recordAudit } from "../audit/audit.ts";
import { clientHoldings } from "../balance/holdings.ts";
import { getBooking } from "../booking/queries.ts";
import { bookings } from "../booking/schema.ts";
import { pushSubscriptions } from "../push/schema.ts";
import { notFound } from "../error/app-error.ts";
import { NOTIFICATION_EVENTS } from "../notification/model.ts";
import { voidBookingNotifications } from "../notification/outbox.ts";
import { notifications } from "../notification/schema.ts";
import { toIsoWithOffset } from "../time/format.ts";
import type { ClientDeps } from "./crm.ts";
import { forgetSelfService } from "../cabinet/forget.ts";
import { clients } from "./schema.ts";
import { telegramChats } from "../telegram/schema.ts"; // issue 16

/** Everything about one client, as JSON a person can read; the export itself is audited. */
export async function exportClient(deps: ClientDeps, actor: Actor, id: number, zone: string) {
  const [client] = await deps.db.orm.select().from(clients).where(eq(clients.id, id));
  if (!client) throw notFound("client.not_found", { id });
  const ids = await deps.db.orm.select({ id: bookings.id }).from(bookings).where(eq(bookings.clientId, id)).orderBy(asc(bookings.startTs));
  const visits = await Promise.all(ids.map((b) => getBooking(deps.db.orm, b.id)));
  const sent = await deps.db.orm
    .select({ event: notifications.event, channel: notifications.channel, status: notifications.status, sentAt: notifications.sentAt, bookingId: notifications.bookingId })
    .from(notifications)
    .where(eq(notifications.clientId, id))
    .orderBy(asc(notifications.id));
  const iso = (ms: number | null) => (ms === null ? null : toIsoWithOffset(ms, zone));
  const data = {
    exported_at: iso(deps.clock.now()),
    client: {
      id: client.id,
      name: client.name,
      phone: client.phone,
      email: client.email,
      notes: client.notes,
      tags: client.tags,
      consent_at: iso(client.consentAt),
      preferred_channel: client.preferredChannel,
      telegram_linked: client.telegramChatId !== null,
      opt_out: client.optOut,
      anonymized_at: iso(client.anonymizedAt),
      created_at: iso(client.createdAt),
    },
    bookings: visits.flatMap((b) =>
      b
        ? [{ id: b.id, status: b.status, source: b.source, start: iso(b.startTs), end: iso(b.endTs), price_minor: b.priceMinor, currency: b.currency, notes: b.notes, contact: b.contactPhone === null ? null : { name: b.contactName, phone: b.contactPhone, email: b.contactEmail }, services: b.services.map((s) => ({ title: s.title, staff: s.staffName, start: iso(s.startTs) })) }]
        : [],
    ),
    notifications: sent.map((n) => ({ booking_id: n.bookingId, event: n.event, channel: n.channel, status: n.status, sent_at: iso(n.sentAt) })),
    // issue 14: what the client holds at the salon is theirs too
    ...(await clientHoldings(deps.db.orm, id, deps.clock.now(), zone)),
  };
  await deps.db.write((tx) => recordAudit(tx, { at: deps.clock.now(), actor: actor.label, userId: actor.userId, action: "client.export", entity: "client", entityId: id }));
  return data;
}

export async function anonymizeClient(deps: ClientDeps, actor: Actor, id: number): Promise<void> {
  const now = deps.clock.now();
  await deps.db.write(async (tx) => {
    const [client] = await tx.select({ id: clients.id, phone: clients.phone, anonymizedAt: clients.anonymizedAt, chat: clients.telegramChatId }).from(clients).where(eq(clients.id, id));
    if (!client) throw notFound("client.not_found", { id });
    if (client.anonymizedAt !== null) return;
    // issue 16: the bot's memory of their chat (a shared name and phone) goes too
    if (client.chat !== null) await tx.delete(telegramChats).where(eq(telegramChats.chatId, client.chat));
    // issue 15
    await forgetSelfService(tx, client, now);
    await tx
      .update(clients)
      .set({ name: `#${id}`, phone: null, email: null, notes: null, tags: [], consentAt: null, preferredChannel: null, telegramChatId: null, optOut: [], anonymizedAt: now, updatedAt: now })
      .where(eq(clients.id, id));
    const visits = await tx.update(bookings).set({ notes: null, contactName: null, contactPhone: null, contactEmail: null, updatedAt: now }).where(eq(bookings.clientId, id)).returning({ id: bookings.id });
    // Nothing may reach the person any more: every queued message of theirs is voided.
    for (const visit of visits) await voidBookingNotifications(tx, { bookingId: visit.id, events: NOTIFICATION_EVENTS });
    await tx.delete(pushSubscriptions).where(eq(pushSubscriptions.clientId, id)); // issue 16: their browsers too
    await recordAudit(tx, { at: now, actor: actor.label, userId: actor.userId, action: "client.anonymize", entity: "client", entityId: id });
  });
}
