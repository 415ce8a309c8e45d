import { describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { T0 } from "../../test/harness.ts";
import { clients } from "../client/schema.ts";
import { addClient } from "../notification/testing/fixtures.ts";
import { initDataHash, verifyInitData } from "./init-data.ts";
import { botSalon, connectBot, TOKEN } from "./testing/bot-salon.ts";

const USER = { id: 424242, first_name: "Мария", last_name: "Соколова", language_code: "ru" };

/** Launch data as Telegram signs it for `token`, at `authDate` (seconds); `tamper` changes it after signing. */
function initData(token = TOKEN, authDate = Math.floor(T0 / 1000) - 60, tamper?: (p: URLSearchParams) => void): string {
  const params = new URLSearchParams({ query_id: "AAHdF6IQAAAAAN0XohDhrOrc", user: JSON.stringify(USER), auth_date: String(authDate) });
  params.set("hash", initDataHash([...params.entries()], token));
  tamper?.(params);
  return params.toString();
}

describe("initData verification (the documented HMAC-SHA256 with key WebAppData)", () => {
  test("genuine data names its user", () => {
    expect(verifyInitData(initData(), TOKEN, T0)).toEqual({ id: USER.id, firstName: "Мария", lastName: "Соколова", languageCode: "ru" });
  });

  test("a field changed after signing, another bot's token, a stale or future auth_date, a repeated key: refused", () => {
    expect(verifyInitData(initData(TOKEN, undefined, (p) => p.set("user", JSON.stringify({ ...USER, id: 1 }))), TOKEN, T0)).toBeNull();
    expect(verifyInitData(initData("987654321:ZZHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"), TOKEN, T0)).toBeNull();
    expect(verifyInitData(initData(TOKEN, Math.floor(T0 / 1000) - 24 * 3600 - 1), TOKEN, T0)).toBeNull();
    expect(verifyInitData(initData(TOKEN, Math.floor(T0 / 1000) + 3600), TOKEN, T0)).toBeNull();
    expect(verifyInitData(`${initData()}&auth_date=1`, TOKEN, T0)).toBeNull();
    expect(verifyInitData("hash=zz", TOKEN, T0)).toBeNull();
    expect(verifyInitData("", TOKEN, T0)).toBeNull();
  });
});

describe("the booking pages as a Mini App", () => {
  const s = botSalon();
  const header = (data: string) => ({ "x-telegram-init-data": data });

  test("/<slug>?tg=1 loads Telegram's script and ours, and only that page's CSP allows telegram.org", async () => {
    await connectBot(s.h);
    const mini = await s.h.request(`/${s.h.slug}?tg=1`);
    const html = await mini.text();
    expect(html).toContain('<script src="https://telegram.org/js/telegram-web-app.js"></script>');
    expect(html).toContain("/assets/telegram-mini-app.js");
    expect(mini.headers.get("content-security-policy")).toContain("script-src 'self' https://telegram.org");
    expect(mini.headers.get("content-security-policy")).toContain("frame-ancestors 'self' https://web.telegram.org");
    const plain = await s.h.request(`/${s.h.slug}`);
    expect(await plain.text()).not.toContain("telegram.org");
    expect(plain.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(plain.headers.get("content-security-policy")).not.toContain("telegram.org");
  });

  test("forged or expired launch data is 401 with a translated message, on pages, fragments and POST /bookings", async () => {
    await connectBot(s.h);
    const forged = initData(TOKEN, undefined, (p) => p.set("auth_date", String(Math.floor(T0 / 1000))));
    const page = await s.h.request(`/${s.h.slug}`, { headers: { ...header(forged), "accept-language": "ru" } });
    expect(page.status).toBe(401);
    expect(await page.text()).toContain("Не удалось проверить сеанс Telegram");
    const cookie = await s.h.request(`/${s.h.slug}/book?s=1`, { headers: { cookie: `zapis_tg=${encodeURIComponent(initData(TOKEN, 1_000))}` } });
    expect(cookie.status).toBe(401);
    const api = await s.h.api("POST", `/api/v1/businesses/${s.h.slug}/bookings`, { service_id: 1, start_ts: "2027-03-03T10:00:00+03:00", client: { name: "X", phone: "+79161234567" } }, { auth: false, headers: header(forged) });
    expect(api.status).toBe(401);
    expect((await api.json()).code).toBe("UNAUTHORIZED");
    expect(await s.h.db.orm.select().from(clients)).toEqual([]);
  });

  test("genuine launch data prefills the name (and a linked client's phone) and links the chat to the client the booking creates", async () => {
    await connectBot(s.h);
    const data = initData();
    const services = (await (await s.h.api("GET", `/api/v1/businesses/${s.h.slug}/services`)).json()) as { data: Array<{ id: number }> };
    const serviceId = services.data[0]!.id;
    const details = await (await s.h.request(`/${s.h.slug}/book/details?s=${serviceId}&m=any&start=${Date.UTC(2027, 2, 3, 8)}`, { headers: header(data) })).text();
    expect(details).toContain('value="Мария Соколова"');

    const slots = (await (await s.h.api("GET", `/api/v1/businesses/${s.h.slug}/availability?date=2027-03-03&days=2&service_id=${serviceId}`)).json()) as { days: Array<{ slots: Array<{ start_ts: string }> }> };
    const book = (start: string, phone: string) =>
      s.h.api("POST", `/api/v1/businesses/${s.h.slug}/bookings`, { service_id: serviceId, start_ts: start, client: { name: "Мария Соколова", phone } }, { auth: false, headers: header(data) });
    expect((await book(slots.days[0]!.slots[0]!.start_ts, "+79161234567")).status).toBe(201);
    const [maria] = await s.h.db.orm.select().from(clients).where(eq(clients.phone, "+79161234567"));
    expect(maria).toMatchObject({ telegramChatId: String(USER.id), preferredChannel: "telegram" });
    const again = await (await s.h.request(`/${s.h.slug}/book/details?s=${serviceId}&m=any&start=${Date.UTC(2027, 2, 3, 8)}`, { headers: header(data) })).text();
    expect(again).toContain("+7 916 123 45 67");

    // a client who existed before is not tied to whoever typed their phone
    const other = await addClient(s.h.db, T0, { phone: "+79035550000", email: null });
    s.h.clock.advance(1000); // the client existed before this booking (not written in its millisecond)
    expect((await book(slots.days[1]!.slots[0]!.start_ts, "+79035550000")).status).toBe(201);
    const [stranger] = await s.h.db.orm.select().from(clients).where(eq(clients.id, other));
    expect(stranger!.telegramChatId).toBeNull();
  });
});
