/** Read side for the admin: the notification log of a booking or a client, and channel alerts. */
import { desc, eq } from "drizzle-orm";
import type { Reader } from "../db/database.ts";
import type { OutboxEvent } from "./model.ts";
import { notifications, type Channel, type ChannelAlert, type NotificationStatus } from "./schema.ts";
import { readSettings } from "./settings.ts";

export interface LogEntry {
  id: number;
  bookingId: number | null;
  event: OutboxEvent;
  channel: Channel;
  status: NotificationStatus;
  attempts: number;
  dueAt: number;
  sentAt: number | null;
  lastError: string | null;
  providerMessageId: string | null;
}

const columns = {
  id: notifications.id,
  bookingId: notifications.bookingId,
  event: notifications.event,
  channel: notifications.channel,
  status: notifications.status,
  attempts: notifications.attempts,
  dueAt: notifications.dueAt,
  sentAt: notifications.sentAt,
  lastError: notifications.lastError,
  providerMessageId: notifications.providerMessageId,
};

/** Every notification of a booking, newest first. */
export function bookingNotificationLog(db: Reader, bookingId: number): Promise<LogEntry[]> {
  return db.select(columns).from(notifications).where(eq(notifications.bookingId, bookingId)).orderBy(desc(notifications.dueAt), desc(notifications.id));
}

/** A client's notifications across bookings, newest first. */
export function clientNotificationLog(db: Reader, clientId: number, limit = 100): Promise<LogEntry[]> {
  return db.select(columns).from(notifications).where(eq(notifications.clientId, clientId)).orderBy(desc(notifications.dueAt), desc(notifications.id)).limit(limit);
}

/** What providers told us the salon must fix (message keys with params), per channel. */
export async function channelAlerts(db: Reader): Promise<Partial<Record<Channel, ChannelAlert>>> {
  return (await readSettings(db)).channelAlerts;
}
