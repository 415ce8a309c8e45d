// The one way browser tests start Chromium: Debian's /usr/bin/chromium (installed by .ci/run) driven
// by playwright-core, with the flags this closed network needs, and a folder for screenshots.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { makeHarness, type HarnessOptions } from "../test/harness.ts";

const CHROMIUM = "/usr/bin/chromium";

/**
 * Every browser test and hook passes this as its timeout: starting Chromium and rendering pages
 * takes seconds on a loaded 2-core machine, far past bun's 5 s default. Tests wait on conditions
 * (Playwright's auto-waiting, waitForURL, waitFor), never on fixed sleeps.
 */
export const BROWSER_TEST_MS = 180_000;

/** Where screenshots go (git-ignored): a human looks at them after a run. */
export const SHOTS = join(import.meta.dir, "screenshots");

/** Launches Chromium, or fails the test run with what to install; a missing browser is never a skip. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does`);
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    // without the background-networking flags Chromium keeps dialing Google's hosts, which this
    // machine's network refuses
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/** The test harness's app on a loopback port, and Chromium: what a browser test drives. */
export async function servedHarness(options: HarnessOptions = {}) {
  const h = await makeHarness(options);
  const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: (request) => h.app.handle(request) });
  const browser = await launchChromium();
  return {
    h,
    browser,
    origin: `http://127.0.0.1:${server.port}`,
    async close() {
      await browser.close();
      await server.stop(true);
      h.close();
    },
  };
}
