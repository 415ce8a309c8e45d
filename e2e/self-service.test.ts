// Issue 15 in real Chromium at phone size: a client leaves a review through the link of a completed
// visit, signs in to the cabinet with a code read from the fake SMS.ru server, and claims a freed
// time from the waitlist through the link of its offer. Screenshots go to e2e/screenshots/.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { BROWSER_TEST_MS, SHOTS } from "./browser.ts";
import { adminBrowserSuite, bookVisit, DESKTOP, PHONE, signedInPage, WAIT, type Site } from "./site.ts";
import { T0 } from "../test/harness.ts";
import { deliverDue } from "../src/notification/delivery.ts";
import { notificationSettings } from "../src/notification/schema.ts";
import { fakeDeliveryDeps } from "../src/notification/testing/deps.ts";
import { startSmsRuFake, type FakeServer, type SmsRequest } from "../src/notification/testing/fakes.ts";
import { readSettings } from "../src/notification/settings.ts";
import { reviewToken } from "../src/review/token.ts";
import { salonFacts } from "../src/business/business.ts";
import { offerFreedTimes } from "../src/waitlist/waitlist.ts";

let sms: FakeServer<SmsRequest>;
const suite = adminBrowserSuite(async (site) => {
  sms = startSmsRuFake();
  await site.h.db.write((tx) => tx.update(notificationSettings).set({ smsruApiId: "test-api-id" }).where(eq(notificationSettings.id, 1)));
});
let deps: ReturnType<typeof fakeDeliveryDeps>;
beforeAll(() => {
  deps = fakeDeliveryDeps(suite.site.h.clock, { smsRu: sms.url });
});
afterAll(async () => {
  deps?.close();
  await sms?.close();
});

async function phonePage(): Promise<Page> {
  const page = await (await suite.browser.newContext(PHONE)).newPage();
  page.setDefaultTimeout(WAIT.timeout);
  return page;
}

/** Sends what the outbox holds and returns the SMS texts that went to `phone`. */
async function smsTo(site: Site, phone: string): Promise<string[]> {
  await deliverDue(deps, { slug: site.h.slug, db: site.h.db });
  return sms.received.filter((m) => m.to === phone.replace("+", "") || m.to === phone).map((m) => m.msg);
}

