// Branches end to end (issue 17) over the demo salon's real SQLite file and real HTTP handlers.
// Demo: Анна (2) works Mon–Fri 10–14, 15–20 in the primary branch (Europe/Moscow); haircut (1) is
// 60 min + 10 min buffer after. A second branch in Asia/Almaty (+05:00) is added by each test.
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { count, eq } from "drizzle-orm";
import { createUser } from "../account/account.ts";
import { issueTokenFor } from "../account/token-admin.ts";
import { bookings } from "../booking/schema.ts";
import { makeHarness, problemFields, type Harness } from "../../test/harness.ts";
import { toIsoWithOffset } from "../time/format.ts";
import { localToInstant } from "../time/zone.ts";
import { setUserBranches } from "./location.ts";

const ANNA = 2;
const OLGA = 3;
const HAIRCUT = 1;
const MOSCOW = 1;
const THURSDAY = "2027-03-04";
const FRIDAY = "2027-03-05";
const BASE = "/api/v1/businesses/salon";

let h: Harness;
let almaty: number;

beforeEach(async () => {
  h = await makeHarness();
  const res = await h.api("POST", `${BASE}/locations`, { name: "Алматы", address: "пр. Абая, 1", timezone: "Asia/Almaty", map_url: "https://yandex.kz/maps/-/abc", phone: "+7 727 258 00 00" });
  expect(res.status).toBe(201);
  almaty = ((await res.json()) as { id: number }).id;
  // Анна also works in Almaty, on Fridays only, 09:00–18:00 Almaty time
  expect((await h.api("PATCH", `${BASE}/staff/${ANNA}`, { location_ids: [MOSCOW, almaty] })).status).toBe(200);
  const hours = await h.api("PUT", `${BASE}/staff/${ANNA}/schedule`, { location_id: almaty, week: [{ weekday: 5, start: "09:00", end: "18:00" }] });
  expect(hours.status).toBe(200);
});
afterEach(() => h.close());

interface Day {
  date: string;
  reason?: string;
  slots: Array<{ start_ts: string; staff_ids: number[] }>;
}

