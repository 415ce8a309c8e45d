// The catalogue, schedule and booking-policy pages: every form writes through the domain use-cases,
// bad input shows a translated message and writes nothing, roles are enforced on the server, every
// change is audited, and closing a day cancels its bookings with the clients notified.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { and, count, eq } from "drizzle-orm";
import { makeHarness, type Harness } from "../../../test/harness.ts";
import { auditLog } from "../../audit/schema.ts";
import { business } from "../../business/schema.ts";
import { bookings } from "../../booking/schema.ts";
import { getService } from "../../catalogue/queries.ts";
import { serviceCategories, services } from "../../catalogue/schema.ts";
import { notifications } from "../../notification/schema.ts";
import { listExceptions } from "../../schedule/exceptions.ts";
import { weeklyHours } from "../../schedule/schedule.ts";
import { timeOff } from "../../schedule/schema.ts";
import { signedIn, type TestBrowser } from "../../session/test-browser.ts";

let h: Harness;
let owner: TestBrowser;
let manager: TestBrowser;
let anna: TestBrowser;
const ANNA = 2;
const ROOM = 1;

const countOf = async (table: typeof services | typeof serviceCategories) => (await h.db.orm.select({ n: count() }).from(table))[0]!.n;
const audited = async (action: string) => (await h.db.orm.select().from(auditLog).where(eq(auditLog.action, action))).length;

beforeAll(async () => {
  h = await makeHarness();
  owner = await signedIn(h, { email: "owner@salon.test", role: "owner" });
  manager = await signedIn(h, { email: "manager@salon.test", role: "manager" });
  anna = await signedIn(h, { email: "anna@salon.test", role: "staff", staffId: ANNA });
});
afterAll(() => h.close());

