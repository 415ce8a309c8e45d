// Issue 12 items 11–12 through the real admin handlers: staff record a walk-in or a visit after it
// happened (no notice, no message to the client, audited), a visit's length changes by its edge
// and it keeps that length when moved, and a master's own account can do neither in the past.
// Demo salon, Moscow: service 1 "Женская стрижка" 60 min + 10 min after, Anna (2) Mon–Fri 10–14,
// 15–20; "now" is Mon 2027-03-01 09:00 (T0), notice 60 min.
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { auditLog } from "../../audit/schema.ts";
import { bookings } from "../../booking/schema.ts";
import { notifications } from "../../notification/schema.ts";
import { signedIn } from "../../session/test-browser.ts";
import { makeHarness, type Harness } from "../../../test/harness.ts";

const [CUT, ANNA] = [1, 2];
const HOUR = 3_600_000;

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const form = (date: string, time: string, more: Record<string, string> = {}) => ({ staff_id: String(ANNA), service_id: String(CUT), date, time, name: "Зашла С Улицы", phone: "+7 916 000-22-33", ...more });
const visits = () => h.db.orm.select().from(bookings);

describe("walk-ins and visits in the past", () => {
  test("the owner records a visit that happened on Friday and a walk-in now; neither tells the client anything", async () => {
    h.clock.set(Date.parse("2027-03-01T12:07:00+03:00"));
    const owner = await signedIn(h, { email: "owner@salon.test" });
    const friday = await owner.post(`/${h.slug}/admin/bookings`, form("2027-02-26", "11:00"), { htmx: true });
    expect(await friday.text()).toContain("Запись создана.");
    // a walk-in a few minutes ago, off the 15-minute grid: the admin's 5-minute field is enough
    const now = await owner.post(`/${h.slug}/admin/bookings`, form("2027-03-01", "12:05", { phone: "+7 916 000-22-34" }), { htmx: true });
    expect(await now.text()).toContain("Запись создана.");
    const made = await visits();
    expect(made.map((b) => b.startTs)).toEqual([Date.parse("2027-02-26T11:00:00+03:00"), Date.parse("2027-03-01T12:05:00+03:00")]);
    expect(await h.db.orm.select().from(notifications)).toHaveLength(0);
    const audited = await h.db.orm.select().from(auditLog).where(eq(auditLog.action, "booking.override"));
    expect(audited.map((a) => a.details)).toEqual([{ hours: false, doubleBook: false, past: true }, { hours: false, doubleBook: false, past: true }]);
  });

  test("the past is no excuse for a clash, nor for a visit older than the limit", async () => {
    h.clock.set(Date.parse("2027-03-01T12:07:00+03:00"));
    const owner = await signedIn(h, { email: "owner@salon.test" });
    await owner.post(`/${h.slug}/admin/bookings`, form("2027-02-26", "11:00"), { htmx: true });
    const clash = await owner.post(`/${h.slug}/admin/bookings`, form("2027-02-26", "11:30", { phone: "+7 916 000-22-35" }), { htmx: true });
    expect(await clash.text()).toContain("Это время только что заняли");
    const old = await owner.post(`/${h.slug}/admin/bookings`, form("2027-01-20", "11:00", { phone: "+7 916 000-22-36" }), { htmx: true });
    expect(await old.text()).toContain("Визиты старше 31 дн. здесь не записываются");
    expect(await visits()).toHaveLength(1);
  });

  test("a master's own account and the public API still cannot book the past", async () => {
    h.clock.set(Date.parse("2027-03-01T12:07:00+03:00"));
    const anna = await signedIn(h, { email: "anna@salon.test", role: "staff", staffId: ANNA });
    const refused = await anna.post(`/${h.slug}/admin/bookings`, form("2027-03-01", "11:00"), { htmx: true });
    expect(await refused.text()).toContain("Это время уже прошло");
    const api = await h.api("POST", `/api/v1/businesses/${h.slug}/bookings`, { service_id: CUT, staff_id: ANNA, start_ts: "2027-03-01T11:00:00+03:00", client: { name: "И", phone: "+79161112233" } }, { auth: false });
    expect(api.status).toBe(400);
    expect(await visits()).toHaveLength(0);
  });
});

describe("a visit's length", () => {
  async function bookAt(start: string) {
    const res = await h.api("POST", `/api/v1/businesses/${h.slug}/bookings`, { service_id: CUT, staff_id: ANNA, start_ts: start, client: { name: "Длинная Стрижка", phone: "+79161112299" } }, { auth: false });
    expect(res.status).toBe(201);
    return ((await res.json()) as { booking: { id: number } }).booking.id;
  }
  const row = async (id: number) => (await h.db.orm.select().from(bookings).where(eq(bookings.id, id)))[0]!;

  test("dragging the edge lengthens it (audited), and a later move keeps the new length", async () => {
    const id = await bookAt("2027-03-02T16:00:00+03:00");
    const owner = await signedIn(h, { email: "owner@salon.test" });
    const longer = await owner.post(`/${h.slug}/admin/bookings/${id}/resize`, { date: "2027-03-02", time: "17:30" }, { htmx: true });
    expect(await longer.text()).toContain("Длительность визита изменена.");
    expect((await row(id)).endTs).toBe(Date.parse("2027-03-02T17:30:00+03:00"));
    const [audit] = await h.db.orm.select().from(auditLog).where(eq(auditLog.action, "booking.reschedule"));
    expect(audit!.details).toMatchObject({ end_from: Date.parse("2027-03-02T17:00:00+03:00"), end_to: Date.parse("2027-03-02T17:30:00+03:00") });

    const moved = await owner.post(`/${h.slug}/admin/bookings/${id}/reschedule`, { date: "2027-03-03", time: "11:00" }, { htmx: true });
    expect(await moved.text()).toContain("Запись перенесена");
    const after = await row(id);
    expect(after.endTs - after.startTs).toBe(1.5 * HOUR);
  });

  test("a length that runs into the next visit, past closing, or below five minutes is refused and nothing changes", async () => {
    const id = await bookAt("2027-03-02T16:00:00+03:00");
    await h.api("POST", `/api/v1/businesses/${h.slug}/bookings`, { service_id: CUT, staff_id: ANNA, start_ts: "2027-03-02T18:00:00+03:00", client: { name: "Следующая", phone: "+79161112298" } }, { auth: false });
    const owner = await signedIn(h, { email: "owner@salon.test" });
    const resize = async (time: string) => (await owner.post(`/${h.slug}/admin/bookings/${id}/resize`, { date: "2027-03-02", time }, { htmx: true })).text();
    expect(await resize("18:30")).toContain("Это время только что заняли");
    expect(await resize("16:03")).toContain("не раньше чем через 5 мин");
    expect((await row(id)).endTs).toBe(Date.parse("2027-03-02T17:00:00+03:00"));
  });
});
