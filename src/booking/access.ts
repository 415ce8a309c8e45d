import { bookingScope, mayActInBranch, type Actor } from "../account/permissions.ts";
import type { Database } from "../db/database.ts";
import { notFound } from "../error/app-error.ts";
import type { Changer } from "./change.ts";
import { getBooking, type BookingDetails } from "./queries.ts";

// Which bookings a member of staff may see and change, for the admin pages and the JSON API alike.

/** The audit log's "who" for a change made by staff (admin pages or an API token). */
export const changerOf = (actor: Actor): Extract<Changer, { kind: "staff" }> => ({ kind: "staff", label: actor.label, userId: actor.userId });

/** May the actor work with a visit on this master's column? */
export function mayActOnMaster(actor: Actor, staffId: number | null): boolean {
  const scope = bookingScope(actor);
  return scope === "all" || (staffId !== null && scope.staffId === staffId);
}

/**
 * A booking the actor may see: every one for owners and managers, for a master only visits with a
 * service of theirs; for anyone limited to branches only visits in those. Anything else is "not
 * found", so ids of other masters' (or branches') visits reveal nothing.
 */
export async function bookingFor(db: Database, actor: Actor, id: number): Promise<BookingDetails> {
  const booking = Number.isSafeInteger(id) && id > 0 ? await getBooking(db.orm, id) : null;
  if (!booking || !mayActInBranch(actor, booking.locationId) || !booking.services.some((s) => mayActOnMaster(actor, s.staffId))) {
    throw notFound("booking.not_found", { id });
  }
  return booking;
}

/**
 * The master a booking made or moved through the API may go to: a master's token works only in
 * their own column (asking for none or "any" means theirs), like the calendar page; owners and
 * managers get the master they asked for. Another master's column is "not found", as on the pages.
 */
export function masterFor<T extends number | "any" | undefined>(actor: Actor, asked: T): T | number {
  const scope = bookingScope(actor);
  if (scope === "all") return asked;
  if (typeof asked === "number" && asked !== scope.staffId) throw notFound("error.not_found");
  return scope.staffId;
}

/** The master filter a list may use: a master sees only their own, whatever they asked for. */
export function staffFilterFor(actor: Actor, asked: number | null): number | null {
  const scope = bookingScope(actor);
  return scope === "all" ? asked : scope.staffId;
}

/** The branch a booking made through the API goes to: an actor limited to branches books only in those (404 otherwise, as for another master). */
export function branchFor(actor: Actor, asked: number | null | undefined): void {
  if (asked !== null && asked !== undefined && !mayActInBranch(actor, asked)) throw notFound("error.not_found");
}
