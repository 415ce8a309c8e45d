import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { bookings, occupancy } from "../booking/schema.ts";
import { auditLog } from "../audit/schema.ts";
import { formPost } from "../booking/testing/form-post.ts";
import { payments } from "./schema.ts";
import { exportTenant } from "../tenant/export.ts";
import { AT_10, BOOKINGS, bookPublic, paidSalon, SHOP, WEBHOOK, type PaidSalon } from "./testing/setup.ts";

let s: PaidSalon;
beforeEach(async () => {
  s = await paidSalon();
});
afterEach(() => s.close());

const booking = async (id: number) => ((await (await s.h.api("GET", `${BOOKINGS}/${id}`)).json()) as any).booking;

describe("a visit that owes a prepayment", () => {
  test("is created awaiting_payment holding its slot; YooKassa got Basic auth, a stored Idempotence-Key, the amount as a string and a receipt", async () => {
    const { status, body } = await bookPublic(s.h);
    expect(status).toBe(201);
    expect(body.booking.status).toBe("awaiting_payment");
    // 30 % of 2 500.00
    expect(body.payment).toMatchObject({ amount: 75000, status: "pending" });
    expect(body.payment.confirmation_url).toStartWith(`${s.fake.url}/checkout/`);
    const [sent] = [...s.fake.payments.values()];
    expect(sent!.amount).toEqual({ value: "750.00", currency: "RUB" });
    expect(sent!.receipt).toMatchObject({ customer: { phone: "79161000000" }, tax_system_code: 2, items: [{ quantity: "1.00", vat_code: 1, payment_subject: "service", payment_mode: "partial_prepayment", amount: { value: "750.00" } }] });
    expect(sent!.confirmation.return_url).toMatch(/^http:\/\/localhost:3000\/salon\/payment\/\d+\?t=[\w-]{40,}$/);
    const [row] = await s.h.db.orm.select().from(payments);
    expect(s.fake.requests.find((r) => r.method === "POST")!.key).toBe(row!.idempotenceKey);
    expect(row).toMatchObject({ status: "pending", providerId: sent!.id, amountMinor: 75000, isPrepayment: true });
    expect(await s.h.db.orm.select().from(occupancy).where(eq(occupancy.bookingId, body.booking.id))).toHaveLength(1);
    // the same time is taken while the client pays
    expect((await bookPublic(s.h, 1)).status).toBe(409);
    const listed = async (status: string) => ((await (await s.h.api("GET", `${BOOKINGS}?status=${status}`)).json()) as any).data.map((b: any) => b.id);
    expect(await listed("awaiting_payment")).toEqual([body.booking.id]);
    expect(await listed("pending")).toEqual([]);
  });

  test("a notification is never trusted: a forged 'succeeded' for a payment YooKassa still has pending changes nothing", async () => {
    const { body } = await bookPublic(s.h);
    const sent = [...s.fake.payments.values()][0]!;
    const forged = s.fake.notification("payment.succeeded", { ...sent, status: "succeeded", paid: true });
    expect((await s.h.api("POST", WEBHOOK, forged, { auth: false })).status).toBe(200);
    expect((await booking(body.booking.id)).status).toBe("awaiting_payment");
    expect(s.fake.requests.filter((r) => r.method === "GET")).toHaveLength(1); // it asked YooKassa
  });

  test("paid → confirmed, once: repeats and a late 'canceled' change nothing; paid and due follow the ledger", async () => {
    const { body } = await bookPublic(s.h);
    const sent = [...s.fake.payments.values()][0]!;
    s.fake.pay(sent.id);
    const note = s.fake.notification("payment.succeeded", sent);
    for (let i = 0; i < 3; i++) expect((await s.h.api("POST", WEBHOOK, note, { auth: false })).status).toBe(200);
    await s.h.api("POST", WEBHOOK, s.fake.notification("payment.canceled", { ...sent, status: "canceled" }), { auth: false });
    const b = await booking(body.booking.id);
    expect(b).toMatchObject({ status: "confirmed", price: 250000, discount: 0, total: 250000, paid: 75000, due: 175000, payment_status: "partially_paid" });
    const rows = await s.h.db.orm.select().from(payments);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe("succeeded");
  });

  test("YooKassa unreachable: the notification gets 502 with the one error body (YooKassa retries), nothing changed", async () => {
    const { body } = await bookPublic(s.h);
    const sent = [...s.fake.payments.values()][0]!;
    s.fake.pay(sent.id);
    await s.fake.close();
    const res = await s.h.api("POST", WEBHOOK, s.fake.notification("payment.succeeded", sent), { auth: false });
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ code: "PAYMENT_PROVIDER_ERROR", messages: [{ message: expect.stringContaining("ЮKassa") }] });
    expect((await booking(body.booking.id)).status).toBe("awaiting_payment");
  });

  test("an id that is not ours: 200, nothing asked of YooKassa, nothing changed; garbage bodies too", async () => {
    await bookPublic(s.h);
    const before = s.fake.requests.length;
    const foreign = { type: "notification", event: "payment.succeeded", object: { id: "2e8dd95a-000f-5000-a000-1e3515f51c18", status: "succeeded" } };
    expect((await s.h.api("POST", WEBHOOK, foreign, { auth: false })).status).toBe(200);
    for (const junk of ["", "null", "[]", '{"type":"notification","event":"payment.succeeded","object":{"id":"../../x"}}']) {
      const res = await s.h.request(WEBHOOK, { method: "POST", headers: { "content-type": "application/json" }, body: junk });
      expect(res.status).toBeLessThan(500);
    }
    expect(s.fake.requests.length).toBe(before);
  });

  test("the client cancelling in time gets the prepayment back through POST /refunds with its own key", async () => {
    // 7 hours ahead: inside the salon's 2-hour cancellation window
    const { body } = await bookPublic(s.h, 0, "2027-03-01T16:00:00+03:00");
    const sent = [...s.fake.payments.values()][0]!;
    s.fake.pay(sent.id);
    await s.h.api("POST", WEBHOOK, s.fake.notification("payment.succeeded", sent), { auth: false });
    const manage = new URL(body.booking.manage_url);
    const res = await formPost(s.h, `/salon/my/${body.booking.id}/cancel`, { t: manage.searchParams.get("t")! });
    expect(res.status).toBe(303);
    const refund = [...s.fake.refunds.values()];
    expect(refund).toHaveLength(1);
    expect(refund[0]).toMatchObject({ payment_id: sent.id, amount: { value: "750.00", currency: "RUB" } });
    const b = await booking(body.booking.id);
    expect(b).toMatchObject({ status: "cancelled", paid: 0, payment_status: "refunded" });
    const refundRow = (await s.h.db.orm.select().from(payments)).find((p) => p.kind === "refund")!;
    expect(s.fake.requests.find((r) => r.path === "/refunds")!.key).toBe(refundRow.idempotenceKey);
  });

  test("the window passes unpaid → the job cancels it (payment_timeout) and frees the slot; a canceled payment does the same at once", async () => {
    const first = await bookPublic(s.h);
    s.h.clock.advance(16 * 60_000);
    const { releaseUnpaid } = await import("./job.ts");
    expect(await releaseUnpaid({ db: s.h.db, clock: s.h.clock, yookassaUrl: s.fake.url })).toBe(1);
    expect(await booking(first.body.booking.id)).toMatchObject({ status: "cancelled", cancel_reason: "payment_timeout" });
    expect(await s.h.db.orm.select().from(occupancy).where(eq(occupancy.bookingId, first.body.booking.id))).toHaveLength(0);

    const second = await bookPublic(s.h, 2, "2027-03-01T12:00:00+03:00");
    const sent = [...s.fake.payments.values()][1]!;
    s.fake.cancel(sent.id);
    await s.h.api("POST", WEBHOOK, s.fake.notification("payment.canceled", sent), { auth: false });
    expect(await booking(second.body.booking.id)).toMatchObject({ status: "cancelled", cancel_reason: "payment_timeout" });
  });

  test("staff bookings and salons without a policy owe nothing", async () => {
    const res = await s.h.api("POST", BOOKINGS, { service_id: 1, start_ts: AT_10, client: { name: "A", phone: "+79160000001" } });
    expect(((await res.json()) as any).booking.status).toBe("confirmed");
    await s.h.api("PATCH", "/api/v1/businesses/salon", { prepayment: { mode: "none" } });
    const { body } = await bookPublic(s.h, 3, "2027-03-01T12:00:00+03:00");
    expect(body.booking.status).toBe("confirmed");
    expect(body.payment).toBeUndefined();
  });
});