async function days(params: string): Promise<{ timezone: string; days: Day[] }> {
  const res = await h.request(`${BASE}/availability?${params}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { timezone: string; days: Day[] };
}

const book = (location: number, start: string, phone = "+79160000001") =>
  h.api("POST", `${BASE}/bookings`, { service_id: HAIRCUT, staff_id: ANNA, start_ts: start, location_id: location, client: { name: "Клиент", phone } }, { auth: false });

const at = (date: string, hhmm: string, zone: string) => localToInstant(date, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)), zone, "compatible");

describe("locations API", () => {
  test("create, list, change; the map link must be http(s); the zone must be real", async () => {
    const list = (await (await h.request(`${BASE}/locations`)).json()) as { data: Array<{ id: number; name: string; timezone: string; map_url: string | null; is_primary: boolean; phone: string | null }> };
    expect(list.data.map((l) => [l.id, l.timezone, l.is_primary])).toEqual([
      [MOSCOW, "Europe/Moscow", true],
      [almaty, "Asia/Almaty", false],
    ]);
    expect(list.data[1]!.map_url).toBe("https://yandex.kz/maps/-/abc");
    expect(list.data[1]!.phone).toBe("+77272580000");

    for (const bad of ["javascript:alert(1)", "data:text/html,x", "//evil.example", "https://user:pw@maps.example/"]) {
      const res = await h.api("PATCH", `${BASE}/locations/${almaty}`, { map_url: bad });
      expect(res.status).toBe(400);
      expect(await problemFields(res)).toEqual(["map_url"]);
    }
    const badZone = await h.api("POST", `${BASE}/locations`, { name: "Марс", timezone: "Mars/Olympus" });
    expect(badZone.status).toBe(400);
    expect(await problemFields(badZone)).toEqual(["timezone"]);
    expect((await h.api("POST", `${BASE}/locations`, { name: "X", timezone: "Europe/Moscow" }, { auth: false })).status).toBe(401);

    const patched = await h.api("PATCH", `${BASE}/locations/${almaty}`, { name: "Алматы, Абая", map_url: "" });
    expect(((await patched.json()) as { name: string; map_url: string | null })).toMatchObject({ name: "Алматы, Абая", map_url: null });
    expect((await h.api("PATCH", `${BASE}/locations/999`, { name: "Nowhere" })).status).toBe(404);
  });

  test("a new branch opens Mon–Sat 10–20 in its own zone; PUT /locations/:id/hours changes only its hours", async () => {
    const hours = (await (await h.request(`${BASE}/locations/${almaty}/hours`)).json()) as { periods: Array<{ location_id: number; week: unknown[] }> };
    expect(hours.periods).toHaveLength(1);
    expect(hours.periods[0]!.week).toHaveLength(6);
    const res = await h.api("PUT", `${BASE}/locations/${almaty}/hours`, { week: [{ weekday: 5, start: "08:00", end: "22:00" }] });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { periods: Array<{ location_id: number; week: unknown[] }> }).periods).toEqual([{ location_id: almaty, valid_from: null, valid_to: null, week: [{ weekday: 5, start: "08:00", end: "22:00" }] }] as never);
    // the primary branch kept its own hours
    const moscow = (await (await h.request(`${BASE}/locations/${MOSCOW}/hours`)).json()) as { periods: Array<{ week: unknown[] }> };
    expect(moscow.periods[0]!.week.length).toBeGreaterThan(1);
  });

  test("once a salon has two branches, availability, bookings, hours and exceptions must name one", async () => {
    const avail = await h.request(`${BASE}/availability?service_id=${HAIRCUT}&date=${FRIDAY}`);
    expect(avail.status).toBe(400);
    expect(await problemFields(avail)).toEqual(["location_id"]);
    const res = await h.api("POST", `${BASE}/bookings`, { service_id: HAIRCUT, start_ts: "2027-03-05T10:00:00+03:00", client: { name: "К", phone: "+79160000001" } }, { auth: false });
    expect(res.status).toBe(400);
    expect(await problemFields(res)).toEqual(["location_id"]);
    const hours = await h.api("PUT", `${BASE}/hours`, { week: [] });
    expect(await problemFields(hours)).toEqual(["location_id"]);
    const holiday = await h.api("POST", `${BASE}/exceptions`, { date: FRIDAY, type: "closed" });
    expect(await problemFields(holiday)).toEqual(["location_id"]);
    // translated: the Russian message names the field too
    const ru = await h.request(`${BASE}/availability?service_id=${HAIRCUT}&date=${FRIDAY}`, { headers: { "accept-language": "ru" } });
    expect(JSON.stringify(await ru.json())).toContain("location_id");
    expect((await h.db.orm.select({ n: count() }).from(bookings))[0]!.n).toBe(0);
  });

  test("a master has hours only where they work; a branch holiday closes only that branch", async () => {
    const res = await h.api("PUT", `${BASE}/staff/${OLGA}/schedule`, { location_id: almaty, week: [{ weekday: 5, start: "09:00", end: "18:00" }] });
    expect(res.status).toBe(400);
    expect(await problemFields(res)).toEqual(["location_id"]);
    expect((await h.api("POST", `${BASE}/exceptions`, { date: FRIDAY, type: "closed", location_id: almaty })).status).toBe(201);
    expect((await days(`service_id=${HAIRCUT}&staff_id=${ANNA}&date=${FRIDAY}&location_id=${almaty}`)).days[0]).toMatchObject({ slots: [], reason: "closed" });
    expect((await days(`service_id=${HAIRCUT}&staff_id=${ANNA}&date=${FRIDAY}&location_id=${MOSCOW}`)).days[0]!.slots.length).toBeGreaterThan(0);
  });
});

describe("a master in two zones", () => {
  test("different weekdays: Almaty offers Анна on Fridays only, in Almaty time; Moscow keeps her Moscow week", async () => {
    const thursday = await days(`service_id=${HAIRCUT}&staff_id=${ANNA}&date=${THURSDAY}&location_id=${almaty}`);
    expect(thursday.timezone).toBe("Asia/Almaty");
    expect(thursday.days[0]).toMatchObject({ slots: [], reason: "not_working" });
    const friday = await days(`service_id=${HAIRCUT}&staff_id=${ANNA}&date=${FRIDAY}&location_id=${almaty}`);
    const starts = friday.days[0]!.slots.map((s) => s.start_ts);
    expect(starts[0]).toBe("2027-03-05T10:00:00+05:00"); // the branch opens at 10:00 (its default hours), Анна is there from 09:00
    expect(starts.at(-1)).toBe("2027-03-05T16:45:00+05:00"); // 60 min + 10 min buffer end by 18:00
    const moscowThursday = await days(`service_id=${HAIRCUT}&staff_id=${ANNA}&date=${THURSDAY}&location_id=${MOSCOW}`);
    expect(moscowThursday.timezone).toBe("Europe/Moscow");
    expect(moscowThursday.days[0]!.slots[0]!.start_ts).toBe("2027-03-04T10:00:00+03:00");
  });

  test("the same day, overlapping in absolute time: once booked in Moscow, not offered (nor bookable) in Almaty", async () => {
    const moscowStart = at(FRIDAY, "10:00", "Europe/Moscow"); // 07:00 UTC = 12:00 in Almaty
    const almatyBefore = (await days(`service_id=${HAIRCUT}&staff_id=${ANNA}&date=${FRIDAY}&location_id=${almaty}`)).days[0]!.slots.map((s) => Date.parse(s.start_ts));
    expect(almatyBefore).toContain(moscowStart);

    const booked = await book(MOSCOW, toIsoWithOffset(moscowStart, "Europe/Moscow"));
    expect(booked.status).toBe(201);
    expect(((await booked.json()) as { booking: { location_id: number } }).booking.location_id).toBe(MOSCOW);

    const almatyAfter = (await days(`service_id=${HAIRCUT}&staff_id=${ANNA}&date=${FRIDAY}&location_id=${almaty}`)).days[0]!.slots.map((s) => Date.parse(s.start_ts));
    const HOUR_10 = 70 * 60_000; // a haircut occupies 70 minutes with its buffer
    const clashes = almatyAfter.filter((start) => start < moscowStart + HOUR_10 && moscowStart < start + HOUR_10);
    expect(clashes).toEqual([]);
    expect(almatyAfter.length).toBeLessThan(almatyBefore.length);

    const there = await book(almaty, toIsoWithOffset(moscowStart, "Asia/Almaty"), "+79160000002");
    expect(there.status).toBe(409);
    expect(((await there.json()) as { code: string }).code).toBe("SLOT_CONFLICT");
    // a time clear of the Moscow visit in absolute time is still bookable in Almaty
    expect((await book(almaty, "2027-03-05T15:00:00+05:00", "+79160000003")).status).toBe(201);
  });

  test("concurrency across branches: parallel bookings of Анна at one instant in both branches → exactly one 201", async () => {
    const instant = at(FRIDAY, "11:00", "Europe/Moscow");
    const attempts = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const [location, zone] = i % 2 === 0 ? [MOSCOW, "Europe/Moscow"] : [almaty, "Asia/Almaty"];
        return book(location, toIsoWithOffset(instant, zone), `+7916000${String(i).padStart(4, "0")}`);
      }),
    );
    const statuses = attempts.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(39);
    expect((await h.db.orm.select({ n: count() }).from(bookings))[0]!.n).toBe(1);
  });

  test("a visit keeps its branch when moved; moving it onto the master's visit in the other branch is refused", async () => {
    const first = await book(MOSCOW, "2027-03-05T10:00:00+03:00");
    const second = await book(almaty, "2027-03-05T15:00:00+05:00", "+79160000002");
    const id = ((await second.json()) as { booking: { id: number } }).booking.id;
    const clash = await h.api("PATCH", `${BASE}/bookings/${id}`, { start_ts: "2027-03-05T12:00:00+05:00" });
    expect(first.status).toBe(201);
    expect(clash.status).toBe(409);
    const moved = await h.api("PATCH", `${BASE}/bookings/${id}`, { start_ts: "2027-03-05T14:00:00+05:00" });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as { booking: { location_id: number; start_ts: string } }).booking).toMatchObject({ location_id: almaty, start_ts: "2027-03-05T14:00:00+05:00" });
  });

  test("a master who does not work in a branch is not offered there, and naming them is a 400", async () => {
    const any = await days(`service_id=${HAIRCUT}&date=${FRIDAY}&location_id=${almaty}`);
    expect(new Set(any.days[0]!.slots.flatMap((s) => s.staff_ids))).toEqual(new Set([ANNA]));
    const res = await h.request(`${BASE}/availability?service_id=${HAIRCUT}&staff_id=${OLGA}&date=${FRIDAY}&location_id=${almaty}`);
    expect(res.status).toBe(400);
    expect(await problemFields(res)).toEqual(["staff_id"]);
  });
});

describe("users limited to branches", () => {
  test("a manager limited to Almaty never sees or books Moscow, through the API", async () => {
    const moscow = ((await (await book(MOSCOW, "2027-03-05T10:00:00+03:00")).json()) as { booking: { id: number } }).booking.id;
    const inAlmaty = ((await (await book(almaty, "2027-03-05T15:00:00+05:00", "+79160000002")).json()) as { booking: { id: number } }).booking.id;
    const userId = await h.db.write(async (tx) => {
      const id = await createUser(tx, { email: "almaty@salon.test", passwordHash: "x", role: "manager", name: null, now: h.clock.now() });
      await setUserBranches(tx, id, [almaty]);
      return id;
    });
    const token = await issueTokenFor({ db: h.db, clock: h.clock }, { userId: null, role: "owner", staffId: null, label: "test" }, { name: "almaty", userId });
    const as = (method: string, path: string, body?: unknown) => h.api(method, path, body, { auth: false, headers: { authorization: `Bearer ${token}` } });

    const list = (await (await as("GET", `${BASE}/bookings?from=2027-03-01&to=2027-03-31`)).json()) as { data: Array<{ id: number }> };
    expect(list.data.map((b) => b.id)).toEqual([inAlmaty]);
    expect(((await (await as("GET", `${BASE}/bookings?location_id=${MOSCOW}&from=2027-03-01&to=2027-03-31`)).json()) as { data: unknown[] }).data).toEqual([]);
    expect((await as("GET", `${BASE}/bookings/${moscow}`)).status).toBe(404);
    expect((await as("DELETE", `${BASE}/bookings/${moscow}`)).status).toBe(404);
    const there = await as("POST", `${BASE}/bookings`, { service_id: HAIRCUT, staff_id: ANNA, start_ts: "2027-03-04T10:00:00+03:00", location_id: MOSCOW, client: { name: "К", phone: "+79160000009" } });
    expect(there.status).toBe(404);
    expect((await as("PUT", `${BASE}/locations/${MOSCOW}/hours`, { week: [] })).status).toBe(404);
    expect((await h.db.orm.select({ n: count() }).from(bookings).where(eq(bookings.locationId, MOSCOW)))[0]!.n).toBe(1);
  });
});
