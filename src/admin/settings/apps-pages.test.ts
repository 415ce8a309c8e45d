// The admin's "Site and apps" page (issue 16): owner only, the widget snippet and the VK address
// shown, every problem at once with nothing saved, secrets kept when their box is left empty and
// never shown back, removal of an app or account.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { makeHarness, type Harness } from "../../../test/harness.ts";
import { readChannels } from "../../embed/settings.ts";
import { readSettings } from "../../notification/settings.ts";
import { signedIn, type TestBrowser } from "../../session/test-browser.ts";

const PAGE = "/admin/settings/apps";
const VK_SECRET = "s3cretVkKey2026";
const WA_TOKEN = "EAAGm0PX4ZCpsBAtestTOKEN1234567890";
const valid = {
  embed_origins: "https://Salon.ru/\nhttp://localhost:5173",
  vk_app_id: "51234567",
  vk_app_secret: VK_SECRET,
  whatsapp_phone_number_id: "106540352242922",
  whatsapp_token: WA_TOKEN,
  whatsapp_confirmation_template: "visit_confirmed",
  whatsapp_reminder_template: "visit_reminder",
  whatsapp_language: "ru",
};

let h: Harness;
let owner: TestBrowser;
let manager: TestBrowser;
beforeAll(async () => {
  h = await makeHarness();
  owner = await signedIn(h, { email: "owner@salon.test", role: "owner" });
  manager = await signedIn(h, { email: "manager@salon.test", role: "manager" });
});
afterAll(() => h.close());

describe("site and apps page", () => {
  test("owner only", async () => {
    expect((await manager.get(`/${h.slug}${PAGE}`)).status).toBe(403);
    expect((await manager.post(`/${h.slug}${PAGE}`, valid)).status).toBe(403);
    expect((await readChannels(h.db.orm)).vkAppId).toBeNull();
  });

  test("bad input: every problem named, typed values kept, nothing saved", async () => {
    const res = await owner.post(`/${h.slug}${PAGE}`, { ...valid, embed_origins: "http://salon.ru/book", vk_app_id: "app", whatsapp_language: "russian" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("«http://salon.ru/book» — не адрес сайта");
    expect(html).toContain("ID приложения ВКонтакте — это число");
    expect(html).toContain("Код языка шаблона");
    expect(html).toContain('value="app"');
    expect(html).not.toContain(VK_SECRET);
    expect(html).not.toContain(WA_TOKEN);
    expect((await readChannels(h.db.orm)).embedOrigins).toEqual([]);
    expect((await readSettings(h.db.orm)).whatsappPhoneNumberId).toBeNull();
  });

  test("saved: secrets kept and never shown; an empty secret box keeps them; remove forgets", async () => {
    expect((await owner.post(`/${h.slug}${PAGE}`, valid)).status).toBe(303);
    const html = await (await owner.get(`/${h.slug}${PAGE}`)).text();
    expect(html).toContain("/salon/widget.js");
    expect(html).toContain("/salon/vk");
    expect(html).toContain("https://salon.ru\nhttp://localhost:5173");
    expect(html).not.toContain(VK_SECRET);
    expect(html).not.toContain(WA_TOKEN);
    await owner.post(`/${h.slug}${PAGE}`, { ...valid, vk_app_secret: "", whatsapp_token: "" });
    expect(await readChannels(h.db.orm)).toMatchObject({ vkAppId: "51234567", vkAppSecret: VK_SECRET });
    expect((await readSettings(h.db.orm)).whatsappToken).toBe(WA_TOKEN);
    await owner.post(`/${h.slug}${PAGE}`, { ...valid, vk_app_secret: "", whatsapp_token: "", forget_vk: "on", forget_whatsapp: "on" });
    expect(await readChannels(h.db.orm)).toMatchObject({ vkAppId: null, vkAppSecret: null });
    expect((await readSettings(h.db.orm)).whatsappToken).toBeNull();
  });
});
