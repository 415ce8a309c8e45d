// Browser reminders (issue 16) end to end over real handlers: the salon's VAPID key made once, a
// browser attached only with the booking's manage token, the reminder pushed to a fake push
// service that verifies the VAPID JWT and decrypts the payload with the browser's private key,
// and a subscription the push service calls gone removed, the client then reached another way.
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { asc, eq } from "drizzle-orm";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { deliverDue } from "../notification/delivery.ts";
import { notifications, notificationSettings } from "../notification/schema.ts";
import { fakeDeliveryDeps } from "../notification/testing/deps.ts";
import { startPushFake, type PushFake } from "../notification/testing/push-fake.ts";
import { exportTenant } from "../tenant/export.ts";
import { bookings } from "../booking/schema.ts";
import { scheduleReminders } from "../notification/outbox.ts";
import { isPushEndpoint } from "./endpoint.ts";
import { pushSubscriptions } from "./schema.ts";
import { vapidKeysOf } from "./vapid.ts";
import { anonymizeClient } from "../client/privacy.ts";

const API = "/api/v1/businesses/salon";
let h: Harness;
let fake: PushFake;
beforeEach(async () => {
  h = await makeHarness({ env: { ZAPIS_ALLOW_PRIVATE_HOSTS: "1" } });
  fake = startPushFake();
});
afterEach(async () => {
  await fake.close();
  h.close();
});

async function book(phone: string): Promise<{ id: number; token: string; manageUrl: string }> {
  const client = { name: "Вера", phone, email: `${phone.slice(1)}@example.com` };
  const res = await h.api("POST", `${API}/bookings`, { service_id: 1, start_ts: "2027-03-02T12:00:00+03:00", client }, { auth: false });
  expect(res.status).toBe(201);
  const { booking } = (await res.json()) as { booking: { id: number; manage_url: string } };
  return { id: booking.id, token: new URL(booking.manage_url).searchParams.get("t")!, manageUrl: booking.manage_url };
}

const subscribe = (id: number, token: string, browser: { endpoint: string; keys: object }) =>
  h.api("POST", `${API}/bookings/${id}/push-subscriptions`, { token, subscription: { endpoint: browser.endpoint, expirationTime: null, keys: browser.keys } }, { auth: false });

describe("Web Push", () => {
  test("the salon's key is stable, its own, and its private half is nowhere to be read", async () => {
    const first = (await (await h.request(`${API}/push/key`)).json()) as { public_key: string };
    const again = (await (await h.request(`${API}/push/key`)).json()) as { public_key: string };
    expect(Buffer.from(first.public_key, "base64url")).toHaveLength(65);
    expect(again.public_key).toBe(first.public_key);
    const [row] = await h.db.orm.select({ secret: notificationSettings.linkSecret }).from(notificationSettings);
    const keys = vapidKeysOf(row!.secret);
    expect(keys.publicKey).toBe(first.public_key);
    expect(vapidKeysOf("another salon's secret").publicKey).not.toBe(first.public_key);
    const exported = JSON.stringify(await exportTenant({ registry: h.deps.registry, dataDir: h.dataDir, clock: h.clock }, h.slug));
    expect(exported).not.toContain(keys.privateKey);
    expect(exported).not.toContain(row!.secret);
  });

  test("only the manage token's holder attaches a browser, and only a push service's address", async () => {
    const visit = await book("+79161110001");
    const browser = fake.browser();
    expect((await subscribe(visit.id, "wrong-token", browser)).status).toBe(404);
    expect((await subscribe(visit.id + 1000, visit.token, browser)).status).toBe(404);
    expect((await subscribe(visit.id, visit.token, { ...browser, keys: { p256dh: "AAAA", auth: "x" } })).status).toBe(400);
    expect(await h.db.orm.select().from(pushSubscriptions)).toEqual([]);
    expect((await subscribe(visit.id, visit.token, browser)).status).toBe(201);
    // the auth secret stays out of the salon's export; anonymizing the client forgets its browsers
    const exported = JSON.stringify(await exportTenant({ registry: h.deps.registry, dataDir: h.dataDir, clock: h.clock }, h.slug));
    expect(exported).not.toContain(browser.keys.auth);
    const [row] = await h.db.orm.select().from(pushSubscriptions);
    await anonymizeClient({ db: h.db, clock: h.clock }, { userId: null, role: "owner", staffId: null, label: "test" }, row!.clientId);
    expect(await h.db.orm.select().from(pushSubscriptions)).toEqual([]);
    // without the operator's ZAPIS_ALLOW_PRIVATE_HOSTS only the browsers' push services count
    expect(isPushEndpoint("https://fcm.googleapis.com/fcm/send/abc", false)).toBe(true);
    expect(isPushEndpoint("https://web.push.apple.com/QGuQ", false)).toBe(true);
    for (const bad of [browser.endpoint, "https://169.254.169.254/latest", "http://fcm.googleapis.com/fcm/send/x", "https://fcm.googleapis.com.evil.ru/x", "https://user@fcm.googleapis.com/x"]) {
      expect(isPushEndpoint(bad, false)).toBe(false);
    }
  });

  test("a reminder arrives as a push the browser decrypts, signed with the salon's key, once; a gone browser is forgotten", async () => {
    const visit = await book("+79161110002");
    const browser = fake.browser();
    expect((await subscribe(visit.id, visit.token, browser)).status).toBe(201);
    // the reminders queued with the booking went to SMS/e-mail: queue them again now that a browser asked
    const [booking] = await h.db.orm.select().from(bookings).where(eq(bookings.id, visit.id));
    await h.db.write(async (tx) => {
      await tx.delete(notifications);
      await scheduleReminders(tx, { bookingId: visit.id, clientId: booking!.clientId, startTs: booking!.startTs, now: h.clock.now(), manageUrl: visit.manageUrl });
    });
    h.clock.advance(3 * 3_600_000); // the day-before reminder is due
    const deps = fakeDeliveryDeps(h.clock, {});
    await deliverDue(deps, { slug: h.slug, db: h.db });
    await deliverDue(deps, { slug: h.slug, db: h.db });
    const rows = async () => (await h.db.orm.select().from(notifications).orderBy(asc(notifications.id))).map((r) => [r.channel, r.status]);
    expect(await rows()).toEqual([["push", "sent"], ["push", "pending"]]);
    expect(fake.received).toHaveLength(1);
    const [push] = fake.received;
    const key = ((await (await h.request(`${API}/push/key`)).json()) as { public_key: string }).public_key;
    expect(push!.vapidKey).toBe(key);
    expect(push!.jwt.aud).toBe(fake.url);
    const message = JSON.parse(push!.text) as { title: string; body: string; url: string };
    expect(message).toMatchObject({ title: "Test Salon", url: visit.manageUrl });
    expect(message.body).toContain("Вера");

    // the browser unsubscribed: the push service answers 410, the subscription goes, SMS/e-mail takes over
    fake.answer(browser.endpoint, 410);
    h.clock.advance(22 * 3_600_000);
    await deliverDue(deps, { slug: h.slug, db: h.db });
    deps.close();
    expect(await h.db.orm.select().from(pushSubscriptions)).toEqual([]);
    const after = await rows();
    expect(after.slice(0, 2)).toEqual([["push", "sent"], ["push", "failed"]]);
    expect(after[2]).toEqual(["email", "failed"]); // the next channel: e-mail (no SMTP in this test)
  });
});
