import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { count, eq } from "drizzle-orm";
import { services, staffServices } from "../catalogue/schema.ts";
import { clients } from "../client/schema.ts";
import { makeHarness, T0, type Harness } from "../../test/harness.ts";
import { bookings, occupancy } from "./schema.ts";

const PATH = "/api/v1/businesses/salon/bookings";
// Demo salon: service 1 "Женская стрижка" (60 min + 10 min buffer after), master 2 (Anna, Mon 10–14, 15–20).
const CUT = 1;
const ANNA = 2;
const AT_10 = "2027-03-01T10:00:00+03:00";

const body = (overrides: Record<string, unknown> = {}, i = 0) => ({
  service_id: CUT,
  start_ts: AT_10,
  client: { name: `Client ${i}`, phone: `+7916${String(1_000_000 + i)}` },
  ...overrides,
});

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const rows = async () => ({
  bookings: (await h.db.orm.select({ n: count() }).from(bookings))[0]!.n,
  clients: (await h.db.orm.select({ n: count() }).from(clients))[0]!.n,
  occupancy: await h.db.orm.select().from(occupancy),
});

/** No two occupancy rows of one resource overlap, except seats of one group session. */
function overlaps(occ: Array<typeof occupancy.$inferSelect>): number {
  let found = 0;
  for (const a of occ) {
    for (const b of occ) {
      const sameSession = a.serviceId === b.serviceId && a.sessionTs === b.sessionTs;
      if (a.id < b.id && a.resourceId === b.resourceId && !sameSession && a.startTs < b.endTs && b.startTs < a.endTs) found++;
    }
  }
  return found;
}

