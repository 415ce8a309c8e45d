// The client's booking flow in real Chromium at phone and desktop sizes: the language switch keeps
// the client's place, times come grouped by part of the day with a loading state, a conflict keeps
// the chosen day and dates its alternatives, the manage page asks before cancelling and shows the
// current time when rescheduling, notices differ by kind, text is ≥ 14 px on a phone, and axe finds
// no violation on any page of the flow. Screenshots go to e2e/screenshots/ (git-ignored).
import { afterAll, beforeAll, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { BROWSER_TEST_MS, servedHarness, SHOTS } from "./browser.ts";
import type { Harness } from "../test/harness.ts";
import { business } from "../src/business/schema.ts";

const SIZES = [
  { name: "phone", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  { name: "desktop", viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
] as const;
const WAIT = { timeout: 30_000 };
const AXE = readFileSync(join(import.meta.dir, "../node_modules/axe-core/axe.min.js"), "utf8");

let served: Awaited<ReturnType<typeof servedHarness>>;
let h: Harness;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  served = await servedHarness(); // Monday 2027-03-01 09:00 in Moscow, the demo salon
  ({ h, browser, origin } = served);
  await h.db.write((tx) => tx.update(business).set({ cancelWindowMinutes: 30 }));
}, BROWSER_TEST_MS);

afterAll(() => served?.close(), BROWSER_TEST_MS);

/** axe-core's WCAG 2.1 A/AA and best-practice rules on the page as it is now; the test fails on any violation. */
async function expectNoAxeViolations(page: Page, where: string) {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(o: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe.run({
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(" ")}`);
  });
  expect({ where, violations }).toEqual({ where, violations: [] });
}

/** Every visible element that holds text directly, with its computed size, smaller than 14 px. */
const smallText = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim() !== ""))
      .filter((el) => (el as HTMLElement).offsetParent !== null && !el.closest(".sr, .hp, .skip"))
      .map((el) => ({ text: el.textContent!.trim().slice(0, 30), px: parseFloat(getComputedStyle(el).fontSize) }))
      .filter((e) => e.px < 14),
  );

async function checkPage(page: Page, size: (typeof SIZES)[number], name: string) {
  await expectNoAxeViolations(page, `${name} (${size.name})`);
  if (size.name === "phone") {
    expect({ name, small: await smallText(page) }).toEqual({ name, small: [] });
    // Nothing wider than the phone: a phone would zoom the whole page out to fit it.
    expect({ name, width: await page.evaluate(() => document.documentElement.scrollWidth) }).toEqual({ name, width: size.viewport.width });
  }
  await page.screenshot({ path: join(SHOTS, `flow-${size.name}-${name}.png`), fullPage: true });
}

const background = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).backgroundColor);

for (const size of SIZES) {
  test(`${size.name}: the booking flow keeps the client's place and is accessible at every step`, async () => {
    const context = await browser.newContext({ ...size, locale: "ru-RU" });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);

    await page.goto(`${origin}/salon`);
    await checkPage(page, size, "1-salon");
    await page.getByRole("link", { name: "Записаться: Женская стрижка" }).click();
    await page.waitForURL(/\/salon\/book\?s=1$/, WAIT);
    await checkPage(page, size, "2-service");
    await page.getByRole("link", { name: /Любой мастер/ }).click();
    await page.waitForSelector(".slot", WAIT);

    // Times grouped by part of the day, each group holding only its hours.
    const parts = await page.locator(".day-part").evaluateAll((sections) =>
      sections.map((s) => ({ title: s.querySelector("h3")!.textContent, hours: [...s.querySelectorAll(".slot .time")].map((t) => Number(t.textContent!.slice(0, 2))) })),
    );
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      const [from, to] = { Утро: [0, 12], День: [12, 17], Вечер: [17, 24] }[part.title as "Утро"]!;
      expect(part.hours.every((hour) => hour >= from! && hour < to!)).toBe(true);
    }

    // Another day through htmx: while its times load, the old ones dim and a loading line shows.
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/book/slots?**", async (route) => {
      await gate;
      await route.continue();
    });
    const other = page.locator(".day.free:not([aria-current])").nth(1);
    const otherHref = (await other.getAttribute("href"))!;
    await other.click();
    await page.locator("#picker.htmx-request .loading").waitFor({ state: "visible", ...WAIT });
    await page.screenshot({ path: join(SHOTS, `flow-${size.name}-3-loading.png`) });
    release();
    await page.waitForURL((url) => `${url.pathname}${url.search}` === otherHref, WAIT);
    await page.locator(".loading").waitFor({ state: "hidden", ...WAIT });
    await page.unroute("**/book/slots?**");
    await checkPage(page, size, "3-time");

    // The language switch keeps the step, the master and the day.
    await page.getByRole("link", { name: "EN", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("lang") === "en", WAIT);
    expect(await page.locator("h1").textContent()).toBe("Choose a day and time");
    const url = new URL(page.url());
    expect(`${url.pathname}?${url.searchParams.toString().replace("&lang=en", "")}`).toBe(otherHref);
    expect(await page.locator(".day[aria-current=date]").getAttribute("href")).toBe(otherHref);
    await page.getByRole("link", { name: "RU", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("lang") === "ru", WAIT);

    await page.locator(".slot").first().click();
    await page.waitForSelector("form.details", WAIT);
    await checkPage(page, size, "4-details");
    // A wrong phone: the error notice.
    await page.getByLabel("Имя").fill("Вера");
    await page.getByLabel("Телефон").fill("12");
    await page.getByLabel("Я согласен(а) на обработку персональных данных").check();
    await page.evaluate(() => document.querySelectorAll("[required]").forEach((el) => el.removeAttribute("required")));
    await page.locator("form.details button[type=submit]").click();
    await page.locator(".notice.error").waitFor(WAIT);
    const errorColour = await background(page, ".notice.error");
    await page.screenshot({ path: join(SHOTS, `flow-${size.name}-4-details-error.png`), fullPage: true });
    await page.getByLabel("Телефон").fill("89161234567");
    await page.getByLabel("Я согласен(а) на обработку персональных данных").check();
    await page.locator("form.details button[type=submit]").click();

    await page.locator(".notice.success").waitFor(WAIT);
    expect(await page.locator(".notice.success").textContent()).toBe("Вы записаны!");
    const successColour = await background(page, ".notice.success");
    await checkPage(page, size, "5-confirmation");

    // The manage page: a cancel asks first; rescheduling shows the current time.
    // The confirmation is the manage page itself (the harness's public URL is not this server's).
    const manageUrl = page.url().replace("&new=1", "");
    await page.goto(manageUrl);
    await checkPage(page, size, "6-manage");
    await page.locator("summary", { hasText: "Отменить запись" }).click();
    const question = page.locator("details.confirm form");
    await question.waitFor({ state: "visible", ...WAIT });
    expect(await question.textContent()).toContain("Отменить визит");
    expect(await page.locator(".status").textContent()).not.toBe("Отменена"); // nothing happened yet
    const warnColour = await background(page, "details.confirm .notice.warn");
    await page.screenshot({ path: join(SHOTS, `flow-${size.name}-6-manage-confirm.png`), fullPage: true });
    expect(new Set([successColour, warnColour, errorColour]).size).toBe(3);

    await page.getByRole("link", { name: "Перенести" }).or(page.locator("a", { hasText: "Изменить время" })).first().click();
    await page.locator(".when.current").waitFor(WAIT);
    expect(await page.locator(".when.current").textContent()).toMatch(/^Сейчас вы записаны: .+, \d\d:\d\d–\d\d:\d\d$/);
    await checkPage(page, size, "7-reschedule");

    await page.goto(manageUrl);
    await page.locator("summary", { hasText: "Отменить запись" }).click();
    await page.getByRole("button", { name: "Да, отменить" }).click();
    await page.locator(".notice.success").waitFor(WAIT);
    expect(await page.locator(".status").textContent()).toBe("Отменена");
    await context.close();
  }, 180_000);
}

