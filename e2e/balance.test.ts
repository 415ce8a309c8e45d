// issue 14 in Chromium: the client card's balance tab at phone and desktop sizes — top up the wallet
// through the form, sell a certificate and get its printable page, and the booking page of a visit
// paid by a package ("1 of 2 visits left", nothing to pay). Screenshots go to e2e/screenshots/.
import { expect, test } from "bun:test";
import { join } from "node:path";
import { BROWSER_TEST_MS, SHOTS } from "./browser.ts";
import { adminBrowserSuite, DESKTOP, PHONE, signedInPage, WAIT } from "./site.ts";

let client = 0;
let manageUrl = "";
const suite = adminBrowserSuite(async (site) => {
  const base = `/api/v1/businesses/${site.h.slug}`;
  const made = await site.h.api("POST", `${base}/clients`, { name: "Вера Клиентова", phone: "+79161112233", discount_percent: 5 });
  client = ((await made.json()) as { client: { id: number } }).client.id;
  const pkg = await site.h.api("POST", `${base}/packages`, { title: "Две стрижки", service_ids: [1], visits: 2, price: 450_000, valid_days: 60 });
  const packageId = ((await pkg.json()) as { package: { id: number } }).package.id;
  await site.h.api("POST", `${base}/clients/${client}/packages`, { package_id: packageId, method: "card" });
  const booked = await site.h.api("POST", `${base}/bookings`, { service_id: 1, start_ts: "2027-03-02T11:00:00+03:00", client_id: client, use_package: true });
  manageUrl = ((await booked.json()) as { booking: { manage_url: string } }).booking.manage_url;
});

// the page fits the phone's width: nothing to scroll sideways but the tables' own boxes
const overflows = () => document.documentElement.scrollWidth > window.innerWidth + 1;

// each run tops up 1 500 ₽ more: the balance after it
for (const [name, size, after] of [["390", PHONE, /^1[\s\u00a0]500/], ["1280", DESKTOP, /^3[\s\u00a0]000/]] as const) {
  test(`the balance tab at ${name}px: top up, sell a certificate, print it`, async () => {
    const { site, browser } = suite;
    const page = await signedInPage(browser, site, size);
    await page.goto(`${site.origin}/${site.h.slug}/admin/clients/${client}/balance`);
    await page.click("summary:has-text('Пополнить')");
    await page.fill('form[action$="/wallet"] input[name="amount"] >> nth=0', "1500");
    await page.click("form[action$='/wallet'] button:has-text('Пополнить')");
    await page.waitForURL(/saved=1/, WAIT);
    expect(await page.locator(".stats strong").first().textContent()).toMatch(after);
    expect(await page.evaluate(overflows)).toBe(false);
    await page.screenshot({ path: join(SHOTS, `balance-tab-${name}.png`), fullPage: true });

    await page.click("summary:has-text('Продать сертификат')");
    await page.fill('form[action$="/certificates"] input[name="amount"]', "3000");
    await page.fill('form[action$="/certificates"] input[name="expires_at"]', "2027-12-31");
    await page.click("form[action$='/certificates'] button:has-text('Продать сертификат')");
    await page.locator(".certificate-code").waitFor(WAIT);
    expect(await page.locator(".certificate-code").textContent()).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await page.screenshot({ path: join(SHOTS, `certificate-${name}.png`), fullPage: true });
    await page.context().close();
  }, BROWSER_TEST_MS);
}

test("the client's booking page of a package visit: the line, what the package has left, nothing to pay", async () => {
  const { site, browser } = suite;
  const page = await (await browser.newContext(PHONE)).newPage();
  const link = new URL(manageUrl);
  await page.goto(`${site.origin}${link.pathname}${link.search}`);
  await expect(page.locator("dl.facts").textContent()).resolves.toContain("Абонемент «Две стрижки»: осталось 1 из 2 визитов");
  expect(await page.evaluate(overflows)).toBe(false);
  await page.screenshot({ path: join(SHOTS, "booking-package-390.png"), fullPage: true });
  await page.context().close();
}, BROWSER_TEST_MS);
