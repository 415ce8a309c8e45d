/**
 * The ONE write path that creates bookings (pages, public API, admin): inside one write
 * transaction it re-runs availability for the asked start through the transaction's own reads,
 * takes the engine's assignment and writes the booking, its services, the occupancy every later
 * check reads (buffers included), the client and the outbox rows — or fails with SLOT_CONFLICT (or
 * the reason the time is not bookable: OUTSIDE_HOURS, TOO_SOON, …).
 * What the booker sent (name, phone, e-mail) is kept on the booking as its contact; only staff
 * bookings may change a known client's record (src/client/client.ts).
 * Serialization is the database's: one queue per process, BEGIN IMMEDIATE across processes, so
 * two writers can never both see a time as free.
 */
import { eq, sql } from "drizzle-orm";
import { hashToken } from "../account/api-token.ts";
import { recordAudit } from "../audit/audit.ts";
import { chargeVisit, NO_BALANCE } from "../balance/visit.ts";
import { locations } from "../business/schema.ts";
import { findOrCreateClient } from "../client/client.ts";
import { clients } from "../client/schema.ts";
import type { Database, Reader, Tx } from "../db/database.ts";
import { insertedId, placeholders, prepared } from "../db/prepared.ts";
import { AppError, notFound, validationError } from "../error/app-error.ts";
import { bookingsCreated } from "../metrics/metrics.ts";
import { enqueueVisitNotifications } from "../notification/outbox.ts";
import { emitBookingEvent } from "./events.ts";
import { notificationSettings } from "../notification/schema.ts";
import { depositFor, openPrepayment } from "../payment/deposit.ts";
import { prepaymentOf, startPrepayment, type OnlinePaymentView } from "../payment/online.ts";
import type { Clock } from "../time/clock.ts";
import { releaseHoldIn } from "./hold.ts";
import type { NewBooking } from "./input.ts";
import { occupiedBy } from "./occupancy.ts";
import { getBooking, type BookingDetails } from "./queries.ts";
import { slotAt, visitTerms } from "./recheck.ts";
import { bookingServices, bookings, occupancy, storedSource, type BookingStatus } from "./schema.ts";
import { idempotencyHash, keyedManageToken, manageTokenHash, newManageToken } from "./tokens.ts";

export interface BookingDeps {
  db: Database;
  clock: Clock;
  /** The client's link to their booking (goes into notifications). */
  manageUrl(bookingId: number, token: string): string;
  /** issue 13: where prepayments are asked for (config: ZAPIS_YOOKASSA_URL), and where YooKassa sends the client back. */
  yookassaUrl: string;
  paymentReturnUrl(paymentId: number, token: string): string;
}

export interface CreatedBooking {
  id: number;
  status: BookingStatus;
  startTs: number;
  endTs: number;
  timezone: string;
  /** The plain manage token: shown once to whoever booked, stored only hashed. */
  manageToken: string;
  /** True when an earlier submit with the same idempotency key made this booking. */
  replayed: boolean;
  /** issue 13: the prepayment the client is sent to pay, when the visit owes one. */
  payment: OnlinePaymentView | null;
}

/**
 * Books the visit. With `{ details: true }` the answer carries the booking as an API answer shows
 * it, as it stands when this returns: read inside the write transaction (its pages are warm there,
 * and it costs no read transactions of its own after the commit; issue 20), or read again after
 * the prepayment step, which may change it.
 */
