import { afterEach, beforeEach, expect, test } from "bun:test";
import { count } from "drizzle-orm";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { business } from "../business/schema.ts";
import { bookings } from "./schema.ts";

// Demo salon, Monday 2027-03-01 09:00 Moscow: service 1 (60 min + 10 buffer), master 2 works 10–14.
const AT_10 = Date.parse("2027-03-01T10:00:00+03:00");
const API = "/api/v1/businesses/salon/bookings";

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

/** A browser: keeps its cookies, sends forms with its CSRF token. */
function browser() {
  const jar = new Map<string, string>();
  const remember = (res: Response) => {
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, value] = pair!.split("=");
      if (value) jar.set(name!, value);
      else jar.delete(name!);
    }
    return res;
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  return {
    jar,
    get: async (path: string) => remember(await h.request(path, { headers: { cookie: cookie() } })),
    post: async (path: string, fields: Record<string, string>) => {
      if (!jar.has("zapis_csrf")) remember(await h.request("/salon/book/time?s=1", { headers: { cookie: cookie() } }));
      const form = new URLSearchParams({ _csrf: jar.get("zapis_csrf")!, ...fields });
      return remember(
        await h.request(path, { method: "POST", headers: { cookie: cookie(), "content-type": "application/x-www-form-urlencoded" }, body: form.toString(), redirect: "manual" }),
      );
    },
  };
}

const details = { name: "Вера", phone: "8 916 123-45-67", consent: "yes", key: "form-key-0123456789abcdef", s: "1", m: "2", start: String(AT_10) };
const bookingsCount = async () => (await h.db.orm.select({ n: count() }).from(bookings))[0]!.n;

test("choose a time → hold → details → booked → manage page → cancel", async () => {
  // A 30-minute window, so the 10:00 visit booked at 09:00 may still be cancelled online.
  await h.db.write((tx) => tx.update(business).set({ cancelWindowMinutes: 30 }));
  const client = browser();
  const time = await client.get("/salon/book/time?s=1&m=2&d=2027-03-01");
  expect(time.status).toBe(200);
  expect(await time.text()).toContain(`name="start" value="${AT_10}"`);

  const held = await client.post("/salon/book/hold", { s: "1", m: "2", start: String(AT_10) });
  expect(held.status).toBe(303);
  expect(held.headers.get("location")).toBe(`/salon/book/details?s=1&m=2&start=${AT_10}`);
  expect(client.jar.has("zapis_hold")).toBe(true);

  // Held: another browser, and the API, cannot take it while this client types.
  const other = await browser().post("/salon/book/hold", { s: "1", m: "2", start: String(AT_10) });
  expect(other.status).toBe(409);
  const offered = await other.text();
  expect(offered).toContain("Это время только что заняли");
  expect(offered).toContain(`value="${AT_10 + 75 * 60_000}"`); // the nearest free time: 11:15, after the hold and its buffer
  const viaApi = await h.api("POST", API, { service_id: 1, staff_id: 2, start_ts: "2027-03-01T10:00:00+03:00", client: { name: "X", phone: "+79160000000" } }, { auth: false });
  expect(viaApi.status).toBe(409);

  const form = await client.get(held.headers.get("location")!);
  const page = await form.text();
  expect(page).toContain("Мы держим это время для вас до 09:05");
  expect(page).toContain("Анна Смирнова");

  const booked = await client.post("/salon/book", details);
  expect(booked.status).toBe(303);
  const manage = booked.headers.get("location")!;
  expect(manage).toMatch(/^\/salon\/my\/\d+\?t=[\w-]+&new=1$/);
  expect(client.jar.has("zapis_hold")).toBe(false);

  // The same form submitted again (double tap) lands on the same booking.
  const again = await client.post("/salon/book", details);
  expect(again.headers.get("location")).toBe(manage);
  expect(await bookingsCount()).toBe(1);

  const view = await client.get(manage);
  const shown = await view.text();
  expect(shown).toContain("Вы записаны!");
  expect(shown).toContain("10:00–11:00");
  expect(shown).toMatch(/2\s500\s₽/);
  const token = new URL(`http://x${manage}`).searchParams.get("t")!;
  const ics = await client.get(`${manage.split("?")[0]}/ics?t=${token}`);
  expect(ics.headers.get("content-type")).toContain("text/calendar");
  expect(await ics.text()).toContain("BEGIN:VALARM");

  const cancelled = await client.post(`${manage.split("?")[0]}/cancel`, { t: token });
  expect(cancelled.status).toBe(303);
  expect(await (await client.get(cancelled.headers.get("location")!)).text()).toContain("Отменена");
  // The time is free again.
  expect((await browser().post("/salon/book/hold", { s: "1", m: "2", start: String(AT_10) })).status).toBe(303);
});

