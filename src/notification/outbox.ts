/**
 * The transactional outbox: what a booking write calls, INSIDE its own `db.write` transaction, so
 * the notifications exist exactly when the change does (a rolled-back booking queues nothing).
 *
 * Recipes for the booking write path:
 *   created      enqueueVisitNotifications(tx, {event: "created" | "confirmed", startTs, …})
 *   confirmed    enqueueBookingEvent(tx, {event: "confirmed", …})
 *   rescheduled  voidBookingNotifications(tx, {bookingId, events: ["reminder"]})
 *                + enqueueVisitNotifications(tx, {event: "rescheduled", startTs: new start, …})
 *   cancelled    voidBookingNotifications(tx, {bookingId}) + enqueueBookingEvent(tx, {event: "cancelled", …})
 *   completed    enqueueBookingEvent(tx, {event: "review", dueAt: end + a few hours, …})
 *
 * Semantics:
 * - One row per notification, on ONE channel chosen now: the client's preference, then Telegram →
 *   SMS → email, skipping channels the client opted out of ("opt_out" holds channel names, or
 *   "all"), has no address on, or the salon has not configured. A client no channel reaches gets no
 *   row. If that channel later fails for good, delivery queues the next channel (key + ">channel").
 * - dedupe_key (unique) names the notification, not the channel, so nothing is queued twice even if
 *   a write is retried or the client's preference changed in between:
 *     b<booking>:<event>                       created, confirmed, cancelled, review: once per booking
 *     b<booking>:rescheduled:<now>             one per reschedule
 *     b<booking>:reminder:<offset>:<startTs>   one per offset and visit time
 *   Queuing a key that exists does nothing, except that a VOID row is revived (reschedule 10:00 →
 *   11:00 → back to 10:00 brings the 10:00 reminders back). A sent row is never revived.
 * - Reminders whose time has passed are not queued (a booking made 1 h ahead gets no 2 h reminder).
 * - SMS respects the salon's quiet hours: a night-time due moves to the morning, or to the evening
 *   before when the morning would be after the visit; with no decent time it is not queued.
 * - manageUrl (the client's link to view/cancel) is stored with the row; later rows of the same
 *   booking inherit it when the caller does not pass one (an admin reschedule has no plain token).
 */
import { and, desc, eq, inArray, isNotNull, ne, sql } from "drizzle-orm";
import { bookingTimezone, bookings } from "../booking/schema.ts";
import { business, locations } from "../business/schema.ts";
import { clients } from "../client/schema.ts";
import type { Tx } from "../db/database.ts";
import { prepared } from "../db/prepared.ts";
import { BEFORE_VISIT, chooseChannel, withBookingContact, type BookingEvent, type DirectEvent, type NotificationEvent, type Reachability } from "./model.ts";
import { placeSms } from "./quiet-hours.ts";
import { notifications, type Channel, type DirectMessage, type NotificationPayload } from "./schema.ts";
import { hasPushSubscription } from "../push/schema.ts";
import { configuredChannels, quietHoursOf, readSettings } from "./settings.ts";

const MINUTE_MS = 60_000;

export interface BookingEventInput {
  bookingId: number;
  clientId: number | null;
  event: BookingEvent;
  now: number;
  /** When to send; now by default (a review request goes out hours after the visit). */
  dueAt?: number;
  manageUrl?: string;
}

export interface RemindersInput {
  bookingId: number;
  clientId: number | null;
  /** The visit's start (the new one on reschedule). */
  startTs: number;
  /** Minutes before the start; the salon's reminder_offsets_minutes when omitted. */
  offsetsMinutes?: readonly number[];
  now: number;
  manageUrl?: string;
}

export interface VoidInput {
  bookingId: number;
  /** Which events to void; every event but "cancelled" when omitted. */
  events?: readonly NotificationEvent[];
}

/** Queues one booking event's notification. Returns the row's dedupe key, or null when nobody is reachable. */
export async function enqueueBookingEvent(tx: Tx, input: BookingEventInput): Promise<string | null> {
  const ctx = await loadContext(tx, input.bookingId, input.clientId, input.manageUrl);
  return ctx ? queueEvent(tx, ctx, input) : null;
}

