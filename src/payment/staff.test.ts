import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { issueApiToken } from "../account/api-token.ts";
import { payments } from "./schema.ts";
import { AT_10, BOOKINGS, bookPublic, paidSalon, WEBHOOK, type PaidSalon } from "./testing/setup.ts";

let s: PaidSalon;
beforeEach(async () => {
  s = await paidSalon({ mode: "none" });
});
afterEach(() => s.close());

const staffBooking = async (start = AT_10) => {
  const res = await s.h.api("POST", BOOKINGS, { service_id: 1, start_ts: start, client: { name: "A", phone: "+79160000001" } });
  return ((await res.json()) as any).booking.id as number;
};
const pay = (id: number, body: unknown, token?: string) => s.h.api("POST", `${BOOKINGS}/${id}/payments`, body, token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe("on-site payments", () => {
  test("partial cash, then card for the rest: paid and due follow; above the due, ≤ 0, or a bad method is a translated 400 that writes nothing", async () => {
    const id = await staffBooking();
    expect((await pay(id, { method: "cash", amount: 100000 })).status).toBe(201);
    for (const bad of [{ method: "cash", amount: 0 }, { method: "cash", amount: -5 }, { method: "card", amount: 150001 }, { method: "wallet", amount: 100 }, { method: "barter", amount: 100 }]) {
      const res = await pay(id, bad);
      expect(res.status).toBe(400);
    }
    const ru = await s.h.api("POST", `${BOOKINGS}/${id}/payments`, { method: "card", amount: 999999 }, { headers: { "accept-language": "ru" } });
    expect(JSON.stringify(await ru.json())).toContain("Больше, чем осталось оплатить");
    const res = await pay(id, { method: "card", amount: 150000 });
    expect(((await res.json()) as any).money).toEqual({ price: 250000, discount: 0, total: 250000, paid: 250000, due: 0, payment_status: "paid" });
    const list = (await (await s.h.api("GET", `${BOOKINGS}/${id}/payments`)).json()) as any;
    expect(list.data.map((p: any) => [p.method, p.amount, p.status])).toEqual([["cash", 100000, "succeeded"], ["card", 150000, "succeeded"]]);
    expect(await s.h.db.orm.select().from(payments)).toHaveLength(2);
  });

  test("no payment on a cancelled visit; a master's token may not take money", async () => {
    const id = await staffBooking();
    await s.h.api("DELETE", `${BOOKINGS}/${id}`);
    expect((await pay(id, { method: "cash", amount: 100 })).status).toBe(400);
    const staffToken = await issueApiToken(s.h.db, { name: "m", role: "staff", now: s.h.clock.now() });
    expect((await pay(id, { method: "cash", amount: 100 }, staffToken)).status).toBe(403);
  });
});

describe("refunds", () => {
  test("cash refunded in part at once; never more than is left; an online payment goes back through YooKassa", async () => {
    const id = await staffBooking();
    const cash = ((await (await pay(id, { method: "cash", amount: 100000 })).json()) as any).payment.id;
    const part = await s.h.api("POST", `/api/v1/businesses/salon/payments/${cash}/refund`, { amount: 40000 });
    expect(part.status).toBe(201);
    expect(((await part.json()) as any).refund).toMatchObject({ kind: "refund", method: "cash", amount: 40000, status: "succeeded", refund_of: cash });
    expect((await s.h.api("POST", `/api/v1/businesses/salon/payments/${cash}/refund`, { amount: 60001 })).status).toBe(400);
    expect((await s.h.api("POST", `/api/v1/businesses/salon/payments/${cash}/refund`)).status).toBe(201); // the rest: 60 000
    expect((await s.h.api("POST", `/api/v1/businesses/salon/payments/${cash}/refund`)).status).toBe(400); // nothing left
    const money = ((await (await s.h.api("GET", `${BOOKINGS}/${id}/payments`)).json()) as any).money;
    expect(money).toMatchObject({ paid: 0, due: 250000, payment_status: "refunded" });

    await s.h.api("PATCH", "/api/v1/businesses/salon", { prepayment: { mode: "full" } });
    const { body } = await bookPublic(s.h, 5, "2027-03-01T16:00:00+03:00");
    const sent = [...s.fake.payments.values()][0]!;
    s.fake.pay(sent.id);
    await s.h.api("POST", WEBHOOK, s.fake.notification("payment.succeeded", sent), { auth: false });
    const online = ((await (await s.h.api("GET", `${BOOKINGS}/${body.booking.id}/payments`)).json()) as any).data[0].id;
    const res = await s.h.api("POST", `/api/v1/businesses/salon/payments/${online}/refund`, { amount: 50000 });
    expect(((await res.json()) as any).refund).toMatchObject({ method: "online", amount: 50000, status: "succeeded" });
    expect([...s.fake.refunds.values()].map((r) => r.amount.value)).toEqual(["500.00"]);
    expect(s.fake.payments.get(sent.id)!.refunded_amount!.value).toBe("500.00");
  });

  test("a manager may take money but not refund it", async () => {
    const id = await staffBooking();
    const manager = await issueApiToken(s.h.db, { name: "m", role: "manager", now: s.h.clock.now() });
    const res = await pay(id, { method: "cash", amount: 1000 }, manager);
    expect(res.status).toBe(201);
    const paymentId = ((await res.json()) as any).payment.id;
    expect((await s.h.api("POST", `/api/v1/businesses/salon/payments/${paymentId}/refund`, {}, { headers: { authorization: `Bearer ${manager}` } })).status).toBe(403);
  });
});
