/** The JSON forms of bookings (API §3): times ISO-8601 with the location's offset, money in minor units. */
import { moneyFields, moneyJson } from "../payment/ledger.ts";
import { linesTotals } from "../balance/lines.ts";
import { toIsoWithOffset } from "../time/format.ts";
import { t } from "../http/schema-builder.ts";
import { instant, literals, nullable } from "../http/openapi.ts";
import { QUOTE_LINE_KINDS } from "../pricing/pricing.ts";
import type { BookingDetails } from "./queries.ts";
import { BOOKING_SOURCES, BOOKING_STATUSES } from "./schema.ts";

export const bookingJson = (b: BookingDetails) => ({
  id: b.id,
  // issue 13: a visit holding its slot for a prepayment is stored 'pending' (see migrations/tenant/0060)
  status: b.awaitingPaymentUntil !== null && b.status === "pending" ? "awaiting_payment" : b.status,
  source: b.source,
  location_id: b.locationId,
  start_ts: toIsoWithOffset(b.startTs, b.timezone),
  end_ts: toIsoWithOffset(b.endTs, b.timezone),
  ...moneyJson(b.money),
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

/** issue 14: what the certificate and wallet paid (part of `paid`), and every step pricing took, in order. */
function balanceFields(b: BookingDetails) {
  return {
    prepaid: linesTotals(b.priceMinor, b.priceLines).prepaidMinor,
    price_lines: b.priceLines.map((l) => ({ kind: l.kind, amount: l.amountMinor })),
  };
}
// issue 18: the documented shapes of the above (OpenAPI; the API walk test holds them to the real answers)
const contact = t.Object({ name: t.Union([t.String(), t.Null()]), phone: t.Union([t.String(), t.Null()]), email: t.Union([t.String(), t.Null()]) });
const bookingFields = {
  id: t.Integer(),
  // issue 13: awaiting_payment: pending, holding its slot for a prepayment
  status: literals([...BOOKING_STATUSES, "awaiting_payment"]),
  source: literals(BOOKING_SOURCES),
  location_id: t.Integer({ description: "The branch" }),
  start_ts: instant(),
  end_ts: instant(),
  price: t.Integer({ description: "Minor units (kopecks)" }),
  // issue 13: the visit's money from the payments ledger
  ...moneyFields,
  currency: t.String({ examples: ["RUB"] }),
  notes: nullable(t.String()),
  services: t.Array(
    t.Object({
      service_id: t.Integer(),
      title: t.String(),
      staff_id: nullable(t.Integer()),
      staff_name: nullable(t.String()),
      start_ts: instant(),
      end_ts: instant(),
      price: t.Integer(),
    }),
  ),
  cancel_reason: nullable(t.String()),
  prepaid: t.Integer({ description: "What a gift certificate and the wallet paid (part of paid)" }),
  price_lines: t.Array(t.Object({ kind: literals(QUOTE_LINE_KINDS), amount: t.Integer() }), { description: "What each pricing step took off, in order" }),
  created_at: instant(),
};
/** A booking as staff see it (`bookingJson`): the client's record and what the booker typed. */
export const bookingSchema = t.Object({
  ...bookingFields,
  client: nullable(t.Object({ id: t.Integer(), name: t.String(), phone: nullable(t.String()), email: nullable(t.String()) })),
  contact: nullable(contact),
});
/** What an anonymous booker gets back (`publicBookingJson`): only the contact they sent. */
export const publicBookingSchema = t.Object({ ...bookingFields, client: contact });
