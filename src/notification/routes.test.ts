import { afterEach, beforeEach, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { makeHarness, T0, type Harness } from "../../test/harness.ts";
import { clients } from "../client/schema.ts";
import { optOutToken } from "./links.ts";
import { readSettings } from "./settings.ts";
import { addClient } from "./testing/fixtures.ts";

/** One entry of GET /notification-templates. */
interface TemplateJson {
  event: string;
  channel: string;
  locale: string;
  body: string;
  custom: boolean;
  preview: { body: string };
  sms: { encoding: string; segments: number; perSegment: number };
}

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const clientRow = async (id: number) => (await h.db.orm.select().from(clients).where(eq(clients.id, id)))[0]!;

test("templates: owner token required; every event × channel × language with a preview and SMS segments", async () => {
  expect((await h.api("GET", "/api/v1/businesses/salon/notification-templates", undefined, { auth: false })).status).toBe(401);
  const res = await h.api("GET", "/api/v1/businesses/salon/notification-templates");
  expect(res.status).toBe(200);
  const { data, placeholders } = (await res.json()) as { data: TemplateJson[]; placeholders: string[] };
  expect(data.length).toBe(6 * 3 * 3);
  expect(placeholders).toContain("manage_url");
  const sms = data.find((d) => d.event === "reminder" && d.channel === "sms" && d.locale === "ru")!;
  expect(sms.preview.body).toStartWith("Салон «Лотос»: напоминаем о записи вт, 2 марта в 12:00. https://zapis.example/salon/my/123");
  expect(sms.sms).toMatchObject({ encoding: "UCS-2", segments: 2, perSegment: 67 });
  const en = data.find((d) => d.event === "reminder" && d.channel === "sms" && d.locale === "en")!;
  expect(en.sms.encoding).toBe("GSM-7");
});

test("templates: an edit is validated, saved, previewed, and null restores the default", async () => {
  const bad = await h.api("PATCH", "/api/v1/businesses/salon/notification-templates", { templates: [{ event: "party", channel: "fax", locale: "ru", body: "" }] });
  expect(bad.status).toBe(400);
  const problems = (await bad.json()) as { code: string; messages: { field: string }[] };
  expect(problems.code).toBe("VALIDATION_ERROR");
  expect(problems.messages.map((m) => m.field)).toEqual(["templates.0.event", "templates.0.channel", "templates.0.body"]);

  const edit = { event: "reminder", channel: "sms", locale: "ru", body: "Ждём {client_name} {start_local}" };
  const saved = (await (await h.api("PATCH", "/api/v1/businesses/salon/notification-templates", { templates: [edit] })).json()) as { data: TemplateJson[] };
  const mine = saved.data.find((d) => d.event === "reminder" && d.channel === "sms" && d.locale === "ru")!;
  expect(mine).toMatchObject({ custom: true, body: "Ждём {client_name} {start_local}", preview: { body: "Ждём Анна вт, 2 марта в 12:00" } });
  expect(mine.sms.segments).toBe(1);

  const reset = (await (await h.api("PATCH", "/api/v1/businesses/salon/notification-templates", { templates: [{ ...edit, body: null }] })).json()) as { data: TemplateJson[] };
  expect(reset.data.find((d) => d.event === "reminder" && d.channel === "sms" && d.locale === "ru")!.custom).toBe(false);
});

test("opt-out link: the page asks first, the form (with CSRF) unsubscribes; a forged token does nothing", async () => {
  const clientId = await addClient(h.db, T0);
  const token = optOutToken((await readSettings(h.db.orm)).linkSecret, clientId, "email", "irina@example.com");
  const page = await h.request(`/salon/unsubscribe/${token}`);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain("Больше не получать уведомления (email) от Test Salon?");
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
  const cookie = page.headers.get("set-cookie")!.split(";")[0]!;
  expect((await clientRow(clientId)).optOut).toEqual([]);
  const done = await h.request(`/salon/unsubscribe/${token}`, {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: `_csrf=${csrf}`,
  });
  expect(done.status).toBe(200);
  expect(await done.text()).toContain("больше не будет присылать вам уведомления (email)");
  expect((await clientRow(clientId)).optOut).toEqual(["email"]);

  const forged = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
  expect((await h.request(`/salon/unsubscribe/${forged}`)).status).toBe(404);
  expect((await h.api("POST", `/api/v1/businesses/salon/unsubscribe/${forged}`, undefined, { auth: false })).status).toBe(404);
});

test("one-click unsubscribe (RFC 8058) needs no cookie and is idempotent", async () => {
  const clientId = await addClient(h.db, T0);
  const token = optOutToken((await readSettings(h.db.orm)).linkSecret, clientId, "sms", "+79991234567");
  for (let i = 0; i < 2; i++) {
    const res = await h.api("POST", `/api/v1/businesses/salon/unsubscribe/${token}`, undefined, { auth: false });
    expect(res.status).toBe(200);
  }
  expect((await clientRow(clientId)).optOut).toEqual(["sms"]);
});
