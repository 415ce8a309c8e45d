// Availability end to end: real HTTP handlers over the demo salon's real SQLite file.
// Demo salon (src/demo/demo.ts): room 1; Анна (2) Mon–Fri 10–14, 15–20; Ольга (3) Tue–Sat 11–15, 16–21;
// Мария (4) Mon, Wed, Fri–Sun 9–13, 14–18; salon 9–21. Service 1 = 60 min + 10 min buffer after (Анна, Ольга).
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { hashToken } from "../account/api-token.ts";
import { bookings, holdOccupancy, holds, occupancy } from "../booking/schema.ts";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { localToInstant } from "../time/zone.ts";
import { computeAvailability } from "./availability.ts";

const ANNA = 2;
const MARIA = 4;
const HAIRCUT = 1;
const MONDAY = "2027-03-08";

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

interface Answer {
  timezone: string;
  days: Array<{ date: string; slots: Array<{ start_ts: string; end_ts: string; staff_ids: number[]; seats_left?: number }> }>;
}

async function availability(params: string): Promise<Answer> {
  const res = await h.request(`/api/v1/businesses/salon/availability?${params}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Answer;
}

/** Local "HH:MM" of each slot start on the first day. */
async function starts(params: string): Promise<string[]> {
  return (await availability(params)).days[0]!.slots.map((s) => s.start_ts.slice(11, 16));
}

const at = (date: string, hhmm: string, zone = "Europe/Moscow") =>
  localToInstant(date, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)), zone, "compatible");

/** A confirmed visit occupying the resource; its booking id. */
async function occupy(resourceId: number, from: number, to: number, serviceId = HAIRCUT): Promise<number> {
  return h.db.write(async (tx) => {
    const [b] = await tx
      .insert(bookings)
      .values({ locationId: 1, status: "confirmed", source: "api", startTs: from, endTs: to, currency: "RUB", createdAt: 0, updatedAt: 0 })
      .returning({ id: bookings.id });
    await tx.insert(occupancy).values({ bookingId: b!.id, resourceId, serviceId, sessionTs: from, startTs: from, endTs: to });
    return b!.id;
  });
}

async function hold(token: string, resourceId: number, from: number, to: number, expiresAt: number, serviceId = HAIRCUT): Promise<void> {
  await h.db.write(async (tx) => {
    const [row] = await tx.insert(holds).values({ tokenHash: hashToken(token), expiresAt, createdAt: h.clock.now() }).returning({ id: holds.id });
    await tx.insert(holdOccupancy).values({ holdId: row!.id, resourceId, serviceId, sessionTs: from, startTs: from, endTs: to });
  });
}

describe("GET /availability on the demo salon", () => {
  test("a master's breaks and the service's buffer shape the day", async () => {
    const day = await starts(`service_id=${HAIRCUT}&staff_id=${ANNA}&date=${MONDAY}`);
    // 60 min + 10 min buffer must fit before the 14:00 break and the 20:00 close.
    expect(day[0]).toBe("10:00");
    expect(day).toContain("12:45");
    expect(day).not.toContain("13:00");
    expect(day.filter((s) => s > "12:45" && s < "15:00")).toEqual([]);
    expect(day).toContain("15:00");
    expect(day.at(-1)).toBe("18:45");
    expect(day).toHaveLength(12 + 16);
  });

  test("times carry the location's offset; the shape of the answer", async () => {
    const answer = await availability(`service_id=${HAIRCUT}&staff_id=${ANNA}&date=${MONDAY}&days=2`);
    expect(answer.timezone).toBe("Europe/Moscow");
    expect(answer.days.map((d) => d.date)).toEqual([MONDAY, "2027-03-09"]);
    expect(answer.days[0]!.slots[0]).toEqual({ start_ts: `${MONDAY}T10:00:00+03:00`, end_ts: `${MONDAY}T11:00:00+03:00`, staff_ids: [ANNA] });
  });

  test("minimum notice hides today's earliest starts", async () => {
    // now = Mon 2027-03-01 09:00, notice 60 min: 10:00 is the first start.
    const today = await starts(`service_id=${HAIRCUT}&staff_id=${ANNA}&date=2027-03-01`);
    expect(today[0]).toBe("10:00");
    h.clock.advance(90 * 60_000);
    expect((await starts(`service_id=${HAIRCUT}&staff_id=${ANNA}&date=2027-03-01`))[0]).toBe("11:30");
  });

  test("an exception closes a master's day, a location-wide one closes everyone's", async () => {
    const closeDay = (body: object) => h.api("POST", "/api/v1/businesses/salon/exceptions", { date: MONDAY, type: "closed", ...body });
    expect((await closeDay({ staff_id: ANNA })).status).toBe(201);
    expect(await starts(`service_id=${HAIRCUT}&staff_id=${ANNA}&date=${MONDAY}`)).toEqual([]);
    expect(await starts(`service_id=6&date=${MONDAY}`)).not.toEqual([]); // Мария still works
    expect((await closeDay({})).status).toBe(201);
    expect(await starts(`service_id=6&date=${MONDAY}`)).toEqual([]);
  });

  test("a closed range and custom hours change only their date", async () => {
    await h.api("POST", "/api/v1/businesses/salon/exceptions", { date: MONDAY, type: "closed", start_time: "10:00", end_time: "12:00", staff_id: ANNA });
    const day = await starts(`service_id=${HAIRCUT}&staff_id=${ANNA}&date=${MONDAY}`);
    expect(day[0]).toBe("12:00");
    await h.api("POST", "/api/v1/businesses/salon/exceptions", { date: "2027-03-09", type: "open_custom", start_time: "16:00", end_time: "18:00", staff_id: ANNA });
    expect(await starts(`service_id=${HAIRCUT}&staff_id=${ANNA}&date=2027-03-09`)).toEqual(["16:00", "16:15", "16:30", "16:45"]);
  });

  test("a booking's occupancy removes its slots, buffers included", async () => {
    await occupy(ANNA, at(MONDAY, "10:00"), at(MONDAY, "11:10"));
    const day = await starts(`service_id=${HAIRCUT}&staff_id=${ANNA}&date=${MONDAY}`);
    expect(day[0]).toBe("11:15");
  });

  test("a visit being moved does not stand in its own way; a double-booking override ignores every visit", async () => {
    const early = await occupy(ANNA, at(MONDAY, "10:00"), at(MONDAY, "11:10"));
    const late = await occupy(ANNA, at(MONDAY, "11:15"), at(MONDAY, "12:25"));
    const first = async (extra: object) => {
      const answer = await computeAvailability({ reader: h.db.orm, clock: h.clock }, { serviceIds: [HAIRCUT], staffId: ANNA, from: MONDAY, days: 1, ...extra });
      return answer.days[0]!.slots[0]!.start;
    };
    expect(await first({})).toBe(at(MONDAY, "12:30"));
    expect(await first({ ignoreBookingId: early })).toBe(at(MONDAY, "10:00")); // the 10:00 visit, moved: 10:00 is free for it
    expect(await first({ ignoreBookingId: late })).toBe(at(MONDAY, "11:15"));
    expect(await first({ override: { hours: false, doubleBook: true } })).toBe(at(MONDAY, "10:00"));
  });

  test("a live hold removes its slot, an expired one does not, and the holder still sees it", async () => {
    await hold("hold-token", ANNA, at(MONDAY, "10:00"), at(MONDAY, "11:10"), h.clock.now() + 5 * 60_000);
    expect((await starts(`service_id=${HAIRCUT}&staff_id=${ANNA}&date=${MONDAY}`))[0]).toBe("11:15");
    const own = await computeAvailability(
      { reader: h.db.orm, clock: h.clock },
      { serviceIds: [HAIRCUT], staffId: ANNA, from: MONDAY, days: 1, ignoreHoldToken: "hold-token" },
    );
    expect(own.days[0]!.slots[0]!.start).toBe(at(MONDAY, "10:00"));
    h.clock.advance(6 * 60_000);
    expect((await starts(`service_id=${HAIRCUT}&staff_id=${ANNA}&date=${MONDAY}`))[0]).toBe("10:00");
  });

  test("a group session's booked and held seats are counted; the session's own occupancy does not close it", async () => {
    const created = await h.api("POST", "/api/v1/businesses/salon/services", { title: "Группа", duration_minutes: 60, capacity: 3, staff_ids: [ANNA] });
    const { id } = (await created.json()) as { id: number };
    const session = (hhmm: string) => [at(MONDAY, hhmm), at(MONDAY, hhmm) + 60 * 60_000] as const;
    await occupy(ANNA, ...session("10:00"), id);
    await hold("seat", ANNA, ...session("10:00"), h.clock.now() + 5 * 60_000, id);
    const day = (await availability(`service_id=${id}&staff_id=${ANNA}&date=${MONDAY}`)).days[0]!.slots;
    expect(day.find((s) => s.start_ts.slice(11, 16) === "10:00")).toMatchObject({ seats_left: 1 });
    // a new session cannot overlap the one running
    expect(day.map((s) => s.start_ts.slice(11, 16)).filter((t) => t > "10:00" && t < "11:00")).toEqual([]);
    expect(day.find((s) => s.start_ts.slice(11, 16) === "11:00")).toMatchObject({ seats_left: 3 });
  });

  test("hours entered today for next month apply from valid_from on", async () => {
    const res = await h.api("PUT", `/api/v1/businesses/salon/staff/${ANNA}/schedule`, {
      week: [{ weekday: 1, start: "16:00", end: "21:00" }],
      valid_from: "2027-04-01",
    });
    expect(res.status).toBe(200);
    expect((await starts(`service_id=${HAIRCUT}&staff_id=${ANNA}&date=2027-03-29`))[0]).toBe("10:00");
    const april = await starts(`service_id=${HAIRCUT}&staff_id=${ANNA}&date=2027-04-05`);
    expect([april[0], april.at(-1)]).toEqual(["16:00", "19:45"]);
  });

  test("several services back to back, and 'any' lists who can take the whole visit", async () => {
    const answer = await availability(`services=${HAIRCUT},8&date=2027-03-09`);
    const first = answer.days[0]!.slots[0]!;
    // Ольга starts at 11:00 on Tuesdays; Анна at 10:00; the SPA also needs the room.
    expect(first.start_ts).toBe("2027-03-09T10:00:00+03:00");
    expect(first.end_ts).toBe("2027-03-09T12:00:00+03:00");
    expect(first.staff_ids).toEqual([ANNA]);
  });

  test("bad queries: 400 with a message per field, 404 for unknown ids", async () => {
    const missing = await h.request("/api/v1/businesses/salon/availability?date=2027-03-08");
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ code: "VALIDATION_ERROR", messages: [{ field: "service_id" }] });
    expect((await h.request(`/api/v1/businesses/salon/availability?service_id=1&date=2027-02-30`)).status).toBe(400);
    expect((await h.request(`/api/v1/businesses/salon/availability?service_id=1&days=0`)).status).toBe(400);
    const unknown = await h.request(`/api/v1/businesses/salon/availability?service_id=99`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: "NOT_FOUND", messages: [{ field: "service_id" }] });
    expect((await h.request(`/api/v1/businesses/salon/availability?service_id=1&staff_id=1`)).status).toBe(404); // 1 is the room
  });
});

describe("DST over HTTP (Europe/Berlin, 2027-03-28: 02:00 → 03:00)", () => {
  test("no start in the skipped hour, offsets change across it", async () => {
    h.close();
    h = await makeHarness({ tenant: { timezone: "Europe/Berlin" } });
    const api = (method: string, path: string, body: object) => h.api(method, `/api/v1/businesses/salon${path}`, body);
    const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "00:00", end: "24:00" }));
    expect((await api("PUT", "/hours", { week: everyDay })).status).toBe(200);
    expect((await api("PUT", `/staff/${MARIA}/schedule`, { week: [{ weekday: 7, start: "01:00", end: "05:00" }] })).status).toBe(200);
    expect((await api("PATCH", "", { slot_step_minutes: 30 })).status).toBe(200);
    const created = await api("POST", "/services", { title: "Экспресс", duration_minutes: 30, staff_ids: [MARIA] });
    const { id } = (await created.json()) as { id: number };
    const answer = await availability(`service_id=${id}&date=2027-03-28`);
    expect(answer.days[0]!.slots.map((s) => s.start_ts.slice(11))).toEqual([
      "01:00:00+01:00",
      "01:30:00+01:00",
      "03:00:00+02:00",
      "03:30:00+02:00",
      "04:00:00+02:00",
      "04:30:00+02:00",
    ]);
    expect(answer.days[0]!.slots[1]!.end_ts).toBe("2027-03-28T03:00:00+02:00");
  });
});
