/** What the bot knows about a chat: the visit chosen so far, and the clients the chat is linked to. */
import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { bookingServices, bookings } from "../booking/schema.ts";
import { services } from "../catalogue/schema.ts";
import { clients } from "../client/schema.ts";
import type { Database, Reader } from "../db/database.ts";
import { telegramChats, type PendingVisit } from "./schema.ts";

export async function pendingOf(db: Reader, chatId: string): Promise<PendingVisit> {
  const [row] = await db.select({ pending: telegramChats.pending }).from(telegramChats).where(eq(telegramChats.chatId, chatId));
  return row?.pending ?? {};
}

/** Replaces the chat's pending visit (an empty object forgets it, keeping the shared contact). */
export async function savePending(db: Database, chatId: string, pending: PendingVisit, now: number): Promise<void> {
  await db.write((tx) =>
    tx
      .insert(telegramChats)
      .values({ chatId, pending, updatedAt: now })
      .onConflictDoUpdate({ target: telegramChats.chatId, set: { pending, updatedAt: now } }),
  );
}

/** The clients whose notifications go to this chat (a deep link, a booking from it, the Mini App). */
export async function linkedClients(db: Reader, chatId: string): Promise<Array<{ id: number; name: string; phone: string | null }>> {
  return db.select({ id: clients.id, name: clients.name, phone: clients.phone }).from(clients).where(eq(clients.telegramChatId, chatId)).orderBy(asc(clients.id));
}

export interface UpcomingVisit {
  id: number;
  startTs: number;
  service: string;
}

/** The live visits of the chat's clients that have not started, soonest first (at most `limit`). */
export async function upcomingVisits(db: Reader, clientIds: number[], now: number, limit = 10, only?: number): Promise<UpcomingVisit[]> {
  if (clientIds.length === 0) return [];
  const rows = await db
    .select({ id: bookings.id, startTs: bookings.startTs, service: services.title, partStart: bookingServices.startTs })
    .from(bookings)
    .innerJoin(bookingServices, eq(bookingServices.bookingId, bookings.id))
    .innerJoin(services, eq(services.id, bookingServices.serviceId))
    .where(and(inArray(bookings.clientId, clientIds), inArray(bookings.status, ["pending", "confirmed"]), gt(bookings.startTs, now), only === undefined ? undefined : eq(bookings.id, only)))
    .orderBy(asc(bookings.startTs), asc(bookingServices.startTs));
  const visits = new Map<number, UpcomingVisit>();
  for (const r of rows) {
    const seen = visits.get(r.id);
    if (seen) seen.service = `${seen.service}, ${r.service}`;
    else visits.set(r.id, { id: r.id, startTs: r.startTs, service: r.service });
  }
  return [...visits.values()].slice(0, limit);
}

/** One visit of the chat's clients, or null when the id is not theirs (an old or forged button). */
export async function visitOfChat(db: Reader, clientIds: number[], bookingId: number, now: number): Promise<UpcomingVisit | null> {
  return (await upcomingVisits(db, clientIds, now, 1, bookingId))[0] ?? null;
}
