// The admin in a real browser (Debian's Chromium driven by playwright-core): sign in, set up a
// service and a schedule, see a client's booking appear in the calendar, cancel it; screenshots at
// phone and desktop sizes go to e2e/screenshots/ (git-ignored) for a human to look at.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { BROWSER_TEST_MS, launchChromium, SHOTS } from "./browser.ts";
import { serveSite, type Site } from "./site.ts";
import type { Harness } from "../test/harness.ts";


let site: Site;
let browser: Browser;
let h: Harness;
let origin: string;

beforeAll(async () => {
  site = await serveSite();
  ({ h, origin } = site);
  browser = await launchChromium();
}, BROWSER_TEST_MS);

afterAll(async () => {
  await browser?.close();
  site?.close();
}, BROWSER_TEST_MS);

const signIn = (page: Page) => site.signIn(page);

describe("admin in Chromium", () => {
  test("book a client from an empty cell, see it in the calendar, cancel it", async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page);
    // A new service Anna performs, and her Tuesday hours, both set up through the admin pages.
    await page.goto(`${origin}/${h.slug}/admin/catalogue/services/new`);
    await page.fill('input[name="title"]', "Стрижка чёлки");
    await page.fill('input[name="duration_minutes"]', "30");
    await page.fill('input[name="price"]', "700");
    await page.check('input[name="staff_ids"][value="2"]');
    await page.click('form button.button[type="submit"]');
    await page.waitForURL(/\/catalogue\/services\/\d+\?saved=1/);
    await page.goto(`${origin}/${h.slug}/admin/schedules?owner=2`);
    await page.fill('input[name="d2_0_start"]', "09:00");
    await page.fill('input[name="d2_0_end"]', "13:30");
    await page.fill('input[name="d2_1_start"]', "14:30");
    await page.fill('input[name="d2_1_end"]', "19:00");
    await page.click('.hours-editor button[type="submit"]');
    await page.waitForSelector(".notice");
    await page.screenshot({ path: join(SHOTS, "schedule-1440.png"), fullPage: true });
    await page.goto(`${origin}/${h.slug}/admin?date=2027-03-02`);
    const cell = page.locator('a.cal-slot[href*="staff=2"][href*="time=11:00"]');
    await cell.click();
    await page.waitForSelector("#panel form");
    // only the fringe: the master's first service comes ticked
    for (const box of await page.locator('#panel input[name="services"]:checked').all()) await box.uncheck();
    await page.check('#panel label.check:has-text("Стрижка чёлки") input[name="services"]');
    await page.fill('#panel input[name="name"]', "Ирина Кузнецова");
    await page.fill('#panel input[name="phone"]', "+7 916 555-12-34");
    await page.click('#panel button.button');
    await page.waitForSelector("#panel .notice");
    await page.waitForSelector('.cal-block:has-text("Ирина Кузнецова")');
    await page.screenshot({ path: join(SHOTS, "calendar-1440.png") });

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(phone);
    await phone.goto(`${origin}/${h.slug}/admin?date=2027-03-02`);
    await phone.screenshot({ path: join(SHOTS, "calendar-390.png") });
    await phone.locator('.cal-block:has-text("Ирина Кузнецова")').first().tap();
    await phone.waitForSelector("#panel .sheet");
    await phone.screenshot({ path: join(SHOTS, "panel-390.png") });
    await phone.fill('#panel input[name="reason"]', "Клиент заболел");
    await phone.click("#panel .danger");
    await phone.waitForSelector("#panel .badge.status-cancelled");
    await phone.waitForSelector('.cal-block:has-text("Ирина Кузнецова")', { state: "detached" });
    expect(await phone.locator('.cal-block:has-text("Ирина Кузнецова")').count()).toBe(0);
    await phone.screenshot({ path: join(SHOTS, "cancelled-390.png") });
  }, BROWSER_TEST_MS);

  test("the second half of the admin is usable at phone and desktop sizes", async () => {
    const pages = ["catalogue", "staff", "schedules?owner=2", "policy", "clients", "clients/1", "settings", "settings/templates", "reports?from=2027-03-01&to=2027-03-31"];
    for (const [width, height] of [[390, 844], [1440, 900]] as const) {
      const page = await browser.newPage({ viewport: { width, height }, ...(width < 500 ? { isMobile: true, hasTouch: true } : {}) });
      await signIn(page);
      for (const path of pages) {
        const res = await page.goto(`${origin}/${h.slug}/admin/${path}`);
        expect({ path, status: res?.status() }).toEqual({ path, status: 200 });
        // Nothing may stick out sideways: a phone user would have to pan the whole page.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect({ path, width, overflow }).toEqual({ path, width, overflow: 0 });
        await page.screenshot({ path: join(SHOTS, `${path.split("?")[0]!.replace(/\//g, "-")}-${width}.png`), fullPage: true });
      }
      await page.close();
    }
  }, BROWSER_TEST_MS);
});
