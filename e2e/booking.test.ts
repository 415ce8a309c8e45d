/**
 * End to end in real Chromium (playwright-core driving Debian's /usr/bin/chromium): a phone-sized
 * browser books through the pages of a real server on loopback, opens the manage link and cancels.
 * Screenshots go to e2e/screenshots/ (git-ignored) for a human to look at.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Locator } from "playwright-core";
import { BROWSER_TEST_MS, launchChromium, SHOTS } from "./browser.ts";
import { business } from "../src/business/schema.ts";
import { loadConfig } from "../src/config/config.ts";
import { createApp } from "../src/http/app.ts";
import { TenantConnections } from "../src/tenant/connections.ts";
import { Registry } from "../src/tenant/registry.ts";
import { createTenant } from "../src/tenant/tenant.ts";
import { systemClock } from "../src/time/clock.ts";


let browser: Browser;
let server: ReturnType<typeof Bun.serve>;
let cleanup: () => void;
let base: string;

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "zapis-e2e-"));
  const registry = await Registry.open(dataDir, systemClock.now());
  const tenants = new TenantConnections(registry, dataDir, { maxOpen: 5, idleMs: 60_000 }, systemClock);
  await createTenant({ registry, dataDir, clock: systemClock }, { slug: "salon", name: "Лотос <b>&</b>", demo: true });
  const open = await tenants.get("salon");
  // A short cancellation window so the visit booked for today or tomorrow may still be cancelled online.
  await open!.db.write((tx) => tx.update(business).set({ cancelWindowMinutes: 30, phone: "+74951234567" }));
  server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: (request) => app.handle(request) });
  base = `http://127.0.0.1:${server.port}`;
  const app = createApp({ config: loadConfig({ ZAPIS_DATA: dataDir, ZAPIS_PUBLIC_URL: base }), clock: systemClock, registry, tenants, version: "e2e" });
  browser = await launchChromium();
  cleanup = () => {
    tenants.closeAll();
    registry.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}, BROWSER_TEST_MS);

afterAll(async () => {
  await browser?.close();
  await server?.stop(true);
  cleanup?.();
}, BROWSER_TEST_MS);

test("a phone books a visit through the pages, opens the manage link and cancels", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "ru-RU" });
  const page = await context.newPage();
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  await page.goto(`${base}/salon`);
  await expectLocator(page.locator("h1")).toHaveText("Лотос <b>&</b>");
  await shot("1-salon");
  await page.getByRole("link", { name: "Записаться: Женская стрижка" }).click();

  await page.getByRole("link", { name: /Любой мастер/ }).click();
  await page.waitForSelector(".slot");
  await shot("2-times");

  // Another free day, through htmx: the times change in place and the URL follows.
  const days = page.locator(".day.free");
  const other = days.nth(1);
  const otherDate = await other.getAttribute("href");
  await other.click();
  await page.waitForURL((url) => `${url.pathname}${url.search}` === otherDate);
  await expectLocator(page.locator(".day[aria-current=date]")).toHaveAttribute("href", otherDate!);
  await page.locator(".slot").first().click();

  await page.waitForSelector("form.details");
  await page.getByLabel("Имя").fill("Вера <script>alert(1)</script>");
  await page.getByLabel("Телефон").fill("89161234567");
  await page.getByLabel("Email (необязательно)").focus(); // the phone is checked and formatted on change
  await expectLocator(page.getByLabel("Телефон")).toHaveValue("+7 916 123 45 67");
  await page.getByLabel("Я согласен(а) на обработку персональных данных").check();
  await shot("3-details");
  await page.getByRole("button", { name: "Записаться" }).click();

  await expectLocator(page.locator(".notice.success")).toHaveText("Вы записаны!");
  await shot("4-booked");
  const manageUrl = await page.locator("#manage-link").inputValue();
  expect(manageUrl).toStartWith(`${base}/salon/my/`);

  const again = await context.newPage();
  await again.goto(manageUrl);
  await expectLocator(again.locator("h1")).toHaveText("Ваша запись");
  await again.locator("summary", { hasText: "Отменить запись" }).click(); // the cancel asks first
  await again.getByRole("button", { name: "Да, отменить" }).click();
  await expectLocator(again.locator(".notice.success")).toHaveText("Запись отменена.");
  await expectLocator(again.locator(".status")).toHaveText("Отменена");
  await again.screenshot({ path: join(SHOTS, "5-cancelled.png"), fullPage: true });
  await context.close();
}, BROWSER_TEST_MS);

// bun:test's expect has no Playwright matchers; these are Playwright's own waits for a condition on
// the live page (it re-queries the element, so a swapped-in replacement counts), up to its timeout.
function expectLocator(locator: Locator) {
  const exactly = (text: string) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`);
  const withAttribute = (name: string, value: string) => locator.and(locator.page().locator(`[${name}="${cssString(value)}"]`));
  return {
    toHaveText: (text: string) => locator.filter({ hasText: exactly(text) }).waitFor(),
    // the server renders the formatted phone into the field it swaps in, so the attribute is the value
    toHaveValue: (value: string) => withAttribute("value", value).waitFor(),
    toHaveAttribute: (name: string, value: string) => withAttribute(name, value).waitFor(),
  };
}

/** A value inside a double-quoted CSS attribute selector. */
const cssString = (value: string) => value.replace(/["\\]/g, "\\$&");
