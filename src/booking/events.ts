import type { Tx } from "../db/database.ts";
import { emitWebhookEvent } from "../webhook/events.ts";
import { bookingJson } from "./json.ts";
import { getBooking } from "./queries.ts";

/**
 * Reports a booking change to the salon's webhooks, inside the change's own transaction: `data`
 * is the booking as `GET /bookings/:id` shows it after the change.
 */
export async function emitBookingEvent(tx: Tx, type: "booking.created" | "booking.updated" | "booking.cancelled", bookingId: number, now: number): Promise<void> {
  await emitWebhookEvent(tx, type, async () => {
    const booking = await getBooking(tx, bookingId);
    return booking && bookingJson(booking);
  }, now);
}
