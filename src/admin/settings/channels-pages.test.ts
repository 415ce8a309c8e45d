// The notification channels page (owner only, validated, secrets never shown back or audited), the
// provider alert banner raised by a real delivery against the SMS.ru fake, and the notification log
// in the booking panel and on the client card.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { makeHarness, T0, type Harness } from "../../../test/harness.ts";
import { auditLog } from "../../audit/schema.ts";
import { bookingServices } from "../../booking/schema.ts";
import { resources } from "../../catalogue/schema.ts";
import { parseSmtpUrl } from "../../notification/channels/smtp-address.ts";
import { deliverDue } from "../../notification/delivery.ts";
import { enqueueBookingEvent } from "../../notification/outbox.ts";
import { notificationSettings } from "../../notification/schema.ts";
import { readSettings } from "../../notification/settings.ts";
import { fakeDeliveryDeps } from "../../notification/testing/deps.ts";
import { startSmsRuFake, startSmtpFake, type FakeServer, type SmsRequest } from "../../notification/testing/fakes.ts";
import { addBooking, addClient } from "../../notification/testing/fixtures.ts";
import { signedIn, type TestBrowser } from "../../session/test-browser.ts";
import { botInfo, startBotApiFake, type BotApiFake } from "../../telegram/testing/bot-api-fake.ts";

const HOUR = 3_600_000;
const PAGE = "/admin/settings/channels";
const API_ID = "A1B2C3D4-0000-1111-2222-333344445555";
const BOT_TOKEN = "123456789:AAEhBOweik9ai2o4Nl-HnTjR_uE3q5vJkZs";
const SMTP_PASSWORD = "p@ss:w0rd/secret";
const BAD_API_ID = "FFFFFFFF-0000-0000-0000-000000000000";

let h: Harness;
let owner: TestBrowser;
let manager: TestBrowser;
let sms: FakeServer<SmsRequest>;
let telegram: BotApiFake;

const valid = { smtp_url: "smtp://salon@mail.example.com:587", smtp_password: SMTP_PASSWORD, smtp_from: "Лотос <hello@example.com>", sms_api_id: API_ID, sms_sender: "Lotos", telegram_token: BOT_TOKEN, quiet_start: "22:00", quiet_end: "08:30" };
// Sign-ins write user.create entries; these tests look at notification settings only.
const audits = async () => (await h.db.orm.select().from(auditLog)).filter((a) => a.entity === "notification_settings");
const page = async (b: TestBrowser, path = PAGE) => (await b.get(`/${h.slug}${path}`)).text();

beforeAll(async () => {
  // the bot's token is checked with Telegram (getMe) and its webhook registered (https only) on save
  telegram = startBotApiFake({ [BOT_TOKEN]: botInfo(123456789, "lotos_salon_bot") });
  h = await makeHarness({ env: { ZAPIS_TELEGRAM_API_URL: telegram.url, ZAPIS_PUBLIC_URL: "https://zapis.example" } });
  owner = await signedIn(h, { email: "owner@salon.test", role: "owner" });
  manager = await signedIn(h, { email: "manager@salon.test", role: "manager" });
  // Refuses BAD_API_ID like SMS.ru does (code 200), for sending and for the balance check alike.
  const refused = { status: "ERROR", status_code: 200, status_text: "Неправильный api_id" };
  sms = startSmsRuFake({ answer: (r) => (r.apiId === BAD_API_ID ? refused : undefined), balanceAnswer: (apiId) => (apiId === BAD_API_ID ? refused : undefined) });
  h.deps.providerEndpoints = { smsRu: sms.url, telegram: "http://127.0.0.1:9" };
});
afterAll(async () => {
  await sms.close();
  await telegram.close();
  h.close();
});

