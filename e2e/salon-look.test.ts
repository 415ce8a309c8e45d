// The owner's booking-page settings as a client sees them, and the admin calendar's working hours,
// in a real browser (Debian's Chromium driven by playwright-core). Screenshots at phone and desktop
// sizes go to e2e/screenshots/ (git-ignored) for a human to look at.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium, SHOTS } from "./browser.ts";
import { makeHarness, type Harness } from "../test/harness.ts";
import { signedIn, type TestBrowser } from "../src/session/test-browser.ts";

const SIZES = [
  { name: "390", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  { name: "1440", viewport: { width: 1440, height: 900 }, isMobile: false, hasTouch: false },
] as const;
const ACCENT = "#2f6f5e";

let h: Harness;
let server: ReturnType<typeof Bun.serve>;
let browser: Browser;
let origin: string;
let owner: TestBrowser;

beforeAll(async () => {
  h = await makeHarness();
  owner = await signedIn(h, { email: "owner@salon.test", password: "owner password", role: "owner" });
  server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: (request) => h.app.handle(request) });
  origin = `http://127.0.0.1:${server.port}`;
  browser = await launchChromium();
  await owner.post("/salon/admin/settings/profile", { name: "Лотос", phone: "8 495 123-45-67", address: "Москва, Тверская ул., 7", timezone: "Europe/Moscow", locale: "ru", currency: "RUB" });
  await owner.post("/salon/admin/settings/page", {
    intro: "Стрижки, окрашивание и уход в центре Москвы.\nЗапишитесь онлайн — мы подтвердим визит сообщением.",
    accent_color: ACCENT,
    consent_text: "Нажимая «Записаться», вы соглашаетесь на обработку персональных данных салоном «Лотос».\nПодробнее — на стойке администратора.",
    languages: ["ru", "kk"],
  });
  await uploadLogo(await drawnLogo());
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.stop(true);
  h?.close();
});

/** A logo to upload: a badge drawn by the browser itself, as PNG bytes. */
async function drawnLogo(): Promise<Uint8Array<ArrayBuffer>> {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  await page.setContent(`<div id="logo" style="width:128px;height:128px;border-radius:50%;background:${ACCENT};color:#fff;font:700 56px sans-serif;display:grid;place-items:center">Л</div>`);
  const bytes = await page.locator("#logo").screenshot({ omitBackground: true });
  await page.close();
  return new Uint8Array(bytes);
}

async function uploadLogo(bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  const form = new FormData();
  form.set("_csrf", owner.csrf());
  form.set("logo", new File([bytes], "logo.png", { type: "image/png" }));
  const cookie = [...owner.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await h.request("/salon/admin/settings/logo", { method: "POST", headers: { cookie }, body: form, redirect: "manual" });
  expect(res.status).toBe(303);
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${origin}/salon/admin`);
  await page.fill('input[name="email"]', "owner@salon.test");
  await page.fill('input[name="password"]', "owner password");
  await page.click('button[type="submit"]');
  await page.waitForURL(`${origin}/salon/admin`);
}

test("the salon page and the booking form wear the salon's logo, words and colour", async () => {
  for (const size of SIZES) {
    const page = await browser.newPage(size);
    await page.goto(`${origin}/salon`);
    expect(await page.locator("img.brand-logo").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(128);
    expect(await page.locator(".intro").innerText()).toContain("Запишитесь онлайн");
    expect(await page.locator(".langs a").allInnerTexts()).toEqual(["RU", "KK"]);
    expect(await page.locator(".service .button").first().evaluate((a) => getComputedStyle(a).backgroundColor)).toBe("rgb(47, 111, 94)");
    await page.locator(".hours-box summary").click();
    await page.screenshot({ path: join(SHOTS, `salon-look-${size.name}.png`), fullPage: true });
    const start = Date.parse("2027-03-01T10:00:00+03:00");
    await page.goto(`${origin}/salon/book/details?s=1&m=2&start=${start}`);
    expect(await page.locator(".consent .owner-text").innerText()).toContain("Подробнее — на стойке");
    await page.screenshot({ path: join(SHOTS, `salon-details-${size.name}.png`), fullPage: true });
    await page.close();
  }
}, 60_000);

test("the admin calendar greys the hours nobody works, day and week", async () => {
  for (const size of SIZES) {
    const page = await browser.newPage(size);
    await signIn(page);
    await page.goto(`${origin}/salon/admin?date=2027-03-01`);
    expect(await page.locator(".cal-off").count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, `calendar-hours-day-${size.name}.png`) });
    await page.goto(`${origin}/salon/admin?date=2027-03-01&view=week&staff=2`);
    // Анна's week: Saturday and Sunday greyed from top to bottom.
    const weekend = page.locator(".cal-col").nth(6).locator(".cal-off");
    expect(await weekend.count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, `calendar-hours-week-${size.name}.png`) });
    await page.close();
  }
}, 60_000);
