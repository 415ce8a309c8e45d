// Clients CRM through the admin pages: search by name and phone, the card with history and totals,
// edits with a translated message on bad input, merging duplicates, exporting and erasing on request.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { makeHarness, type Harness } from "../../../test/harness.ts";
import { auditLog } from "../../audit/schema.ts";
import { bookings } from "../../booking/schema.ts";
import { clients } from "../../client/schema.ts";
import { notifications } from "../../notification/schema.ts";
import { signedIn, type TestBrowser } from "../../session/test-browser.ts";

let h: Harness;
let owner: TestBrowser;
let manager: TestBrowser;
let anna: TestBrowser;

async function book(start: string, name: string, phone: string, email?: string): Promise<{ bookingId: number; clientId: number }> {
  const res = await h.api("POST", `/api/v1/businesses/${h.slug}/bookings`, { service_id: 1, staff_id: 2, start_ts: start, client: { name, phone, ...(email ? { email } : {}) } });
  expect(res.status).toBe(201);
  const bookingId = ((await res.json()) as { booking: { id: number } }).booking.id;
  const [row] = await h.db.orm.select().from(bookings).where(eq(bookings.id, bookingId));
  return { bookingId, clientId: row!.clientId! };
}
const client = async (id: number) => (await h.db.orm.select().from(clients).where(eq(clients.id, id)))[0];
const actions = async () => (await h.db.orm.select().from(auditLog)).map((a) => a.action);

beforeAll(async () => {
  h = await makeHarness();
  owner = await signedIn(h, { email: "owner@salon.test", role: "owner" });
  manager = await signedIn(h, { email: "manager@salon.test", role: "manager" });
  anna = await signedIn(h, { email: "anna@salon.test", role: "staff", staffId: 2 });
});
afterAll(() => h.close());

