// The JSON API takes JSON bodies only (415 otherwise) and refuses fields it does not know (400 naming
// them), on routes with a body schema and on the booking routes that read their body themselves.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { makeHarness, problemFields, type Harness } from "../../test/harness.ts";

let h: Harness;
let base: string;
beforeAll(async () => {
  h = await makeHarness();
  base = `/api/v1/businesses/${h.slug}`;
});
afterAll(() => h.close());

const profile = async () => (await h.request(base)).json();
const booking = { service_id: 1, staff_id: 2, start_ts: "2027-03-03T11:00:00+03:00", client: { name: "Вера", phone: "+79161234567" } };

describe("unknown fields are refused by name, and nothing changes", () => {
  test("PATCH / with the salon's hours (a field it does not take)", async () => {
    const before = await profile();
    const res = await h.api("PATCH", base, { name: "Новое имя", hours: [{ week: [] }] });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe("VALIDATION_ERROR");
    expect(body.message).toContain("hours");
    expect(await profile()).toEqual(before);
  });

  test("nested unknown fields are named with their path", async () => {
    const res = await h.api("PUT", `${base}/hours`, { week: [{ weekday: 1, start: "10:00", end: "18:00", lunch: "13:00" }] });
    expect(res.status).toBe(400);
    expect(await problemFields(res)).toEqual(["week.0.lunch"]);
  });

  test("the booking routes, which read their own body, refuse unknown fields too", async () => {
    const created = await h.api("POST", `${base}/bookings`, { ...booking, promo: "X", client: { ...booking.client, age: 30 } });
    expect(created.status).toBe(400);
    expect(await problemFields(created)).toEqual(["client.age", "promo"]);
    const ok = await h.api("POST", `${base}/bookings`, { ...booking, services: undefined });
    expect(ok.status).toBe(201);
    const id = ((await ok.json()) as { booking: { id: number } }).booking.id;
    const changed = await h.api("PATCH", `${base}/bookings/${id}`, { status: "cancelled", reason: "ill" });
    expect(changed.status).toBe(400);
    expect(await problemFields(changed)).toEqual(["reason"]);
    expect(((await (await h.api("GET", `${base}/bookings/${id}`)).json()) as { booking: { status: string } }).booking.status).not.toBe("cancelled");
  });

  test("known fields still work, with the documented status", async () => {
    const res = await h.api("PATCH", base, { name: "Салон" });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { name: string }).name).toBe("Салон");
  });
});

describe("JSON bodies only", () => {
  const send = (method: string, path: string, contentType: string, body: string) =>
    h.request(`${base}${path}`, { method, headers: { authorization: `Bearer ${h.token}`, "content-type": contentType }, body });

  test("text/plain, forms and XML are a 415 with the documented error shape, and change nothing", async () => {
    const before = await profile();
    for (const [method, path, type, body] of [
      ["PATCH", "", "text/plain", JSON.stringify({ name: "X" })],
      ["PATCH", "", "application/x-www-form-urlencoded", "name=X"],
      ["POST", "/bookings", "text/plain", JSON.stringify(booking)],
      ["POST", "/clients", "application/xml", "<client/>"],
      ["PUT", "/hours", "multipart/form-data; boundary=x", "--x\r\n"],
    ] as const) {
      const res = await send(method, path, type, body);
      expect([method, path, type, res.status]).toEqual([method, path, type, 415]);
      const error = (await res.json()) as { code: string; message: string; messages: unknown[] };
      expect(error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
      expect(error.message).toContain("application/json");
      expect(error.messages).toHaveLength(1);
    }
    expect(await profile()).toEqual(before);
  });

  test("JSON with a charset is JSON; the one-click unsubscribe URL (RFC 8058) still takes a form", async () => {
    expect((await send("PATCH", "", "application/json; charset=utf-8", JSON.stringify({ name: "Салон" }))).status).toBe(200);
    const oneClick = await send("POST", "/unsubscribe/not-a-token", "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
    expect(oneClick.status).toBe(404); // the token is checked, not the body's type
  });
});