/** Queues the reminders of a visit (one per offset still in the future). Returns how many were queued. */
export async function scheduleReminders(tx: Tx, input: RemindersInput): Promise<number> {
  const ctx = await loadContext(tx, input.bookingId, input.clientId, input.manageUrl);
  return ctx ? queueReminders(tx, ctx, input) : 0;
}

/**
 * A new or moved visit: its event (created, confirmed, rescheduled) and its reminders, with the
 * client, settings and zone read once. The write path of every booking calls this, so it is worth
 * the few queries it saves.
 */
export async function enqueueVisitNotifications(tx: Tx, input: BookingEventInput & Pick<RemindersInput, "startTs">): Promise<void> {
  const ctx = await loadContext(tx, input.bookingId, input.clientId, input.manageUrl);
  if (!ctx) return;
  await queueEvent(tx, ctx, input);
  await queueReminders(tx, ctx, input);
}

async function queueEvent(tx: Tx, ctx: Context, input: BookingEventInput): Promise<string | null> {
  const key = `b${input.bookingId}:${input.event}${input.event === "rescheduled" ? `:${input.now}` : ""}`;
  const queued = await queue(tx, ctx, { event: input.event, key, dueAt: input.dueAt ?? input.now, now: input.now, manageUrl: input.manageUrl });
  return queued ? key : null;
}

async function queueReminders(tx: Tx, ctx: Context, input: RemindersInput): Promise<number> {
  const offsets = input.offsetsMinutes ?? ctx.reminderOffsets;
  let queued = 0;
  for (const offset of new Set(offsets)) {
    const dueAt = input.startTs - offset * MINUTE_MS;
    if (dueAt <= input.now) continue;
    const done = await queue(tx, { ...ctx, startTs: input.startTs }, {
      event: "reminder",
      key: `b${input.bookingId}:reminder:${offset}:${input.startTs}`,
      dueAt,
      now: input.now,
      manageUrl: input.manageUrl,
    });
    if (done) queued++;
  }
  return queued;
}

/** Voids the booking's notifications that have not started sending. Returns how many were voided. */
export async function voidBookingNotifications(tx: Tx, input: VoidInput): Promise<number> {
  const voided = await tx
    .update(notifications)
    .set({ status: "void" })
    .where(
      and(
        eq(notifications.bookingId, input.bookingId),
        eq(notifications.status, "pending"),
        input.events ? inArray(notifications.event, [...input.events]) : ne(notifications.event, "cancelled"),
      ),
    )
    .returning({ id: notifications.id });
  return voided.length;
}

interface Context {
  bookingId: number;
  clientId: number;
  client: Reachability;
  zone: string;
  startTs: number | null;
  settings: Awaited<ReturnType<typeof readSettings>>;
  inheritedManageUrl: string | undefined;
  /** The salon's reminder_offsets_minutes. */
  reminderOffsets: number[];
}

interface Item {
  event: NotificationEvent;
  key: string;
  dueAt: number;
  now: number;
  manageUrl: string | undefined;
}

async function queue(tx: Tx, ctx: Context, item: Item): Promise<boolean> {
  const channel = chooseChannel(ctx.client, configuredChannels(ctx.settings));
  if (!channel) return false;
  let dueAt: number | null = item.dueAt;
  if (channel === "sms") {
    const deadline = BEFORE_VISIT.has(item.event) ? ctx.startTs : null;
    dueAt = placeSms(item.dueAt, ctx.zone, quietHoursOf(ctx.settings), { now: item.now, deadline });
  }
  if (dueAt === null) return false;
  const manageUrl = item.manageUrl ?? ctx.inheritedManageUrl;
  const payload: NotificationPayload = manageUrl ? { manageUrl } : {};
  await insertOrRevive(tx, {
    bookingId: ctx.bookingId,
    clientId: ctx.clientId,
    event: item.event,
    channel,
    dueAt,
    dedupeKey: item.key,
    payload,
    createdAt: item.now,
  });
  return true;
}

type NewRow = typeof notifications.$inferInsert;

