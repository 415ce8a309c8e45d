/** The JSON forms of bookings (API §3): times ISO-8601 with the location's offset, money in minor units. */
import { linesTotals } from "../balance/lines.ts";
import { toIsoWithOffset } from "../time/format.ts";
import type { BookingDetails } from "./queries.ts";

export const bookingJson = (b: BookingDetails) => ({
  id: b.id,
  status: b.status,
  source: b.source,
  start_ts: toIsoWithOffset(b.startTs, b.timezone),
  end_ts: toIsoWithOffset(b.endTs, b.timezone),
  price: b.priceMinor,
  currency: b.currency,
  notes: b.notes,
  client: b.client,
  // what the booker typed (null for bookings by client_id): staff compare it with the client's record
  contact: b.contactPhone === null ? null : contactOf(b),
  services: b.services.map((s) => ({
    service_id: s.serviceId,
    title: s.title,
    staff_id: s.staffId,
    staff_name: s.staffName,
    start_ts: toIsoWithOffset(s.startTs, b.timezone),
    end_ts: toIsoWithOffset(s.endTs, b.timezone),
    price: s.priceMinor,
  })),
  cancel_reason: b.cancelReason,
  // issue 14: discounts and what the client's balance paid, line by line
  ...balanceFields(b),
  created_at: toIsoWithOffset(b.createdAt, b.timezone),
});

/**
 * What an anonymous booker gets back: the booking with the contact they sent, never the salon's
 * record of the client — else typing a phone would look its owner up. Known and unknown phones
 * answer with the same fields.
 */
export function publicBookingJson(b: BookingDetails) {
  const { client: _, contact: __, ...booking } = bookingJson(b);
  return { ...booking, client: contactOf(b) };
}

const contactOf = (b: BookingDetails) => ({ name: b.contactName, phone: b.contactPhone, email: b.contactEmail });

/** issue 14: `discount`, `total` (price − discount), `prepaid` (certificate + wallet) and the lines. */
function balanceFields(b: BookingDetails) {
  const totals = linesTotals(b.priceMinor, b.priceLines);
  return {
    discount: totals.discountMinor,
    total: totals.totalMinor,
    prepaid: totals.prepaidMinor,
    price_lines: b.priceLines.map((l) => ({ kind: l.kind, amount: l.amountMinor })),
  };
}