test("a hold lapses after the salon's hold minutes; going back releases it at once", async () => {
  const noon = AT_10 + 2 * 3600_000;
  expect((await browser().post("/salon/book/hold", { s: "1", m: "2", start: String(noon) })).status).toBe(303);
  expect((await browser().post("/salon/book/hold", { s: "1", m: "2", start: String(noon) })).status).toBe(409);
  h.clock.advance(5 * 60_000 + 1);
  expect((await browser().post("/salon/book/hold", { s: "1", m: "2", start: String(noon) })).status).toBe(303);

  const second = browser();
  const later = AT_10 + 5 * 3600_000;
  expect((await second.post("/salon/book/hold", { s: "1", m: "2", start: String(later) })).status).toBe(303);
  const back = await second.post("/salon/book/release", { back: "s=1&m=2" });
  expect(back.headers.get("location")).toBe("/salon/book/time?s=1&m=2");
  expect((await browser().post("/salon/book/hold", { s: "1", m: "2", start: String(later) })).status).toBe(303);
});

test("bad details re-render the form with messages, values kept as text, nothing written", async () => {
  const client = browser();
  const res = await client.post("/salon/book", { ...details, name: "<script>alert(1)</script>", phone: "123", consent: "" });
  expect(res.status).toBe(400);
  const page = await res.text();
  expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  expect(page).not.toContain("<script>alert(1)");
  expect(page).toContain("Проверьте номер телефона");
  expect(page).toContain("Подтвердите согласие");
  const bot = await client.post("/salon/book", { ...details, website: "http://spam" });
  expect(bot.status).toBe(400);
  expect(await bookingsCount()).toBe(0);
});

test("a script in a name stays text in the API and on pages", async () => {
  const evil = `<img src=x onerror=alert(1)>"'`;
  const res = await h.api("POST", API, { service_id: 1, start_ts: "2027-03-01T10:00:00+03:00", client: { name: evil, phone: "+79161234567" } }, { auth: false });
  expect(res.headers.get("content-type")).toContain("application/json");
  const { booking } = (await res.json()) as { booking: { client: { name: string } } };
  expect(booking.client.name).toBe(evil);
});

test("the time page is cached, and a booking made anywhere takes the time off it at once", async () => {
  const client = browser();
  const before = await (await client.get("/salon/book/time?s=1&m=2&d=2027-03-01")).text();
  expect(before).toContain(`value="${AT_10}"`);
  const res = await h.api("POST", API, { service_id: 1, staff_id: 2, start_ts: "2027-03-01T10:00:00+03:00", client: { name: "A", phone: "+79161234567" } }, { auth: false });
  expect(res.status).toBe(201);
  const after = await (await client.get("/salon/book/time?s=1&m=2&d=2027-03-01")).text();
  expect(after).not.toContain(`value="${AT_10}"`);
  expect(after).toContain(`value="${AT_10 + 75 * 60_000}"`); // 11:15, after the 10-minute buffer
});

test("after the cancellation window the page says whom to call and refuses changes; wrong tokens are 404", async () => {
  const client = browser();
  const booked = await client.post("/salon/book", details);
  const manage = booked.headers.get("location")!;
  const [path, query] = manage.split("?");
  const token = new URLSearchParams(query).get("t")!;
  expect((await client.get(`${path}?t=wrong`)).status).toBe(404);
  h.clock.advance(60 * 60_000); // 10:00 visit, now 10:00 − 2 h window has passed (09:00 + 1 h = 10:00)
  const page = await (await client.get(manage)).text();
  expect(page).toContain("Позвоните в салон");
  expect(page).not.toContain("Отменить запись");
  expect((await client.post(`${path}/cancel`, { t: token })).status).toBe(403);
});

test("reschedule from the manage page through the same check", async () => {
  const client = browser();
  const manage = (await client.post("/salon/book", { ...details, start: String(AT_10 + 2 * 3600_000) })).headers.get("location")!;
  const [path, query] = manage.split("?");
  const token = new URLSearchParams(query).get("t")!;
  const picker = await client.get(`${path}/reschedule?t=${token}&d=2027-03-02`);
  expect(picker.status).toBe(200);
  const newStart = Date.parse("2027-03-02T12:00:00+03:00");
  expect(await picker.text()).toContain(`value="${newStart}"`);
  const moved = await client.post(`${path}/reschedule`, { t: token, m: "2", start: String(newStart) });
  expect(moved.status).toBe(303);
  expect(await (await client.get(moved.headers.get("location")!)).text()).toContain("Время изменено");
});

test("the salon page searches and filters services", async () => {
  const page = await (await h.request("/salon?q=стрижка&dur=45")).text();
  expect(page).toContain("Мужская стрижка");
  expect(page).toContain("Детская стрижка");
  expect(page).not.toContain("Женская стрижка</div>");
  expect(page).toContain('href="/salon/book?s=2"');
});