/** Inserts the row; an existing key is left alone unless it was voided, in which case it comes back. */
export async function insertOrRevive(tx: Tx, row: NewRow): Promise<void> {
  await tx
    .insert(notifications)
    .values(row)
    .onConflictDoUpdate({
      target: notifications.dedupeKey,
      set: {
        status: "pending",
        channel: sql`excluded.channel`,
        dueAt: sql`excluded.due_at`,
        payload: sql`excluded.payload`,
        attempts: 0,
        lastError: null,
        leaseOwner: null,
        leaseUntil: null,
        sendStartedAt: null,
      },
      setWhere: sql`${notifications.status} = 'void'`,
    });
}

async function loadContext(tx: Tx, bookingId: number, clientId: number | null, manageUrl: string | undefined): Promise<Context | null> {
  if (clientId === null) return null;
  const client = await reachabilityOf(tx).get({ clientId });
  if (!client || client.anonymizedAt !== null) return null;
  const [visit, salon, previous, settings] = await Promise.all([
    visitOf(tx).get({ bookingId }),
    reminderOffsetsOf(tx).get(),
    // a caller that passes the link never inherits one (every new visit does: issue 20)
    manageUrl === undefined ? lastManageUrlOf(tx).get({ bookingId }) : undefined,
    readSettings(tx),
  ]);
  return {
    bookingId,
    clientId,
    client: withBookingContact(client, visit ?? null),
    zone: visit?.zone ?? (await primaryZone(tx)),
    startTs: visit?.startTs ?? null,
    settings,
    inheritedManageUrl: previous?.payload.manageUrl,
    reminderOffsets: salon?.offsets ?? [],
  };
}

// Every booking write reads these: built once (issue 20, src/db/prepared.ts).
const reachabilityOf = prepared((db) =>
  db
    .select({
      preferredChannel: clients.preferredChannel,
      telegramChatId: clients.telegramChatId,
      phone: clients.phone,
      email: clients.email,
      optOut: clients.optOut,
      anonymizedAt: clients.anonymizedAt,
      pushSubscribed: hasPushSubscription, // issue 16
    })
    .from(clients)
    .where(eq(clients.id, sql.placeholder("clientId"))),
);

const visitOf = prepared((db) =>
  db
    .select({ startTs: bookings.startTs, zone: bookingTimezone, contactEmail: bookings.contactEmail })
    .from(bookings)
    .where(eq(bookings.id, sql.placeholder("bookingId"))),
);

const reminderOffsetsOf = prepared((db) => db.select({ offsets: business.reminderOffsetsMinutes }).from(business).where(eq(business.id, 1)));

const lastManageUrlOf = prepared((db) =>
  db
    .select({ payload: notifications.payload })
    .from(notifications)
    .where(and(eq(notifications.bookingId, sql.placeholder("bookingId")), isNotNull(sql`json_extract(${notifications.payload}, '$.manageUrl')`)))
    .orderBy(desc(notifications.id))
    .limit(1),
);

async function primaryZone(tx: Tx): Promise<string> {
  const [row] = await tx.select({ zone: locations.timezone }).from(locations).where(eq(locations.isPrimary, true));
  if (!row) throw new Error("tenant has no primary location");
  return row.zone;
}

// issue 15
export interface DirectInput {
  event: DirectEvent;
  channel: Channel;
  message: DirectMessage;
  /** Names the message once: queuing the same key again does nothing. */
  dedupeKey: string;
  clientId: number | null;
  now: number;
}

/**
 * Queues a message its sender wrote whole (a one-time code, the owner's "new review", a waitlist
 * offer), in the caller's transaction like every other row: it is sent by the same job, with the
 * same lease, retries and exactly-once rules, but without a template or a booking.
 */
export async function enqueueDirect(tx: Tx, input: DirectInput): Promise<void> {
  await insertOrRevive(tx, {
    bookingId: null,
    clientId: input.clientId,
    event: input.event,
    channel: input.channel,
    dueAt: input.now,
    dedupeKey: input.dedupeKey,
    payload: { direct: input.message },
    createdAt: input.now,
  });
}
