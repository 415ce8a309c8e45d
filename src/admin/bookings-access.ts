import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/audit.ts";
import type { BookingDeps } from "../booking/booking.ts";
import type { Changer } from "../booking/change.ts";
import { emitBookingEvent } from "../booking/events.ts";
import { bookings } from "../booking/schema.ts";
import { AppError, notFound, validationError } from "../error/app-error.ts";

export const NOTES_MAX = 1000;

/** Staff notes on a visit (not a scheduling change: nothing to re-check or notify), audited. */
export async function setBookingNotes(deps: Pick<BookingDeps, "db" | "clock">, input: { bookingId: number; notes: string; by: Changer }): Promise<void> {
  if (input.by.kind !== "staff") throw new AppError("FORBIDDEN", [{ key: "error.forbidden" }]);
  if (input.notes.length > NOTES_MAX) throw validationError([{ field: "notes", key: "booking.notes_too_long", params: { max: NOTES_MAX } }]);
  const now = deps.clock.now();
  const { label, userId } = input.by;
  await deps.db.write(async (tx) => {
    const done = await tx
      .update(bookings)
      .set({ notes: input.notes || null, updatedAt: now })
      .where(eq(bookings.id, input.bookingId))
      .returning({ id: bookings.id });
    if (done.length === 0) throw notFound("booking.not_found", { id: input.bookingId });
    await recordAudit(tx, { at: now, actor: label, userId, action: "booking.notes", entity: "booking", entityId: input.bookingId });
    await emitBookingEvent(tx, "booking.updated", input.bookingId, now);
  });
}
