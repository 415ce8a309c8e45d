// Reports on a seeded week: every number is worked out by hand from the salon's demo hours and the
// bookings below, then read back from the page, the CSV and buildReport itself.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { bookings } from "../booking/schema.ts";
import { signedIn, type TestBrowser } from "../session/test-browser.ts";
import { bucketOf, type Report } from "./report.ts";
import { reportRows, workingMinutes } from "./queries.ts";
import { buildReport } from "./report.ts";

let h: Harness;
let owner: TestBrowser;
const ANNA = 2;
const OLGA = 3;
const MARIA = 4;
const FROM = Date.UTC(2027, 1, 28, 21); // Mon 2027-03-01 00:00 Moscow
const TO = Date.UTC(2027, 2, 7, 21); // Mon 2027-03-08 00:00 Moscow

async function book(serviceId: number, staffId: number, start: string, phone: string, status: string): Promise<{ id: number; clientId: number }> {
  const res = await h.api("POST", `/api/v1/businesses/${h.slug}/bookings`, { service_id: serviceId, staff_id: staffId, start_ts: start, client: { name: `Клиент ${phone.slice(-2)}`, phone } });
  expect(res.status).toBe(201);
  const id = ((await res.json()) as { booking: { id: number } }).booking.id;
  await h.db.orm.update(bookings).set({ status: status as "completed" }).where(eq(bookings.id, id));
  const [row] = await h.db.orm.select().from(bookings).where(eq(bookings.id, id));
  return { id, clientId: row!.clientId! };
}

async function seededReport(): Promise<Report> {
  const rows = await reportRows(h.db.orm, { from: FROM, to: TO });
  const masters = await workingMinutes(h.db.orm, "Europe/Moscow", "2027-03-01", "2027-03-07", h.clock.now());
  return buildReport({ zone: "Europe/Moscow", from: FROM, to: TO, bucket: "day", ...rows, masters });
}

beforeAll(async () => {
  h = await makeHarness();
  owner = await signedIn(h, { email: "owner@salon.test", role: "owner" });
  // Services: 1 = women's haircut, 60 min, 2 500 ₽; 4 = colouring, 120 min, 4 500 ₽; 6 = manicure, 90 min, 2 200 ₽.
  await book(1, ANNA, "2027-03-01T11:00:00+03:00", "+79160000001", "completed"); // client A
  await book(1, ANNA, "2027-03-03T11:00:00+03:00", "+79160000001", "no_show"); // client A again
  await book(4, OLGA, "2027-03-02T12:00:00+03:00", "+79160000002", "completed"); // client B
  await book(1, OLGA, "2027-03-04T12:00:00+03:00", "+79160000003", "cancelled"); // client C, only cancelled
  await book(6, MARIA, "2027-03-05T10:00:00+03:00", "+79160000004", "confirmed"); // client D
  const e = await book(1, OLGA, "2027-03-06T12:00:00+03:00", "+79160000005", "completed"); // client E …
  // … who came before the period: a returning client.
  const [visit] = await h.db.orm.select().from(bookings).where(eq(bookings.id, e.id));
  await h.db.orm.insert(bookings).values({ ...visit!, id: undefined, startTs: Date.UTC(2027, 1, 20, 9), endTs: Date.UTC(2027, 1, 20, 10), idempotencyKey: null, manageTokenHash: null });
  // Anna takes Friday off: her working week shrinks by a day.
  expect((await h.api("POST", `/api/v1/businesses/${h.slug}/exceptions`, { date: "2027-03-05", type: "closed", staff_id: ANNA })).status).toBe(201);
});
afterAll(() => h.close());

describe("numbers of a seeded week", () => {
  test("bookings, revenue, rates, clients and services", async () => {
    const r = await seededReport();
    expect(r.totals).toEqual({ bookings: 5, completed: 3, cancelled: 1, noShows: 1, revenueMinor: 950_000, all: 6, noShowRate: 0.25, cancellationRate: 1 / 6 });
    expect(r.clients).toEqual({ new: 3, returning: 1 });
    expect(r.topServices).toEqual([
      { serviceId: 1, title: "Женская стрижка", count: 3, revenueMinor: 500_000 },
      { serviceId: 4, title: "Окрашивание в один тон", count: 1, revenueMinor: 450_000 },
      { serviceId: 6, title: "Маникюр с покрытием", count: 1, revenueMinor: 0 },
    ]);
    expect(r.series.map((p) => [p.date, p.bookings, p.cancelled, p.revenueMinor])).toEqual([
      ["2027-03-01", 1, 0, 250_000],
      ["2027-03-02", 1, 0, 450_000],
      ["2027-03-03", 1, 0, 0],
      ["2027-03-04", 0, 1, 0],
      ["2027-03-05", 1, 0, 0],
      ["2027-03-06", 1, 0, 250_000],
      ["2027-03-07", 0, 0, 0],
    ]);
  });

  test("utilization = booked / working minutes from the masters' own hours, days off included", async () => {
    const r = await seededReport();
    // Anna: Mon–Fri 10–14 + 15–20 = 540 min a day, Friday off → 4 days; Olga: Tue–Sat 11–15 + 16–21 = 540 × 5;
    // Maria: Mon, Wed, Fri, Sat, Sun 09–13 + 14–18 = 480 × 5.
    expect(r.utilization.map((u) => [u.name, u.bookedMinutes, u.workingMinutes])).toEqual([
      ["Анна Смирнова", 120, 2160],
      ["Ольга Иванова", 180, 2700],
      ["Мария Петрова", 90, 2400],
    ]);
    expect(r.utilization[0]!.rate).toBeCloseTo(120 / 2160, 10);
  });

  test("weeks start on Monday and months on the 1st", () => {
    expect([bucketOf("2027-03-07", "week"), bucketOf("2027-03-08", "week"), bucketOf("2027-03-31", "month")]).toEqual(["2027-03-01", "2027-03-08", "2027-03-01"]);
  });
});

describe("the reports page and CSV", () => {
  test("owner only; the page draws SVG charts with the numbers", async () => {
    const manager = await signedIn(h, { email: "manager@salon.test", role: "manager" });
    expect((await manager.get(`/${h.slug}/admin/reports`)).status).toBe(403);
    expect((await manager.get(`/${h.slug}/admin/reports.csv`)).status).toBe(403);
    const html = await (await owner.get(`/${h.slug}/admin/reports?from=2027-03-01&to=2027-03-07`)).text();
    expect(html.match(/<svg class="chart/g)?.length).toBe(4);
    expect(html).toMatch(/<strong>25\s%<\/strong>/);
    expect(html).toMatch(/9\s500\s₽/);
    expect(html).toMatch(/<title>Анна Смирнова: 5,6\s%<\/title>/);
  });

  test("CSV by period, masters and services carry the same numbers", async () => {
    const csv = async (table: string) => (await (await owner.get(`/${h.slug}/admin/reports.csv?table=${table}&from=2027-03-01&to=2027-03-07&bucket=week`)).text()).replace("\uFEFF", "").trim().split("\r\n");
    expect(await csv("series")).toEqual(["period_start,bookings,completed,no_show,cancelled,revenue", "2027-03-01,5,3,1,1,9500.00"]);
    expect(await csv("masters")).toEqual(["master,booked_minutes,working_minutes,utilization", "Анна Смирнова,120,2160,0.0556", "Ольга Иванова,180,2700,0.0667", "Мария Петрова,90,2400,0.0375"]);
    expect((await csv("services"))[1]).toBe("Женская стрижка,3,5000.00");
  });
});
