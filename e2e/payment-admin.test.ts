/**
 * The owner's side of money in real Chromium: the payments settings tab (a bad shop id is refused
 * with its message, a good one saved, the secret never shown back), and the booking panel taking
 * cash in part, then refunding it. Phone and desktop screenshots go to e2e/screenshots/.
 */
import { expect, test } from "bun:test";
import { join } from "node:path";
import { BROWSER_TEST_MS, SHOTS } from "./browser.ts";
import { adminBrowserSuite, bookVisit, DESKTOP, PHONE, signedInPage } from "./site.ts";
import { payments } from "../src/payment/schema.ts";
import { readPaymentSettings } from "../src/payment/settings.ts";

const suite = adminBrowserSuite();

test("the owner sets up YooKassa and a prepayment; a bad shop id is refused", async () => {
  const { site, browser } = suite;
  const page = await signedInPage(browser, site, DESKTOP);
  await page.goto(`${site.origin}/${site.h.slug}/admin/settings/payments`);
  await page.fill('input[name="shop_id"]', "12ab");
  await page.click("form.payments button.primary");
  await page.locator("[role=alert]").first().waitFor();
  expect(await page.content()).toContain("только цифры");
  await page.fill('input[name="shop_id"]', "506751");
  await page.fill('input[name="secret_key"]', "test_secret_key_123456");
  await page.selectOption('select[name="mode"]', "percent");
  await page.fill('input[name="value"]', "30");
  await page.click("form.payments button.primary");
  await page.waitForURL(/saved=1/);
  expect(await page.content()).not.toContain("test_secret_key_123456");
  await page.screenshot({ path: join(SHOTS, "payment-settings-desktop.png"), fullPage: true });
  expect(await readPaymentSettings(site.h.db.orm)).toMatchObject({ shopId: "506751", secret: "test_secret_key_123456", prepaymentMode: "percent", prepaymentValue: 30 });
  await page.context().close();
}, BROWSER_TEST_MS);

test("the panel takes cash in part, shows paid and due, and refunds it (phone)", async () => {
  const { site, browser } = suite;
  const id = await bookVisit(site, { start: "2027-03-02T11:00:00+03:00", staffId: 2, name: "Ольга" });
  const page = await signedInPage(browser, site, PHONE);
  await page.goto(`${site.origin}/${site.h.slug}/admin/bookings/${id}`);
  await page.fill('form.take-payment input[name="amount"]', "1000");
  await page.click("form.take-payment button");
  await page.locator(".notice", { hasText: "Payment recorded" }).or(page.locator(".notice", { hasText: "Оплата принята" })).waitFor();
  await page.screenshot({ path: join(SHOTS, "payment-panel-phone.png"), fullPage: true });
  await page.locator(".ledger form button").click();
  await page.locator(".notice", { hasText: /Refund made|Возврат оформлен/ }).waitFor();
  // (the first test's prepayment policy also left this visit an unpaid online deposit: not money)
  const rows = (await site.h.db.orm.select().from(payments)).filter((r) => r.method === "cash");
  expect(rows.map((r) => [r.kind, r.method, r.amountMinor, r.status])).toEqual([
    ["payment", "cash", 100000, "succeeded"],
    ["refund", "cash", 100000, "succeeded"],
  ]);
  await page.context().close();
}, BROWSER_TEST_MS);
