// The owner's booking-page settings on the public pages: logo, intro, profile, hours, offered
// languages, accent colour and consent text — escaped, validated, and never served stale.
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { signedIn, type TestBrowser } from "../session/test-browser.ts";
import { accentStyle } from "../../views/layout.tsx";
import { business } from "./schema.ts";

// The smallest valid PNG (1×1, transparent).
const PNG = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="), (c) => c.charCodeAt(0));
const HOSTILE = `"><script>alert(1)</script>`;
const PAGE = { intro: "", accent_color: "", consent_text: "", languages: ["ru", "en", "kk"] };

let h: Harness;
let owner: TestBrowser;
beforeEach(async () => {
  h = await makeHarness();
  owner = await signedIn(h, { email: "owner@salon.test", role: "owner" });
});
afterEach(() => h.close());

const page = async (path = "/salon", headers: Record<string, string> = {}) => {
  const res = await h.request(path, { headers });
  expect(res.status).toBe(200);
  return { res, html: await res.text() };
};
const saveSettings = async (fields: Partial<typeof PAGE>) => owner.post("/salon/admin/settings/page", { ...PAGE, ...fields });
const dataVersion = async () => (await h.db.orm.select({ v: business.dataVersion }).from(business).where(eq(business.id, 1)))[0]!.v;