describe("client self-service in Chromium (phone)", () => {
  test(
    "a review: stars and text through the link of a completed visit, sent once",
    async () => {
      const { site } = suite;
      const id = await bookVisit(site, { start: "2027-03-01T10:00:00+03:00", staffId: 2, name: "Вера" });
      site.h.clock.set(T0 + 3 * 3_600_000);
      await site.h.api("PATCH", `/api/v1/businesses/${site.h.slug}/bookings/${id}`, { status: "completed" });
      const token = reviewToken((await readSettings(site.h.db.orm)).linkSecret, id);
      const page = await phonePage();
      await page.goto(`${site.origin}/${site.h.slug}/review/${id}?t=${token}`);
      await page.click('label[for="star-4"]');
      await page.fill("#review-text", "Очень понравилось");
      await page.screenshot({ path: join(SHOTS, "review-phone.png"), fullPage: true });
      await page.click('button[type="submit"]');
      await page.locator(".notice.success").waitFor(WAIT);
      expect(page.url()).toContain("sent=1");
      await page.screenshot({ path: join(SHOTS, "review-sent-phone.png"), fullPage: true });
      await page.context().close();
    },
    BROWSER_TEST_MS,
  );

  test(
    "the cabinet: phone, the code from the SMS, the visits, sign out",
    async () => {
      const { site } = suite;
      const phone = "+79165559911";
      const res = await site.h.api("POST", `/api/v1/businesses/${site.h.slug}/bookings`, { service_id: 1, staff_id: 3, start_ts: "2027-03-03T12:00:00+03:00", client: { name: "Ольга", phone } }, { auth: false });
      expect(res.status).toBe(201);
      const page = await phonePage();
      await page.goto(`${site.origin}/${site.h.slug}/me`);
      await page.fill("#me-phone", "8 916 555-99-11");
      await page.click('button[type="submit"]');
      await page.locator("#me-code").waitFor(WAIT);
      const texts = await smsTo(site, phone);
      // the booking's confirmation went out in the same batch: the code is the SMS that starts with one
      const code = texts.map((text) => /^(\d{6}) /.exec(text)?.[1]).find(Boolean);
      expect(code).toMatch(/^\d{6}$/);
      await page.fill("#me-code", code!);
      await page.click('button[type="submit"]');
      await page.locator(".visit-list [data-booking]").first().waitFor(WAIT);
      await page.screenshot({ path: join(SHOTS, "cabinet-phone.png"), fullPage: true });
      await page.click("text=Выйти на этом устройстве");
      await page.locator("#me-phone").waitFor(WAIT);
      await page.context().close();
    },
    BROWSER_TEST_MS,
  );

  test(
    "the waitlist: joined from the time step, a freed time offered by SMS, claimed in one tap",
    async () => {
      const { site } = suite;
      const slug = site.h.slug;
      const taken = await bookVisit(site, { start: "2027-03-04T10:00:00+03:00", staffId: 2, name: "Занято" });
      const page = await phonePage();
      await page.goto(`${site.origin}/${slug}/book/time?s=1&m=2&d=2027-03-04`);
      await page.click("text=Встаньте в лист ожидания");
      await page.fill("#wl-from", "2027-03-04");
      await page.fill("#wl-to", "2027-03-04");
      await page.fill("#wl-tfrom", "10:00");
      await page.fill("#wl-tto", "11:00");
      await page.fill("#wl-name", "Ждущая");
      await page.fill("#wl-phone", "+79165558800");
      await page.check('input[name="consent"]');
      await page.screenshot({ path: join(SHOTS, "waitlist-phone.png"), fullPage: true });
      await page.click('form button[type="submit"]');
      await page.locator(".notice.success").waitFor(WAIT);

      await site.h.api("DELETE", `/api/v1/businesses/${slug}/bookings/${taken}`);
      const offered = await offerFreedTimes({ db: site.h.db, clock: site.h.clock, claimUrl: (id, token) => `${site.origin}/${slug}/waitlist/claim/${id}?t=${token}` }, await salonFacts(site.h.db));
      expect(offered).toBe(1);
      const link = (await smsTo(site, "+79165558800")).map((text) => /(http:\/\/\S+\/waitlist\/claim\/\S+)/.exec(text)?.[1]).find(Boolean);
      expect(link).toBeDefined();
      await page.goto(link!);
      await page.click("text=Записаться на это время");
      await page.waitForURL(/\/my\/\d+\?t=.+&new=1$/, WAIT);
      await page.screenshot({ path: join(SHOTS, "waitlist-claimed-phone.png"), fullPage: true });
      // the link again: gone
      const again = await page.goto(link!);
      expect(again!.status()).toBe(410);
      await page.context().close();
    },
    BROWSER_TEST_MS,
  );

  test(
    "the owner publishes and answers a review in the admin; the salon page then shows it with its rating",
    async () => {
      const { site } = suite;
      const slug = site.h.slug;
      const id = await bookVisit(site, { start: "2027-03-05T10:00:00+03:00", staffId: 2, name: "Анна" });
      site.h.clock.set(Date.parse("2027-03-05T12:00:00+03:00"));
      await site.h.api("PATCH", `/api/v1/businesses/${slug}/bookings/${id}`, { status: "completed" });
      const token = reviewToken((await readSettings(site.h.db.orm)).linkSecret, id);
      const sent = await site.h.api("POST", `/api/v1/businesses/${slug}/reviews`, { booking_id: id, token, rating: 5, text: "Лучший мастер" }, { auth: false });
      const reviewId = ((await sent.json()) as { review: { id: number } }).review.id;
      for (const size of [PHONE, DESKTOP]) {
        const page = await signedInPage(suite.browser, site, size);
        await page.goto(`${site.origin}/${slug}/admin/reviews?status=pending`);
        const card = page.locator(`[data-review="${reviewId}"]`);
        if (size === PHONE) {
          await card.waitFor(WAIT);
          await page.screenshot({ path: join(SHOTS, "reviews-admin-phone.png"), fullPage: true });
          await card.locator("textarea").fill("Спасибо, ждём снова!");
          await card.locator("form.field button").click();
          await page.locator(".notice.success, [data-review]").first().waitFor(WAIT);
          await page.goto(`${site.origin}/${slug}/admin/reviews?status=pending`);
          await page.locator(`[data-review="${reviewId}"] button:has-text("Опубликовать")`).click();
          await page.waitForURL(/status=pending/, WAIT);
          await expect(page.locator(`[data-review="${reviewId}"]`).count()).resolves.toBe(0);
        } else {
          await page.goto(`${site.origin}/${slug}`);
          await page.locator("#reviews").waitFor(WAIT);
          await expect(page.locator("#reviews").textContent()).resolves.toContain("Спасибо, ждём снова!");
          await expect(page.locator(".salon-card .rating").textContent()).resolves.toContain("★");
          await page.screenshot({ path: join(SHOTS, "salon-reviews-desktop.png"), fullPage: true });
        }
        await page.context().close();
      }
    },
    BROWSER_TEST_MS,
  );
});
