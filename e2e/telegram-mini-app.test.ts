// The booking pages as a Telegram Mini App in real Chromium at phone and desktop sizes. Telegram's
// telegram-web-app.js is served by telegram.org, which this machine cannot reach: the test answers
// that URL with a stand-in that sets `Telegram.WebApp` as Telegram's script does (launch data signed
// with the salon's bot token, a dark theme). The page then follows the theme, htmx requests carry
// the launch data, the form starts with the user's name, and the booking links the chat. A plain
// booking's confirmation page offers the bot's deep link. Screenshots go to /tmp/tg-*.png.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { BROWSER_TEST_MS, servedHarness } from "./browser.ts";
import type { Harness } from "../test/harness.ts";
import { clients } from "../src/client/schema.ts";
import { initDataHash } from "../src/telegram/init-data.ts";
import { botInfo, startBotApiFake, type BotApiFake } from "../src/telegram/testing/bot-api-fake.ts";

const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
const SIZES = [
  { name: "phone", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  { name: "desktop", viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false },
] as const;
const WAIT = { timeout: 30_000 };
const DARK = { bg_color: "#17212b", secondary_bg_color: "#0e1621", text_color: "#f5f5f5", hint_color: "#8a9aa9", button_color: "#5288c1", section_separator_color: "#2b3a4a" };

let served: Awaited<ReturnType<typeof servedHarness>>;
let h: Harness;
let browser: Browser;
let origin: string;
let telegram: BotApiFake;

beforeAll(async () => {
  telegram = startBotApiFake({ [TOKEN]: botInfo(123456789, "lotos_salon_bot") });
  served = await servedHarness({ env: { ZAPIS_TELEGRAM_API_URL: telegram.url } });
  ({ h, browser, origin } = served);
  expect((await h.api("PATCH", `/api/v1/businesses/${h.slug}`, { telegram: { bot_token: TOKEN } })).status).toBe(200);
}, BROWSER_TEST_MS);

afterAll(async () => {
  await served?.close();
  await telegram?.close();
}, BROWSER_TEST_MS);

/** Launch data for a user, signed now (the harness clock) with the salon bot's token. */
function launchData(userId: number): string {
  const user = { id: userId, first_name: "Мария", last_name: "Соколова", language_code: "ru" };
  const params = new URLSearchParams({ query_id: `AAH${userId}`, user: JSON.stringify(user), auth_date: String(Math.floor(h.clock.now() / 1000)) });
  params.set("hash", initDataHash([...params.entries()], TOKEN));
  return params.toString();
}

SIZES.forEach((size, i) => {
  test(`${size.name}: inside Telegram the pages follow its theme, send the launch data, prefill the name, and link the chat`, async () => {
    const userId = 900_000 + i;
    const context = await browser.newContext({ ...size, locale: "ru-RU" });
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    const standIn = `window.Telegram = { WebApp: { initData: ${JSON.stringify(launchData(userId))}, themeParams: ${JSON.stringify(DARK)}, ready() {}, expand() {} } };`;
    await page.route("https://telegram.org/js/telegram-web-app.js", (route) => route.fulfill({ contentType: "text/javascript", body: standIn }));
    const sentLaunchData: string[] = [];
    page.on("request", (r) => {
      const header = r.headers()["x-telegram-init-data"];
      if (header) sentLaunchData.push(r.url());
    });

    await page.goto(`${origin}/${h.slug}?tg=1`);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--accent").trim())).toBe("#5288c1");
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(14, 22, 33)");
    await page.screenshot({ path: `/tmp/tg-miniapp-${size.name}-1-salon.png`, fullPage: true });

    await page.getByRole("link", { name: "Записаться: Женская стрижка" }).click();
    await page.getByRole("link", { name: /Любой мастер/ }).click();
    await page.waitForSelector(".slot", WAIT);
    // another day through htmx: the request carries the launch data as the documented header
    await page.locator(".day.free:not([aria-current])").first().click();
    await page.waitForFunction(() => !document.querySelector("#picker.htmx-request"), undefined, WAIT);
    expect(sentLaunchData.some((url) => url.includes("/book/slots"))).toBe(true);
    await page.locator(".slot").first().click();
    await page.waitForSelector("form.details", WAIT);
    expect(await page.getByLabel("Имя").inputValue()).toBe("Мария Соколова");
    await page.screenshot({ path: `/tmp/tg-miniapp-${size.name}-2-details.png`, fullPage: true });
    await page.getByLabel("Телефон").fill(`8916555000${i}`);
    await page.getByLabel("Я согласен(а) на обработку персональных данных").check();
    await page.locator("form.details button[type=submit]").click();
    await page.locator(".notice.success").waitFor(WAIT);
    await page.screenshot({ path: `/tmp/tg-miniapp-${size.name}-3-booked.png`, fullPage: true });
    const [client] = await h.db.orm.select().from(clients).where(eq(clients.phone, `+7916555000${i}`));
    expect(client).toMatchObject({ telegramChatId: String(userId), preferredChannel: "telegram" });
    await context.close();
  }, BROWSER_TEST_MS);
});

test("the confirmation page of a plain booking offers the bot's deep link", async () => {
  const booking = await bookAny();
  const context = await browser.newContext({ ...SIZES[1], locale: "ru-RU" });
  const page = await context.newPage();
  await page.goto(`${origin}${booking}`);
  const link = page.getByRole("link", { name: "Получать напоминания в Telegram" });
  expect(await link.getAttribute("href")).toMatch(/^https:\/\/t\.me\/lotos_salon_bot\?start=c\d+_[A-Za-z0-9_-]{24}$/);
  await page.screenshot({ path: "/tmp/tg-confirmation-desktop.png", fullPage: true });
  await context.close();
}, BROWSER_TEST_MS);

/** A booking of the first service with any master through the public API: its manage path. */
async function bookAny(): Promise<string> {
  const slots = (await (await h.api("GET", `/api/v1/businesses/${h.slug}/availability?date=2027-03-05&service_id=1`)).json()) as { days: Array<{ slots: Array<{ start_ts: string }> }> };
  const res = await h.api("POST", `/api/v1/businesses/${h.slug}/bookings`, { service_id: 1, start_ts: slots.days[0]!.slots[0]!.start_ts, client: { name: "Вера", phone: "+79165550100" } }, { auth: false });
  const url = new URL(((await res.json()) as { booking: { manage_url: string } }).booking.manage_url);
  return `${url.pathname}${url.search}`;
}
