// issue 14: the client's booking form takes a promo code and a certificate code; a refused code is
// shown beside its field, and the booking page shows the price line by line.
import { afterEach, expect, test } from "bun:test";
import { count } from "drizzle-orm";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { bookings } from "../booking/schema.ts";
import { formPost } from "../booking/testing/form-post.ts";
import { BASE } from "./testing/salon.ts";

let h: Harness;
afterEach(() => h.close());

// Tuesday 2 March 2027, 11:00 Moscow, with Olga (id 3): a haircut of 2 500 ₽
const visit = { s: "1", m: "3", start: String(Date.parse("2027-03-02T11:00:00+03:00")), name: "Вера", phone: "+79161234567", consent: "yes" };
const booked = async () => (await h.db.orm.select({ n: count() }).from(bookings))[0]!.n;

test("a promo code typed on the form prices the visit; the booking page shows the line and what is left to pay", async () => {
  h = await makeHarness();
  expect((await h.api("POST", `${BASE}/promo-codes`, { code: "HELLO", percent: 20 })).status).toBe(201);
  const bad = await formPost(h, "/salon/book", { ...visit, key: "form-key-0123456789abcdef", promo_code: "HELOO" });
  expect(bad.status).toBe(400);
  const form = await bad.text();
  expect(form).toContain("Такого промокода нет: проверьте, нет ли опечатки");
  expect(form).toContain('value="HELOO"');
  expect(await booked()).toBe(0);

  const ok = await formPost(h, "/salon/book", { ...visit, key: "form-key-abcdef0123456789", promo_code: "hello" });
  expect(ok.status).toBe(303);
  const page = await (await h.request(ok.headers.get("location")!)).text();
  expect(page).toContain("Промокод");
  expect(page).toContain("−500\u00a0₽");
  expect(page).toMatch(/К оплате<\/dt>\s*<dd>\s*<strong>2\u00a0000\u00a0₽<\/strong>/);
});
