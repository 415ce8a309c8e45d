import { getProfile, type Profile } from "../business/business.ts";
import type { Database } from "../db/database.ts";
import { t, type Locale } from "../i18n/i18n.ts";
import type { OutgoingAttachment } from "../notification/channels/outcome.ts";
import { bookingIcs, icsMethod } from "./ics.ts";
import { getBooking, type BookingDetails } from "./queries.ts";

/**
 * The .ics of a booking, the same for the manage page's "add to calendar" and the file attached to
 * confirmation emails: what, with whom, where, the manage link, and an alarm before the visit (the
 * salon's nearest reminder offset within 3 hours, at least an hour).
 */
export interface CalendarFileFor {
  slug: string;
  locale: Locale;
  manageUrl: string;
}

export function bookingCalendarFile(booking: BookingDetails, profile: Profile, { slug, locale, manageUrl }: CalendarFileFor): string {
  const title = booking.services.map((s) => s.title).join(", ");
  const masters = [...new Set(booking.services.flatMap((s) => s.staffName ?? []))];
  const salon = profile.business.name;
  return bookingIcs({
    uid: `booking-${booking.id}@${slug}.zapis`,
    stamp: booking.updatedAt,
    sequence: booking.sequence,
    cancelled: booking.status === "cancelled",
    start: booking.startTs,
    end: booking.endTs,
    summary: `${title} — ${salon}`,
    location: booking.address,
    description: [masters.length > 0 ? t(locale, "book.master", { name: masters.join(", ") }) : "", manageUrl].filter(Boolean).join("\n"),
    url: manageUrl,
    alarm: {
      minutes: Math.max(...profile.business.reminderOffsetsMinutes.filter((m) => m <= 180), 60),
      text: t(locale, "ics.alarm", { title, salon }),
    },
  });
}

/**
 * The same, loaded by id, as the e-mail attachment the notification sender adds: the visit as it is
 * now (a cancellation carries the CANCEL of the event, a reschedule the moved one). Null when the
 * booking is gone.
 */
export async function loadBookingCalendarFile(db: Database, bookingId: number, target: CalendarFileFor): Promise<OutgoingAttachment | null> {
  const [booking, profile] = await Promise.all([getBooking(db.orm, bookingId), getProfile(db)]);
  if (!booking) return null;
  // the MIME method must match the file's METHOD (RFC 6047 §2.4)
  const method = icsMethod({ cancelled: booking.status === "cancelled" });
  return { filename: "booking.ics", content: bookingCalendarFile(booking, profile, target), contentType: `text/calendar; charset=utf-8; method=${method}` };
}
