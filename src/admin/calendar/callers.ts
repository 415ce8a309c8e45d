/**
 * Who is calling: the clients an administrator's typing (a phone or a name) matches, each with what
 * the salon knows when booking them — the last visits, no-shows, the card's notes.
 */
import { and, desc, eq, inArray, ne } from "drizzle-orm";
import { bookingServices, bookings, type BookingStatus } from "../../booking/schema.ts";
import { services } from "../../catalogue/schema.ts";
import { searchClients, type ClientRow } from "../../client/crm.ts";
import { clientStats, type ClientStats } from "../../client/crm-queries.ts";
import { clients } from "../../client/schema.ts";
import type { Reader } from "../../db/database.ts";

/** Enough to pick the caller from; the client card has the rest. */
const MATCHES = 5;
const LAST_VISITS = 3;

export interface PastVisit {
  startTs: number;
  status: BookingStatus;
  /** The visit's services in order (what "the same again" books). */
  services: Array<{ id: number; title: string }>;
}

export interface Caller {
  id: number;
  name: string;
  phone: string | null;
  notes: string | null;
  visits: number;
  noShows: number;
  /** Newest first, cancelled visits left out. */
  last: PastVisit[];
}

/** Callers matching what was typed; nothing for fewer than 2 characters (every client would match). */
export async function findCallers(reader: Reader, typed: string): Promise<Caller[]> {
  if (typed.trim().length < 2) return [];
  const { data: found } = await searchClients(reader, typed, { limit: MATCHES, offset: 0 });
  const last = await lastVisits(reader, found.map((c) => c.id));
  return found.map((c) => toCaller(c, c, last.get(c.id)));
}

/** One caller by id (chosen from the matches), or null; an erased client is nobody to book. */
export async function callerById(reader: Reader, id: number): Promise<Caller | null> {
  const [row] = await reader.select().from(clients).where(eq(clients.id, id));
  if (!row || row.anonymizedAt !== null) return null;
  const [stats, last] = await Promise.all([clientStats(reader, [id]), lastVisits(reader, [id])]);
  return toCaller(row, stats.get(id)!, last.get(id));
}

const toCaller = (c: ClientRow, stats: ClientStats, last: PastVisit[] = []): Caller => ({
  id: c.id,
  name: c.name,
  phone: c.phone,
  notes: c.notes,
  visits: stats.visits,
  noShows: stats.noShows,
  last,
});

/** The last few live or finished visits of each client, newest first. */
async function lastVisits(reader: Reader, clientIds: number[]): Promise<Map<number, PastVisit[]>> {
  const result = new Map<number, PastVisit[]>();
  if (clientIds.length === 0) return result;
  const recent = await Promise.all(
    clientIds.map((id) =>
      reader
        .select({ id: bookings.id, clientId: bookings.clientId, startTs: bookings.startTs, status: bookings.status })
        .from(bookings)
        .where(and(eq(bookings.clientId, id), ne(bookings.status, "cancelled")))
        .orderBy(desc(bookings.startTs))
        .limit(LAST_VISITS),
    ),
  );
  const visits = recent.flat();
  if (visits.length === 0) return result;
  const parts = await reader
    .select({ bookingId: bookingServices.bookingId, id: services.id, title: services.title, startTs: bookingServices.startTs })
    .from(bookingServices)
    .innerJoin(services, eq(services.id, bookingServices.serviceId))
    .where(inArray(bookingServices.bookingId, visits.map((v) => v.id)));
  for (const v of visits) {
    const list = result.get(v.clientId!) ?? [];
    const own = parts.filter((p) => p.bookingId === v.id).sort((a, b) => a.startTs - b.startTs);
    list.push({ startTs: v.startTs, status: v.status, services: own.map((p) => ({ id: p.id, title: p.title })) });
    result.set(v.clientId!, list);
  }
  return result;
}
