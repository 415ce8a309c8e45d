// A salon made by `tenant create` (no demo data) goes to a first booking through the real handlers
// (issue 12 items 8–10): default opening hours, a room without hours of its own following them, a
// rooms-only service, empty days that say why, and the checklist on the admin home.
// "Now" is Monday 2027-03-01 09:00 in Moscow.
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { bookingServices, occupancy } from "../../booking/schema.ts";
import { signedIn } from "../../session/test-browser.ts";
import { makeHarness, type Harness } from "../../../test/harness.ts";

const API = "/api/v1/businesses/salon";

let h: Harness;
beforeEach(async () => {
  h = await makeHarness({ tenant: { demo: false } });
});
afterEach(() => h.close());

async function json<T>(res: Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  const body = await r.json();
  expect({ status: r.status, body }).toMatchObject({ status });
  return body as T;
}

type Day = { date: string; slots: Array<{ start_ts: string; staff_ids: number[] }>; reason?: string };
const availability = (q: string) => json<{ days: Day[] }>(h.api("GET", `${API}/availability?${q}`, undefined, { auth: false }));

test("a new salon's primary location is open Mon–Sat 10:00–20:00 until changed", async () => {
  const { periods } = await json<{ periods: Array<{ week: Array<{ weekday: number; start: string; end: string }> }> }>(h.api("GET", `${API}/hours`));
  expect(periods).toHaveLength(1);
  expect(periods[0]!.week).toEqual([1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: "10:00", end: "20:00" })));
});

describe("rooms and rooms-only services", () => {
  async function meetingRoom() {
    const room = await json<{ id: number }>(h.api("POST", `${API}/resources`, { name: "Переговорная с проектором", kind: "room" }), 201);
    const service = await json<{ id: number; staff_required: boolean }>(
      h.api("POST", `${API}/services`, { title: "Переговорная, 1 час", duration_minutes: 60, price: 100000, staff_required: false, resource_ids: [room.id] }),
      201,
    );
    return { room: room.id, service };
  }

  test("a room without hours of its own follows the location's, and a service needing only it is bookable", async () => {
    const { room, service } = await meetingRoom();
    expect(service.staff_required).toBe(false);
    const [monday] = (await availability(`service_id=${service.id}&date=2027-03-01`)).days;
    // from opening (exactly the hour of notice after 09:00) to 19:00, the last start that ends by 20:00
    const starts = monday!.slots.map((s) => s.start_ts.slice(11, 16));
    expect([starts[0], starts.at(-1), starts.length]).toEqual(["10:00", "19:00", 37]);
    expect(monday!.slots[0]!.staff_ids).toEqual([]);

    const made = await json<{ booking: { id: number } }>(
      h.api("POST", `${API}/bookings`, { service_id: service.id, start_ts: "2027-03-01T12:00:00+03:00", client: { name: "ООО Ромашка", phone: "+79161234567" } }, { auth: false }),
      201,
    );
    const parts = await h.db.orm.select().from(bookingServices).where(eq(bookingServices.bookingId, made.booking.id));
    expect(parts.map((p) => p.staffId)).toEqual([null]);
    const occupied = await h.db.orm.select().from(occupancy).where(eq(occupancy.bookingId, made.booking.id));
    expect(occupied.map((o) => o.resourceId)).toEqual([room]);
    // the room is now taken at 12:00, and a second booking names the first
    const again = await json<{ code: string; conflicting_booking: { id: number } }>(
      h.api("POST", `${API}/bookings`, { service_id: service.id, start_ts: "2027-03-01T12:30:00+03:00", client: { name: "ИП Иванов", phone: "+79161234568" } }, { auth: false }),
      409,
    );
    expect(again).toMatchObject({ code: "SLOT_CONFLICT", conflicting_booking: { id: made.booking.id } });
  });

  test("existing services keep needing a master: a service with a room but no master offers nothing", async () => {
    const room = await json<{ id: number }>(h.api("POST", `${API}/resources`, { name: "Кабинет", kind: "room" }), 201);
    const service = await json<{ id: number; staff_required: boolean }>(h.api("POST", `${API}/services`, { title: "Уход", duration_minutes: 60, resource_ids: [room.id] }), 201);
    expect(service.staff_required).toBe(true);
    const [monday] = (await availability(`service_id=${service.id}&date=2027-03-01`)).days;
    expect(monday).toMatchObject({ slots: [], reason: "not_working" });
  });
});