describe("late cancellations and a refusing shop", () => {
  const paidVisit = async (i: number, start: string) => {
    const { body } = await bookPublic(s.h, i, start);
    const sent = [...s.fake.payments.values()].at(-1)!;
    s.fake.pay(sent.id);
    await s.h.api("POST", WEBHOOK, s.fake.notification("payment.succeeded", sent), { auth: false });
    return body.booking.id as number;
  };

  test("staff cancelling late keep the deposit when the salon says so, and refund it when it does not", async () => {
    const kept = await paidVisit(0, "2027-03-01T10:00:00+03:00"); // 1 hour ahead: inside the 2-hour window
    await s.h.api("DELETE", `${BOOKINGS}/${kept}`);
    expect(s.fake.refunds.size).toBe(0);
    expect(await booking(kept)).toMatchObject({ status: "cancelled", paid: 75000 });
    await s.h.api("PATCH", "/api/v1/businesses/salon", { late_cancel_keeps_deposit: false });
    const returned = await paidVisit(1, "2027-03-01T12:00:00+03:00");
    s.h.clock.advance(2 * 3_600_000); // now 11:00, one hour before it
    await s.h.api("DELETE", `${BOOKINGS}/${returned}`);
    expect(s.fake.refunds.size).toBe(1);
    expect(await booking(returned)).toMatchObject({ status: "cancelled", paid: 0 });
  });

  test("YooKassa refusing the shop's key: a translated 502, the visit released, nothing left waiting", async () => {
    await s.h.api("PATCH", "/api/v1/businesses/salon", { yookassa: { secret_key: "test_wrong_secret_key" } });
    const res = await s.h.api("POST", BOOKINGS, { service_id: 1, start_ts: AT_10, client: { name: "A", phone: "+79160000009" } }, { auth: false, headers: { "accept-language": "en" } });
    expect(res.status).toBe(502);
    expect(((await res.json()) as any).code).toBe("PAYMENT_PROVIDER_ERROR");
    const [row] = await s.h.db.orm.select().from(bookings);
    expect(row).toMatchObject({ status: "cancelled", cancelReason: "payment_timeout", awaitingPaymentUntil: null });
    expect(await s.h.db.orm.select().from(occupancy)).toHaveLength(0);
  });
});

