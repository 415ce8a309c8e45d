import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { asc, eq } from "drizzle-orm";
import { makeHarness, T0, type Harness } from "../../test/harness.ts";
import { clients } from "../client/schema.ts";
import { deliverDue } from "./delivery.ts";
import { MAX_ATTEMPTS } from "./lease.ts";
import { enqueueBookingEvent, scheduleReminders } from "./outbox.ts";
import { notifications } from "./schema.ts";
import { readSettings } from "./settings.ts";
import { fakeDeliveryDeps, readableMime } from "./testing/deps.ts";
import { startSmsRuFake, startSmtpFake, startTelegramFake } from "./testing/fakes.ts";
import { addBooking, addClient, configureChannels, type ClientFixture } from "./testing/fixtures.ts";

const HOUR = 3_600_000;
let h: Harness;
const cleanup: (() => unknown)[] = [];
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
  h.close();
});

const rows = () => h.db.orm.select().from(notifications).orderBy(asc(notifications.id));
function track<T extends { close(): unknown }>(x: T): T {
  cleanup.push(() => x.close());
  return x;
}

async function book(client: ClientFixture = {}, startTs = T0 + 27 * HOUR) {
  const clientId = await addClient(h.db, T0, client);
  const bookingId = await addBooking(h.db, T0, clientId, startTs);
  await h.db.write(async (tx) => {
    await enqueueBookingEvent(tx, { bookingId, clientId, event: "confirmed", now: h.clock.now(), manageUrl: `http://localhost:3000/salon/my/${bookingId}?t=tok` });
    await scheduleReminders(tx, { bookingId, clientId, startTs, now: h.clock.now() });
  });
  return { clientId, bookingId };
}

