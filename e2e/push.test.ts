// "Напоминать в браузере" on a visit's page in real Chromium (issue 16): the button shows where
// pushes work, the salon's service worker registers with the salon's pages as its scope, and a
// browser that refuses notifications gets told so in the page's language. (A real subscription
// needs the browser's own push service, which this closed network cannot reach; the server side
// of a subscription and the push itself are tested against a fake push service in src/push.)
import { afterAll, beforeAll, expect, test } from "bun:test";
import { BROWSER_TEST_MS, servedHarness } from "./browser.ts";
import { PHONE, WAIT } from "./site.ts";

let served: Awaited<ReturnType<typeof servedHarness>>;
let visitPath: string;

beforeAll(async () => {
  served = await servedHarness();
  const body = { service_id: 1, start_ts: "2027-03-02T12:00:00+03:00", client: { name: "Вера", phone: "+79161234567" } };
  const res = await served.h.api("POST", "/api/v1/businesses/salon/bookings", body, { auth: false });
  const url = new URL(((await res.json()) as { booking: { manage_url: string } }).booking.manage_url);
  visitPath = `${url.pathname}${url.search}`;
}, BROWSER_TEST_MS);

afterAll(() => served?.close(), BROWSER_TEST_MS);

test("the button, the service worker, and a refusal explained", async () => {
  const context = await served.browser.newContext(PHONE);
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT.timeout);
  await page.goto(`${served.origin}${visitPath}`);
  const button = page.getByRole("button", { name: "Напоминать в браузере" });
  await button.waitFor(WAIT);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.register("/salon/push-sw.js")).scope);
  expect(scope).toBe(`${served.origin}/salon/`);
  await button.click();
  await page.locator("#push-note").waitFor(WAIT);
  expect(await page.locator("#push-note").textContent()).toBe("Браузер запретил уведомления для этого сайта. Разрешите их в настройках, чтобы получать напоминания.");
  await context.close();
}, BROWSER_TEST_MS);