export async function createBooking(deps: BookingDeps, input: NewBooking, answer: { details: true }): Promise<CreatedBooking & { details: BookingDetails }>;
export async function createBooking(deps: BookingDeps, input: NewBooking): Promise<CreatedBooking>;
export async function createBooking(deps: BookingDeps, input: NewBooking, answer?: { details: true }): Promise<CreatedBooking & { details?: BookingDetails }> {
  const now = deps.clock.now();
  const request = input.idempotencyKey === null ? null : requestHash(input);
  const detailsIn = async (reader: Reader, id: number) => (answer ? { details: (await getBooking(reader, id))! } : {});
  const created = await deps.db.write(async (tx): Promise<CreatedBooking & { details?: BookingDetails }> => {
    const manageToken = input.idempotencyKey === null ? newManageToken() : keyedManageToken(await linkSecret(tx), input.idempotencyKey);
    if (input.idempotencyKey !== null) {
      const first = await bookingByKey(tx, input.idempotencyKey);
      // Only the very same request replays: another body under the key gets nothing of the first booking.
      if (first && first.requestHash !== request) throw new AppError("IDEMPOTENCY_KEY_REUSED", [{ field: "Idempotency-Key", key: "booking.idempotency_key_reused" }]);
      if (first) return { id: first.id, status: first.status, startTs: first.startTs, endTs: first.endTs, timezone: first.timezone, manageToken, replayed: true, payment: null, ...(await detailsIn(tx, first.id)) };
    }
    const terms = await visitTerms(tx, input.serviceIds, input.staffId, { onlineOnly: !input.byStaff, locationId: input.locationId });
    const policy = terms.visit.profile;
    const slot = await slotAt(tx, deps.clock, input, terms, policy.timezone, input.holdToken);

    const contact = "contact" in input.client ? input.client.contact : null;
    const clientId = "clientId" in input.client
      ? await existingClient(tx, input.client.clientId)
      : await findOrCreateClient(tx, { ...input.client.contact, consentAt: input.consent ? now : null }, now, input.byStaff);
    const priceOf = (serviceId: number) => terms.get(serviceId)!.priceMinor;
    const priced = slot.assignment.map((a) => ({ serviceId: a.serviceId, priceMinor: priceOf(a.serviceId) }));
    const provisional: BookingStatus = policy.autoConfirm ? "confirmed" : "pending";
    const inserted = await insertBooking(tx).run({
      locationId: policy.locationId,
      clientId,
      status: provisional,
      ...storedSource(input.source), // issue 16
      startTs: slot.start,
      endTs: slot.end,
      priceMinor: priced.reduce((sum, s) => sum + s.priceMinor, 0),
      currency: policy.currency,
      notes: input.notes,
      contactName: contact?.name ?? null,
      contactPhone: contact?.phone ?? null,
      contactEmail: contact?.email ?? null,
      manageTokenHash: manageTokenHash(manageToken),
      idempotencyKey: input.idempotencyKey === null ? null : idempotencyHash(input.idempotencyKey),
      requestHash: request,
      createdBy: input.createdBy,
      now,
    });
    const bookingId = insertedId(inserted);
    for (const a of slot.assignment) {
      await insertBookingService(tx).run({ bookingId, serviceId: a.serviceId, staffId: a.staffId, startTs: a.start, endTs: a.end, priceMinor: priceOf(a.serviceId) });
    }
    for (const o of occupiedBy(slot.assignment, terms)) await insertOccupancy(tx).run({ bookingId, ...o });
    // issue 14: discounts, package, certificate and wallet, priced by src/pricing and drawn in this transaction
    // the client is who they say: staff booked, or the cabinet signed in this very client (issue 15)
    const clientProven = input.byStaff || (input.provenClientId !== undefined && input.provenClientId === clientId);
    const asked = input.balance ?? NO_BALANCE;
    if (!clientProven && (asked.usePackage !== false || asked.payWithWallet)) {
      throw validationError([{ field: asked.payWithWallet ? "pay_with_wallet" : "use_package", key: "balance.proof_required" }]);
    }
    const quote = await chargeVisit(tx, { bookingId, clientId, services: priced, startTs: slot.start, now, actor: input.overrideBy ?? (input.createdBy !== null ? `user:${input.createdBy}` : input.byStaff ? "staff" : "client"), clientProven, request: asked });
    // issue 13: what is still due after packages, discounts, certificate and wallet may owe a
    // prepayment; the visit then waits for it, holding its slot
    const deposit = await depositFor(tx, { clientId, serviceIds: input.serviceIds, quote, byStaff: input.byStaff, now });
    const status: BookingStatus = deposit ? "pending" : provisional;
    if (deposit) {
      await tx.update(bookings).set({ status, awaitingPaymentUntil: deposit.until }).where(eq(bookings.id, bookingId));
      await openPrepayment(tx, { bookingId, deposit, currency: policy.currency, now });
    }
    if (input.holdToken !== null) await releaseHoldIn(tx, input.holdToken);

    if (input.override) {
      // staff chose to book outside hours (or over another booking): who and when stays on record
      await recordAudit(tx, { at: now, actor: input.overrideBy ?? "staff", userId: input.createdBy, action: "booking.override", entity: "booking", entityId: bookingId, details: { ...input.override } });
    }
    const manageUrl = deps.manageUrl(bookingId, manageToken);
    const event = status === "confirmed" ? "confirmed" : "created";
    // a walk-in or a visit recorded afterwards: the client is (or was) here, nothing to confirm or remind
    if (slot.start > now) await enqueueVisitNotifications(tx, { bookingId, clientId, event, startTs: slot.start, now, manageUrl });
    await emitBookingEvent(tx, "booking.created", bookingId, now);
    const payment = deposit && { id: 0, amountMinor: deposit.amountMinor, status: "created" as const, confirmationUrl: null };
    return { id: bookingId, status, startTs: slot.start, endTs: slot.end, timezone: policy.timezone, manageToken, replayed: false, payment, ...(await detailsIn(tx, bookingId)) };
  });
  // counted once committed, and not again for a retried submit
  if (!created.replayed) bookingsCreated.inc({ source: input.source });
  // issue 13: YooKassa is asked only now, outside the write transaction, with the key stored in it
  // (a retried submit asks again with the same key and gets the same payment)
  const prepayment = created.payment || created.replayed ? await prepaymentOf(deps, created.id) : null;
  if (!prepayment) return created;
  const payment = await startPrepayment(deps, prepayment.id);
  return { ...created, payment, ...(await detailsIn(deps.db.orm, created.id)) };
}

