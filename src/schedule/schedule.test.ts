// Weekly hours and exceptions over the JSON API (demo salon: Анна = 2, room = 1).
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { auditLog } from "../audit/schema.ts";
import { makeHarness, problemFields, type Harness } from "../../test/harness.ts";

const BASE = "/api/v1/businesses/salon";
let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const json = async (res: Response) => (await res.json()) as Record<string, unknown>;

describe("PUT /staff/:id/schedule", () => {
  test("several ranges a day; a dated period clips the hours around it", async () => {
    const week = [
      { weekday: 1, start: "10:00", end: "13:00" },
      { weekday: 1, start: "14:00", end: "19:00" },
    ];
    expect((await h.api("PUT", `${BASE}/staff/2/schedule`, { week })).status).toBe(200);
    const res = await h.api("PUT", `${BASE}/staff/2/schedule`, { week: [{ weekday: 2, start: "09:00", end: "12:00" }], valid_from: "2027-04-01", valid_to: "2027-04-30" });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      periods: [
        { location_id: 1, valid_from: null, valid_to: "2027-03-31", week },
        { location_id: 1, valid_from: "2027-04-01", valid_to: "2027-04-30", week: [{ weekday: 2, start: "09:00", end: "12:00" }] },
        { location_id: 1, valid_from: "2027-05-01", valid_to: null, week },
      ],
    });
    expect(await json(await h.request(`${BASE}/staff/2/schedule`))).toHaveProperty("periods.length", 3);
    const [audit] = await h.db.orm.select().from(auditLog).where(eq(auditLog.action, "schedule.replace"));
    expect(audit).toMatchObject({ entity: "resource", entityId: "2" });
  });

  test("an end before its start, overlapping ranges, bad times and dates: 400 per field", async () => {
    const res = await h.api("PUT", `${BASE}/staff/2/schedule`, {
      week: [
        { weekday: 1, start: "10:00", end: "09:00" },
        { weekday: 2, start: "10:00", end: "14:00" },
        { weekday: 2, start: "13:00", end: "18:00" },
        { weekday: 8, start: "25:00", end: "26:00" },
      ],
      valid_from: "2027-05-01",
      valid_to: "2027-04-01",
    });
    expect(res.status).toBe(400);
    expect(await problemFields(res)).toEqual(["valid_to", "week.0.end", "week.2", "week.3.end", "week.3.start", "week.3.weekday"]);
    expect(await json(await h.request(`${BASE}/staff/2/schedule`))).toHaveProperty("periods.0.week.length", 10); // unchanged
  });

  test("404 for an unknown master, 401 without a token; rooms and the location have hours too", async () => {
    const week = [{ weekday: 1, start: "09:00", end: "18:00" }];
    expect((await h.api("PUT", `${BASE}/staff/1/schedule`, { week })).status).toBe(404);
    expect((await h.api("PUT", `${BASE}/staff/2/schedule`, { week }, { auth: false })).status).toBe(401);
    expect((await h.api("PUT", `${BASE}/resources/1/schedule`, { week })).status).toBe(200);
    expect((await h.api("PUT", `${BASE}/hours`, { week })).status).toBe(200);
    expect(await json(await h.request(`${BASE}/hours`))).toEqual({ periods: [{ location_id: 1, valid_from: null, valid_to: null, week }] });
  });
});

describe("exceptions", () => {
  test("create, list, delete", async () => {
    const res = await h.api("POST", `${BASE}/exceptions`, { date: "2027-03-08", type: "closed", staff_id: 2, note: "Праздник" });
    expect(res.status).toBe(201);
    const created = await json(res);
    expect(created).toMatchObject({ date: "2027-03-08", type: "closed", start_time: null, resource_id: 2 });
    await h.api("POST", `${BASE}/exceptions`, { date: "2027-03-09", type: "open_custom", start_time: "12:00", end_time: "16:00" });
    const list = await json(await h.api("GET", `${BASE}/exceptions?from=2027-03-01&to=2027-03-31`));
    expect(list.meta).toEqual({ total: 2, limit: 50, offset: 0 });
    expect((await json(await h.api("GET", `${BASE}/exceptions?staff_id=2`))).meta).toMatchObject({ total: 1 });
    expect((await h.api("DELETE", `${BASE}/exceptions/${created.id}`)).status).toBe(204);
    expect((await h.api("DELETE", `${BASE}/exceptions/${created.id}`)).status).toBe(404);
  });

  test("validation, 401 and 404", async () => {
    const bad = await h.api("POST", `${BASE}/exceptions`, { date: "2027-13-01", type: "open_custom", start_time: "15:00", end_time: "11:00" });
    expect(bad.status).toBe(400);
    expect(await problemFields(bad)).toEqual(["date", "end_time"]);
    expect(await problemFields(await h.api("POST", `${BASE}/exceptions`, { date: "2027-03-08", type: "open_custom" }))).toEqual(["start_time"]);
    expect((await h.api("POST", `${BASE}/exceptions`, { date: "2027-03-08", type: "holiday" })).status).toBe(400);
    expect((await h.api("POST", `${BASE}/exceptions`, { date: "2027-03-08", type: "closed", staff_id: 1 })).status).toBe(404);
    expect((await h.api("GET", `${BASE}/exceptions`, undefined, { auth: false })).status).toBe(401);
  });
});