test("a day without times says why: past, closed, nobody working, fully booked, beyond the horizon", async () => {
  const master = await json<{ id: number }>(h.api("POST", `${API}/staff`, { name: "Анна", service_ids: [] }), 201);
  const service = await json<{ id: number }>(h.api("POST", `${API}/services`, { title: "Стрижка", duration_minutes: 60, staff_ids: [master.id] }), 201);
  // Anna works Mon–Fri, and on Tuesday only 10–11
  await json(h.api("PUT", `${API}/staff/${master.id}/schedule`, { week: [1, 3, 4, 5].map((weekday) => ({ weekday, start: "10:00", end: "19:00" })).concat([{ weekday: 2, start: "10:00", end: "11:00" }]) }));
  await json(h.api("POST", `${API}/bookings`, { service_id: service.id, start_ts: "2027-03-02T10:00:00+03:00", client: { name: "Ирина", phone: "+79161234567" } }, { auth: false }), 201);
  const { days } = await availability(`service_id=${service.id}&date=2027-02-28&days=8`);
  expect(days.map((d) => [d.date, d.reason ?? d.slots.length > 0])).toEqual([
    ["2027-02-28", "past"],
    ["2027-03-01", true],
    ["2027-03-02", "fully_booked"],
    ["2027-03-03", true],
    ["2027-03-04", true],
    ["2027-03-05", true],
    ["2027-03-06", "not_working"], // the salon is open on Saturday, Anna is not
    ["2027-03-07", "closed"], // Sunday
  ]);
  const far = await availability(`service_id=${service.id}&date=2027-04-30`);
  expect(far.days[0]).toMatchObject({ slots: [], reason: "beyond_horizon" });

  // The client's page says the same in words, instead of "всё занято" for every empty day.
  const page = await (await h.request(`/${h.slug}/book/time?s=${service.id}&m=any&d=2027-03-06`)).text();
  expect(page).toContain("В этот день не работает ни один мастер этой услуги.");
  expect(page).toContain("выходной");
  expect(page).toContain("закрыто");
});

test("the admin home of a new salon shows what is left before the first booking", async () => {
  const owner = await signedIn(h, { email: "owner@salon.test" });
  const home = async () => (await (await owner.get(`/${h.slug}/admin`)).text()).replace(/<[^>]+>/g, " ");
  const first = await home();
  expect(first).toContain("Подготовьте салон к записи");
  expect(first).toContain("Готово 1 из 5");
  expect(first).toContain("http://localhost:3000/salon");

  const master = await json<{ id: number }>(h.api("POST", `${API}/staff`, { name: "Анна", service_ids: [] }), 201);
  await json(h.api("PUT", `${API}/staff/${master.id}/schedule`, { week: [{ weekday: 1, start: "10:00", end: "19:00" }] }));
  const service = await json<{ id: number }>(h.api("POST", `${API}/services`, { title: "Стрижка", duration_minutes: 60, staff_ids: [master.id] }), 201);
  expect(await home()).toContain("Готово 3 из 5");
  await json(h.api("POST", `${API}/bookings`, { service_id: service.id, start_ts: "2027-03-01T12:00:00+03:00", client: { name: "Ирина", phone: "+79161234567" } }, { auth: false }), 201);
  // live: a booking, with hours, a master and a service — the checklist goes away
  expect(await home()).not.toContain("Подготовьте салон к записи");
});