describe("channels page", () => {
  test("owner only: a manager can neither open nor save it", async () => {
    expect((await manager.get(`/${h.slug}${PAGE}`)).status).toBe(403);
    expect((await manager.post(`/${h.slug}${PAGE}`, valid)).status).toBe(403);
    expect((await manager.post(`/${h.slug}${PAGE}/check-sms`)).status).toBe(403);
    expect((await readSettings(h.db.orm)).smsruApiId).toBeNull();
    const settings = await page(owner, "/admin/settings");
    expect(settings).toContain(`href="/${h.slug}${PAGE}"`);
  });

  test("bad input is refused with every message, nothing is written, and typed secrets are not echoed", async () => {
    const before = await readSettings(h.db.orm);
    const bad = { smtp_url: "http://salon:typed-secret@mail.example.com", smtp_password: "", smtp_from: "not an address", sms_api_id: "short", sms_sender: "Слишком длинное имя", telegram_token: "typed-bad-token", quiet_start: "25:00", quiet_end: "8" };
    const res = await owner.post(`/${h.slug}${PAGE}`, bad);
    expect(res.status).toBe(400);
    const html = await res.text();
    for (const message of [
      "Укажите адрес вида smtp://",
      "Укажите адрес почты, можно с именем",
      "api_id — от 16 до 64 латинских букв",
      "Имя отправителя — от 2 до 11",
      "Токен бота выглядит так",
      "Укажите время в виде ЧЧ:ММ",
    ]) expect(html).toContain(message);
    expect(html).toContain('value="http://salon@mail.example.com/"'); // the URL as typed, minus its password
    for (const secret of ["typed-secret", "typed-bad-token", "short"]) expect(html).not.toContain(secret);
    expect(await readSettings(h.db.orm)).toEqual(before);
    expect(await audits()).toEqual([]);
  });

  test("an SMTP address is a server and a login: nodemailer options in its query and private hosts are refused, nothing saved", async () => {
    const before = await readSettings(h.db.orm);
    for (const [smtp_url, message] of [
      ["smtp://x?sendmail=true&path=/bin/sh&args=-c&args=id", "Укажите адрес вида smtp://"],
      ["smtp://mail.example.com:587/#x", "Укажите адрес вида smtp://"],
      ["smtp://salon@127.0.0.1:25", "по локальному или частному сетевому адресу"],
      ["smtps://169.254.169.254", "по локальному или частному сетевому адресу"],
      ["smtp://2130706433", "по локальному или частному сетевому адресу"],
      ["smtp://localhost:25", "по локальному или частному сетевому адресу"],
    ] as const) {
      const res = await owner.post(`/${h.slug}${PAGE}`, { ...valid, smtp_url });
      expect([smtp_url, res.status]).toEqual([smtp_url, 400]);
      expect(await res.text()).toContain(message);
    }
    expect(await readSettings(h.db.orm)).toEqual(before);
    // the operator allowed private hosts (ZAPIS_ALLOW_PRIVATE_HOSTS=1): a server on the LAN is saved
    h.deps.config.allowPrivateHosts = true;
    try {
      expect((await owner.post(`/${h.slug}${PAGE}`, { ...valid, smtp_url: "smtp://salon@192.168.1.10:25" })).status).toBe(303);
      expect(parseSmtpUrl((await readSettings(h.db.orm)).smtpUrl!)).toMatchObject({ host: "192.168.1.10", port: 25, user: "salon", password: SMTP_PASSWORD });
    } finally {
      h.deps.config.allowPrivateHosts = false;
      await owner.post(`/${h.slug}${PAGE}`, { ...valid, smtp_url: "" });
    }
  });

  test("a save stores the secrets, shows them only as saved, and audits field names without values", async () => {
    const res = await owner.post(`/${h.slug}${PAGE}`, valid);
    expect(res.status).toBe(303);
    const s = await readSettings(h.db.orm);
    expect(s).toMatchObject({ smsruApiId: API_ID, smsSender: "Lotos", telegramBotToken: BOT_TOKEN, telegramBotUsername: "lotos_salon_bot", smtpFrom: "Лотос <hello@example.com>", quietStartMinutes: 22 * 60, quietEndMinutes: 8 * 60 + 30 });
    expect(decodeURIComponent(new URL(s.smtpUrl!).password)).toBe(SMTP_PASSWORD);

    const html = await page(owner, `${PAGE}?saved=1`);
    expect(html).toContain("Сохранено");
    expect(html).toContain('value="smtp://salon@mail.example.com:587"');
    expect(html).toContain("сохранён; оставьте пустым, чтобы не менять");
    expect(html).toContain(`https://zapis.example/api/v1/businesses/${h.slug}/telegram/webhook`);
    expect(html).toContain("@lotos_salon_bot");
    expect(telegram.webhookOf(BOT_TOKEN)).toEqual({ url: `https://zapis.example/api/v1/businesses/${h.slug}/telegram/webhook`, secret: s.telegramWebhookSecret });
    expect(html).not.toContain(s.telegramWebhookSecret);
    for (const secret of [API_ID, BOT_TOKEN, SMTP_PASSWORD, encodeURIComponent(SMTP_PASSWORD), "w0rd"]) expect(html).not.toContain(secret);

    const [entry, bot] = await audits();
    expect(entry).toMatchObject({ action: "notification_settings.update", details: { sms_sender: "Lotos", quiet_hours: "22:00–08:30" } });
    expect((entry!.details as { changed: string[] }).changed).toEqual(expect.arrayContaining(["smtp_url", "sms_api_id"]));
    expect(bot).toMatchObject({ action: "notification_settings.update", details: { changed: ["telegram_token"], telegram_username: "lotos_salon_bot" } });
    const logged = JSON.stringify(await audits());
    for (const secret of [API_ID, BOT_TOKEN, "w0rd", "mail.example.com"]) expect(logged).not.toContain(secret);
  });

  test("empty secret boxes keep the saved ones; a new server drops the old password; forget deletes", async () => {
    const keep = { ...valid, smtp_password: "", sms_api_id: "", telegram_token: "", sms_sender: "Lotos2" };
    expect((await owner.post(`/${h.slug}${PAGE}`, keep)).status).toBe(303);
    let s = await readSettings(h.db.orm);
    expect([s.smsruApiId, s.telegramBotToken, s.smsSender]).toEqual([API_ID, BOT_TOKEN, "Lotos2"]);
    expect(new URL(s.smtpUrl!).password).not.toBe("");
    // The old password must not travel to another host.
    expect((await owner.post(`/${h.slug}${PAGE}`, { ...keep, smtp_url: "smtp://salon@other.example.com:587" })).status).toBe(303);
    s = await readSettings(h.db.orm);
    expect(new URL(s.smtpUrl!).password).toBe("");
    expect((await owner.post(`/${h.slug}${PAGE}`, { ...keep, forget_telegram_token: "on" })).status).toBe(303);
    expect((await readSettings(h.db.orm)).telegramBotToken).toBeNull();
  });
});