describe("POST /bookings", () => {
  test("books the slot: 201 with the booking, its occupancy with buffers, and the client by E.164 phone", async () => {
    const res = await h.api("POST", PATH, body({ client: { name: "Вера", phone: "8 (916) 123-45-67", email: "vera@example.com" } }), { auth: false });
    expect(res.status).toBe(201);
    const { booking } = (await res.json()) as { booking: Record<string, unknown> };
    expect(booking).toMatchObject({ status: "confirmed", start_ts: AT_10, end_ts: "2027-03-01T11:00:00+03:00", price: 250000 });
    expect(String(booking.manage_url)).toMatch(/^http:\/\/localhost:3000\/salon\/my\/\d+\?t=[\w-]{40,}$/);
    const { occupancy: occ } = await rows();
    expect(occ).toHaveLength(1);
    expect(occ[0]).toMatchObject({ resourceId: ANNA, startTs: Date.parse(AT_10), endTs: Date.parse("2027-03-01T11:10:00+03:00") });
    const [client] = await h.db.orm.select().from(clients);
    expect(client).toMatchObject({ name: "Вера", phone: "+79161234567", email: "vera@example.com" });
  });

  test("a phone that several clients share (an import's duplicates) books for the oldest of them", async () => {
    const clientOf = (name: string, anonymizedAt: number | null = null) =>
      h.db.write(async (tx) => (await tx.insert(clients).values({ name, phone: "+79161234567", anonymizedAt, createdAt: T0, updatedAt: T0 }).returning({ id: clients.id }))[0]!.id);
    const erased = await clientOf("Erased", T0);
    const oldest = await clientOf("Vera");
    await clientOf("Vera again");
    expect(erased).toBeLessThan(oldest);
    const res = await h.api("POST", PATH, body({ client: { name: "Вера", phone: "+7 916 123-45-67" } }), { auth: false });
    expect(res.status).toBe(201);
    const { booking } = (await res.json()) as { booking: { id: number } };
    const [row] = await h.db.orm.select({ clientId: bookings.clientId }).from(bookings).where(eq(bookings.id, booking.id));
    expect(row!.clientId).toBe(oldest);
  });

  test("200 concurrent requests for one slot: exactly one 201, 199 × 409 naming it, and the database agrees", async () => {
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => h.api("POST", PATH, body({}, i), { auth: false })));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(199);
    const winner = (await answers[statuses.indexOf(201)]!.json()) as { booking: { id: number } };
    const loser = (await answers[statuses.indexOf(409)]!.json()) as Record<string, unknown>;
    expect(loser).toMatchObject({ code: "SLOT_CONFLICT", conflicting_booking: { id: winner.booking.id, start_ts: AT_10, status: "confirmed" } });
    const { bookings: n, occupancy: occ } = await rows();
    expect(n).toBe(1);
    expect(occ).toHaveLength(1);
    expect(overlaps(occ)).toBe(0);
  });

  test("a group class takes exactly its capacity out of 200 concurrent requests", async () => {
    const [yoga] = await h.db.write((tx) =>
      tx.insert(services).values({ title: "Группа", durationMinutes: 60, capacity: 4, createdAt: T0 }).returning({ id: services.id }),
    );
    await h.db.write((tx) => tx.insert(staffServices).values({ staffId: ANNA, serviceId: yoga!.id }));
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => h.api("POST", PATH, body({ service_id: yoga!.id, staff_id: ANNA }, i), { auth: false })),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(4);
    expect(statuses.filter((s) => s === 409)).toHaveLength(196);
    const { bookings: n, occupancy: occ } = await rows();
    expect(n).toBe(4);
    expect(new Set(occ.map((o) => o.sessionTs))).toEqual(new Set([Date.parse(AT_10)]));
    expect(overlaps(occ)).toBe(0);
  });

  test("buffers count: the next start inside the previous visit's buffer is refused", async () => {
    expect((await h.api("POST", PATH, body(), { auth: false })).status).toBe(201);
    const inBuffer = await h.api("POST", PATH, body({ start_ts: "2027-03-01T11:00:00+03:00", staff_id: ANNA }, 1), { auth: false });
    expect(inBuffer.status).toBe(409);
    const after = await h.api("POST", PATH, body({ start_ts: "2027-03-01T11:15:00+03:00", staff_id: ANNA }, 2), { auth: false });
    expect(after.status).toBe(201);
  });

  test("the same Idempotency-Key with the same request returns the first booking and books once", async () => {
    const headers = { "idempotency-key": "0f8c3b0e-5d5a-4a51-9d7e-3f1c2a9b8e77" };
    const first = await h.api("POST", PATH, body(), { auth: false, headers });
    const again = await h.api("POST", PATH, body(), { auth: false, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(await first.json());
    expect((await rows()).bookings).toBe(1);
    const short = await h.api("POST", PATH, body(), { auth: false, headers: { "idempotency-key": "abc" } });
    expect(short.status).toBe(400);
  });

  test("several services back to back in one visit", async () => {
    // Женская стрижка (1, Anna or Olga) + SPA-уход (8, needs the room): Tuesday, Anna works 10–14.
    const res = await h.api("POST", PATH, body({ service_id: undefined, services: [1, 8], start_ts: "2027-03-02T10:00:00+03:00" }), { auth: false });
    expect(res.status).toBe(201);
    const { booking } = (await res.json()) as { booking: { end_ts: string; services: Array<{ service_id: number; start_ts: string }> } };
    expect(booking.end_ts).toBe("2027-03-02T12:00:00+03:00");
    expect(booking.services.map((s) => [s.service_id, s.start_ts])).toEqual([
      [1, "2027-03-02T10:00:00+03:00"],
      [8, "2027-03-02T11:00:00+03:00"],
    ]);
    const occ = (await rows()).occupancy;
    expect(occ.filter((o) => o.serviceId === 8).map((o) => o.resourceId)).toContain(1); // the room
  });

  describe("bad input: 400 with messages, nothing written", () => {
    const cases: Array<[string, string | Record<string, unknown>, string]> = [
      ["a past time", body({ start_ts: "2027-02-28T10:00:00+03:00" }), "start_ts"],
      ["a time without offset", body({ start_ts: "2027-03-01T10:00:00" }), "start_ts"],
      ["an unknown service", body({ service_id: 999 }), "service_id"],
      ["an unknown master", body({ staff_id: 999 }), "staff_id"],
      ["a bad phone", body({ client: { name: "Вера", phone: "12345" } }), "client.phone"],
      ["a missing name", body({ client: { phone: "+79161234567" } }), "client.name"],
      ["a bad email", body({ client: { name: "Вера", phone: "+79161234567", email: "nope" } }), "client.email"],
      ["a too long name", body({ client: { name: "x".repeat(101), phone: "+79161234567" } }), "client.name"],
      ["malformed JSON", '{"service_id": 1,', "body"],
      ["an oversized body", body({ notes: "x".repeat(20_000) }), "body"],
      ["client_id without a token", body({ client: undefined, client_id: 1 }), "client_id"],
    ];
    for (const [what, payload, field] of cases) {
      test(what, async () => {
        const res = await h.request(PATH, {
          method: "POST",
          headers: { "content-type": "application/json", "accept-language": "en" },
          body: typeof payload === "string" ? payload : JSON.stringify(payload),
        });
        expect(res.status).toBe(400);
        const answer = (await res.json()) as { code: string; messages: Array<{ field?: string; message: string }> };
        expect(answer.code).toBe("VALIDATION_ERROR");
        expect(answer.messages.map((m) => m.field)).toContain(field);
        expect(answer.messages.every((m) => m.message.length > 0 && !m.message.includes("booking."))).toBe(true);
        const written = await rows();
        expect([written.bookings, written.clients, written.occupancy.length]).toEqual([0, 0, 0]);
      });
    }
  });
});

