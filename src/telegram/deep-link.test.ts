import { describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { T0, type Harness } from "../../test/harness.ts";
import { clients } from "../client/schema.ts";
import { defaultTemplate, fill, loadFacts } from "../notification/compose.ts";
import { deliverDue } from "../notification/delivery.ts";
import { fakeDeliveryDeps } from "../notification/testing/deps.ts";
import { addClient } from "../notification/testing/fixtures.ts";
import { botSalon, connectBot, lastScreen, postUpdate } from "./testing/bot-salon.ts";
import { textUpdate } from "./testing/updates.ts";

/** A visit booked through the public API, two days ahead: its id and manage path. */
async function bookThroughApi(h: Harness): Promise<{ id: number; path: string }> {
  const services = (await (await h.api("GET", `/api/v1/businesses/${h.slug}/services`)).json()) as { data: Array<{ id: number }> };
  const serviceId = services.data[0]!.id;
  const availability = (await (await h.api("GET", `/api/v1/businesses/${h.slug}/availability?date=2027-03-03&service_id=${serviceId}`)).json()) as { days: Array<{ slots: Array<{ start_ts: string }> }> };
  const start = availability.days[0]!.slots[0]!.start_ts;
  const res = await h.api("POST", `/api/v1/businesses/${h.slug}/bookings`, { service_id: serviceId, start_ts: start, client: { name: "Ира", phone: "+79161234567", email: "ira@example.com" } }, { auth: false });
  expect(res.status).toBe(201);
  const { booking } = (await res.json()) as { booking: { id: number; manage_url: string } };
  return { id: booking.id, path: new URL(booking.manage_url).pathname + new URL(booking.manage_url).search };
}

describe("the deep link that ties a chat to the client", () => {
  const s = botSalon();

  test("the confirmation page and the e-mail show it; /start with it links the chat; then the messages arrive in the chat", async () => {
    await connectBot(s.h);
    const booking = await bookThroughApi(s.h);
    const html = await (await s.h.request(`${booking.path}&new=1`)).text();
    const link = /href="(https:\/\/t\.me\/lotos_salon_bot\?start=(c\d+_[A-Za-z0-9_-]{24}))"/.exec(html);
    expect(link).not.toBeNull();
    expect(html).toContain("Получать напоминания в Telegram");

    const facts = (await loadFacts(s.h.db.orm, booking.id, "https://zapis.example/manage"))!;
    expect(fill(defaultTemplate("confirmed", "email", "ru").body, facts.values)).toContain(`Telegram: ${link![1]}`);
    expect(fill(defaultTemplate("confirmed", "sms", "ru").body, facts.values)).toContain(link![1]!);

    const ira = { id: 8_100, first_name: "Ира", language_code: "ru" };
    expect((await postUpdate(s.h, textUpdate(ira, `/start ${link![2]}`))).status).toBe(200);
    expect(s.api.callsOf("sendMessage").map((c) => c.body.text)).toContain("Готово! Test Salon будет присылать уведомления о записях сюда.");
    const [client] = await s.h.db.orm.select().from(clients).where(eq(clients.phone, "+79161234567"));
    expect(client).toMatchObject({ telegramChatId: "8100", preferredChannel: "telegram" });
    // once linked, the messages no longer offer the link
    expect((await loadFacts(s.h.db.orm, booking.id, "x"))!.values.telegram_link).toBe("");

    // the queued confirmation and reminders moved to the chat: the existing channel delivers them there
    const deps = fakeDeliveryDeps(s.h.clock, { telegram: s.api.url });
    try {
      const before = s.api.callsOf("sendMessage").length;
      expect((await deliverDue(deps, { slug: s.h.slug, db: s.h.db })).sent).toBe(1);
      s.h.clock.set(Date.UTC(2027, 2, 2, 8, 0)); // past the reminder a day before the visit
      expect((await deliverDue(deps, { slug: s.h.slug, db: s.h.db })).sent).toBeGreaterThanOrEqual(1);
      const sent = s.api.callsOf("sendMessage").slice(before);
      expect(sent.every((c) => c.body.chat_id === "8100")).toBe(true);
      expect(String(sent.at(-1)!.body.text)).toContain("напоминаем");
    } finally {
      deps.close();
    }
  });

  test("whoever books with the phone of a client who existed before is not offered the client's link", async () => {
    await connectBot(s.h);
    await addClient(s.h.db, T0, { phone: "+79161234567", email: "owner@example.com" });
    s.h.clock.advance(1000);
    const booking = await bookThroughApi(s.h);
    expect(await (await s.h.request(booking.path)).text()).not.toContain("t.me/");
    const facts = (await loadFacts(s.h.db.orm, booking.id, "x"))!;
    // the booker left another e-mail: no message offers the link
    expect(facts.values.telegram_link).toBe("");
  });

  test("a forged /start parameter links nothing", async () => {
    await connectBot(s.h);
    await bookThroughApi(s.h);
    expect((await postUpdate(s.h, textUpdate({ id: 8_200, first_name: "Мал" }, "/start c1_AAAAAAAAAAAAAAAAAAAAAAAA"))).status).toBe(200);
    expect(s.api.callsOf("sendMessage").map((c) => c.body.text)).toContain("Ссылка устарела. Откройте её снова со страницы записи.");
    expect(await s.h.db.orm.select().from(clients).where(eq(clients.telegramChatId, "8200"))).toEqual([]);
    expect(lastScreen(s.api).text).toContain("Test Salon");
  });
});