/**
 * What an idempotency key is bound to: everything the caller asked for and who asked. Bookings
 * from before keys were bound have no hash and so never replay (their key answers 422).
 */
function requestHash(input: NewBooking): string {
  const { serviceIds, staffId, start, client, notes, consent, source, createdBy, byStaff, locationId, balance } = input;
  return hashToken(JSON.stringify({ serviceIds, staffId, start, client, notes, consent, source, createdBy, byStaff, locationId, balance }));
}

async function linkSecret(tx: Tx): Promise<string> {
  const [row] = await tx.select({ secret: notificationSettings.linkSecret }).from(notificationSettings).where(eq(notificationSettings.id, 1));
  if (!row) throw new Error("tenant has no notification settings row");
  return row.secret;
}

async function bookingByKey(tx: Tx, key: string) {
  const [row] = await tx
    .select({ id: bookings.id, status: bookings.status, startTs: bookings.startTs, endTs: bookings.endTs, timezone: locations.timezone, requestHash: bookings.requestHash })
    .from(bookings)
    .innerJoin(locations, eq(locations.id, bookings.locationId))
    .where(eq(bookings.idempotencyKey, idempotencyHash(key)));
  return row ?? null;
}

async function existingClient(tx: Tx, clientId: number): Promise<number> {
  const [row] = await tx.select({ id: clients.id }).from(clients).where(eq(clients.id, clientId));
  if (!row) throw notFound("booking.client_not_found", { id: clientId });
  return row.id;
}

// The rows every booking writes, built once (issue 20: src/db/prepared.ts); a visit has a row per
// service and per resource it occupies, usually one or two, so one statement runs per row.
const insertBooking = prepared((db) =>
  db
    .insert(bookings)
    .values({
      ...placeholders("locationId", "clientId", "status", "source", "bookedVia", "startTs", "endTs", "priceMinor", "currency", "notes", "contactName", "contactPhone", "contactEmail"),
      ...placeholders("manageTokenHash", "idempotencyKey", "requestHash", "createdBy"),
      createdAt: sql.placeholder("now"),
      updatedAt: sql.placeholder("now"),
    }),
);

const insertBookingService = prepared((db) =>
  db.insert(bookingServices).values(placeholders("bookingId", "serviceId", "staffId", "startTs", "endTs", "priceMinor")),
);

const insertOccupancy = prepared((db) =>
  db.insert(occupancy).values(placeholders("bookingId", "resourceId", "serviceId", "sessionTs", "startTs", "endTs")),
);
