/**
 * Attaching a browser to a client for reminders. The caller is anonymous: it may only attach a
 * subscription to the booking whose manage token it holds, and so to that booking's client, and
 * it learns nothing else (a wrong token and a missing booking look the same).
 */
import { eq } from "drizzle-orm";
import { bookings } from "../booking/schema.ts";
import { manageTokenHash } from "../booking/tokens.ts";
import type { Database } from "../db/database.ts";
import { notFound } from "../error/app-error.ts";
import { Problems } from "../error/problems.ts";
import type { Clock } from "../time/clock.ts";
import { isPushEndpoint } from "./endpoint.ts";
import { pushSubscriptions } from "./schema.ts";

/** What PushSubscription.toJSON() gives in the browser. */
export interface BrowserSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

const b64url = /^[A-Za-z0-9_-]+={0,2}$/;
const bytes = (value: string) => (b64url.test(value) ? Buffer.from(value, "base64url") : Buffer.alloc(0));

export async function attachSubscription(
  deps: { db: Database; clock: Clock; allowPrivateHosts: boolean },
  bookingId: number,
  token: string,
  subscription: BrowserSubscription,
): Promise<void> {
  const [booking] = Number.isSafeInteger(bookingId) && token ? await deps.db.orm.select({ clientId: bookings.clientId, hash: bookings.manageTokenHash }).from(bookings).where(eq(bookings.id, bookingId)) : [];
  if (!booking || booking.hash !== manageTokenHash(token) || booking.clientId === null) throw notFound();
  const p = new Problems();
  p.check(isPushEndpoint(subscription.endpoint, deps.allowPrivateHosts), "subscription.endpoint", "push.endpoint_invalid");
  // RFC 8291: the browser's P-256 public key (65 bytes, uncompressed) and a 16-byte auth secret
  const key = bytes(subscription.keys.p256dh);
  p.check(key.length === 65 && key[0] === 4 && bytes(subscription.keys.auth).length === 16, "subscription.keys", "push.keys_invalid");
  p.throwIfAny();
  const row = { clientId: booking.clientId, endpoint: subscription.endpoint, p256dh: subscription.keys.p256dh, authSecret: subscription.keys.auth, createdAt: deps.clock.now() };
  // the same browser subscribing again (for another visit) moves to the client of that visit
  await deps.db.write((tx) => tx.insert(pushSubscriptions).values(row).onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: row }));
}

/** The client's browsers, for a push. */
export const subscriptionsOf = (db: Database, clientId: number) => db.orm.select().from(pushSubscriptions).where(eq(pushSubscriptions.clientId, clientId));

/** A browser whose push service says the subscription is gone (404/410): never tried again. */
export const forgetSubscription = (db: Database, id: number) => db.write((tx) => tx.delete(pushSubscriptions).where(eq(pushSubscriptions.id, id)));
