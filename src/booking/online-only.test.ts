// Issue 11 item 10: a service the salon marked "not bookable online" is neither offered nor bookable
// by public callers; staff with a token still book it.
import { afterEach, beforeEach, expect, test } from "bun:test";
import { count } from "drizzle-orm";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { bookings, holds } from "./schema.ts";
import { formPost } from "./testing/form-post.ts";

const API = "/api/v1/businesses/salon";
const AT_10 = "2027-03-01T10:00:00+03:00";
const booking = (start = AT_10) => ({ service_id: 1, staff_id: 2, start_ts: start, client: { name: "Вера", phone: "+79161234567" } });

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
  expect((await h.api("PATCH", `${API}/services/1`, { bookable_online: false })).status).toBe(200);
});
afterEach(() => h.close());

const counts = async () => [(await h.db.orm.select({ n: count() }).from(bookings))[0]!.n, (await h.db.orm.select({ n: count() }).from(holds))[0]!.n];

test("the public API neither offers nor books it; a staff token does both", async () => {
  const day = `${API}/availability?date=2027-03-01&service_id=1`;
  expect((await h.api("GET", day, undefined, { auth: false })).status).toBe(404);
  const staffDay = await h.api("GET", day);
  expect(staffDay.status).toBe(200);
  expect(((await staffDay.json()) as { days: Array<{ slots: unknown[] }> }).days[0]!.slots.length).toBeGreaterThan(0);

  const anonymous = await h.api("POST", `${API}/bookings`, booking(), { auth: false, headers: { "accept-language": "en" } });
  expect(anonymous.status).toBe(400);
  expect(((await anonymous.json()) as { messages: Array<{ field: string }> }).messages.map((m) => m.field)).toEqual(["service_id"]);
  expect(await counts()).toEqual([0, 0]);
  expect((await h.api("POST", `${API}/bookings`, booking())).status).toBe(201);
});

test("the booking pages cannot hold or book it", async () => {
  const post = (path: string, fields: Record<string, string>) => formPost(h, path, { s: "1", m: "2", start: String(Date.parse(AT_10)), ...fields });
  expect((await post("/salon/book/hold", {})).status).toBe(400);
  const booked = await post("/salon/book", { name: "Вера", phone: "+79161234567", consent: "yes", key: "form-key-0123456789abcdef" });
  // refused: back to the salon page (the form cannot be shown for a service not offered online)
  expect([booked.status, booked.headers.get("location")]).toEqual([303, "/salon"]);
  expect(await counts()).toEqual([0, 0]);
});
