// Booking by phone through the real handlers (issue 12 item 12): the caller found as the phone or
// name is typed, with last visits, no-shows and notes; choosing them brings their last services;
// several services booked back to back in one visit; a master's own account gets no client search.
// Demo salon, Moscow: Anna (2) does 1 "Женская стрижка" (60 min + 10) and 3 "Детская стрижка"
// (30 min + 5); "now" is Mon 2027-03-01 09:00.
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { asc, eq } from "drizzle-orm";
import { bookingServices, bookings } from "../../booking/schema.ts";
import { clients } from "../../client/schema.ts";
import { signedIn } from "../../session/test-browser.ts";
import { makeHarness, type Harness } from "../../../test/harness.ts";

const API = "/api/v1/businesses/salon";
const [CUT, KIDS, ANNA] = [1, 3, 2];

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

/** Вера has been before: a cut and a kids' cut back to back, a no-show, and a note on her card. */
async function regular(): Promise<number> {
  const res = await h.api("POST", `${API}/bookings`, { services: [CUT, KIDS], staff_id: ANNA, start_ts: "2027-03-01T11:00:00+03:00", client: { name: "Вера Соколова", phone: "+79161112233" } }, { auth: false });
  expect(res.status).toBe(201);
  const [visit] = await h.db.orm.select().from(bookings);
  await h.db.orm.update(bookings).set({ status: "no_show" }).where(eq(bookings.id, visit!.id));
  await h.db.orm.update(clients).set({ notes: "Аллергия на аммиак" }).where(eq(clients.id, visit!.clientId!));
  return visit!.clientId!;
}

describe("booking a caller from the panel", () => {
  test("typing the phone (or a name) finds the caller with visits, no-shows and notes", async () => {
    await regular();
    const owner = await signedIn(h, { email: "owner@salon.test" });
    const byPhone = await (await owner.get(`/${h.slug}/admin/bookings/callers?phone=8 916 111&name=`, { "hx-request": "true" })).text();
    expect(byPhone).toContain("Вера Соколова");
    expect(byPhone).toContain("неявок: 1");
    expect(byPhone).toContain("Аллергия на аммиак");
    expect(byPhone).toContain("Женская стрижка, Детская стрижка");
    const byName = await (await owner.get(`/${h.slug}/admin/bookings/callers?phone=&name=${encodeURIComponent("соколова")}`)).text();
    expect(byName).toContain("Вера Соколова");
    expect(await (await owner.get(`/${h.slug}/admin/bookings/callers?phone=&name=${encodeURIComponent("Пётр")}`)).text()).not.toContain("<li>");
  });

  test("choosing the caller fills the form and ticks their last visit's services; both are booked back to back", async () => {
    const clientId = await regular();
    const owner = await signedIn(h, { email: "owner@salon.test" });
    const form = await (await owner.get(`/${h.slug}/admin/bookings/new?staff=${ANNA}&date=2027-03-02&time=10:00&client=${clientId}&services=${CUT}`, { "hx-request": "true" })).text();
    expect(form).toContain('value="+7 916 111 22 33"');
    expect(form).toContain("Клиент из базы");
    for (const id of [CUT, KIDS]) expect(form).toMatch(new RegExp(`name="services" value="${id}" checked`));

    const made = await owner.post(
      `/${h.slug}/admin/bookings`,
      { staff_id: String(ANNA), services: [String(CUT), String(KIDS)], date: "2027-03-02", time: "10:00", name: "Вера Соколова", phone: "+79161112233" },
      { htmx: true },
    );
    expect(await made.text()).toContain("Запись создана.");
    const [visit] = await h.db.orm.select().from(bookings).where(eq(bookings.startTs, Date.parse("2027-03-02T10:00:00+03:00")));
    expect(visit!.clientId).toBe(clientId);
    const parts = await h.db.orm.select().from(bookingServices).where(eq(bookingServices.bookingId, visit!.id)).orderBy(asc(bookingServices.startTs));
    expect(parts.map((p) => [p.serviceId, new Date(p.startTs).toISOString()])).toEqual([
      [CUT, "2027-03-02T07:00:00.000Z"],
      [KIDS, "2027-03-02T08:00:00.000Z"], // right after the cut (the buffer follows the visit)
    ]);
  });

  test("a master's own account books, but cannot search the salon's clients", async () => {
    await regular();
    const anna = await signedIn(h, { email: "anna@salon.test", role: "staff", staffId: ANNA });
    const form = await (await anna.get(`/${h.slug}/admin/bookings/new?staff=${ANNA}&date=2027-03-02&time=10:00`, { "hx-request": "true" })).text();
    expect(form).not.toContain("bookings/callers");
    expect((await anna.get(`/${h.slug}/admin/bookings/callers?phone=916111`)).status).toBe(403);
  });
});
