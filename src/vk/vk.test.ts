// The VK Mini App (issue 16): launch signatures with VK's real algorithm (a published example
// checks the implementation), tampered, foreign, replayed and unsigned launches refused with a
// translated page and no side effect, and a verified launch entering the booking pages in VK mode.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { count } from "drizzle-orm";
import { makeHarness, T0, type Harness } from "../../test/harness.ts";
import { auditLog } from "../audit/schema.ts";
import { checkLaunch, launchSignature } from "./launch.ts";

const SECRET = "wvl68m4dR1UpLrVRli";
const APP = "51234567";

/** Launch parameters as VK sends them, signed with `secret`. */
function launch(overrides: Record<string, string> = {}, secret = SECRET): URLSearchParams {
  const params = new URLSearchParams({
    vk_access_token_settings: "",
    vk_app_id: APP,
    vk_are_notifications_enabled: "0",
    vk_is_app_user: "1",
    vk_language: "ru",
    vk_platform: "desktop_web",
    vk_ts: String(Math.floor(T0 / 1000) - 60),
    vk_user_id: "172118960",
    ...overrides,
  });
  params.set("sign", launchSignature(params, secret));
  return params;
}

describe("launch signature", () => {
  test("matches VK's published example", () => {
    // the example of VK's own documentation and SDKs (an app id 6736218 and its secure key)
    const example = new URLSearchParams("vk_user_id=494075&vk_app_id=6736218&vk_is_app_user=1&vk_are_notifications_enabled=1&vk_language=ru&vk_access_token_settings=&vk_platform=android&sign=htQFduJpLxz7ribXRZpDFUH-XEUhC9rBPTJkjUFEkRA");
    expect(launchSignature(example, SECRET)).toBe(example.get("sign")!);
  });

  test("a fresh launch of the salon's app passes; anything else is refused with its reason", () => {
    expect(checkLaunch(launch(), { appId: APP, secret: SECRET }, T0)).toEqual({ ok: true, userId: "172118960", language: "ru" });
    const tampered = launch();
    tampered.set("vk_user_id", "1");
    expect(checkLaunch(tampered, { appId: APP, secret: SECRET }, T0)).toEqual({ ok: false, reason: "forged" });
    expect(checkLaunch(launch({}, "another-secret-key"), { appId: APP, secret: SECRET }, T0)).toEqual({ ok: false, reason: "forged" });
    expect(checkLaunch(launch({ vk_app_id: "999" }), { appId: APP, secret: SECRET }, T0)).toEqual({ ok: false, reason: "other_app" });
    expect(checkLaunch(launch({ vk_ts: String(Math.floor(T0 / 1000) - 25 * 3600) }), { appId: APP, secret: SECRET }, T0)).toEqual({ ok: false, reason: "expired" });
    expect(checkLaunch(launch({ vk_ts: String(Math.floor(T0 / 1000) + 3600) }), { appId: APP, secret: SECRET }, T0)).toEqual({ ok: false, reason: "expired" });
    const unsigned = launch();
    unsigned.delete("sign");
    expect(checkLaunch(unsigned, { appId: APP, secret: SECRET }, T0)).toEqual({ ok: false, reason: "unsigned" });
    const repeated = launch();
    repeated.append("vk_user_id", "1");
    expect(checkLaunch(repeated, { appId: APP, secret: SECRET }, T0).ok).toBe(false);
  });
});

describe("/<slug>/vk", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness();
  });
  afterAll(() => h.close());
  const auditRows = async () => (await h.db.orm.select({ n: count() }).from(auditLog))[0]!.n;

  test("without a VK app the page says so (404)", async () => {
    const res = await h.request(`/salon/vk?${launch()}`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("не подключил");
  });

  test("forged, foreign or replayed launches: 401, a translated page VK may frame, nothing changed", async () => {
    expect((await h.api("PATCH", "/api/v1/businesses/salon", { vk: { app_id: APP, app_secret: SECRET } })).status).toBe(200);
    const before = await auditRows();
    const tampered = launch();
    tampered.set("vk_user_id", "1");
    for (const params of [tampered, launch({}, "wrongSecretKey123"), launch({ vk_ts: String(Math.floor(T0 / 1000) - 2 * 86400) }), new URLSearchParams()]) {
      const res = await h.request(`/salon/vk?${params}`);
      expect(res.status).toBe(401);
      expect(await res.text()).toContain("Откройте эту страницу из ВКонтакте");
      expect(res.headers.getSetCookie()).toEqual([]);
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors https://vk.com");
    }
    expect(await auditRows()).toBe(before);
  });

  test("a verified launch enters the booking pages in VK mode, with VK Bridge", async () => {
    const res = await h.request(`/salon/vk?${launch({ vk_language: "en" })}`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/salon?embed=vk&lang=en");
    const page = await h.request("/salon?embed=vk&lang=en");
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors https://vk.com https://*.vk.com");
    const html = await page.text();
    expect(html).toMatch(/<script src="\/assets\/vk-bridge\.js\?v=\w+" defer><\/script>/);
    expect(html).toContain('data-phone-label="Share my phone from VK"');
    expect(html).toMatch(/href="\/salon\/book\?s=\d+&(amp;)?embed=vk"/);
    const bridge = await h.request(html.match(/\/assets\/vk-bridge\.js\?v=\w+/)![0]);
    expect(await bridge.text()).toContain("VKWebAppGetPhoneNumber");
    // a site's embed origins do not let VK frame the widget pages, nor the other way round
    expect((await h.request("/salon?embed=1")).headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });
});