describe("search and card", () => {
  test("finds by any case of a Cyrillic name and by phone digits typed the Russian way", async () => {
    const { bookingId } = await book("2027-03-02T10:00:00+03:00", "Анна Смирнова", "+79161234567");
    await h.db.orm.update(bookings).set({ status: "completed" }).where(eq(bookings.id, bookingId));
    await book("2027-03-02T12:00:00+03:00", "Борис Петров", "+79031112233");
    for (const q of ["анна", "СМИРНОВА", "8 916 123", "1234567"]) {
      const html = await (await manager.get(`/${h.slug}/admin/clients?q=${encodeURIComponent(q)}`)).text();
      expect({ q, found: html.includes("Анна Смирнова"), other: html.includes("Борис Петров") }).toEqual({ q, found: true, other: false });
    }
    const all = await (await manager.get(`/${h.slug}/admin/clients`)).text();
    expect(all).toContain("Визитов: 1 · неявок: 0");
  });

  test("the card shows history and totals; a master has no clients section", async () => {
    const [anne] = await h.db.orm.select().from(clients).where(eq(clients.name, "Анна Смирнова"));
    const html = await (await manager.get(`/${h.slug}/admin/clients/${anne!.id}`)).text();
    expect(html).toContain("Женская стрижка");
    expect(html).toMatch(/<strong>2\s500\s₽<\/strong>/);
    expect(html).toContain("Состоялась");
    expect((await anna.get(`/${h.slug}/admin/clients`)).status).toBe(403);
    expect((await anna.get(`/${h.slug}/admin/clients/${anne!.id}`)).status).toBe(403);
    expect((await manager.get(`/${h.slug}/admin/clients/99999`)).status).toBe(404);
  });

  test("notes, tags and consent are saved and audited without personal values; bad input writes nothing", async () => {
    const [anne] = await h.db.orm.select().from(clients).where(eq(clients.name, "Анна Смирнова"));
    const bad = await manager.post(`/${h.slug}/admin/clients/${anne!.id}`, { name: "Анна Смирнова", phone: "123", tags: "vip", notes: "x" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Введите телефон с кодом страны");
    expect((await client(anne!.id))!.notes).toBeNull();
    const ok = await manager.post(`/${h.slug}/admin/clients/${anne!.id}`, { name: "Анна Смирнова", phone: "+7 916 123-45-67", email: "anna@example.test", tags: "VIP, аллергия, VIP", notes: "Любит кофе", consent: "on" });
    expect(ok.status).toBe(303);
    expect(await client(anne!.id)).toMatchObject({ tags: ["VIP", "аллергия"], notes: "Любит кофе", email: "anna@example.test", consentAt: h.clock.now() });
    const [entry] = await h.db.orm.select().from(auditLog).where(eq(auditLog.action, "client.update"));
    expect(entry!.details).toEqual({ changed: ["email", "notes", "tags", "consentAt"] });
  });
});

describe("merge, export, erase", () => {
  test("merging moves the duplicate's visits and fills what the kept record lacks", async () => {
    const kept = await book("2027-03-03T10:00:00+03:00", "Вера Дублева", "+79165550001");
    const dup = await book("2027-03-03T12:00:00+03:00", "Вера Дублева", "+79165550002", "vera@example.test");
    const card = await (await manager.get(`/${h.slug}/admin/clients/${kept.clientId}`)).text();
    expect(card).toContain(`name="other_id" value="${dup.clientId}"`);
    expect((await manager.post(`/${h.slug}/admin/clients/${kept.clientId}/merge`, { other_id: String(kept.clientId) })).status).toBe(400);
    expect((await manager.post(`/${h.slug}/admin/clients/${kept.clientId}/merge`, {})).status).toBe(400);
    const res = await manager.post(`/${h.slug}/admin/clients/${kept.clientId}/merge`, { other_id: String(dup.clientId) });
    expect(res.status).toBe(303);
    expect(await client(dup.clientId)).toBeUndefined();
    expect(await client(kept.clientId)).toMatchObject({ phone: "+79165550001", email: "vera@example.test" });
    const [moved] = await h.db.orm.select().from(bookings).where(eq(bookings.id, dup.bookingId));
    expect(moved!.clientId).toBe(kept.clientId);
    expect(await actions()).toContain("client.merge");
  });

  test("the owner exports one client's data; a manager may not", async () => {
    const { clientId } = await book("2027-03-04T10:00:00+03:00", "Гала Экспортова", "+79165550003", "gala@example.test");
    expect((await manager.get(`/${h.slug}/admin/clients/${clientId}/export.json`)).status).toBe(403);
    const res = await owner.get(`/${h.slug}/admin/clients/${clientId}/export.json`);
    expect(res.headers.get("content-disposition")).toContain(`client-${clientId}.json`);
    const data = (await res.json()) as { client: { name: string; email: string }; bookings: Array<{ start: string; services: Array<{ title: string }> }> };
    expect(data.client).toMatchObject({ name: "Гала Экспортова", email: "gala@example.test" });
    expect(data.bookings[0]).toMatchObject({ start: "2027-03-04T10:00:00+03:00", contact: { name: "Гала Экспортова" }, services: [{ title: "Женская стрижка" }] });
    expect(await actions()).toContain("client.export");
  });

  test("erasure keeps the visits, blanks the person, voids what was queued for them", async () => {
    const { clientId, bookingId } = await book("2027-03-05T10:00:00+03:00", "Дина Стираева", "+79165550004", "dina@example.test");
    await h.db.orm.update(bookings).set({ notes: "аллергия" }).where(eq(bookings.id, bookingId));
    expect((await manager.post(`/${h.slug}/admin/clients/${clientId}/anonymize`, { confirm: "on" })).status).toBe(403);
    expect((await owner.post(`/${h.slug}/admin/clients/${clientId}/anonymize`, {})).status).toBe(400);
    expect((await client(clientId))!.anonymizedAt).toBeNull();
    expect((await owner.post(`/${h.slug}/admin/clients/${clientId}/anonymize`, { confirm: "on" })).status).toBe(303);
    expect(await client(clientId)).toMatchObject({ name: `#${clientId}`, phone: null, email: null, notes: null, tags: [], anonymizedAt: h.clock.now() });
    const [visit] = await h.db.orm.select().from(bookings).where(eq(bookings.id, bookingId));
    expect(visit).toMatchObject({ clientId, notes: null, contactName: null, contactPhone: null, contactEmail: null, status: "confirmed" });
    const queued = await h.db.orm.select().from(notifications).where(eq(notifications.bookingId, bookingId));
    expect(queued.length).toBeGreaterThan(0);
    expect(queued.filter((n) => n.status === "pending")).toEqual([]);
    const html = await (await owner.get(`/${h.slug}/admin/clients?q=${encodeURIComponent("Дина")}`)).text();
    expect(html).not.toContain("Дина Стираева");
    expect((await owner.post(`/${h.slug}/admin/clients/${clientId}`, { name: "Снова Дина" })).status).toBe(400);
  });
});
