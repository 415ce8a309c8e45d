import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { signedIn } from "../session/test-browser.ts";
import { buildRevenue, share } from "./revenue.ts";
import { AT_10, BOOKINGS, paidSalon, type PaidSalon } from "./testing/setup.ts";

describe("buildRevenue", () => {
  test("shares keep every kopeck: the parts add up to the amount", () => {
    expect(share(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(share(-1000, [250000, 50000])).toEqual([-834, -166]);
    expect(share(5, [0, 0])).toEqual([5, 0]);
  });

  test("by day in the salon's zone, by method, and by master and service in proportion to prices", () => {
    const day1 = Date.UTC(2027, 2, 1, 20, 59); // 23:59 in Moscow
    const day2 = Date.UTC(2027, 2, 1, 21, 1); // 00:01 the next day
    const r = buildRevenue(
      "Europe/Moscow",
      [
        { bookingId: 1, kind: "payment", method: "cash", amountMinor: 300000, at: day1 },
        { bookingId: 1, kind: "refund", method: "cash", amountMinor: 60000, at: day2 },
        { bookingId: 2, kind: "payment", method: "online", amountMinor: 75000, at: day2 },
      ],
      [
        { bookingId: 1, staffName: "Анна", title: "Стрижка", priceMinor: 200000 },
        { bookingId: 1, staffName: "Ольга", title: "Укладка", priceMinor: 100000 },
        { bookingId: 2, staffName: "Анна", title: "Стрижка", priceMinor: 250000 },
      ],
    );
    expect(r.total).toEqual({ receivedMinor: 375000, refundedMinor: 60000, netMinor: 315000 });
    expect(r.byDay.map((d) => [d.date, d.netMinor])).toEqual([["2027-03-01", 300000], ["2027-03-02", 15000]]);
    expect(r.byMethod).toContainEqual({ method: "cash", receivedMinor: 300000, refundedMinor: 60000, netMinor: 240000 });
    expect(r.byMaster).toEqual([{ name: "Анна", netMinor: 160000 + 75000 }, { name: "Ольга", netMinor: 80000 }]);
    expect(r.byService.reduce((a, s) => a + s.netMinor, 0)).toBe(r.total.netMinor);
  });
});

describe("the money report pages", () => {
  let s: PaidSalon;
  beforeEach(async () => {
    s = await paidSalon({ mode: "none" });
  });
  afterEach(() => s.close());

  test("the till of the day, revenue by method, and a completed visit that still owes money, in the page and CSV", async () => {
    const create = async (start: string, phone: string) => ((await (await s.h.api("POST", BOOKINGS, { service_id: 1, start_ts: start, client: { name: "Вера", phone } })).json()) as any).booking.id as number;
    const paid = await create(AT_10, "+79160000001");
    const owing = await create("2027-03-01T12:00:00+03:00", "+79160000002");
    await s.h.api("POST", `${BOOKINGS}/${paid}/payments`, { method: "card", amount: 250000 });
    await s.h.api("POST", `${BOOKINGS}/${owing}/payments`, { method: "cash", amount: 100000 });
    s.h.clock.advance(5 * 3_600_000); // the visits are over
    for (const id of [paid, owing]) expect((await s.h.api("PATCH", `${BOOKINGS}/${id}`, { status: "completed" })).status).toBe(200);
    const owner = await signedIn(s.h, { email: "owner@salon.test", role: "owner" });
    const page = await owner.get("/salon/admin/reports/money?from=2027-03-01&to=2027-03-31&day=2027-03-01");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Касса дня");
    const till = await (await owner.get("/salon/admin/reports/money.csv?table=till&day=2027-03-01")).text();
    expect(till).toContain("card,2500.00,0.00,2500.00");
    expect(till).toContain("cash,1000.00,0.00,1000.00");
    const unpaid = await (await owner.get("/salon/admin/reports/money.csv?table=unpaid&from=2027-03-01&to=2027-03-31")).text();
    expect(unpaid.trim().split("\r\n")).toEqual(["booking,start,client,total,paid,due", `${owing},2027-03-01T12:00:00+03:00,Вера,2500.00,1000.00,1500.00`]);
    const masters = await (await owner.get("/salon/admin/reports/money.csv?table=masters&from=2027-03-01&to=2027-03-31")).text();
    expect(masters).toContain("3500.00");
  });
});
