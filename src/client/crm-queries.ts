import { count, inArray, max, sum } from "drizzle-orm";
import { bookings } from "../booking/schema.ts";
import type { Reader } from "../db/database.ts";

/** What the salon knows about a client's history: the top of the client card and the booking panel. */
export interface ClientStats {
  clientId: number;
  /** Visits that took place (completed). */
  visits: number;
  noShows: number;
  cancellations: number;
  /** Sum of completed visits' prices, minor units. */
  spentMinor: number;
  lastVisitTs: number | null;
}

export async function clientStats(reader: Reader, clientIds: number[]): Promise<Map<number, ClientStats>> {
  const result = new Map<number, ClientStats>();
  if (clientIds.length === 0) return result;
  const rows = await reader
    .select({
      clientId: bookings.clientId,
      status: bookings.status,
      n: count(),
      spent: sum(bookings.priceMinor),
      last: max(bookings.startTs),
    })
    .from(bookings)
    .where(inArray(bookings.clientId, clientIds))
    .groupBy(bookings.clientId, bookings.status);
  for (const id of clientIds) result.set(id, { clientId: id, visits: 0, noShows: 0, cancellations: 0, spentMinor: 0, lastVisitTs: null });
  for (const row of rows) {
    const stats = result.get(row.clientId!)!;
    if (row.status === "completed") {
      stats.visits = row.n;
      stats.spentMinor = Number(row.spent ?? 0);
      stats.lastVisitTs = row.last;
    } else if (row.status === "no_show") stats.noShows = row.n;
    else if (row.status === "cancelled") stats.cancellations = row.n;
  }
  return result;
}
