// Why a time cannot be booked, through the real handlers: each reason its own code and message
// (issue 12 item 5), SLOT_CONFLICT only for a real conflict naming the booking; staff's override
// outside hours and the separate double-book choice, both audited (item 4); closing a day through
// the API refuses with the list or cancels and notifies (item 6).
// Demo salon, Moscow: service 1 "Женская стрижка" 60 min + 10 min after, Anna (2) Mon–Fri 10–14,
// 15–20, Maria (4) does nails only; "now" is Mon 2027-03-01 09:00, notice 60 min, horizon 60 days.
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { and, eq } from "drizzle-orm";
import { auditLog } from "../audit/schema.ts";
import { notifications } from "../notification/schema.ts";
import { signedIn } from "../session/test-browser.ts";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { bookings } from "./schema.ts";

const API = "/api/v1/businesses/salon";
const [CUT, ANNA, MARIA] = [1, 2, 4];

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

let phone = 1_000_000;
async function book(start: string, extra: Record<string, unknown> = {}) {
  const res = await h.api("POST", `${API}/bookings`, { service_id: CUT, staff_id: ANNA, start_ts: start, client: { name: "Ирина", phone: `+7916${phone++}` }, ...extra }, { auth: false });
  return { status: res.status, body: (await res.json()) as { code?: string; messages?: Array<{ field?: string; message: string }>; booking?: { id: number }; conflicting_booking?: unknown } };
}

describe("each reason a time is not bookable has its own code", () => {
  const cases: Array<[string, string, Record<string, unknown>, string]> = [
    ["after closing (20:30)", "2027-03-01T20:30:00+03:00", {}, "OUTSIDE_HOURS"],
    ["the end of the shift: 19:30 + 60 min runs past 20:00", "2027-03-01T19:30:00+03:00", {}, "OUTSIDE_HOURS"],
    ["the buffer after runs into the lunch break (13:00 + 60 + 10 > 14:00)", "2027-03-01T13:00:00+03:00", {}, "OUTSIDE_HOURS"],
    ["a master who does not do the service", "2027-03-01T11:00:00+03:00", { staff_id: MARIA }, "STAFF_NOT_QUALIFIED"],
    ["beyond the 60-day horizon", "2027-05-03T11:00:00+03:00", {}, "BEYOND_HORIZON"],
    ["inside the minimum notice (09:45 with 60 minutes' notice)", "2027-03-01T09:45:00+03:00", { staff_id: "any" }, "TOO_SOON"],
    ["off the 15-minute grid", "2027-03-01T11:07:00+03:00", {}, "NOT_ON_GRID"],
  ];
  for (const [what, start, extra, code] of cases) {
    test(what, async () => {
      const { status, body } = await book(start, extra);
      expect({ status, code: body.code }).toEqual({ status: 409, code });
      expect(body.messages?.[0]?.message).not.toMatch(/taken|заняли/i);
      expect(body.conflicting_booking).toBeUndefined();
    });
  }

  test("a real conflict stays SLOT_CONFLICT and names the booking, in the salon's language", async () => {
    const first = await book("2027-03-01T11:00:00+03:00");
    const { status, body } = await book("2027-03-01T11:30:00+03:00");
    expect({ status, code: body.code }).toEqual({ status: 409, code: "SLOT_CONFLICT" });
    expect(body.conflicting_booking).toEqual({ id: first.body.booking!.id, start_ts: "2027-03-01T11:00:00+03:00", status: "confirmed" });
  });

  test("messages are translated", async () => {
    const ru = await h.api("POST", `${API}/bookings`, { service_id: CUT, staff_id: ANNA, start_ts: "2027-03-01T20:30:00+03:00", client: { name: "И", phone: "+79161112233" } }, { auth: false, headers: { "accept-language": "ru" } });
    expect(((await ru.json()) as { messages: Array<{ message: string }> }).messages[0]!.message).toBe("В это время визит (с подготовкой) не помещается в рабочие часы.");
  });

  test("policy durations read as words in each language, not as a count of minutes", async () => {
    expect((await h.api("PATCH", API, { min_notice_minutes: 20_160, horizon_days: 14 })).status).toBe(200);
    const said = async (start: string, language: string) => {
      const res = await h.api("POST", `${API}/bookings`, { service_id: CUT, staff_id: ANNA, start_ts: start, client: { name: "И", phone: "+79161112233" } }, { auth: false, headers: { "accept-language": language } });
      return ((await res.json()) as { messages: Array<{ message: string }> }).messages[0]!.message;
    };
    expect(await said("2027-03-02T11:00:00+03:00", "ru")).toBe("Записаться можно не позднее чем за 2 недели до начала.");
    expect(await said("2027-03-02T11:00:00+03:00", "en")).toBe("Book at least 2 weeks ahead.");
    expect(await said("2027-03-02T11:00:00+03:00", "kk")).toBe("Кемінде 2 апта бұрын жазылыңыз.");
    expect(await said("2027-04-02T11:00:00+03:00", "ru")).toBe("Запись открыта только на 2 недели вперёд.");
  });
});

