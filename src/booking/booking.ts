/**
 * The ONE write path that creates bookings (pages, public API, admin): inside one write
 * transaction it re-runs availability for the asked start through the transaction's own reads,
 * takes the engine's assignment and writes the booking, its services, the occupancy every later
 * check reads (buffers included), the client and the outbox rows — or fails with SLOT_CONFLICT (or
 * the reason the time is not bookable: OUTSIDE_HOURS, TOO_SOON, …).
 * Serialization is the database's: one queue per process, BEGIN IMMEDIATE across processes, so
 * two writers can never both see a time as free.
 */
import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/audit.ts";
import { business, locations } from "../business/schema.ts";
import { findOrCreateClient } from "../client/client.ts";
import { clients } from "../client/schema.ts";
import type { Database, Tx } from "../db/database.ts";
import { notFound } from "../error/app-error.ts";
import { bookingsCreated } from "../metrics/metrics.ts";
import { enqueueVisitNotifications } from "../notification/outbox.ts";
import type { Clock } from "../time/clock.ts";
import { releaseHoldIn } from "./hold.ts";
import type { NewBooking } from "./input.ts";
import { occupiedBy } from "./occupancy.ts";
import { slotAt, visitTerms } from "./recheck.ts";
import { bookingServices, bookings, occupancy, type BookingStatus } from "./schema.ts";
import { idempotencyHash, manageTokenFor, manageTokenHash } from "./tokens.ts";

export interface BookingDeps {
  db: Database;
  clock: Clock;
  /** The client's link to their booking (goes into notifications). */
  manageUrl(bookingId: number, token: string): string;
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
}

export async function createBooking(deps: BookingDeps, input: NewBooking): Promise<CreatedBooking> {
  const now = deps.clock.now();
  const manageToken = manageTokenFor(input.idempotencyKey);
  const created = await deps.db.write(async (tx): Promise<CreatedBooking> => {
    if (input.idempotencyKey !== null) {
      const first = await bookingByKey(tx, input.idempotencyKey);
      if (first) return { ...first, manageToken, replayed: true };
    }
    const [policy] = await tx
      .select({ autoConfirm: business.autoConfirm, currency: business.currency, locationId: locations.id, timezone: locations.timezone })
      .from(business)
      .innerJoin(locations, eq(locations.isPrimary, true));
    if (!policy) throw new Error("tenant has no business profile or primary location");
    const terms = await visitTerms(tx, input.serviceIds, input.staffId);
    const slot = await slotAt(tx, deps.clock, input, terms, policy.timezone, input.holdToken);

    const clientId = "clientId" in input.client ? await existingClient(tx, input.client.clientId) : await findOrCreateClient(
      tx,
      { ...input.client.contact, consentAt: input.consent ? now : null },
      now,
    );
    const status: BookingStatus = policy.autoConfirm ? "confirmed" : "pending";
    const priceOf = (serviceId: number) => terms.get(serviceId)!.priceMinor;
    const [row] = await tx
      .insert(bookings)
      .values({
        locationId: policy.locationId,
        clientId,
        status,
        source: input.source,
        startTs: slot.start,
        endTs: slot.end,
        priceMinor: slot.assignment.reduce((sum, a) => sum + priceOf(a.serviceId), 0),
        currency: policy.currency,
        notes: input.notes,
        manageTokenHash: manageTokenHash(manageToken),
        idempotencyKey: input.idempotencyKey === null ? null : idempotencyHash(input.idempotencyKey),
        createdBy: input.createdBy,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: bookings.id });
    const bookingId = row!.id;
    await tx.insert(bookingServices).values(
      slot.assignment.map((a) => ({ bookingId, serviceId: a.serviceId, staffId: a.staffId, startTs: a.start, endTs: a.end, priceMinor: priceOf(a.serviceId) })),
    );
    await tx.insert(occupancy).values(occupiedBy(slot.assignment, terms).map((o) => ({ bookingId, ...o })));
    if (input.holdToken !== null) await releaseHoldIn(tx, input.holdToken);

    if (input.override) {
      // staff chose to book outside hours (or over another booking): who and when stays on record
      await recordAudit(tx, { at: now, actor: input.overrideBy ?? "staff", userId: input.createdBy, action: "booking.override", entity: "booking", entityId: bookingId, details: { ...input.override } });
    }
    const manageUrl = deps.manageUrl(bookingId, manageToken);
    const event = status === "confirmed" ? "confirmed" : "created";
    await enqueueVisitNotifications(tx, { bookingId, clientId, event, startTs: slot.start, now, manageUrl });
    return { id: bookingId, status, startTs: slot.start, endTs: slot.end, timezone: policy.timezone, manageToken, replayed: false };
  });
  // counted once committed, and not again for a retried submit
  if (!created.replayed) bookingsCreated.inc({ source: input.source });
  return created;
}

async function bookingByKey(tx: Tx, key: string): Promise<Omit<CreatedBooking, "manageToken" | "replayed"> | null> {
  const [row] = await tx
    .select({ id: bookings.id, status: bookings.status, startTs: bookings.startTs, endTs: bookings.endTs, timezone: locations.timezone })
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
