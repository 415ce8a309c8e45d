import type { Channel } from "./schema.ts";

/** What a notification is about. "review" asks for feedback after the visit. */
export const NOTIFICATION_EVENTS = ["created", "confirmed", "cancelled", "rescheduled", "reminder", "review"] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];
// issue 15: messages written whole by their sender (no template, no booking): the owner's "new
// review", a client's one-time code, waitlist offers. The row's payload carries the text.
export const DIRECT_EVENTS = ["review_received", "client_code", "waitlist_offer", "waitlist_gone"] as const;
export type DirectEvent = (typeof DIRECT_EVENTS)[number];
export const OUTBOX_EVENTS = [...NOTIFICATION_EVENTS, ...DIRECT_EVENTS] as const;
export type OutboxEvent = (typeof OUTBOX_EVENTS)[number];
/** The events a booking write queues directly (reminders have their own function). */
export type BookingEvent = Exclude<NotificationEvent, "reminder">;

/** Events that only make sense before the visit starts: they are never sent after it. */
export const BEFORE_VISIT: ReadonlySet<OutboxEvent> = new Set(["created", "confirmed", "rescheduled", "reminder"]);

export function isNotificationEvent(value: unknown): value is NotificationEvent {
  return typeof value === "string" && (NOTIFICATION_EVENTS as readonly string[]).includes(value);
}

/** Everything needed to pick a channel for one client. */
export interface Reachability {
  preferredChannel: Channel | null;
  telegramChatId: string | null;
  phone: string | null;
  email: string | null;
  /** issue 16: a browser of the client asked for reminders (push_subscriptions). */
  pushSubscribed: boolean;
  /** Channel names the client turned off; "all" turns off every channel. */
  optOut: readonly string[];
}

/**
 * Where messages about ONE booking go: the e-mail its booker gave (kept on the booking, see
 * migrations/tenant/0016) before the client's own, so a booker's address reaches only their booking.
 */
export function withBookingContact<C extends Reachability>(client: C, booking: { contactEmail: string | null } | null): C {
  return booking?.contactEmail ? { ...client, email: booking.contactEmail } : client;
}

/** Which channels the salon can send through at all. */
export type ConfiguredChannels = Record<Channel, boolean>;

// The default order: a browser push (issue 16) first, since the client asked for it on this very
// booking's page; Telegram is free and instant; WhatsApp reaches a phone for less than an SMS and
// shows the salon's name; SMS reaches everyone with a phone; email last.
const FALLBACK_ORDER: readonly Channel[] = ["push", "telegram", "whatsapp", "sms", "email"];

function hasAddress(client: Reachability, channel: Channel): boolean {
  if (channel === "telegram") return Boolean(client.telegramChatId);
  if (channel === "sms" || channel === "whatsapp") return Boolean(client.phone);
  if (channel === "push") return client.pushSubscribed;
  return Boolean(client.email);
}

/**
 * The channel a notification goes through: the client's preference first, then Telegram → SMS →
 * email; a channel counts only if the client has not opted out of it, has an address on it, the
 * salon has configured it, and it is not in `exclude` (channels that already failed for good).
 * Null: the client cannot be reached.
 */
export function chooseChannel(
  client: Reachability,
  configured: ConfiguredChannels,
  exclude: readonly Channel[] = [],
): Channel | null {
  if (client.optOut.includes("all")) return null;
  const order = client.preferredChannel
    ? [client.preferredChannel, ...FALLBACK_ORDER.filter((c) => c !== client.preferredChannel)]
    : FALLBACK_ORDER;
  return (
    order.find((c) => configured[c] && hasAddress(client, c) && !client.optOut.includes(c) && !exclude.includes(c)) ?? null
  );
}