describe("staff override in the admin panel", () => {
  const at = (time: string, more: Record<string, string> = {}) => ({ staff_id: String(ANNA), service_id: String(CUT), date: "2027-03-01", time, name: "Звонок вечером", phone: "+7 916 000-11-22", ...more });

  test("outside hours needs the override; over another booking needs the separate double-book choice; both audited", async () => {
    const owner = await signedIn(h, { email: "owner@salon.test" });
    const refused = await owner.post(`/${h.slug}/admin/bookings`, at("20:30"), { htmx: true });
    expect(await refused.text()).toContain("не помещается в рабочие часы");
    expect(await h.db.orm.select().from(bookings)).toHaveLength(0);

    const late = await owner.post(`/${h.slug}/admin/bookings`, at("20:30", { override: "on" }), { htmx: true });
    expect(await late.text()).toContain("Запись создана.");
    const [made] = await h.db.orm.select().from(bookings);
    expect(made!.startTs).toBe(Date.parse("2027-03-01T20:30:00+03:00"));

    // the override of hours never lands on another booking…
    const over = await owner.post(`/${h.slug}/admin/bookings`, at("20:45", { override: "on", phone: "+7 916 000-11-23" }), { htmx: true });
    expect(await over.text()).toContain("Это время только что заняли");
    expect(await h.db.orm.select().from(bookings)).toHaveLength(1);
    // …unless double-booking is chosen too
    const both = await owner.post(`/${h.slug}/admin/bookings`, at("20:45", { override: "on", double_book: "on", phone: "+7 916 000-11-23" }), { htmx: true });
    expect(await both.text()).toContain("Запись создана.");
    expect(await h.db.orm.select().from(bookings)).toHaveLength(2);

    const audited = await h.db.orm.select().from(auditLog).where(eq(auditLog.action, "booking.override"));
    expect(audited.map((a) => a.details)).toEqual([{ hours: true, doubleBook: false }, { hours: true, doubleBook: true }]);
    expect(audited.every((a) => a.actor.startsWith("user:") && a.userId !== null)).toBe(true);
  });

  test("a master's own account cannot override; the public API never double-books", async () => {
    const anna = await signedIn(h, { email: "anna@salon.test", role: "staff", staffId: ANNA });
    await anna.post(`/${h.slug}/admin/bookings`, at("20:30", { override: "on", double_book: "on" }), { htmx: true });
    expect(await h.db.orm.select().from(bookings)).toHaveLength(0);
    const client = await book("2027-03-01T20:30:00+03:00", { override: { hours: true, doubleBook: true } });
    expect(client.status).not.toBe(201);
    expect(await h.db.orm.select().from(bookings)).toHaveLength(0);
  });
});

describe("closing a day through the API (type closed)", () => {
  test("refuses while the day has live bookings, listing them; cancel_bookings cancels and notifies", async () => {
    const visit = await book("2027-03-03T11:00:00+03:00", { client: { name: "Ирина", phone: "+79161234567", email: "irina@example.com" } });
    const id = visit.body.booking!.id;
    const refused = await h.api("POST", `${API}/exceptions`, { date: "2027-03-03", type: "closed", note: "Ремонт" });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: "DAY_HAS_BOOKINGS", bookings: [{ id, start_ts: "2027-03-03T11:00:00+03:00", status: "confirmed" }] });
    expect((await h.api("GET", `${API}/exceptions`)).status).toBe(200);
    expect(((await (await h.api("GET", `${API}/exceptions`)).json()) as { data: unknown[] }).data).toHaveLength(0);

    const closed = await h.api("POST", `${API}/exceptions`, { date: "2027-03-03", type: "closed", note: "Ремонт", cancel_bookings: true });
    expect(closed.status).toBe(201);
    expect(await closed.json()).toMatchObject({ date: "2027-03-03", type: "closed", cancelled_booking_ids: [id] });
    const [row] = await h.db.orm.select().from(bookings).where(eq(bookings.id, id));
    expect({ status: row!.status, reason: row!.cancelReason }).toEqual({ status: "cancelled", reason: "Ремонт" });
    const told = await h.db.orm.select().from(notifications).where(and(eq(notifications.bookingId, id), eq(notifications.event, "cancelled")));
    expect(told).toHaveLength(1);
  });

  test("the admin's schedule page goes through the same use-case: the list in the form, nothing closed", async () => {
    const visit = await book("2027-03-03T11:00:00+03:00");
    const manager = await signedIn(h, { email: "manager@salon.test", role: "manager" });
    const res = await manager.post(`/${h.slug}/admin/schedules/salon/exceptions`, { date: "2027-03-03", type: "closed", note: "Ремонт" });
    const page = await res.text();
    expect(page).toContain("На этот день есть активные записи (1)");
    expect(page).toContain(`№${visit.body.booking!.id} в 11:00`);
    expect(((await (await h.api("GET", `${API}/exceptions`)).json()) as { data: unknown[] }).data).toHaveLength(0);
  });

  test("a day without bookings closes at once; a master's day off counts only their visits", async () => {
    await book("2027-03-03T11:00:00+03:00");
    const olga = await h.api("POST", `${API}/exceptions`, { date: "2027-03-03", type: "closed", staff_id: 3 });
    expect(olga.status).toBe(201);
    expect(await olga.json()).toMatchObject({ cancelled_booking_ids: [] });
  });
});