async function uploadLogo(): Promise<number> {
  const form = new FormData();
  form.set("_csrf", owner.csrf());
  form.set("logo", new File([PNG], "logo.png", { type: "image/png" }));
  const cookie = [...owner.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  return (await h.request("/salon/admin/settings/logo", { method: "POST", headers: { cookie }, body: form, redirect: "manual" })).status;
}

describe("the salon page", () => {
  test("shows the logo, the intro as text with its line breaks, address with a map link, phone and hours", async () => {
    expect((await owner.post("/salon/admin/settings/profile", { name: "Лотос", phone: "8 495 123-45-67", address: "Тверская ул., 1", timezone: "Europe/Moscow", locale: "ru", currency: "RUB" })).status).toBe(303);
    expect((await saveSettings({ intro: `Стрижки и уход.\nПо записи ${HOSTILE}` })).status).toBe(303);
    expect(await uploadLogo()).toBe(303);
    // Closed on Sundays, a break on Mondays.
    const week = [{ weekday: 1, start: "10:00", end: "14:00" }, { weekday: 1, start: "15:00", end: "20:00" }, ...[2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: "09:00", end: "21:00" }))];
    expect((await h.api("PUT", "/api/v1/businesses/salon/hours", { week })).status).toBe(200);

    const { html } = await page();
    expect(html).toMatch(/<img class="brand-logo" src="\/salon\/logo\?v=\d+" alt=""/);
    expect((await h.request(html.match(/src="(\/salon\/logo\?v=\d+)"/)![1]!)).headers.get("content-type")).toBe("image/png");
    expect(html).toContain(`<p class="intro owner-text">Стрижки и уход.\nПо записи &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>`);
    expect(html).not.toContain("<script>alert(1)");
    expect(html).toContain("Тверская ул., 1");
    expect(html).toContain(`href="https://yandex.ru/maps/?text=${encodeURIComponent("Тверская ул., 1")}"`);
    expect(html).toContain(`href="tel:+74951234567"`);
    const rows = [...html.matchAll(/<tr><td>([^<]+)<\/td><td>([^<]+)<\/td><\/tr>/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(rows).toEqual(["пн 10:00–14:00, 15:00–20:00", "вт 09:00–21:00", "ср 09:00–21:00", "чт 09:00–21:00", "пт 09:00–21:00", "сб 09:00–21:00", "вс выходной"]);
  });

  test("offers only the salon's languages and falls back to its default for any other", async () => {
    expect((await saveSettings({ languages: ["ru", "kk"] })).status).toBe(303);
    const { html } = await page();
    expect([...html.matchAll(/hreflang="(\w+)"/g)].map((m) => m[1])).toEqual(["ru", "kk"]);

    const english = await page("/salon?lang=en");
    expect(english.html).toContain(`<html lang="ru"`);
    expect(english.res.headers.getSetCookie()).toEqual([]); // a language not offered is not remembered
    expect((await page("/salon", { cookie: "lang=en" })).html).toContain(`<html lang="ru"`);
    const kazakh = await page("/salon?lang=kk");
    expect(kazakh.html).toContain(`<html lang="kk"`);
    expect(kazakh.res.headers.getSetCookie()[0]).toStartWith("lang=kk;");
    // The booking flow speaks the same languages.
    expect((await page("/salon/book?s=1&lang=en")).html).toContain(`<html lang="ru"`);

    // The salon's own language no longer offered: the first offered one.
    expect((await saveSettings({ languages: ["en"] })).status).toBe(303);
    const only = await page("/salon?lang=ru");
    expect(only.html).toContain(`<html lang="en"`);
    expect(only.html).not.toContain("hreflang="); // one language: no switch
  });
});

describe("the accent colour", () => {
  test("applies to every public page of the salon, with text that reads on it", async () => {
    expect((await saveSettings({ accent_color: "#225588" })).status).toBe(303);
    const style = `style="--accent:#225588;--on-accent:#fff;--accent-text:#225588"`;
    expect((await page()).html).toContain(`<html lang="ru" ${style}>`);
    expect((await page("/salon/book?s=1")).html).toContain(style);
    expect((await page("/salon/book/time?s=1&m=2")).html).toContain(style);
    // A light colour gets dark text on it and dark link text on white.
    expect(accentStyle("#ffe066")).toBe("--accent:#ffe066;--on-accent:#1f2328;--accent-text:#1f2328");
  });

  test("a hostile value is refused, and one written around the settings cannot break out of the page", async () => {
    const before = await dataVersion();
    for (const value of ["red", "#225588;background:url(//evil)", `#225588"${HOSTILE}`, "#2255"]) {
      expect((await saveSettings({ accent_color: value })).status).toBe(400);
    }
    expect(await dataVersion()).toBe(before);
    // Rows written by another tool (an import, a restored backup) are checked again when drawn.
    for (const value of [`#225588;}</style>${HOSTILE}`, "#225588;background:url(//evil.example/x)", "expression(alert(1))"]) {
      await h.db.write((tx) => tx.update(business).set({ accentColor: value, dataVersion: before + 1 }).where(eq(business.id, 1)));
      h.clock.advance(5_000); // past the page cache's recheck: the write did not come through this app
      const { res, html } = await page();
      expect(html).toContain(`<html lang="ru">`);
      expect(html).not.toContain('style="--accent:'); // the page's inlined stylesheet has its own default
      expect(html).not.toContain("evil");
      expect(html).not.toContain("<script>alert");
      expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    }
  });
});

test("the consent text the owner wrote is shown on the details form, as text", async () => {
  expect((await saveSettings({ consent_text: `Согласие на обработку.\nООО «Лотос» ${HOSTILE}` })).status).toBe(303);
  const start = Date.parse("2027-03-01T10:00:00+03:00");
  const { html } = await page(`/salon/book/details?s=1&m=2&start=${start}`);
  expect(html).toContain(`<p class="muted small owner-text">Согласие на обработку.\nООО «Лотос» &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>`);
});

test("a settings change shows on the cached pages at once", async () => {
  await page(); // rendered and cached
  const cached = await page();
  expect(cached.html).not.toContain("Новый текст");
  const before = await dataVersion();
  expect((await saveSettings({ intro: "Новый текст", accent_color: "#117744" })).status).toBe(303);
  expect(await dataVersion()).toBeGreaterThan(before);
  const fresh = (await page()).html;
  expect(fresh).toContain("Новый текст");
  expect(fresh).toContain("--accent:#117744");
  // The same for the logo and the profile.
  expect(fresh).not.toContain('class="brand-logo"');
  expect(await uploadLogo()).toBe(303);
  expect((await page()).html).toContain('class="brand-logo"');
  expect((await owner.post("/salon/admin/settings/profile", { name: "Переименован", phone: "", address: "", timezone: "Europe/Moscow", locale: "ru", currency: "RUB" })).status).toBe(303);
  expect((await page()).html).toContain("<h1>Переименован</h1>");
});
