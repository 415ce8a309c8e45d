// The catalogue JSON API over real handlers and the demo salon's database.
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { issueApiToken } from "../account/api-token.ts";
import { auditLog } from "../audit/schema.ts";
import { business } from "../business/schema.ts";
import { makeHarness, problemFields, type Harness } from "../../test/harness.ts";

const BASE = "/api/v1/businesses/salon";
let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const dataVersion = async () => (await h.db.orm.select({ v: business.dataVersion }).from(business))[0]!.v;
const json = async (res: Response) => (await res.json()) as Record<string, unknown> & { data: Array<Record<string, unknown>>; meta: object };
const asRole = async (role: "manager" | "staff") => ({ authorization: `Bearer ${await issueApiToken(h.db, { name: role, role, now: h.clock.now() })}` });

describe("services", () => {
  test("public list shows bookable services; paging meta", async () => {
    const res = await h.request(`${BASE}/services?limit=3&offset=1`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.meta).toEqual({ total: 8, limit: 3, offset: 1 });
    expect(body.data.map((s) => s.title)).toEqual(["Мужская стрижка", "Детская стрижка", "Окрашивание в один тон"]);
    expect(body.data[0]).toMatchObject({ duration_minutes: 45, price: 150_000, buffer_after: 5, staff_ids: [2] });
  });

  test("create with masters and a room requirement, audited, bumping the data version", async () => {
    const before = await dataVersion();
    const res = await h.api("POST", `${BASE}/services`, {
      title: " Массаж головы ",
      duration_minutes: 30,
      price: 120_000,
      price_max: 150_000,
      buffer_before: 5,
      category: "Уход",
      staff_ids: [2, 3],
      resource_ids: [1],
    });
    expect(res.status).toBe(201);
    const created = await json(res);
    expect(created).toMatchObject({ title: "Массаж головы", category_id: 4, staff_ids: [2, 3], requirements: [{ resource_ids: [1] }], active: true });
    expect(await dataVersion()).toBeGreaterThan(before);
    const [audit] = await h.db.orm.select().from(auditLog).where(eq(auditLog.action, "service.create"));
    expect(audit).toMatchObject({ entity: "service", entityId: String(created.id) });
    expect(audit!.actor).toStartWith("api-token:");
  });

  test("change and remove: deactivated when bookings refer to it, deleted otherwise", async () => {
    const patched = await h.api("PATCH", `${BASE}/services/2`, { duration_minutes: 50, staff_ids: [3] });
    expect(await json(patched)).toMatchObject({ id: 2, duration_minutes: 50, staff_ids: [3], title: "Мужская стрижка" });
    expect((await h.api("DELETE", `${BASE}/services/2`)).status).toBe(204);
    expect((await h.request(`${BASE}/services/2`)).status).toBe(404);
    await h.db.client.execute(
      "INSERT INTO bookings (id, location_id, status, source, start_ts, end_ts, currency, created_at, updated_at) VALUES (1, 1, 'confirmed', 'api', 1, 2, 'RUB', 0, 0)",
    );
    await h.db.client.execute("INSERT INTO booking_services (booking_id, service_id, start_ts, end_ts) VALUES (1, 3, 1, 2)");
    const kept = await h.api("DELETE", `${BASE}/services/3`);
    expect(kept.status).toBe(200);
    expect(await json(kept)).toMatchObject({ id: 3, active: false });
    expect((await h.request(`${BASE}/services/3`)).status).toBe(404); // hidden from the public
    expect((await h.api("GET", `${BASE}/services/3`)).status).toBe(200); // the salon still sees it
  });

  test("400 with a message per field, and nothing written", async () => {
    const before = await dataVersion();
    const res = await h.api("POST", `${BASE}/services`, { title: "", duration_minutes: -30, price: 500, price_max: 100, buffer_after: 999 });
    expect(res.status).toBe(400);
    expect(await problemFields(res.clone())).toEqual(["buffer_after", "duration_minutes", "price_max", "title"]);
    expect((await json(res)).code).toBe("VALIDATION_ERROR");
    expect(await dataVersion()).toBe(before);
    const typed = await h.api("POST", `${BASE}/services`, { title: "x", duration_minutes: "long" });
    expect(typed.status).toBe(400);
  });

  test("401 without a token, 403 for a staff token, 404 for unknown ids", async () => {
    expect((await h.api("POST", `${BASE}/services`, { title: "x", duration_minutes: 10 }, { auth: false })).status).toBe(401);
    const staff = await asRole("staff");
    const forbidden = await h.request(`${BASE}/services/1`, { method: "PATCH", headers: { ...staff, "content-type": "application/json" }, body: "{}" });
    expect(forbidden.status).toBe(403);
    expect(await json(forbidden)).toMatchObject({ code: "FORBIDDEN" });
    expect((await h.api("PATCH", `${BASE}/services/999`, { title: "x" })).status).toBe(404);
    const unknownStaff = await h.api("POST", `${BASE}/services`, { title: "x", duration_minutes: 10, staff_ids: [2, 77] });
    expect(unknownStaff.status).toBe(404);
    expect(await json(unknownStaff)).toMatchObject({ code: "NOT_FOUND", messages: [{ field: "staff_ids" }] });
    expect((await h.api("POST", `${BASE}/services`, { title: "x", duration_minutes: 10, resource_ids: [2] })).status).toBe(404); // 2 is a master
  });
});

