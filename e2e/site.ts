// A harness tenant served on a loopback port for Chromium, with an owner account to sign in as: what
// every admin browser test starts from.
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
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
