// WhatsApp through the outbox (issue 16), against a fake Cloud API on loopback: template messages
// with their variables, once only, the documented errors sorted into retry / fallback / alert, the
// token write-only, and the account set through the settings PATCH.
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { asc } from "drizzle-orm";
import { makeHarness, problemFields, T0, type Harness } from "../../../test/harness.ts";
import { listAudit } from "../../audit/queries.ts";
import { deliverDue } from "../delivery.ts";
import { enqueueBookingEvent, scheduleReminders } from "../outbox.ts";
import { notifications } from "../schema.ts";
import { readSettings } from "../settings.ts";
import { fakeDeliveryDeps } from "../testing/deps.ts";
import { startSmsRuFake } from "../testing/fakes.ts";
import { addBooking, addClient, configureChannels } from "../testing/fixtures.ts";
import { startWhatsAppFake } from "../testing/whatsapp-fake.ts";

const HOUR = 3_600_000;
const TOKEN = "EAAGm0PX4ZCpsBAtestTOKEN1234567890";
const ACCOUNT = { whatsappPhoneNumberId: "106540352242922", whatsappToken: TOKEN, whatsappConfirmationTemplate: "visit_confirmed", whatsappReminderTemplate: "visit_reminder", whatsappLanguage: "ru" };
let h: Harness;
const cleanup: (() => unknown)[] = [];
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
  h.close();
});
const track = <T extends { close(): unknown }>(x: T): T => (cleanup.push(() => x.close()), x);
const rows = () => h.db.orm.select().from(notifications).orderBy(asc(notifications.id));

async function book(phone = "+79161234567", startTs = T0 + 27 * HOUR) {
  const clientId = await addClient(h.db, T0, { phone, email: null });
  const bookingId = await addBooking(h.db, T0, clientId, startTs);
  await h.db.write(async (tx) => {
    await enqueueBookingEvent(tx, { bookingId, clientId, event: "confirmed", now: h.clock.now(), manageUrl: `http://localhost:3000/salon/my/${bookingId}?t=tok` });
    await scheduleReminders(tx, { bookingId, clientId, startTs, now: h.clock.now() });
  });
  return bookingId;
}

