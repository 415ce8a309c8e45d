// A client choosing a branch on a phone (issue 17), in real Chromium: the salon page lists the
// branches with address and map link, a branch link opens that branch, and the booking lands there
// at the branch's local time. Screenshots go to e2e/screenshots/ (git-ignored).
import { afterAll, beforeAll, expect, test } from "bun:test";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { BROWSER_TEST_MS, servedHarness, SHOTS } from "./browser.ts";
import { PHONE, WAIT } from "./site.ts";
import type { Harness } from "../test/harness.ts";
import { bookings } from "../src/booking/schema.ts";

const BASE = "/api/v1/businesses/salon";
const ANNA = 2;

let served: Awaited<ReturnType<typeof servedHarness>>;
let h: Harness;
let browser: Browser;
let origin: string;
let almaty: number;

beforeAll(async () => {
  served = await servedHarness(); // Monday 2027-03-01, the demo salon in Moscow
  ({ h, browser, origin } = served);
  const res = await h.api("POST", `${BASE}/locations`, { name: "Алматы", address: "пр. Абая, 10", timezone: "Asia/Almaty", map_url: "https://yandex.kz/maps/-/almaty" });
  almaty = ((await res.json()) as { id: number }).id;
  await h.api("PATCH", `${BASE}/staff/${ANNA}`, { location_ids: [1, almaty] });
  await h.api("PUT", `${BASE}/staff/${ANNA}/schedule`, { location_id: almaty, week: [{ weekday: 5, start: "09:00", end: "18:00" }] });
}, BROWSER_TEST_MS);

afterAll(() => served?.close(), BROWSER_TEST_MS);

test("phone: the client picks the Almaty branch, books there, and the visit is at Almaty time", async () => {
  const page = await (await browser.newContext({ ...PHONE, locale: "ru-RU" })).newPage();
  page.setDefaultTimeout(WAIT.timeout);
  await page.goto(`${origin}/salon`);
  const branches = page.locator("section.branches");
  await branches.waitFor(WAIT);
  expect(await branches.locator(".choice .title").allTextContents()).toEqual(["Test Salon", "Алматы"]);
  expect(await branches.locator(`a.map-link[href="https://yandex.kz/maps/-/almaty"]`).count()).toBe(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
  await page.screenshot({ path: join(SHOTS, "branches-phone-1-salon.png"), fullPage: true });

  await branches.locator(`a[data-branch="${almaty}"]`).click();
  await page.waitForURL(`${origin}/salon?l=${almaty}`, WAIT);
  expect(await page.locator(".salon-card").textContent()).toContain("пр. Абая, 10");
  await page.getByRole("link", { name: "Записаться: Женская стрижка" }).click();
  await page.waitForURL(new RegExp(`/salon/book\\?s=1&l=${almaty}$`), WAIT);
  await page.getByRole("link", { name: /Любой мастер/ }).click();
  await page.waitForSelector(".slot", WAIT);
  await page.screenshot({ path: join(SHOTS, "branches-phone-2-time.png"), fullPage: true });
  // Анна works in Almaty on Fridays: the first free day is Friday, from 10:00 Almaty time
  expect(new URL(page.url()).searchParams.get("l")).toBe(String(almaty));
  expect(await page.locator(".slot .time").first().textContent()).toBe("10:00");

  await page.locator(".slot").first().click();
  await page.waitForSelector("form.details", WAIT);
  await page.getByLabel("Имя").fill("Айгерим");
  await page.getByLabel("Телефон").fill("+7 916 123 45 67");
  await page.getByLabel("Я согласен(а) на обработку персональных данных").check();
  await page.locator("form.details button[type=submit]").click();
  await page.waitForURL(/\/salon\/my\/\d+\?t=/, WAIT);
  await page.screenshot({ path: join(SHOTS, "branches-phone-3-booked.png"), fullPage: true });
  const id = Number(new URL(page.url()).pathname.split("/").at(-1));
  const [row] = await h.db.orm.select().from(bookings).where(eq(bookings.id, id));
  expect(row!.locationId).toBe(almaty);
  expect(new Date(row!.startTs).toISOString()).toBe("2027-03-05T05:00:00.000Z"); // 10:00 in Almaty (+05:00)
}, BROWSER_TEST_MS);
