import { and, eq, inArray, isNull } from "drizzle-orm";
import { bookings } from "../booking/schema.ts";
import type { Tx } from "../db/database.ts";
import { reviews } from "../review/schema.ts";
import { waitlist } from "../waitlist/schema.ts";
import { clientCodes, clientSessions } from "./schema.ts";

/**
 * issue 15: what an erased client leaves in the cabinet, the waitlist and reviews. Their devices
 * are signed out, codes and waitlist requests for their phone go, and their reviews stay (the
 * salon's rating) without their name.
 */
export async function forgetSelfService(tx: Tx, client: { id: number; phone: string | null }, now: number): Promise<void> {
  await tx.update(clientSessions).set({ revokedAt: now }).where(and(eq(clientSessions.clientId, client.id), isNull(clientSessions.revokedAt)));
  if (client.phone) {
    await tx.delete(clientCodes).where(eq(clientCodes.phone, client.phone));
    await tx.delete(waitlist).where(eq(waitlist.contactPhone, client.phone));
  }
  const visits = tx.select({ id: bookings.id }).from(bookings).where(eq(bookings.clientId, client.id));
  await tx.update(reviews).set({ authorName: null }).where(inArray(reviews.bookingId, visits));
}
