/**
 * A client pays a prepayment in real Chromium: the booking form sends the phone to YooKassa's
 * confirmation page (the loopback fake, which "pays" and redirects to the return_url), and the
 * return page shows the outcome. YooKassa's notification reaches the webhook; the visit is confirmed.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { join } from "node:path";
import type { Browser, BrowserContextOptions } from "playwright-core";
import { BROWSER_TEST_MS, launchChromium, SHOTS } from "./browser.ts";
import { DESKTOP, PHONE, WAIT } from "./site.ts";
import { bookings } from "../src/booking/schema.ts";
import { freePort } from "../test/sqld.ts";
import { makeHarness, type Harness } from "../test/harness.ts";
import { startFakeYooKassa, type FakeYooKassa } from "../src/payment/testing/fake-yookassa.ts";
import { SHOP } from "../src/payment/testing/setup.ts";

let h: Harness;
let fake: FakeYooKassa;
let browser: Browser;
let server: ReturnType<typeof Bun.serve>;
let origin: string;

beforeAll(async () => {
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  fake = startFakeYooKassa({ ...SHOP, notifyUrl: `${origin}/api/v1/businesses/salon/webhooks/yookassa` });
  h = await makeHarness({ env: { ZAPIS_YOOKASSA_URL: fake.url, ZAPIS_PUBLIC_URL: origin } });
  server = Bun.serve({ port, hostname: "127.0.0.1", fetch: (request) => h.app.handle(request) });
  const res = await h.api("PATCH", "/api/v1/businesses/salon", { yookassa: { shop_id: SHOP.shopId, secret_key: SHOP.secret }, prepayment: { mode: "fixed", value: 50000 } });
  expect(res.status).toBe(200);
  browser = await launchChromium();
}, BROWSER_TEST_MS);

afterAll(async () => {
  await browser?.close();
  await server?.stop(true);
  h?.close();
  await fake?.close();
}, BROWSER_TEST_MS);

async function payAs(size: BrowserContextOptions, name: string, phone: string, slot: number) {
  const context = await browser.newContext({ ...size, locale: "ru-RU" });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT.timeout);
  await page.goto(`${origin}/salon/book/time?s=1`);
  await page.locator(".slot").nth(slot).click();
  await page.waitForSelector("form.details");
  await page.getByLabel("Имя").fill(name);
  await page.getByLabel("Телефон").fill(phone);
  await page.getByLabel("Я согласен(а) на обработку персональных данных").check();
  await page.getByRole("button", { name: "Записаться" }).click();

  // YooKassa's page (the fake): the amount asked is the salon's fixed 500 ₽
  await page.waitForURL((url) => url.href.startsWith(`${fake.url}/checkout/`));
  await page.locator("h1", { hasText: "500.00" }).waitFor();
  await page.locator("#pay").click();

  await page.waitForURL((url) => url.href.startsWith(`${origin}/salon/payment/`));
  await page.locator(".notice.success", { hasText: "Предоплата 500 ₽ получена" }).waitFor();
  await page.screenshot({ path: join(SHOTS, `payment-${size === PHONE ? "phone" : "desktop"}.png`), fullPage: true });
  await context.close();
}

test("a client pays the prepayment on YooKassa's page and comes back to a confirmed visit (phone and desktop)", async () => {
  await payAs(PHONE, "Вера", "89161234567", 0);
  await payAs(DESKTOP, "Анна", "89167654321", 1);
  const rows = await h.db.orm.select().from(bookings);
  expect(rows.map((b) => [b.status, b.awaitingPaymentUntil])).toEqual([
    ["confirmed", null],
    ["confirmed", null],
  ]);
  expect([...fake.payments.values()].map((p) => p.status)).toEqual(["succeeded", "succeeded"]);
}, BROWSER_TEST_MS);
