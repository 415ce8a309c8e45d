// The widget on a salon's own site, in real Chromium: a page of ANOTHER site (http://localhost:<port>,
// cross-site to the booking server on 127.0.0.1) loads widget.js, opens a service in the iframe
// overlay, books through it, and hears {type: "zapis:booked", booking_id} from it; a page of an origin
// the salon did not allow gets the frame refused by the browser (frame-ancestors).
import { afterAll, beforeAll, expect, test } from "bun:test";
import { desc } from "drizzle-orm";
import type { BrowserContextOptions, Page } from "playwright-core";
import { BROWSER_TEST_MS, servedHarness } from "./browser.ts";
import { DESKTOP, PHONE, WAIT } from "./site.ts";
import { bookings } from "../src/booking/schema.ts";

let served: Awaited<ReturnType<typeof servedHarness>>;
let salonSite: ReturnType<typeof Bun.serve>;

/** The salon's own site: a service link marked for the widget, and a log of the frame's messages. */
const sitePage = (zapis: string) => `<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Салон</title></head><body>
<h1>Наш салон</h1><a href="#" data-zapis-service="1">Женская стрижка</a>
<script>window.booked = []; addEventListener("message", (e) => booked.push({ origin: e.origin, data: e.data }));</script>
<script src="${zapis}/salon/widget.js" async></script></body></html>`;

beforeAll(async () => {
  served = await servedHarness();
  salonSite = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response(sitePage(served.origin), { headers: { "content-type": "text/html; charset=utf-8" } }) });
  const res = await served.h.api("PATCH", "/api/v1/businesses/salon", { embed_origins: [`http://localhost:${salonSite.port}`] });
  expect(res.status).toBe(200);
}, BROWSER_TEST_MS);

afterAll(async () => {
  await salonSite?.stop(true);
  await served?.close();
}, BROWSER_TEST_MS);

async function openSite(size: BrowserContextOptions, host: string): Promise<Page> {
  const page = await (await served.browser.newContext(size)).newPage();
  page.setDefaultTimeout(WAIT.timeout);
  await page.goto(`http://${host}:${salonSite.port}/`);
  return page;
}

for (const [name, size] of [["phone", PHONE], ["desktop", DESKTOP]] as const) {
  test(`a site the salon allows books through the widget and hears of it (${name})`, async () => {
    const page = await openSite(size, "localhost");
    await page.locator("[data-zapis-book]").waitFor(WAIT); // the floating button is there too
    await page.getByText("Женская стрижка").click();
    const frame = page.frameLocator("[data-zapis-overlay] iframe");
    await frame.getByRole("link", { name: /Любой мастер/ }).click();
    await frame.locator(".slot").first().click();
    await frame.getByLabel("Имя").fill("Вера");
    await frame.getByLabel("Телефон").fill(name === "phone" ? "89161234567" : "89161234568");
    await frame.getByLabel("Я согласен(а) на обработку персональных данных").check();
    await page.screenshot({ path: `/tmp/embed-${name}-details.png` });
    await frame.locator("form.details button[type=submit]").click();
    await frame.locator(".notice.success").waitFor(WAIT);
    await page.waitForFunction(() => (window as unknown as { booked: unknown[] }).booked.length > 0, null, WAIT);
    await page.screenshot({ path: `/tmp/embed-${name}-booked.png` });
    const [last] = await served.h.db.orm.select({ id: bookings.id, source: bookings.source }).from(bookings).orderBy(desc(bookings.id)).limit(1);
    const booked = await page.evaluate(() => (window as unknown as { booked: unknown[] }).booked);
    expect(booked).toEqual([{ origin: served.origin, data: { type: "zapis:booked", booking_id: last!.id } }]);
    // the salon's own chrome stays out of the frame
    expect(await frame.locator("footer").isVisible()).toBe(false);
    await page.context().close();
  }, BROWSER_TEST_MS);
}

test("a site the salon did not allow gets the frame refused", async () => {
  // the same page, served as http://127.0.0.1:<port>: another origin than the allowed localhost one
  const page = await openSite(DESKTOP, "127.0.0.1");
  const refused = page.waitForEvent("console", { predicate: (m) => /frame-ancestors/.test(m.text()), ...WAIT });
  await page.locator("[data-zapis-book]").click();
  expect((await refused).text()).toContain("has been blocked");
  const frame = page.frames().find((f) => f !== page.mainFrame());
  expect(frame).toBeDefined();
  expect(await page.frameLocator("[data-zapis-overlay] iframe").locator(".services, main").count()).toBe(0);
  await page.context().close();
}, BROWSER_TEST_MS);
