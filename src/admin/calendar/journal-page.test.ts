// The calendar page at a glance through the real handler (issue 12 item 13): each block shows the
// client's phone and the price, the day's numbers (visits, free windows, expected revenue) above
// the grid, and a current-time line on today's columns only.
// Demo salon, Moscow: Anna (2) Mon 10–14, 15–20; Maria (4) Mon 9–13, 14–18; Olga does not work
// Mondays. "Now" is Mon 2027-03-01 09:00; "Женская стрижка" costs 2 500 ₽.
import { afterEach, beforeEach, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { bookings } from "../../booking/schema.ts";
import { signedIn } from "../../session/test-browser.ts";
import { makeHarness, type Harness } from "../../../test/harness.ts";

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

async function book(time: string, phone: string): Promise<number> {
  const res = await h.api("POST", "/api/v1/businesses/salon/bookings", { service_id: 1, staff_id: 2, start_ts: `2027-03-01T${time}:00+03:00`, client: { name: "Клиентка", phone } }, { auth: false });
  expect(res.status).toBe(201);
  return ((await res.json()) as { booking: { id: number } }).booking.id;
}

test("blocks carry phone and price; the day's numbers; the now line only on today", async () => {
  await book("11:00", "+79161234567");
  const noShow = await book("15:00", "+79167654321");
  await h.db.orm.update(bookings).set({ status: "no_show" }).where(eq(bookings.id, noShow));
  const owner = await signedIn(h, { email: "owner@salon.test" });
  const today = (await (await owner.get(`/${h.slug}/admin?date=2027-03-01`)).text()).replace(/\u00a0|\u202f/g, " ");
  expect(today).toContain('<span class="phone">+7 916 123 45 67</span>');
  expect(today).toMatch(/<span class="price">2 500(,00)? ₽<\/span>/);
  // Anna: 10–11, 12–14, 16–20 free; Maria: 9–13, 14–18; the no-show brings nothing
  expect(today).toMatch(/Визитов: 2 · свободных окон: 5 · ожидаемая выручка: 2 500(,00)? ₽/);
  expect(today.match(/class="cal-now"/g)?.length).toBe(4); // Anna, Olga, Maria and the room
  const tomorrow = await (await owner.get(`/${h.slug}/admin?date=2027-03-02`)).text();
  expect(tomorrow).not.toContain('class="cal-now"');
  expect(tomorrow).toContain("Визитов: 0");
});

test("a room has its own day and week, like a master", async () => {
  const owner = await signedIn(h, { email: "owner@salon.test" });
  const week = await (await owner.get(`/${h.slug}/admin?date=2027-03-01&view=week&staff=1`)).text();
  expect(week.match(/class="cal-col room"/g)?.length).toBe(7);
  expect(week).toContain('<optgroup label="Кабинеты и оборудование"><option value="1" selected="">');
  const day = await (await owner.get(`/${h.slug}/admin?date=2027-03-01&staff=1`)).text();
  expect(day.match(/class="cal-col[^"]*"/g)).toEqual(['class="cal-col room"']);
});