describe("provider alerts", () => {
  test("a delivery refused for a bad api_id raises the banner for the owner only; the check and dismissing clear it", async () => {
    expect((await owner.post(`/${h.slug}${PAGE}`, { ...valid, sms_api_id: BAD_API_ID, smtp_url: "" })).status).toBe(303);
    const clientId = await addClient(h.db, T0, { email: null });
    const bookingId = await addBooking(h.db, T0, clientId, T0 + 27 * HOUR);
    await h.db.write((tx) => enqueueBookingEvent(tx, { bookingId, clientId, event: "confirmed", now: T0, manageUrl: `http://localhost:3000/${h.slug}/my/${bookingId}?t=x` }));
    const deps = fakeDeliveryDeps(h.clock, { smsRu: sms.url });
    expect((await deliverDue(deps, { slug: h.slug, db: h.db })).failed).toBe(1);
    deps.close();

    const banner = "SMS.ru не принял ключ API (код 200)";
    const bookingsPage = await page(owner, "/admin/bookings");
    expect(bookingsPage).toContain(banner);
    expect(bookingsPage).toContain(`href="/${h.slug}${PAGE}"`);
    expect(await page(manager, "/admin/bookings")).not.toContain(banner);

    // The check asks SMS.ru again: still refused, so the alert stays and the answer is shown.
    const checked = await (await owner.post(`/${h.slug}${PAGE}/check-sms`)).text();
    expect(checked).toContain(banner);
    expect((await readSettings(h.db.orm)).channelAlerts.sms?.key).toBe("notification.alert.sms_credentials");

    expect((await owner.post(`/${h.slug}${PAGE}/alerts/dismiss`, { channel: "sms" })).status).toBe(303);
    expect(await page(owner, "/admin/bookings")).not.toContain(banner);
    expect((await audits()).map((a) => a.action)).toContain("notification_alert.dismiss");
  });

  test("a good api_id checks out with the balance and clears a credentials alert", async () => {
    await owner.post(`/${h.slug}${PAGE}`, { ...valid, smtp_url: "" });
    await h.db.write((tx) => tx.update(notificationSettings).set({ channelAlerts: { sms: { key: "notification.alert.sms_credentials", params: { code: 200 }, at: T0 } } }));
    const html = await (await owner.post(`/${h.slug}${PAGE}/check-sms`)).text();
    expect(html).toContain("SMS.ru принял api_id. Баланс: 4122.56 ₽.");
    expect(html).not.toContain("SMS.ru не принял ключ API");
    expect((await readSettings(h.db.orm)).channelAlerts).toEqual({});
  });
});

