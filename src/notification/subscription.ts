/** How clients choose their channels without an account: signed opt-out links and Telegram deep links. */
import { and, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import { bookings } from "../booking/schema.ts";
import { business } from "../business/schema.ts";
import { clients } from "../client/schema.ts";
import type { Database, Reader } from "../db/database.ts";
import type { Locale } from "../i18n/i18n.ts";
import type { Clock } from "../time/clock.ts";
import { addressKey, readOptOutToken, readTelegramStartToken, telegramStartToken } from "./links.ts";
import { notifications, optedOutAddresses, type Channel } from "./schema.ts";
import { readSettings } from "./settings.ts";

export interface OptOutTarget {
  clientId: number;
  channel: Channel;
  /** The address the link was sent to. */
  address: string;
  /** True: that address is the client's own, so the client's preference changes. */
  own: boolean;
  salon: string;
  locale: Locale;
}

/**
 * What an opt-out link points at; null for a forged or mangled token, or one whose address is no
 * longer the client's nor any of their bookings' contacts.
 */
export async function readOptOut(db: Database, token: string): Promise<OptOutTarget | null> {
  const settings = await readSettings(db.orm);
  const link = readOptOutToken(settings.linkSecret, token);
  if (!link) return null;
  const [client] = await db.orm
    .select({ email: clients.email, phone: clients.phone, telegramChatId: clients.telegramChatId })
    .from(clients)
    .where(eq(clients.id, link.clientId));
  if (!client) return null;
  const stored = link.channel === "email" ? client.email : link.channel === "sms" ? client.phone : client.telegramChatId;
  let address = stored !== null && link.signedFor(stored) ? stored : null;
  const own = address !== null;
  if (!own && link.channel === "email") {
    // the e-mail a booker left on a booking under this client (src/notification/model.ts withBookingContact)
    const contacts = await db.orm
      .selectDistinct({ email: bookings.contactEmail })
      .from(bookings)
      .where(and(eq(bookings.clientId, link.clientId), isNotNull(bookings.contactEmail)));
    address = contacts.map((c) => c.email!).find((email) => link.signedFor(email)) ?? null;
  }
  if (address === null) return null;
  const [salon] = await db.orm.select({ name: business.name, locale: business.locale }).from(business).where(eq(business.id, 1));
  return { clientId: link.clientId, channel: link.channel, address: addressKey(address), own, salon: salon?.name ?? "", locale: salon?.locale ?? "ru" };
}

/**
 * Applies an opt-out link (idempotent: a second click changes nothing). The client's own address
 * turns the channel off for the client; a booker's address is silenced alone, so a stranger who
 * booked with the client's phone can stop only the messages that reach them. Null for a bad token.
 */
export async function applyOptOut(db: Database, clock: Clock, token: string): Promise<OptOutTarget | null> {
  const target = await readOptOut(db, token);
  if (!target) return null;
  await db.write(async (tx) => {
    if (!target.own) {
      await tx.insert(optedOutAddresses).values({ channel: target.channel, address: target.address, createdAt: clock.now() }).onConflictDoNothing();
      return;
    }
    const [client] = await tx.select({ optOut: clients.optOut }).from(clients).where(eq(clients.id, target.clientId));
    if (!client || client.optOut.includes(target.channel)) return;
    await tx.update(clients).set({ optOut: [...client.optOut, target.channel], updatedAt: clock.now() }).where(eq(clients.id, target.clientId));
  });
  return target;
}

/** Whether whoever receives `address` on `channel` asked (through a booking's link) not to get messages. */
export async function addressOptedOut(db: Reader, channel: Channel, address: string): Promise<boolean> {
  const [row] = await db
    .select({ address: optedOutAddresses.address })
    .from(optedOutAddresses)
    .where(and(eq(optedOutAddresses.channel, channel), eq(optedOutAddresses.address, addressKey(address))));
  return row !== undefined;
}

/**
 * The bot's deep link for a client: `https://t.me/<bot>?start=<token>`; null when the salon has no
 * bot. Opening it ties the chat to the CLIENT (all their visits' messages), so callers offer it only
 * to that client: see bookingDeepLink and the messages' telegram_link (src/notification/compose.ts).
 */
export async function telegramDeepLink(db: Reader, clientId: number): Promise<string | null> {
  const settings = await readSettings(db);
  if (!settings.telegramBotToken || !settings.telegramBotUsername) return null;
  return `https://t.me/${settings.telegramBotUsername}?start=${telegramStartToken(settings.linkSecret, clientId)}`;
}

/**
 * The deep link the booking's page offers: only when this booking created its client. Whoever typed
 * the phone of a client who existed before is not shown a key to that client's messages.
 */
export async function bookingDeepLink(db: Reader, booking: { clientId: number | null; createdAt: number }): Promise<string | null> {
  if (booking.clientId === null) return null;
  const [client] = await db.select({ createdAt: clients.createdAt }).from(clients).where(eq(clients.id, booking.clientId));
  return client?.createdAt === booking.createdAt ? telegramDeepLink(db, booking.clientId) : null;
}

/**
 * Ties a Telegram chat to a client and makes Telegram their preferred channel, so reminders arrive
 * there. Callers prove the tie: a signed deep link, a contact Telegram says is the user's own, or a
 * verified Mini App session. False when the client is gone.
 */
export async function linkTelegramChat(db: Database, clock: Clock, clientId: number, chatId: string): Promise<boolean> {
  const now = clock.now();
  return db.write(async (tx) => {
    const linked = await tx
      .update(clients)
      .set({ telegramChatId: chatId, preferredChannel: "telegram", updatedAt: now })
      .where(and(eq(clients.id, clientId), isNull(clients.anonymizedAt)))
      .returning({ id: clients.id });
    if (linked.length === 0) return false;
    // Queued messages chose their channel when queued: the ones no sender holds move to the chat,
    // so the coming reminders arrive there. One a sender has leased or started stays as it is.
    await tx
      .update(notifications)
      .set({ channel: "telegram" })
      .where(
        and(
          eq(notifications.clientId, clientId),
          eq(notifications.status, "pending"),
          isNull(notifications.sendStartedAt),
          or(isNull(notifications.leaseUntil), lt(notifications.leaseUntil, now)),
        ),
      );
    return true;
  });
}

/** The client a deep link's `/start` parameter names, when its signature holds. */
export async function deepLinkClient(db: Database, token: string): Promise<number | null> {
  const settings = await readSettings(db.orm);
  return readTelegramStartToken(settings.linkSecret, token);
}
