// A harness tenant served on a loopback port for Chromium, with an owner account to sign in as: what
// every admin browser test starts from.
import { afterAll, beforeAll, expect } from "bun:test";
import { eq } from "drizzle-orm";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { BROWSER_TEST_MS, launchChromium } from "./browser.ts";
import { bookingServices } from "../src/booking/schema.ts";
import { addUser } from "../src/account/users.ts";
import { makeHarness, type Harness, type HarnessOptions } from "../test/harness.ts";

export interface Site {
  h: Harness;
  /** http://127.0.0.1:<port> */
  origin: string;
  /** Signs the page in as the owner and waits for the admin home. */
  signIn(page: Page): Promise<void>;
  close(): void;
}

export async function serveSite(options: HarnessOptions = {}): Promise<Site> {
  const h = await makeHarness(options);
  const email = `owner@${h.slug}.test`;
  const password = "owner password";
  await addUser({ db: h.db, clock: h.clock }, { email, password, role: "owner" });
  const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: (request) => h.app.handle(request) });
  const origin = `http://127.0.0.1:${server.port}`;
  return {
    h,
    origin,
    async signIn(page) {
      await page.goto(`${origin}/${h.slug}/admin`);
      await page.fill('input[name="email"]', email);
      await page.fill('input[name="password"]', password);
      await page.click('button[type="submit"]');
      await page.waitForURL(`${origin}/${h.slug}/admin`);
    },
    close() {
      server.stop(true);
      h.close();
    },
  };
}

/** The two sizes the admin browser tests run at: a phone (touch) and a desktop. */
export const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
/** Generous on a loaded machine; tests wait on conditions, never on time. */
export const WAIT = { timeout: 20_000 };

/** A page in a context of its own at a size, signed in as the owner. */
export async function signedInPage(browser: Browser, site: Site, size: BrowserContextOptions): Promise<Page> {
  const page = await (await browser.newContext(size)).newPage();
  page.setDefaultTimeout(WAIT.timeout);
  await site.signIn(page);
  return page;
}

/**
 * The hooks of an admin browser suite: a served site and Chromium, up before the tests (then
 * `prepare`, the suite's own data) and closed after. Read `site`/`browser` inside tests only.
 */
export function adminBrowserSuite(prepare: (site: Site) => Promise<void> = async () => {}): { readonly site: Site; readonly browser: Browser } {
  let site: Site | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [site, browser] = await Promise.all([serveSite(), launchChromium()]);
    await prepare(site);
  }, BROWSER_TEST_MS);
  afterAll(async () => {
    await browser?.close();
    site?.close();
  }, BROWSER_TEST_MS);
  return {
    get site() {
      return site!;
    },
    get browser() {
      return browser!;
    },
  };
}

let phones = 5_500_000;
/** A visit booked as a client would (public API, a fresh phone each time); its id. */
export async function bookVisit(site: Site, visit: { start: string; staffId: number; name: string; serviceId?: number }): Promise<number> {
  const body = { service_id: visit.serviceId ?? 1, staff_id: visit.staffId, start_ts: visit.start, client: { name: visit.name, phone: `+7916${phones++}` } };
  const res = await site.h.api("POST", `/api/v1/businesses/${site.h.slug}/bookings`, body, { auth: false });
  expect(res.status).toBe(201);
  return ((await res.json()) as { booking: { id: number } }).booking.id;
}

/** The masters a visit's services are with, in order. */
export const mastersIn = async (site: Site, id: number): Promise<Array<number | null>> =>
  (await site.h.db.orm.select({ staffId: bookingServices.staffId }).from(bookingServices).where(eq(bookingServices.bookingId, id))).map((r) => r.staffId);
