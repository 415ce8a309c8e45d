// The client's place in the flow: the language switch, a conflict, the manage page's questions.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { business } from "../business/schema.ts";

const API = "/api/v1/businesses/salon/bookings";

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
  await h.db.write((tx) => tx.update(business).set({ cancelWindowMinutes: 30 }));
});
afterAll(() => h.close());

/** The `start` values of the time buttons in a page, in page order. */
const starts = (html: string) => [...html.matchAll(/name="start" value="(\d+)"/g)].map((m) => Number(m[1]));
const unescape = (href: string) => href.replaceAll("&amp;", "&");

test("the language switch links back to the same step, day and master", async () => {
  const html = await (await h.request("/salon/book/time?s=1&m=2&d=2027-03-02")).text();
  const links = [...html.matchAll(/<a href="([^"]+)" hreflang="(\w\w)"/g)].map((m) => [m[2], unescape(m[1]!)]);
  expect(links).toContainEqual(["en", "/salon/book/time?s=1&m=2&d=2027-03-02&lang=en"]);
  const salon = await (await h.request("/salon?q=стрижка&c=1")).text();
  expect([...salon.matchAll(/<a href="([^"]+)" hreflang="kk"/g)].map((m) => unescape(m[1]!))).toEqual([`/salon?${new URLSearchParams({ q: "стрижка", c: "1", lang: "kk" })}`]);
});

test("a time taken meanwhile: the page stays on the chosen day and dates every alternative", async () => {
  const day = "2027-03-08"; // a Monday a week ahead: not the day the picker opens by itself
  const page = await (await h.request(`/salon/book/time?s=1&m=2&d=${day}`)).text();
  const start = starts(page)[0]!;
  expect(new Date(start).toISOString().slice(0, 10)).toBe(day);
  const taken = await h.api("POST", API, { service_id: 1, staff_id: 2, start_ts: new Date(start).toISOString(), client: { name: "Другая", phone: "+79160000009" } }, { auth: false });
  expect(taken.status).toBe(201);

  const csrf = await h.request("/salon/book/time?s=1");
  const token = /zapis_csrf=([^;]+)/.exec(csrf.headers.get("set-cookie") ?? "")![1]!;
  const form = new URLSearchParams({ _csrf: token, s: "1", m: "2", start: String(start) });
  const res = await h.request("/salon/book/hold", { method: "POST", headers: { cookie: `zapis_csrf=${token}`, "content-type": "application/x-www-form-urlencoded" }, body: form.toString() });
  expect(res.status).toBe(409);
  const html = await res.text();
  expect(html).toContain("Это время только что заняли");
  // The chosen day is still the one shown…
  expect(unescape(/<a href="([^"]+)"[^>]*aria-current="date"/.exec(html)![1]!)).toContain(`d=${day}`);
  // …and each nearest free time says which day it is on.
  const alternatives = html.slice(html.indexOf('class="notice warn"'), html.indexOf("</section>", html.indexOf('class="notice warn"')));
  const buttons = alternatives.match(/<button class="slot"/g) ?? [];
  expect(buttons.length).toBeGreaterThan(0);
  expect(alternatives.match(/<span class="date">/g)?.length).toBe(buttons.length);
});

test("the manage page asks before cancelling, and rescheduling shows the current time", async () => {
  const res = await h.api("POST", API, { service_id: 1, staff_id: 2, start_ts: "2027-03-01T12:00:00+03:00", client: { name: "Вера", phone: "+79161234567" } }, { auth: false });
  const url = new URL((await res.json()).booking.manage_url);
  const manage = await (await h.request(`${url.pathname}${url.search}`)).text();
  // The first press only opens the question; the form that cancels is inside it.
  expect(manage).toMatch(/<details class="confirm"><summary class="button danger">Отменить запись<\/summary><form method="post" action="[^"]+\/cancel"/);
  expect(manage).toContain("Отменить визит понедельник, 1 марта 2027 г., 12:00–13:00?");
  const reschedule = await (await h.request(`${url.pathname}/reschedule${url.search}`)).text();
  expect(reschedule).toContain("Сейчас вы записаны: понедельник, 1 марта 2027 г., 12:00–13:00");
});
