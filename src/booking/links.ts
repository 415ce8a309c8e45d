import type { Config } from "../config/config.ts";
import type { Database } from "../db/database.ts";
import type { Clock } from "../time/clock.ts";
import type { BookingDeps } from "./booking.ts";
import { paymentPagePath } from "../payment/online.ts";

/** The client's own page of a booking: view, cancel, reschedule. */
export const managePath = (slug: string, bookingId: number, token: string) => `/${slug}/my/${bookingId}?t=${encodeURIComponent(token)}`;

/** What the booking use-cases need, for one tenant: its database, the clock, and absolute manage links. */
export function bookingDeps(db: Database, deps: { clock: Clock; config: Pick<Config, "publicUrl" | "yookassaUrl"> }, slug: string): BookingDeps {
  return {
    db,
    clock: deps.clock,
    manageUrl: (id, token) => `${deps.config.publicUrl}${managePath(slug, id, token)}`,
    // issue 13
    yookassaUrl: deps.config.yookassaUrl,
    paymentReturnUrl: (id, token) => `${deps.config.publicUrl}${paymentPagePath(slug, id, token)}`,
  };
}