describe("admin API", () => {
  const create = async (i = 0, start = AT_10) => {
    const res = await h.api("POST", PATH, body({ start_ts: start }, i), { auth: false });
    return ((await res.json()) as { booking: { id: number } }).booking.id;
  };

  test("lists bookings with filters and the list envelope; needs a token", async () => {
    await create(0);
    await create(1, "2027-03-01T12:00:00+03:00");
    expect((await h.api("GET", PATH, undefined, { auth: false })).status).toBe(401);
    const res = await h.api("GET", `${PATH}?from=${encodeURIComponent("2027-03-01T11:00:00+03:00")}&staff_id=${ANNA}&limit=10`);
    expect(res.status).toBe(200);
    const list = (await res.json()) as { data: Array<{ start_ts: string }>; meta: unknown };
    expect(list.data.map((b) => b.start_ts)).toEqual(["2027-03-01T12:00:00+03:00"]);
    expect(list.meta).toEqual({ total: 1, limit: 10, offset: 0 });
  });

  test("PATCH reschedules through the same check; the old time frees up", async () => {
    const id = await create(0);
    const taken = await create(1, "2027-03-01T12:00:00+03:00");
    expect((await h.api("PATCH", `${PATH}/${id}`, { start_ts: "2027-03-01T12:30:00+03:00" })).status).toBe(409);
    const moved = await h.api("PATCH", `${PATH}/${id}`, { start_ts: "2027-03-01T10:30:00+03:00" });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as { booking: { start_ts: string } }).booking.start_ts).toBe("2027-03-01T10:30:00+03:00");
    const occ = (await rows()).occupancy.filter((o) => o.bookingId === id);
    expect(occ.map((o) => o.startTs)).toEqual([Date.parse("2027-03-01T10:30:00+03:00")]);
    expect(taken).toBeGreaterThan(id);
  });

  test("PATCH status and DELETE cancel; a cancelled booking frees its time", async () => {
    const id = await create(0);
    // a visit that has not started is neither missed nor done
    const early = await h.api("PATCH", `${PATH}/${id}`, { status: "no_show" });
    expect(early.status).toBe(400);
    expect(await early.json()).toMatchObject({ code: "VALIDATION_ERROR", messages: [{ field: "status" }] });
    h.clock.set(Date.parse(AT_10));
    const done = await h.api("PATCH", `${PATH}/${id}`, { status: "no_show" });
    expect(((await done.json()) as { booking: { status: string } }).booking.status).toBe("no_show");
    expect((await h.api("DELETE", `${PATH}/${id}`)).status).toBe(400); // no_show is not live
    const other = await create(1, "2027-03-01T12:00:00+03:00");
    const cancelled = await h.api("DELETE", `${PATH}/${other}`);
    expect(((await cancelled.json()) as { booking: { status: string } }).booking.status).toBe("cancelled");
    expect((await h.api("POST", PATH, body({ start_ts: "2027-03-01T12:00:00+03:00" }, 2), { auth: false })).status).toBe(201);
    expect((await h.api("PATCH", `${PATH}/${id}`, { status: "bogus" })).status).toBe(400);
    expect((await h.api("DELETE", `${PATH}/99999`)).status).toBe(404);
  });
});

test("a completed visit asks for a review two hours after it ends, and its reminders are dropped", async () => {
  const { notifications } = await import("../notification/schema.ts");
  const created = await h.api("POST", PATH, body({ start_ts: "2027-03-02T10:00:00+03:00", client: { name: "Ирина", phone: "+79161234567", email: "irina@example.com" } }), { auth: false });
  const id = ((await created.json()) as { booking: { id: number } }).booking.id;
  const pendingReminders = async () =>
    (await h.db.orm.select().from(notifications).where(eq(notifications.bookingId, id))).filter((n) => n.event === "reminder" && n.status === "pending");
  expect((await pendingReminders()).length).toBeGreaterThan(0);
  expect((await h.api("PATCH", `${PATH}/${id}`, { status: "completed" })).status).toBe(400); // 15 days… or one day ahead: not yet
  h.clock.set(Date.parse("2027-03-02T10:05:00+03:00"));
  expect((await h.api("PATCH", `${PATH}/${id}`, { status: "completed" })).status).toBe(200);
  const review = (await h.db.orm.select().from(notifications).where(eq(notifications.bookingId, id))).filter((n) => n.event === "review");
  expect(review).toHaveLength(1);
  expect(review[0]!.dueAt).toBe(Date.parse("2027-03-02T11:00:00+03:00") + 2 * 3_600_000);
  expect(await pendingReminders()).toHaveLength(0);
});

test("the booking's status follows the salon's auto-confirm", async () => {
  const { business } = await import("../business/schema.ts");
  await h.db.write((tx) => tx.update(business).set({ autoConfirm: false }).where(eq(business.id, 1)));
  const res = await h.api("POST", PATH, body(), { auth: false });
  expect(((await res.json()) as { booking: { status: string } }).booking.status).toBe("pending");
});