test("a time taken meanwhile keeps the chosen day and offers dated alternatives", async () => {
  const context = await browser.newContext({ ...SIZES[0], locale: "ru-RU" });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${origin}/salon/book/time?s=1&m=3`);
  const day = page.locator(".day.free:not([aria-current])").nth(2);
  const dayHref = (await day.getAttribute("href"))!;
  await page.goto(`${origin}${dayHref}`);
  const start = Number(await page.locator("button.slot").first().getAttribute("value"));
  // Someone else books that time first.
  const taken = await h.api("POST", "/api/v1/businesses/salon/bookings", { service_id: 1, staff_id: 3, start_ts: new Date(start).toISOString(), client: { name: "Другая", phone: "+79160000009" } }, { auth: false });
  expect(taken.status).toBe(201);
  await page.locator(".slot").first().click();
  await page.locator(".notice.warn").waitFor(WAIT);
  expect(await page.locator(".day[aria-current=date]").getAttribute("href")).toBe(dayHref);
  const alternatives = page.locator(".notice.warn .slot");
  expect(await alternatives.count()).toBeGreaterThan(0);
  expect(await page.locator(".notice.warn .slot .date").count()).toBe(await alternatives.count());
  await expectNoAxeViolations(page, "conflict");
  await page.screenshot({ path: join(SHOTS, "flow-phone-8-conflict.png"), fullPage: true });
  await context.close();
}, 120_000);