describe("notification log", () => {
  test("the panel and the client card show a failed SMS with its error and the email sent instead; another master sees nothing", async () => {
    const smtp = await startSmtpFake();
    const unreachable = startSmsRuFake({ answer: (r) => ({ status: "OK", status_code: 100, sms: { [r.to]: { status: "ERROR", status_code: 207, status_text: "На этот номер нельзя отправлять сообщения" } }, balance: 900 }) });
    const clientId = await addClient(h.db, T0, { name: "Вера Лог", phone: "+79995550101", email: "vera@example.com" });
    const bookingId = await addBooking(h.db, T0, clientId, T0 + 28 * HOUR);
    await h.db.write((tx) => enqueueBookingEvent(tx, { bookingId, clientId, event: "confirmed", now: T0, manageUrl: `http://localhost:3000/${h.slug}/my/${bookingId}?t=x` }));
    const deps = fakeDeliveryDeps(h.clock, { smsRu: unreachable.url, smtp: smtp.url });
    await deliverDue(deps, { slug: h.slug, db: h.db });
    await deliverDue(deps, { slug: h.slug, db: h.db });
    deps.close();
    await Promise.all([smtp.close(), unreachable.close()]);
    expect(smtp.received.length).toBe(1);

    const error = "sms.ru 207: На этот номер нельзя отправлять сообщения";
    const panel = await (await owner.get(`/${h.slug}/admin/bookings/${bookingId}`, { "hx-request": "true" })).text();
    const card = await page(owner, `/admin/clients/${clientId}`);
    for (const html of [panel, card]) {
      expect(html).toContain(error);
      expect(html).toContain("ошибка");
      expect(html).toContain("отправлено");
      expect(html).toContain("Запись подтверждена");
      expect(html).toContain("2027 г., 09:00"); // T0 in Moscow, not 06:00 UTC
    }
    expect(card).toContain(`href="/${h.slug}/admin/bookings/${bookingId}"`);

    const [{ staffId }] = (await h.db.orm.select({ staffId: bookingServices.staffId }).from(bookingServices).where(eq(bookingServices.bookingId, bookingId))) as [{ staffId: number }];
    const [other] = await h.db.orm.select({ id: resources.id }).from(resources).where(eq(resources.kind, "staff")).then((rows) => rows.filter((r) => r.id !== staffId));
    const master = await signedIn(h, { email: "other-master@salon.test", role: "staff", staffId: other!.id });
    const denied = await master.get(`/${h.slug}/admin/bookings/${bookingId}`, { "hx-request": "true" });
    expect(denied.status).toBe(404);
    expect(await denied.text()).not.toContain(error);
  });
});
