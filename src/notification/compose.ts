import { and, asc, eq } from "drizzle-orm";
import { priceSummary } from "../balance/lines.ts";
import { bookingServices, bookings } from "../booking/schema.ts";
import { business, locations } from "../business/schema.ts";
import { resources, services } from "../catalogue/schema.ts";
import { clients } from "../client/schema.ts";
import type { Reader } from "../db/database.ts";
import type { Locale } from "../i18n/i18n.ts";
import { formatLocalDateTime } from "../time/format.ts";
import { withBookingContact, type NotificationEvent, type Reachability } from "./model.ts";
import { isTextChannel, notificationTemplates, type Channel } from "./schema.ts";
import { addressKey } from "./links.ts";
import { telegramDeepLink } from "./subscription.ts";
import { hasPushSubscription } from "../push/schema.ts";
import { DEFAULT_TEMPLATES, type Placeholder } from "./templates/defaults.ts";

/** Everything a template can say about one booking, plus where the client can be reached. */
export interface Facts {
  locale: Locale;
  zone: string;
  startTs: number;
  bookingStatus: string;
  values: Record<Placeholder, string>;
  client: Reachability & { id: number };
}

export interface Template {
  subject: string;
  body: string;
}

/** The facts of a booking's notification; null when the booking or its client is gone. */
export async function loadFacts(db: Reader, bookingId: number, manageUrl: string): Promise<Facts | null> {
  const [row] = await db
    .select({ booking: bookings, client: clients, zone: locations.timezone, address: locations.address, salon: business, pushSubscribed: hasPushSubscription })
    .from(bookings)
    .innerJoin(clients, eq(clients.id, bookings.clientId))
    .innerJoin(locations, eq(locations.id, bookings.locationId))
    .innerJoin(business, eq(business.id, 1))
    .where(eq(bookings.id, bookingId));
  if (!row || row.client.anonymizedAt !== null) return null;
  const parts = await db
    .select({ title: services.title, staff: resources.name })
    .from(bookingServices)
    .innerJoin(services, eq(services.id, bookingServices.serviceId))
    .leftJoin(resources, eq(resources.id, bookingServices.staffId))
    .where(eq(bookingServices.bookingId, bookingId))
    .orderBy(asc(bookingServices.startTs));
  const locale = row.salon.locale;
  const unique = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => Boolean(x)))].join(", ");
  return {
    locale,
    zone: row.zone,
    startTs: row.booking.startTs,
    bookingStatus: row.booking.status,
    values: {
      client_name: row.booking.contactName ?? row.client.name,
      service: unique(parts.map((p) => p.title)),
      start_local: formatLocalDateTime(row.booking.startTs, row.zone, locale),
      staff: unique(parts.map((p) => p.staff)),
      address: row.address ?? "",
      manage_url: manageUrl,
      salon_phone: row.salon.phone ?? "",
      salon: row.salon.name,
      // issue 16: offered until the client's chat is linked, and only when the message reaches the
      // client's own address (not the e-mail of someone who booked with the client's phone)
      telegram_link: row.client.telegramChatId || foreignEmail(row.booking.contactEmail, row.client.email) ? "" : ((await telegramDeepLink(db, row.client.id)) ?? ""),
      price: await priceSummary(db, row.booking, locale),
      // issue 15: filled in by message.ts for the review request (it knows the public URL)
      review_url: "",
    },
    client: withBookingContact(
      {
        id: row.client.id,
        preferredChannel: row.client.preferredChannel,
        email: row.client.email,
        phone: row.client.phone,
        telegramChatId: row.client.telegramChatId,
        pushSubscribed: row.pushSubscribed,
        optOut: row.client.optOut,
      },
      row.booking,
    ),
  };
}

const foreignEmail = (contact: string | null, own: string | null) => contact !== null && addressKey(contact) !== addressKey(own ?? "");

/** The salon's own template for (event, channel, locale), else the built-in one. */
export async function templateFor(db: Reader, event: NotificationEvent, channel: Channel, locale: Locale): Promise<Template> {
  // issue 16: a push says what the salon's Telegram text says; WhatsApp's wording is the salon's
  // template at Meta (its text here is only for the log)
  if (channel === "push") return templateFor(db, event, "telegram", locale);
  if (!isTextChannel(channel)) return defaultTemplate(event, channel, locale);
  const [own] = await db
    .select()
    .from(notificationTemplates)
    .where(and(eq(notificationTemplates.event, event), eq(notificationTemplates.channel, channel), eq(notificationTemplates.locale, locale)));
  return own ? { subject: own.subject ?? "", body: own.body } : defaultTemplate(event, channel, locale);
}

export function defaultTemplate(event: NotificationEvent, channel: Channel, locale: Locale): Template {
  const d = DEFAULT_TEMPLATES[locale][event];
  return { subject: channel === "email" ? d.subject : "", body: channel === "sms" ? d.sms : d.text };
}

/**
 * Fills `{placeholder}`s; unknown names stay as written so a typo is visible in the preview. A line
 * whose placeholders all come out empty is dropped, in the salon's own templates too: a salon
 * without a phone gets no bare "Телефон:" line.
 */
export function fill(text: string, values: Record<Placeholder, string>): string {
  const lines = text.split("\n").flatMap((line) => {
    const names = [...line.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((name) => name in values);
    if (names.length > 0 && names.every((name) => values[name as Placeholder].trim() === "")) return [];
    return [line.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? values[name as Placeholder] : whole))];
  });
  // a dropped line must not leave a double gap or a trailing blank behind
  return lines.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd();
}