describe("a service's own prepayment", () => {
  test("overrides the salon's (full instead of 30 %); a bad one is a 400; null follows the salon again", async () => {
    const services = "/api/v1/businesses/salon/services/1";
    expect((await s.h.api("PATCH", services, { prepayment: { mode: "percent", value: 101 } })).status).toBe(400);
    const set = await s.h.api("PATCH", services, { prepayment: { mode: "full" } });
    expect(set.status).toBe(200);
    expect(((await set.json()) as any).prepayment).toEqual({ mode: "full", value: 0 });
    expect((await bookPublic(s.h)).body.payment.amount).toBe(250000);
    await s.h.api("PATCH", services, { prepayment: null });
    expect((await bookPublic(s.h, 1, "2027-03-01T12:00:00+03:00")).body.payment.amount).toBe(75000);
  });
});

describe("payment settings", () => {
  test("a bad shop id or mode is a translated 400 and changes nothing; the secret is never shown nor audited", async () => {
    const res = await s.h.api("PATCH", "/api/v1/businesses/salon", { name: "New", yookassa: { shop_id: "12ab" }, prepayment: { mode: "half" } }, { headers: { "accept-language": "ru" } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    expect(JSON.stringify(body.messages)).toContain("только цифры");
    expect(((await (await s.h.api("GET", "/api/v1/businesses/salon")).json()) as any).name).toBe("Test Salon");
    const ok = (await (await s.h.api("PATCH", "/api/v1/businesses/salon", { payment_window_minutes: 20 })).json()) as any;
    expect(ok.yookassa).toEqual({ shop_id: SHOP.shopId, secret_key_set: true });
    expect(JSON.stringify(ok)).not.toContain(SHOP.secret);
    const audit = await s.h.db.orm.select().from(auditLog);
    expect(JSON.stringify(audit)).not.toContain(SHOP.secret);
    const exported = JSON.stringify(await exportTenant({ registry: s.h.deps.registry, dataDir: s.h.dataDir, clock: s.h.clock }, "salon"));
    expect(exported).toContain(SHOP.shopId);
    expect(exported).not.toContain(SHOP.secret);
    expect(await s.h.db.orm.select().from(bookings)).toHaveLength(0);
  });
});