describe("delivery", () => {
  test("email goes over real SMTP with text, HTML and the salon's details; the row records it", async () => {
    const smtp = track(await startSmtpFake());
    const deps = track(fakeDeliveryDeps(h.clock, { smtp: smtp.url }));
    await book({ name: "Ирина" });
    const report = await deliverDue(deps, { slug: h.slug, db: h.db });
    expect(report.sent).toBe(1); // the reminders are not due yet
    expect(smtp.received.length).toBe(1);
    const mail = readableMime(smtp.received[0]!.raw);
    expect(smtp.received[0]!.to).toEqual(["irina@example.com"]);
    expect(mail).toContain("Content-Type: text/plain");
    expect(mail).toContain("Ирина, ждём вас вт, 2 марта в 12:00.\n\nЖенская стрижка, мастер Анна Смирнова.");
    expect(mail).toContain("Content-Type: text/html");
    expect(mail).toContain('href="http://localhost:3000/salon/my/1?t=tok"');
    expect(mail).toContain("http://localhost:3000/salon/unsubscribe/");
    expect(mail).not.toContain("List-Unsubscribe:"); // only reminders carry it
    // the confirmation carries the visit as a calendar file, with an alarm
    expect(mail).toContain("Content-Type: text/calendar");
    const attached = /filename=booking\.ics\r\n\r\n([A-Za-z0-9+/=\r\n]+?)\r\n--/.exec(mail)?.[1] ?? "";
    const ics = Buffer.from(attached.replace(/\r\n/g, ""), "base64").toString("utf8");
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).toContain("UID:booking-1@salon.zapis");
    expect(ics).toContain("BEGIN:VALARM");
    const [row] = await rows();
    expect(row).toMatchObject({ status: "sent", attempts: 1, sentAt: T0 });
    // unique per tenant database: a salon created again under the same slug gets another tag
    expect(row!.providerMessageId).toMatch(/^<n1\.[0-9a-f]{12}\.salon@localhost>$/);
  });

  test("a reminder carries List-Unsubscribe (one-click) and goes out when due, not before", async () => {
    const smtp = track(await startSmtpFake());
    const deps = track(fakeDeliveryDeps(h.clock, { smtp: smtp.url }));
    await book();
    await deliverDue(deps, { slug: h.slug, db: h.db });
    h.clock.set(T0 + 3 * HOUR - 1);
    expect((await deliverDue(deps, { slug: h.slug, db: h.db })).sent).toBe(0);
    h.clock.set(T0 + 3 * HOUR);
    expect((await deliverDue(deps, { slug: h.slug, db: h.db })).sent).toBe(1);
    const mail = readableMime(smtp.received[1]!.raw);
    expect(mail).toMatch(/List-Unsubscribe:\s+<http:\/\/localhost:3000\/api\/v1\/businesses\/salon\/unsubscribe\/1\.email\.[\w-]{22}>/);
    expect(mail).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
  });

  test("SMS through SMS.ru: api_id, sender and text sent; its sms_id stored; low balance raises an alert", async () => {
    const sms = track(startSmsRuFake({ balance: 12.5 }));
    const deps = track(fakeDeliveryDeps(h.clock, { smsRu: sms.url }));
    await configureChannels(h.db, { smsruApiId: "API-KEY", smsSender: "Salon" });
    await book();
    await deliverDue(deps, { slug: h.slug, db: h.db });
    expect(sms.received).toEqual([{ apiId: "API-KEY", to: "79991234567", msg: "Test Salon: ждём вас вт, 2 марта в 12:00, Женская стрижка. http://localhost:3000/salon/my/1?t=tok", from: "Salon" }]);
    expect((await rows())[0]).toMatchObject({ channel: "sms", status: "sent", providerMessageId: "000000-000001" });
    expect((await readSettings(h.db.orm)).channelAlerts.sms).toMatchObject({ key: "notification.alert.sms_low_balance", params: { balance: "12.50" } });
  });

  test("SMS.ru refusing the api_id fails the row for good and tells the salon", async () => {
    const sms = track(startSmsRuFake({ answer: () => ({ status: "ERROR", status_code: 200, status_text: "Неправильный api_id" }) }));
    const deps = track(fakeDeliveryDeps(h.clock, { smsRu: sms.url }));
    await configureChannels(h.db, { smsruApiId: "WRONG" });
    await book({ email: null });
    const report = await deliverDue(deps, { slug: h.slug, db: h.db });
    expect(report.failed).toBe(1);
    expect((await rows())[0]).toMatchObject({ status: "failed", lastError: "sms.ru 200: Неправильный api_id" });
    expect((await readSettings(h.db.orm)).channelAlerts.sms?.key).toBe("notification.alert.sms_credentials");
  });

  test("Telegram: sent through the bot; a chat that blocked the bot falls back to SMS and is unlinked", async () => {
    const tg = track(startTelegramFake({ blocked: new Set(["777"]) }));
    const sms = track(startSmsRuFake());
    const deps = track(fakeDeliveryDeps(h.clock, { telegram: tg.url, smsRu: sms.url }));
    await configureChannels(h.db, { telegramBotToken: "123:ABC", smsruApiId: "KEY" });
    await book({ telegramChatId: "42" });
    const blocked = await book({ telegramChatId: "777", phone: "+79990000777" });
    await deliverDue(deps, { slug: h.slug, db: h.db });
    expect(tg.received.map((m) => [m.token, m.chatId]).sort()).toEqual([
      ["123:ABC", "42"],
      ["123:ABC", "777"],
    ]);
    expect(sms.received.map((m) => m.to)).toEqual(["79990000777"]);
    const confirmed = (await rows()).filter((r) => r.event === "confirmed").map((r) => [r.channel, r.status, r.dedupeKey]);
    expect(confirmed).toEqual([
      ["telegram", "sent", "b1:confirmed"],
      ["telegram", "failed", "b2:confirmed"],
      ["sms", "sent", "b2:confirmed>sms"],
    ]);
    const [client] = await h.db.orm.select().from(clients).where(eq(clients.id, blocked.clientId));
    expect(client!.telegramChatId).toBeNull();
  });

  test("a temporary SMTP failure is retried with backoff, then sent once", async () => {
    const smtp = track(await startSmtpFake({ tempFailData: { times: 2 } }));
    const deps = track(fakeDeliveryDeps(h.clock, { smtp: smtp.url }));
    await book();
    expect((await deliverDue(deps, { slug: h.slug, db: h.db })).retried).toBe(1);
    let [row] = await rows();
    expect(row).toMatchObject({ status: "pending", attempts: 1, dueAt: T0 + 60_000 });
    expect(row!.lastError).toContain("451");
    h.clock.advance(60_000);
    expect((await deliverDue(deps, { slug: h.slug, db: h.db })).retried).toBe(1);
    [row] = await rows();
    expect(row).toMatchObject({ status: "pending", attempts: 2, dueAt: T0 + 60_000 + 120_000 });
    h.clock.advance(119_999);
    expect((await deliverDue(deps, { slug: h.slug, db: h.db })).sent).toBe(0);
    h.clock.advance(1);
    expect((await deliverDue(deps, { slug: h.slug, db: h.db })).sent).toBe(1);
    expect(smtp.received.length).toBe(1);
    expect((await rows())[0]).toMatchObject({ status: "sent", attempts: 3 });
  });

  test("a transient failure that never ends gives up after MAX_ATTEMPTS; a 550 recipient fails at once", async () => {
    const sms = track(startSmsRuFake({ answer: () => ({ status: "ERROR", status_code: 220, status_text: "Сервис временно недоступен" }) }));
    const smtp = track(await startSmtpFake({ rejectRecipient: (a) => (a === "gone@example.com" ? [550, "no such user"] : null) }));
    const deps = track(fakeDeliveryDeps(h.clock, { smsRu: sms.url, smtp: smtp.url }));
    await configureChannels(h.db, { smsruApiId: "KEY" });
    await book();
    await book({ phone: null, email: "gone@example.com" });
    // backoff 1, 2, 4, 8, 16 min: 20-minute steps reach every retry, and stay before the first reminder
    for (let i = 0; i <= MAX_ATTEMPTS; i++) {
      await deliverDue(deps, { slug: h.slug, db: h.db });
      h.clock.advance(20 * 60_000);
    }
    const [smsRow, emailRow] = (await rows()).filter((r) => r.event === "confirmed");
    expect(sms.received.length).toBe(MAX_ATTEMPTS);
    expect(smsRow).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(smsRow!.lastError).toStartWith(`gave up after ${MAX_ATTEMPTS} attempts`);
    expect(emailRow).toMatchObject({ status: "failed", attempts: 1 });
    expect(emailRow!.lastError).toContain("550");
    expect(smtp.received.length).toBe(0);
  });

  test("an SMS that comes due at night waits for the morning", async () => {
    const sms = track(startSmsRuFake());
    const deps = track(fakeDeliveryDeps(h.clock, { smsRu: sms.url }));
    await configureChannels(h.db, { smsruApiId: "KEY" });
    await book({}, T0 + 51 * HOUR); // Wed 12:00
    await h.db.write((tx) => tx.update(notifications).set({ dueAt: T0 + 13 * HOUR }).where(eq(notifications.event, "confirmed")));
    h.clock.set(T0 + 13 * HOUR); // Mon 22:00 Moscow
    expect((await deliverDue(deps, { slug: h.slug, db: h.db })).deferred).toBe(1);
    expect(sms.received.length).toBe(0);
    expect((await rows())[0]).toMatchObject({ status: "pending", dueAt: T0 + 24 * HOUR, attempts: 0 });
    h.clock.set(T0 + 24 * HOUR); // Tue 09:00
    expect((await deliverDue(deps, { slug: h.slug, db: h.db })).sent).toBe(1);
    expect(sms.received.length).toBe(1);
  });
});

