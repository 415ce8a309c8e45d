import { getProfile, type Profile } from "../business/business.ts";
import type { Database } from "../db/database.ts";
import { t, type Locale } from "../i18n/i18n.ts";
import { bookingIcs } from "./ics.ts";
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
    start: booking.startTs,
    end: booking.endTs,
    summary: `${title} — ${salon}`,
    location: booking.address,
    description: [masters.length > 0 ? t(locale, "book.master", { name: masters.join(", ") }) : "", manageUrl].filter(Boolean).join("\n"),
    url: manageUrl,
    alarmMinutes: Math.max(...profile.business.reminderOffsetsMinutes.filter((m) => m <= 180), 60),
    alarmText: t(locale, "ics.alarm", { title, salon }),
  });
}

/** The same, loaded by id: what the notification sender attaches. Null when the booking is gone. */
export async function loadBookingCalendarFile(db: Database, bookingId: number, target: CalendarFileFor): Promise<string | null> {
  const [booking, profile] = await Promise.all([getBooking(db.orm, bookingId), getProfile(db)]);
  return booking ? bookingCalendarFile(booking, profile, target) : null;
}