describe("services and categories", () => {
  test("a manager creates a service with a new category, masters and a room requirement", async () => {
    const res = await manager.post(`/${h.slug}/admin/catalogue/services`, {
      title: "Кератин",
      category_new: "Выпрямление",
      duration_minutes: "90",
      price: "3 500,50",
      price_max: "",
      buffer_before: "0",
      buffer_after: "15",
      color: "#aa3366",
      bookable_online: "on",
      active: "on",
      staff_ids: [String(ANNA), "3"],
      req_count: "1",
      req_0: [String(ROOM)],
    });
    expect(res.status).toBe(303);
    const id = Number(/services\/(\d+)/.exec(res.headers.get("location")!)?.[1]);
    const service = await getService(h.db.orm, id);
    expect(service).toMatchObject({ title: "Кератин", durationMinutes: 90, priceMinor: 350_050, bufferAfterMinutes: 15, staffIds: [ANNA, 3], requirements: [[ROOM]] });
    const [category] = await h.db.orm.select().from(serviceCategories).where(eq(serviceCategories.id, service!.categoryId!));
    expect(category!.name).toBe("Выпрямление");
    expect(await audited("service.create")).toBe(1);
    const page = await (await manager.get(`/${h.slug}/admin/catalogue`)).text();
    expect(page).toContain("Кератин");
    expect(page).toContain("Выпрямление");
  });

  test("a service that needs only a room (no master) is made from the form and offered to clients", async () => {
    const res = await manager.post(`/${h.slug}/admin/catalogue/services`, {
      title: "Переговорная с проектором",
      duration_minutes: "60",
      price: "1000",
      bookable_online: "on",
      active: "on",
      rooms_only: "on",
      req_count: "1",
      req_0: [String(ROOM)],
    });
    expect(res.status).toBe(303);
    const id = Number(/services\/(\d+)/.exec(res.headers.get("location")!)?.[1]);
    expect(await getService(h.db.orm, id)).toMatchObject({ staffRequired: false, staffIds: [], requirements: [[ROOM]] });
    const free = await h.api("GET", `/api/v1/businesses/${h.slug}/availability?service_id=${id}&from=2027-03-02&days=1`, undefined, { auth: false });
    const days = ((await free.json()) as { days: Array<{ slots: unknown[] }> }).days;
    expect(days[0]!.slots.length).toBeGreaterThan(0);
    const form = await (await manager.get(`/${h.slug}/admin/catalogue/services/${id}`)).text();
    expect(form).toMatch(/name="rooms_only" checked/);
  });

  test("bad input shows translated messages, keeps what was typed and writes nothing", async () => {
    const before = await countOf(services);
    const res = await owner.post(`/${h.slug}/admin/catalogue/services`, { title: "", duration_minutes: "abc", price: "дорого", req_count: "1" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Укажите название услуги");
    expect(html).toContain("Длительность — целое число минут");
    expect(html).toContain("Цена — целое число копеек");
    expect(html).toContain('value="abc"');
    expect(await countOf(services)).toBe(before);
  });

  test("editing keeps a service's id and replaces its masters; a service nobody booked is deleted", async () => {
    const res = await owner.post(`/${h.slug}/admin/catalogue/services/2`, { title: "Мужская стрижка", duration_minutes: "40", price: "1600", active: "on", staff_ids: ["3"], req_count: "0" });
    expect(res.status).toBe(303);
    expect(await getService(h.db.orm, 2)).toMatchObject({ durationMinutes: 40, priceMinor: 160_000, staffIds: [3], bookableOnline: false });
    const before = await countOf(services);
    expect((await owner.post(`/${h.slug}/admin/catalogue/services/3/delete`)).status).toBe(303);
    expect(await countOf(services)).toBe(before - 1);
  });

  test("categories: add, rename, delete (its services stay, uncategorized)", async () => {
    expect((await owner.post(`/${h.slug}/admin/catalogue/categories`, { name: "Брови" })).status).toBe(303);
    const [created] = await h.db.orm.select().from(serviceCategories).where(eq(serviceCategories.name, "Брови"));
    expect((await owner.post(`/${h.slug}/admin/catalogue/categories/${created!.id}`, { name: "Брови и ресницы" })).status).toBe(303);
    expect((await owner.post(`/${h.slug}/admin/catalogue/categories`, { name: "" })).status).toBe(400);
    expect((await owner.post(`/${h.slug}/admin/catalogue/categories/1/delete`)).status).toBe(303);
    const [first] = await h.db.orm.select().from(services).where(eq(services.id, 1));
    expect(first!.categoryId).toBeNull();
    expect(await audited("category.delete")).toBe(1);
  });

  test("a master reads the catalogue but cannot change it; a forged form without CSRF changes nothing", async () => {
    expect((await anna.get(`/${h.slug}/admin/catalogue`)).status).toBe(200);
    expect((await anna.get(`/${h.slug}/admin/catalogue/services/1`)).status).toBe(200);
    const before = await countOf(services);
    expect((await anna.post(`/${h.slug}/admin/catalogue/services`, { title: "Чужая", duration_minutes: "30", price: "1" })).status).toBe(403);
    expect((await anna.post(`/${h.slug}/admin/staff`, { name: "Самозванец" })).status).toBe(403);
    expect((await owner.post(`/${h.slug}/admin/catalogue/services`, { title: "Без токена", duration_minutes: "30", price: "1" }, { csrf: false })).status).toBe(403);
    expect(await countOf(services)).toBe(before);
  });
});

describe("masters and rooms", () => {
  test("add a master with services, fix a bad phone, add a room", async () => {
    const bad = await manager.post(`/${h.slug}/admin/staff`, { name: "Ирина", phone: "12", service_ids: ["1"], active: "on" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Введите телефон с кодом страны");
    expect((await manager.post(`/${h.slug}/admin/staff`, { name: "Ирина", phone: "8 916 123-45-67", service_ids: ["1"], active: "on" })).status).toBe(303);
    const page = await (await manager.get(`/${h.slug}/admin/staff`)).text();
    expect(page).toContain("Ирина");
    expect(page).toContain("+7 916 123 45 67");
    expect((await manager.post(`/${h.slug}/admin/resources`, { name: "Солярий", kind: "equipment", active: "on" })).status).toBe(303);
    expect(await (await manager.get(`/${h.slug}/admin/staff`)).text()).toContain("Солярий");
    expect(await audited("staff.create")).toBe(1);
    expect(await audited("resource.create")).toBe(1);
  });
});

describe("schedules", () => {
  test("a week with a break and a period from a date; overlapping ranges are refused", async () => {
    const bad = await manager.post(`/${h.slug}/admin/schedules/${ANNA}/hours`, { d1_0_start: "10:00", d1_0_end: "14:00", d1_1_start: "13:00", d1_1_end: "18:00" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("пересекается");
    const ok = await manager.post(`/${h.slug}/admin/schedules/${ANNA}/hours`, { d1_0_start: "09:00", d1_0_end: "13:00", d1_1_start: "14:00", d1_1_end: "19:00", d6_0_start: "10:00", d6_0_end: "16:00", valid_from: "2027-04-01" });
    expect(ok.status).toBe(303);
    const periods = await weeklyHours(h.db.orm, ANNA);
    expect(periods.map((p) => [p.validFrom, p.validTo])).toEqual([[null, "2027-03-31"], ["2027-04-01", null]]);
    expect(periods[1]!.week).toEqual([{ weekday: 1, start: "09:00", end: "13:00" }, { weekday: 1, start: "14:00", end: "19:00" }, { weekday: 6, start: "10:00", end: "16:00" }]);
    const page = await (await manager.get(`/${h.slug}/admin/schedules?owner=${ANNA}`)).text();
    expect(page).toContain("09:00–13:00, 14:00–19:00");
  });

  test("special hours and time off are added and removed, audited; a master cannot", async () => {
    expect((await manager.post(`/${h.slug}/admin/schedules/${ANNA}/exceptions`, { date: "2027-03-10", type: "open_custom", start_time: "12:00" })).status).toBe(400);
    expect((await manager.post(`/${h.slug}/admin/schedules/${ANNA}/exceptions`, { date: "2027-03-10", type: "open_custom", start_time: "12:00", end_time: "16:00" })).status).toBe(303);
    const { rows } = await listExceptions(h.db.orm, { resourceId: ANNA, limit: 10, offset: 0 });
    expect(rows.map((r) => [r.date, r.type, r.startMinutes, r.endMinutes])).toEqual([["2027-03-10", "open_custom", 720, 960]]);
    expect((await manager.post(`/${h.slug}/admin/exceptions/${rows[0]!.id}/delete?owner=${ANNA}`)).status).toBe(303);
    expect((await listExceptions(h.db.orm, { resourceId: ANNA, limit: 10, offset: 0 })).total).toBe(0);

    expect((await manager.post(`/${h.slug}/admin/schedules/${ANNA}/time-off`, { from_date: "2027-03-20", to_date: "2027-03-12" })).status).toBe(400);
    expect((await manager.post(`/${h.slug}/admin/schedules/${ANNA}/time-off`, { from_date: "2027-03-15", to_date: "2027-03-19", reason: "Отпуск" })).status).toBe(303);
    const [off] = await h.db.orm.select().from(timeOff).where(eq(timeOff.resourceId, ANNA));
    // Moscow is UTC+3: from 15 March 00:00 to 20 March 00:00 local.
    expect([off!.startTs, off!.endTs]).toEqual([Date.UTC(2027, 2, 14, 21), Date.UTC(2027, 2, 19, 21)]);
    expect((await anna.post(`/${h.slug}/admin/time-off/${off!.id}/delete`)).status).toBe(403);
    expect((await manager.post(`/${h.slug}/admin/time-off/${off!.id}/delete?owner=${ANNA}`)).status).toBe(303);
    expect(await audited("time_off.create")).toBe(1);
    expect(await audited("time_off.delete")).toBe(1);
  });
});

describe("booking policy", () => {
  test("owner only; bad numbers are refused with a message and nothing changes", async () => {
    expect((await manager.get(`/${h.slug}/admin/policy`)).status).toBe(403);
    expect((await manager.post(`/${h.slug}/admin/policy`, { slot_step_minutes: "30" })).status).toBe(403);
    const fields = { slot_step_minutes: "30", min_notice_minutes: "120", horizon_days: "90", hold_minutes: "10", cancel_window_minutes: "240", reminder_offsets_minutes: "1440, 60" };
    const bad = await owner.post(`/${h.slug}/admin/policy`, { ...fields, slot_step_minutes: "2" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Целое число от 5 до 240");
    expect((await h.db.orm.select().from(business))[0]!.slotStepMinutes).toBe(15);
    expect((await owner.post(`/${h.slug}/admin/policy`, fields)).status).toBe(303);
    expect((await h.db.orm.select().from(business))[0]).toMatchObject({ slotStepMinutes: 30, minNoticeMinutes: 120, horizonDays: 90, holdMinutes: 10, cancelWindowMinutes: 240, autoConfirm: false, reminderOffsetsMinutes: [1440, 60] });
  });
});

describe("closing a day", () => {
  test("the salon closes a day: the exception is created, its bookings cancelled, clients notified", async () => {
    const book = async (staffId: number, start: string, phone: string) => {
      const res = await h.api("POST", `/api/v1/businesses/${h.slug}/bookings`, { service_id: 1, staff_id: staffId, start_ts: start, client: { name: `Клиент ${phone}`, phone, email: `c${phone.slice(-4)}@example.test` } });
      expect(res.status).toBe(201);
      return ((await res.json()) as { booking: { id: number } }).booking.id;
    };
    const first = await book(ANNA, "2027-03-05T11:00:00+03:00", "+79161110001");
    const second = await book(3, "2027-03-05T17:00:00+03:00", "+79161110002");
    const otherDay = await book(ANNA, "2027-03-04T11:00:00+03:00", "+79161110003");
    const res = await manager.post(`/${h.slug}/admin/schedules/salon/exceptions`, { date: "2027-03-05", type: "closed", note: "Ремонт", cancel_bookings: "on" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toContain("closed=2");
    const status = async (id: number) => (await h.db.orm.select().from(bookings).where(eq(bookings.id, id)))[0]!;
    expect((await status(first)).status).toBe("cancelled");
    expect((await status(first)).cancelReason).toBe("Ремонт");
    expect((await status(second)).status).toBe("cancelled");
    expect((await status(otherDay)).status).not.toBe("cancelled");
    const told = await h.db.orm.select().from(notifications).where(and(eq(notifications.event, "cancelled")));
    expect(told.map((n) => n.bookingId).sort()).toEqual([first, second].sort());
    expect((await listExceptions(h.db.orm, { resourceId: null, from: "2027-03-05", to: "2027-03-05", limit: 5, offset: 0 })).rows[0]).toMatchObject({ type: "closed", startMinutes: null });
    const page = await (await manager.get(res.headers.get("location")!)).text();
    expect(page).toContain("отменено записей с уведомлением клиентов: 2");
    const slots = await (await h.api("GET", `/api/v1/businesses/${h.slug}/availability?date=2027-03-05&service_id=1`, undefined, { auth: false })).json() as { days: Array<{ slots: unknown[] }> };
    expect(slots.days[0]!.slots).toEqual([]);
  });
  test("a day off on a day with visits says so and offers both: move each visit, or close cancelling them with notice", async () => {
    const res0 = await h.api("POST", `/api/v1/businesses/${h.slug}/bookings`, { service_id: 1, staff_id: ANNA, start_ts: "2027-03-10T11:00:00+03:00", client: { name: "Клиент", phone: "+79161110009" } });
    const id = ((await res0.json()) as { booking: { id: number } }).booking.id;
    const refused = await manager.post(`/${h.slug}/admin/schedules/${ANNA}/exceptions`, { date: "2027-03-10", type: "closed", note: "Болезнь" });
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(page).toContain("На этот день есть активные записи (1)");
    expect(page).toContain(`href="/${h.slug}/admin/bookings/${id}/reschedule"`);
    expect(page).toContain('href="/' + h.slug + '/admin?date=2027-03-10"');
    // the second choice re-posts the same day off, cancelling: its fields as the page wrote them
    const form = page.slice(page.indexOf('class="card stack day-has-bookings"'));
    const fields = Object.fromEntries([...form.slice(0, form.indexOf("</form>")).matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    expect(fields).toMatchObject({ date: "2027-03-10", type: "closed", note: "Болезнь", cancel_bookings: "on" });
    expect(form).toContain("Закрыть день и отменить");
    const { _csrf: _, ...post } = fields;
    expect((await manager.post(`/${h.slug}/admin/schedules/${ANNA}/exceptions`, post)).status).toBe(303);
    expect((await h.db.orm.select().from(bookings).where(eq(bookings.id, id)))[0]!.status).toBe("cancelled");
  });
});