describe("staff and resources", () => {
  test("public list hides phones and retired masters; a manager sees all", async () => {
    const added = await h.api("POST", `${BASE}/staff`, { name: "Игорь", phone: "8 (916) 123-45-67", service_ids: [1, 2] });
    expect(added.status).toBe(201);
    const igor = await json(added);
    expect(igor).toMatchObject({ name: "Игорь", phone: "+79161234567", service_ids: [1, 2], active: true });
    await h.api("PATCH", `${BASE}/staff/${igor.id}`, { active: false });
    const pub = await json(await h.request(`${BASE}/staff`));
    expect(pub.data.map((s) => s.name)).not.toContain("Игорь");
    expect(pub.data[0]).not.toHaveProperty("phone");
    const all = await json(await h.request(`${BASE}/staff`, { headers: await asRole("manager") }));
    expect(all.meta).toMatchObject({ total: 4 });
    expect(all.data.find((s) => s.name === "Игорь")).toMatchObject({ active: false, phone: "+79161234567" });
  });

  test("staff validation and 404s", async () => {
    const bad = await h.api("POST", `${BASE}/staff`, { name: "Игорь", phone: "12" });
    expect(bad.status).toBe(400);
    expect(await json(bad)).toMatchObject({ messages: [{ field: "phone" }] });
    expect((await h.api("PATCH", `${BASE}/staff/1`, { name: "x" })).status).toBe(404); // 1 is the room
    expect((await h.api("POST", `${BASE}/staff`, { name: "Игорь", service_ids: [42] })).status).toBe(404);
    expect((await h.request(`${BASE}/staff/99`)).status).toBe(404);
  });

  test("resources: create, list by kind, change", async () => {
    const res = await h.api("POST", `${BASE}/resources`, { name: "Кресло 2", kind: "equipment" });
    expect(res.status).toBe(201);
    const chair = await json(res);
    expect(chair).toMatchObject({ name: "Кресло 2", kind: "equipment", active: true });
    const rooms = await json(await h.request(`${BASE}/resources?kind=room`));
    expect(rooms.data.map((r) => r.name)).toEqual(["Кабинет ухода"]);
    expect((await json(await h.request(`${BASE}/resources`))).meta).toMatchObject({ total: 2 });
    expect(await json(await h.api("PATCH", `${BASE}/resources/${chair.id}`, { name: "Кресло №2" }))).toMatchObject({ name: "Кресло №2" });
    expect((await h.api("POST", `${BASE}/resources`, { name: "x", kind: "staff" })).status).toBe(400);
    expect((await h.api("POST", `${BASE}/resources`, { name: "x", kind: "room" }, { auth: false })).status).toBe(401);
  });
});
