// Settings pages: profile through updateBusiness, the booking page's words and colour, the logo kept
// in the tenant's folder and served back, notification templates with preview — owner only, audited.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { makeHarness, type Harness } from "../../../test/harness.ts";
import { auditLog } from "../../audit/schema.ts";
import { getProfile } from "../../business/business.ts";
import { getSalonPage } from "../../business/salon-page.ts";
import { notificationTemplates } from "../../notification/schema.ts";
import { signedIn, type TestBrowser } from "../../session/test-browser.ts";

let h: Harness;
let owner: TestBrowser;
let manager: TestBrowser;

// The smallest valid PNG (1×1, transparent).
const PNG = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="), (c) => c.charCodeAt(0));

async function upload(b: TestBrowser, bytes: Uint8Array<ArrayBuffer>, name: string, type: string): Promise<Response> {
  const form = new FormData();
  form.set("_csrf", b.csrf());
  form.set("logo", new File([bytes], name, { type }));
  const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  return h.request(`/${h.slug}/admin/settings/logo`, { method: "POST", headers: { cookie }, body: form, redirect: "manual" });
}
const actions = async () => (await h.db.orm.select().from(auditLog)).map((a) => a.action);

beforeAll(async () => {
  h = await makeHarness();
  owner = await signedIn(h, { email: "owner@salon.test", role: "owner" });
  manager = await signedIn(h, { email: "manager@salon.test", role: "manager" });
  await owner.get(`/${h.slug}/admin/settings`);
});
afterAll(() => h.close());

describe("profile and booking page", () => {
  test("owner only", async () => {
    for (const path of ["/admin/settings", "/admin/settings/templates"]) expect((await manager.get(`/${h.slug}${path}`)).status).toBe(403);
    expect((await manager.post(`/${h.slug}/admin/settings/profile`, { name: "Захват" })).status).toBe(403);
    expect((await getProfile(h.db)).business.name).toBe("Test Salon");
  });

  test("the profile saves through updateBusiness; a bad time zone is refused and nothing changes", async () => {
    const fields = { name: "Лотос", phone: "8 495 123-45-67", address: "ул. Ленина, 10", timezone: "Europe/Moscow", locale: "ru", currency: "rub" };
    const bad = await owner.post(`/${h.slug}/admin/settings/profile`, { ...fields, timezone: "Mars/Olympus" });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("Mars/Olympus");
    expect(html).toContain('value="Лотос"');
    expect((await getProfile(h.db)).business.name).toBe("Test Salon");
    expect((await owner.post(`/${h.slug}/admin/settings/profile`, fields)).status).toBe(303);
    const profile = await getProfile(h.db);
    expect([profile.business.name, profile.business.phone, profile.business.currency, profile.location.address]).toEqual(["Лотос", "+74951234567", "RUB", "ул. Ленина, 10"]);
  });

  test("texts, accent colour and languages; a bad colour or no language is refused", async () => {
    const bad = await owner.post(`/${h.slug}/admin/settings/page`, { intro: "Привет", accent_color: "red", languages: [] });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("Цвет в формате #1a2b3c");
    expect(html).toContain("Выберите хотя бы один язык");
    expect((await getSalonPage(h.db.orm)).intro).toBeNull();
    const ok = await owner.post(`/${h.slug}/admin/settings/page`, { intro: "Добро пожаловать", accent_color: "#225588", consent_text: "Согласен", languages: ["ru", "kk"] });
    expect(ok.status).toBe(303);
    expect(await getSalonPage(h.db.orm)).toMatchObject({ intro: "Добро пожаловать", languages: ["ru", "kk"] });
    expect((await getProfile(h.db)).business).toMatchObject({ accentColor: "#225588", consentText: "Согласен" });
    expect(await actions()).toContain("salon_page.update");
  });
});

describe("logo", () => {
  test("a PNG is kept in the tenant's folder and served; a fake image or a big file is refused", async () => {
    const folder = join(h.dataDir, h.slug);
    const fake = await upload(owner, new TextEncoder().encode("<svg onload=alert(1)></svg>"), "logo.png", "image/png");
    expect(fake.status).toBe(400);
    expect(await fake.text()).toContain("Загрузите изображение PNG, JPEG или WebP");
    const big = new Uint8Array(1_000_001);
    big.set(PNG);
    expect((await upload(owner, big, "big.png", "image/png")).status).toBe(400);
    expect(existsSync(join(folder, "logo.png"))).toBe(false);
    expect((await h.request(`/${h.slug}/logo`)).status).toBe(404);

    expect((await upload(owner, PNG, "logo.png", "image/png")).status).toBe(303);
    expect(readdirSync(folder).filter((f) => f.startsWith("logo") || f.includes(".tmp"))).toEqual(["logo.png"]);
    const served = await h.request(`/${h.slug}/logo`);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);
    expect(await (await owner.get(`/${h.slug}/admin/settings`)).text()).toContain(`src="/${h.slug}/logo?v=`);
    expect((await upload(manager, PNG, "logo.png", "image/png")).status).toBe(403);

    expect((await owner.post(`/${h.slug}/admin/settings/logo/delete`)).status).toBe(303);
    expect(existsSync(join(folder, "logo.png"))).toBe(false);
    expect((await h.request(`/${h.slug}/logo`)).status).toBe(404);
    expect((await actions()).filter((a) => a.startsWith("logo."))).toEqual(["logo.upload", "logo.remove"]);
  });
});

describe("notification templates", () => {
  test("edit one with a preview and an SMS count, refuse an empty text, reset to the standard", async () => {
    const page = await (await owner.get(`/${h.slug}/admin/settings/templates?language=ru&channel=sms`)).text();
    expect(page).toContain("Предпросмотр с примером");
    expect(page).toContain("{salon}: напоминаем о записи {start_local}.");
    const empty = await owner.post(`/${h.slug}/admin/settings/templates`, { event: "reminder", channel: "sms", locale: "ru", body: "  " });
    expect(empty.status).toBe(400);
    expect(await h.db.orm.select().from(notificationTemplates)).toEqual([]);
    const body = "{client_name}, ждём вас {start_local} в {salon}. Адрес: {address}. Отменить: {manage_url}";
    const saved = await owner.post(`/${h.slug}/admin/settings/templates`, { event: "reminder", channel: "sms", locale: "ru", body });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toEndWith("language=ru&channel=sms&saved=1#t-reminder");
    const after = await (await owner.get(saved.headers.get("location")!)).text();
    expect(after).toContain("Анна, ждём вас");
    expect(after).toMatch(/символов \(UCS-2\) · SMS: 2, по 67 символов/);
    const [row] = await h.db.orm.select().from(notificationTemplates).where(eq(notificationTemplates.event, "reminder"));
    expect(row!.body).toBe(body);
    expect((await owner.post(`/${h.slug}/admin/settings/templates`, { event: "reminder", channel: "sms", locale: "ru", body, reset: "1" })).status).toBe(303);
    expect(await h.db.orm.select().from(notificationTemplates)).toEqual([]);
    expect((await actions()).filter((a) => a === "notification_template.update")).toHaveLength(2);
  });
});
