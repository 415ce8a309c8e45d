// GET/PATCH /api/v1/businesses/:slug over real handlers.
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { issueApiToken } from "../account/api-token.ts";
import { makeHarness, problemFields, type Harness } from "../../test/harness.ts";

const BASE = "/api/v1/businesses/salon";
let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const json = async (res: Response) => (await res.json()) as Record<string, unknown>;

describe("business profile", () => {
  test("public profile with policy and opening hours", async () => {
    const res = await h.request(BASE);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({
      slug: "salon",
      name: "Test Salon",
      timezone: "Europe/Moscow",
      currency: "RUB",
      slot_step_minutes: 15,
      min_notice_minutes: 60,
      reminder_offsets_minutes: [1440, 120],
      auto_confirm: true,
    });
    expect(body).toHaveProperty("hours.0.week.length", 7);
    expect((await h.request("/api/v1/businesses/nosuch")).status).toBe(404);
  });

  test("the owner changes profile and policy", async () => {
    const res = await h.api("PATCH", BASE, {
      name: "Салон Ромашка",
      address: "Тверская, 1",
      phone: "8 495 123-45-67",
      timezone: "Asia/Almaty",
      horizon_days: 30,
      auto_confirm: false,
      reminder_offsets_minutes: [60, 1440],
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      name: "Салон Ромашка",
      address: "Тверская, 1",
      phone: "+74951234567",
      timezone: "Asia/Almaty",
      horizon_days: 30,
      auto_confirm: false,
      reminder_offsets_minutes: [1440, 60],
      slot_step_minutes: 15,
    });
  });

  test("bad values: 400 per field, nothing changed; only the owner may patch", async () => {
    const res = await h.api("PATCH", BASE, { timezone: "Mars/Base", slot_step_minutes: 2, horizon_days: 0, reminder_offsets_minutes: [10, 10], locale: "de" });
    expect(res.status).toBe(400);
    expect(await problemFields(res)).toEqual(["horizon_days", "locale", "reminder_offsets_minutes", "slot_step_minutes", "timezone"]);
    expect(await json(await h.request(BASE))).toMatchObject({ timezone: "Europe/Moscow", slot_step_minutes: 15 });
    const manager = await issueApiToken(h.db, { name: "m", role: "manager", now: h.clock.now() });
    const forbidden = await h.request(BASE, { method: "PATCH", headers: { authorization: `Bearer ${manager}`, "content-type": "application/json" }, body: "{}" });
    expect(forbidden.status).toBe(403);
    expect((await h.api("PATCH", BASE, { name: "x" }, { auth: false })).status).toBe(401);
  });
});
