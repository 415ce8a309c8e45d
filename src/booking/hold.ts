/**
 * Holds: while a client types their details, the time they chose is theirs. A hold is a row with
 * an expiry and the occupancy of the chosen slot; availability counts unexpired holds as busy
 * except for the hold's own token. An expired hold is simply ignored; placing a new hold sweeps
 * old rows away, so the table stays small without a job. A hold occupies exactly the slot it was
 * placed for (what a booking of it would), one per browser and a few per address.
 */
import { and, desc, eq, gt, inArray, lt } from "drizzle-orm";
import { hashToken, newSecretToken } from "../account/api-token.ts";
import { business } from "../business/schema.ts";
import type { Reader, Tx } from "../db/database.ts";
import type { Slot } from "../availability/model.ts";
import type { BookingDeps } from "./booking.ts";
import { slotAt, visitTerms } from "./recheck.ts";
import { occupiedBy } from "./occupancy.ts";
import { holdOccupancy, holds } from "./schema.ts";

export interface HoldRequest {
  serviceIds: number[];
  staffId: number | "any";
  start: number;
  /** The browser's current hold, replaced by this one (one hold per browser). */
  token: string | null;
  /** The client's address (src/http/peer.ts); null when unknown (in-process calls). */
  address: string | null;
  /** The branch (issue 17); may be left out while the salon has one. */
  locationId?: number | null;
}

/**
 * Live holds one address may have per salon. A browser without the hold cookie (a script) gets a
 * new hold each time, so without a cap a few requests could hold a master's whole day; a small cap
 * still lets a family or an office behind one address book at once. The newest hold wins: past
 * the cap the address's oldest hold is released.
 */
export const HOLDS_PER_ADDRESS = 3;

export interface PlacedHold {
  token: string;
  expiresAt: number;
  slot: Slot;
}

export async function placeHold(deps: Pick<BookingDeps, "db" | "clock">, request: HoldRequest): Promise<PlacedHold> {
  const now = deps.clock.now();
  const token = request.token ?? newSecretToken();
  return deps.db.write(async (tx) => {
    await tx.delete(holds).where(lt(holds.expiresAt, now));
    await releaseHoldIn(tx, token);
    const addressHash = request.address === null ? null : hashToken(`hold-address:${request.address}`);
    if (addressHash !== null) await keepRoomFor(tx, addressHash, now);
    const [policy] = await tx.select({ minutes: business.holdMinutes }).from(business);
    if (!policy) throw new Error("tenant has no business profile");
    const terms = await visitTerms(tx, request.serviceIds, request.staffId, { onlineOnly: true, locationId: request.locationId });
    const slot = await slotAt(tx, deps.clock, request, terms, terms.visit.profile.timezone, null);
    const expiresAt = now + policy.minutes * 60_000;
    const [row] = await tx.insert(holds).values({ tokenHash: hashToken(token), addressHash, expiresAt, createdAt: now }).returning({ id: holds.id });
    await tx.insert(holdOccupancy).values(occupiedBy(slot.assignment, terms).map((o) => ({ holdId: row!.id, ...o })));
    return { token, expiresAt, slot };
  });
}

/** Releases the address's oldest live holds so that one more stays within HOLDS_PER_ADDRESS. */
async function keepRoomFor(tx: Tx, addressHash: string, now: number): Promise<void> {
  const live = await tx
    .select({ id: holds.id })
    .from(holds)
    .where(and(eq(holds.addressHash, addressHash), gt(holds.expiresAt, now)))
    .orderBy(desc(holds.createdAt), desc(holds.id));
  const over = live.slice(HOLDS_PER_ADDRESS - 1).map((h) => h.id);
  if (over.length > 0) await tx.delete(holds).where(inArray(holds.id, over));
}

/** Gives the held time back (the client went back, or booked it). */
export async function releaseHold(deps: Pick<BookingDeps, "db">, token: string): Promise<void> {
  await deps.db.write((tx) => releaseHoldIn(tx, token));
}

export async function releaseHoldIn(tx: Tx, token: string): Promise<void> {
  await tx.delete(holds).where(eq(holds.tokenHash, hashToken(token)));
}

/** A live hold of this token on a visit starting at `start`: until when, and what it occupies. */
export async function holdFor(reader: Reader, now: number, token: string, start: number): Promise<{ expiresAt: number; resourceIds: number[] } | null> {
  const rows = await reader
    .select({ expiresAt: holds.expiresAt, resourceId: holdOccupancy.resourceId, sessionTs: holdOccupancy.sessionTs })
    .from(holds)
    .innerJoin(holdOccupancy, eq(holdOccupancy.holdId, holds.id))
    .where(and(eq(holds.tokenHash, hashToken(token)), gt(holds.expiresAt, now)));
  if (rows.length === 0 || Math.min(...rows.map((r) => r.sessionTs)) !== start) return null;
  return { expiresAt: rows[0]!.expiresAt, resourceIds: [...new Set(rows.map((r) => r.resourceId))] };
}