describe("WhatsApp channel", () => {
  test("a confirmation and its reminders go as the salon's templates, each once", async () => {
    const wa = track(startWhatsAppFake({ token: TOKEN }));
    const deps = track(fakeDeliveryDeps(h.clock, { whatsapp: wa.url }));
    await configureChannels(h.db, { ...ACCOUNT, smsruApiId: "KEY" }); // SMS configured too: WhatsApp comes first
    const id = await book();
    await deliverDue(deps, { slug: h.slug, db: h.db });
    await deliverDue(deps, { slug: h.slug, db: h.db }); // a second run sends nothing again
    expect(wa.received).toEqual([
      { phoneNumberId: "106540352242922", to: "79161234567", template: "visit_confirmed", language: "ru", parameters: ["Ирина", "Test Salon", expect.stringContaining("2 марта") as unknown as string, "Женская стрижка", `http://localhost:3000/salon/my/${id}?t=tok`] },
    ]);
    const [confirmed] = await rows();
    expect(confirmed).toMatchObject({ channel: "whatsapp", status: "sent", providerMessageId: "wamid.FAKE000001" });
    h.clock.advance(26 * HOUR); // the 2 h reminder is due
    await deliverDue(deps, { slug: h.slug, db: h.db });
    expect(wa.received.slice(1).map((m) => m.template)).toEqual(["visit_reminder", "visit_reminder"]);
  });

  test("errors: a rate limit is retried, an unreachable number falls back to SMS, a bad token or template alerts the salon", async () => {
    let code: number | null = 130429;
    const wa = track(startWhatsAppFake({ token: TOKEN, fail: () => code }));
    const sms = track(startSmsRuFake());
    const deps = track(fakeDeliveryDeps(h.clock, { whatsapp: wa.url, smsRu: sms.url }));
    await configureChannels(h.db, { ...ACCOUNT, smsruApiId: "KEY" });
    await book("+79160000001", T0 + 100 * HOUR);
    expect((await deliverDue(deps, { slug: h.slug, db: h.db })).retried).toBe(1);
    expect((await rows())[0]).toMatchObject({ status: "pending", dueAt: T0 + 60_000 });

    code = 131026; // not on WhatsApp: the client's next channel
    h.clock.advance(60_000);
    await deliverDue(deps, { slug: h.slug, db: h.db });
    expect((await rows()).filter((r) => r.event === "confirmed").map((r) => [r.channel, r.status])).toEqual([["whatsapp", "failed"], ["sms", "sent"]]);
    expect(sms.received.map((m) => m.to)).toEqual(["79160000001"]);

    code = 132001;
    await book("+79160000002", T0 + 100 * HOUR);
    await deliverDue(deps, { slug: h.slug, db: h.db });
    expect((await readSettings(h.db.orm)).channelAlerts.whatsapp?.key).toBe("notification.alert.whatsapp_template");

    code = null;
    await configureChannels(h.db, { whatsappToken: "EAAGwrongTOKEN0000000000000" });
    await book("+79160000003", T0 + 100 * HOUR);
    await deliverDue(deps, { slug: h.slug, db: h.db });
    expect((await readSettings(h.db.orm)).channelAlerts.whatsapp?.key).toBe("notification.alert.whatsapp_token");
    const errors = (await rows()).map((r) => r.lastError ?? "").join("\n");
    expect(errors).toContain("whatsapp 190");
    expect(errors).not.toContain("EAAG");
  });

  test("'something went wrong' may have sent it: never retried", async () => {
    const wa = track(startWhatsAppFake({ token: TOKEN, fail: () => 131000 }));
    const deps = track(fakeDeliveryDeps(h.clock, { whatsapp: wa.url }));
    await configureChannels(h.db, ACCOUNT);
    await book();
    expect((await deliverDue(deps, { slug: h.slug, db: h.db })).failed).toBe(1);
    h.clock.advance(HOUR);
    await deliverDue(deps, { slug: h.slug, db: h.db });
    expect(wa.received.filter((m) => m.template === "visit_confirmed")).toHaveLength(1);
  });

  test("a cancellation has no WhatsApp template: it goes over the next channel", async () => {
    const wa = track(startWhatsAppFake({ token: TOKEN }));
    const sms = track(startSmsRuFake());
    const deps = track(fakeDeliveryDeps(h.clock, { whatsapp: wa.url, smsRu: sms.url }));
    await configureChannels(h.db, { ...ACCOUNT, smsruApiId: "KEY" });
    const clientId = await addClient(h.db, T0, { phone: "+79160000009", email: null });
    const bookingId = await addBooking(h.db, T0, clientId, T0 + 50 * HOUR);
    await h.db.write((tx) => enqueueBookingEvent(tx, { bookingId, clientId, event: "cancelled", now: h.clock.now() }));
    await deliverDue(deps, { slug: h.slug, db: h.db });
    expect(wa.received).toEqual([]);
    expect((await rows()).map((r) => [r.channel, r.status])).toEqual([["whatsapp", "failed"], ["sms", "sent"]]);
  });
});

describe("WhatsApp settings", () => {
  const BASE = "/api/v1/businesses/salon";
  const account = { phone_number_id: "106540352242922", token: TOKEN, confirmation_template: "visit_confirmed", reminder_template: "visit_reminder", language: "ru" };

  test("the owner sets the account; the token is never shown or audited", async () => {
    const res = await h.api("PATCH", BASE, { whatsapp: account });
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain(TOKEN);
    const s = await readSettings(h.db.orm);
    expect(s).toMatchObject({ whatsappPhoneNumberId: "106540352242922", whatsappToken: TOKEN, whatsappLanguage: "ru" });
    const audit = JSON.stringify(await listAudit(h.db.orm, { entity: null, before: null }));
    expect(audit).toContain("whatsapp_token");
    expect(audit).not.toContain(TOKEN);
    // without a token the saved one stays
    expect((await h.api("PATCH", BASE, { whatsapp: { ...account, token: undefined, language: "en_US" } })).status).toBe(200);
    expect((await readSettings(h.db.orm)).whatsappToken).toBe(TOKEN);
    expect((await h.api("PATCH", BASE, { whatsapp: null })).status).toBe(200);
    expect((await readSettings(h.db.orm)).whatsappToken).toBeNull();
  });

  test("a phone number id that is not digits (a path, a host) is refused", async () => {
    const res = await h.api("PATCH", BASE, { whatsapp: { ...account, phone_number_id: "../evil.com/x", confirmation_template: "Bad Name", language: "russian" } });
    expect(res.status).toBe(400);
    expect((await problemFields(res)).sort()).toEqual(["whatsapp.confirmation_template", "whatsapp.language", "whatsapp.phone_number_id"]);
    expect((await readSettings(h.db.orm)).whatsappPhoneNumberId).toBeNull();
  });
});
