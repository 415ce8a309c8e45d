import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import { issueApiToken } from "../account/api-token.ts";
import { auditLog } from "../audit/schema.ts";
import { readSettings } from "../notification/settings.ts";
import { reviewToken } from "../review/token.ts";
import { exportTenant } from "../tenant/export.ts";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { deliverDueWebhooks, MAX_ATTEMPTS, type WebhookSender } from "./delivery.ts";
import { webhookDeliveries } from "./schema.ts";
import { createWebhook } from "./webhooks.ts";

const API = "/api/v1/businesses/salon";
const BOOKING = { service_id: 1, start_ts: "2027-03-01T10:00:00+03:00", client: { name: "Вера", phone: "+79161234567" } };

/** A real HTTP endpoint on loopback: records every request and answers with the next planned status (200 once the plan is used up). */
function receiver(plan: number[] = []) {
  const got: Array<{ headers: Headers; body: string }> = [];
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(req) {
      got.push({ headers: req.headers, body: await req.text() });
      const status = plan.shift() ?? 200;
      return new Response(status >= 400 ? "x".repeat(2000) : "ok", { status });
    },
  });
  return { url: `http://127.0.0.1:${server.port}/hook`, got, stop: () => server.stop(true) };
}

let h: Harness;
let rx: ReturnType<typeof receiver>;
const sender = (over: Partial<WebhookSender> = {}): WebhookSender => ({ clock: h.clock, owner: "test-sender", allowPrivate: true, ...over });
const deliveries = () => h.db.orm.select().from(webhookDeliveries).orderBy(webhookDeliveries.id);

beforeEach(async () => {
  h = await makeHarness({ env: { ZAPIS_WEBHOOK_ALLOW_PRIVATE: "1" } });
});
afterEach(() => {
  rx?.stop();
  h.close();
});

describe("outgoing webhooks", () => {
  test("a booking and its new client reach the endpoint, signed with the secret shown once", async () => {
    rx = receiver();
    const created = await h.api("POST", `${API}/webhooks`, { url: rx.url, events: ["booking.created", "client.created", "booking.cancelled"] });
    expect(created.status).toBe(201);
    const { webhook, secret } = (await created.json()) as { webhook: { id: number; url: string }; secret: string };
    expect(secret).toMatch(/^whsec_/);
    expect(webhook.url).toBe(rx.url);

    const booked = await h.api("POST", `${API}/bookings`, BOOKING, { auth: false });
    expect(booked.status).toBe(201);
    const bookingId = ((await booked.json()) as { booking: { id: number } }).booking.id;
    expect(await deliverDueWebhooks(sender(), h.db)).toEqual({ delivered: 2, retried: 0, failed: 0 });

    expect(rx.got.map((r) => r.headers.get("x-zapis-event"))).toEqual(["client.created", "booking.created"]);
    for (const r of rx.got) {
      const expected = `sha256=${createHmac("sha256", secret).update(r.body).digest("hex")}`;
      expect(r.headers.get("x-zapis-signature")).toBe(expected);
      expect(r.headers.get("x-zapis-event-id")).toBe((JSON.parse(r.body) as { id: string }).id);
      expect(Number(r.headers.get("x-zapis-timestamp"))).toBe(Math.floor(h.clock.now() / 1000));
    }
    const event = JSON.parse(rx.got[1]!.body) as { type: string; data: { id: number; status: string; client: { phone: string } } };
    expect(event.type).toBe("booking.created");
    expect(event.data).toMatchObject({ id: bookingId, status: "confirmed", client: { phone: "+79161234567" } });

    // the secret is write-only: not listed, not audited, not exported
    const listed = await (await h.api("GET", `${API}/webhooks`)).text();
    expect(listed).not.toContain(secret);
    const audit = await h.db.orm.select().from(auditLog).where(eq(auditLog.entity, "webhook"));
    expect(audit.map((a) => a.action)).toEqual(["webhook.create"]);
    expect(JSON.stringify(audit)).not.toContain(secret);
    expect(JSON.stringify(await exportTenant({ registry: h.deps.registry, dataDir: h.dataDir, clock: h.clock }, h.slug))).not.toContain(secret);

    // a cancellation is the next event; an unsubscribed change (booking.updated) sends nothing
    expect((await h.api("PATCH", `${API}/bookings/${bookingId}`, { status: "cancelled" })).status).toBe(200);
    await deliverDueWebhooks(sender(), h.db);
    expect(rx.got.map((r) => r.headers.get("x-zapis-event"))).toEqual(["client.created", "booking.created", "booking.cancelled"]);
  });

  test("a 500 is retried after the backoff with the same body and event id; the log keeps the last answer", async () => {
    rx = receiver([500]);
    await h.api("POST", `${API}/webhooks`, { url: rx.url, events: ["booking.created"], secret: "a-secret-of-16-chars" });
    await h.api("POST", `${API}/bookings`, BOOKING, { auth: false });
    expect(await deliverDueWebhooks(sender(), h.db)).toEqual({ delivered: 0, retried: 1, failed: 0 });
    const [failed] = await deliveries();
    expect(failed).toMatchObject({ status: "pending", attempts: 1, lastStatus: 500, dueAt: h.clock.now() + 60_000 });
    expect(failed!.lastResponse).toHaveLength(500); // truncated

    expect(await deliverDueWebhooks(sender(), h.db)).toEqual({ delivered: 0, retried: 0, failed: 0 }); // not due yet
    h.clock.advance(60_000);
    expect(await deliverDueWebhooks(sender(), h.db)).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect(rx.got).toHaveLength(2);
    expect(rx.got[1]!.body).toBe(rx.got[0]!.body);
    expect(rx.got[1]!.headers.get("x-zapis-event-id")).toBe(rx.got[0]!.headers.get("x-zapis-event-id"));
    const log = (await (await h.api("GET", `${API}/webhooks/1/deliveries`)).json()) as { data: Array<{ status: string; attempts: number; last_status: number }> };
    expect(log.data[0]).toMatchObject({ status: "delivered", attempts: 2, last_status: 200 });
  });

  test(`gives up after ${MAX_ATTEMPTS} attempts`, async () => {
    rx = receiver(Array(MAX_ATTEMPTS).fill(503));
    await h.api("POST", `${API}/webhooks`, { url: rx.url, events: ["booking.created"] });
    await h.api("POST", `${API}/bookings`, BOOKING, { auth: false });
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await deliverDueWebhooks(sender(), h.db);
      h.clock.advance(60 * 60_000); // past the longest backoff
    }
    expect(rx.got).toHaveLength(MAX_ATTEMPTS);
    expect(await deliveries()).toMatchObject([{ status: "failed", attempts: MAX_ATTEMPTS, lastStatus: 503 }]);
    await deliverDueWebhooks(sender(), h.db);
    expect(rx.got).toHaveLength(MAX_ATTEMPTS);
  });

  test("money and reviews reach the endpoint: payment.succeeded, payment.refunded, review.created", async () => {
    rx = receiver();
    await h.api("POST", `${API}/webhooks`, { url: rx.url, events: ["payment.succeeded", "payment.refunded", "review.created"] });
    const booked = await h.api("POST", `${API}/bookings`, { ...BOOKING, staff_id: 2 }, { auth: false });
    const bookingId = ((await booked.json()) as { booking: { id: number } }).booking.id;
    const paid = await h.api("POST", `${API}/bookings/${bookingId}/payments`, { method: "cash", amount: 100_000 });
    expect(paid.status).toBe(201);
    const paymentId = ((await paid.json()) as { payment: { id: number } }).payment.id;
    expect((await h.api("POST", `${API}/payments/${paymentId}/refund`, { amount: 40_000 })).status).toBe(201);
    h.clock.set(Date.parse("2027-03-01T13:00:00+03:00"));
    expect((await h.api("PATCH", `${API}/bookings/${bookingId}`, { status: "completed" })).status).toBe(200);
    const token = reviewToken((await readSettings(h.db.orm)).linkSecret, bookingId);
    expect((await h.api("POST", `${API}/reviews`, { booking_id: bookingId, token, rating: 5, text: "Спасибо" }, { auth: false })).status).toBe(201);

    expect(await deliverDueWebhooks(sender(), h.db)).toEqual({ delivered: 3, retried: 0, failed: 0 });
    const events = rx.got.map((r) => JSON.parse(r.body) as { type: string; data: Record<string, unknown> });
    expect(events.map((e) => e.type)).toEqual(["payment.succeeded", "payment.refunded", "review.created"]);
    expect(events[0]!.data).toMatchObject({ booking_id: bookingId, kind: "payment", method: "cash", amount: 100_000, status: "succeeded" });
    expect(events[1]!.data).toMatchObject({ booking_id: bookingId, kind: "refund", amount: 40_000, refund_of: paymentId });
    expect(events[2]!.data).toMatchObject({ booking_id: bookingId, rating: 5, text: "Спасибо", status: "pending" });
  });

  test("send test event answers with the endpoint's reply", async () => {
    rx = receiver([418]);
    await h.api("POST", `${API}/webhooks`, { url: rx.url, events: ["review.created"] });
    const res = await h.api("POST", `${API}/webhooks/1/test`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { delivery: unknown }).delivery).toMatchObject({ type: "webhook.test", status: "pending", attempts: 1, last_status: 418 });
    expect(rx.got[0]!.headers.get("x-zapis-event")).toBe("webhook.test");
  });

  test("DELETE removes the endpoint and its log; managers may, masters may not", async () => {
    rx = receiver();
    await h.api("POST", `${API}/webhooks`, { url: rx.url, events: ["booking.created"] });
    expect((await h.api("DELETE", `${API}/webhooks/1`)).status).toBe(204);
    expect((await h.api("DELETE", `${API}/webhooks/1`)).status).toBe(404);
    expect(((await (await h.api("GET", `${API}/webhooks`)).json()) as { data: unknown[] }).data).toEqual([]);
    expect((await h.api("GET", `${API}/webhooks`, undefined, { auth: false })).status).toBe(401);
    const as = async (role: "manager" | "staff") => ({ authorization: `Bearer ${await issueApiToken(h.db, { name: role, role, now: h.clock.now() })}` });
    expect((await h.api("GET", `${API}/webhooks`, undefined, { auth: false, headers: await as("manager") })).status).toBe(200);
    expect((await h.api("GET", `${API}/webhooks`, undefined, { auth: false, headers: await as("staff") })).status).toBe(403);
  });
});

describe("webhook targets", () => {
  test("refused at registration: bad events, http, credentials, query, loopback (operator has not allowed it)", async () => {
    const strict = await makeHarness();
    try {
      const post = (body: unknown) => strict.api("POST", `${API}/webhooks`, body);
      const fields = async (body: unknown) => {
        const res = await post(body);
        expect(res.status).toBe(400);
        return ((await res.json()) as { messages: Array<{ field: string; message: string }> }).messages;
      };
      expect(await fields({ url: "https://93.184.215.14/h", events: ["booking.exploded"] })).toMatchObject([{ field: "events" }]);
      for (const url of ["http://example.com/h", "https://u:p@example.com/h", "https://example.com/h?x=1", "https://127.0.0.1/h", "https://[::1]/h", "https://169.254.169.254/latest", "https://localhost/h", "https://2130706433/h", "notaurl"]) {
        expect(await fields({ url, events: ["booking.created"] })).toMatchObject([{ field: "url" }]);
      }
    } finally {
      strict.close();
    }
  });

  test("checked again at send time after DNS: a name that now points at loopback gets nothing", async () => {
    rx = receiver();
    const port = new URL(rx.url).port;
    const dns: Record<string, string> = { "hooks.example.com": "93.184.215.14" };
    const resolve = async (host: string) => [{ address: dns[host]! }];
    const actor = { userId: null, role: "owner" as const, staffId: null, label: "test" };
    await createWebhook({ db: h.db, clock: h.clock, allowPrivate: false, resolve }, actor, { url: `https://hooks.example.com:${port}/hook`, events: ["booking.created"] });
    dns["hooks.example.com"] = "127.0.0.1"; // DNS rebinding after the check at registration
    await h.api("POST", `${API}/bookings`, BOOKING, { auth: false });
    expect(await deliverDueWebhooks(sender({ allowPrivate: false, resolve }), h.db)).toEqual({ delivered: 0, retried: 1, failed: 0 });
    expect(rx.got).toHaveLength(0);
    const [row] = await deliveries();
    expect(row!.lastStatus).toBeNull();
    expect(row!.lastResponse).toContain("refused");
  });
});
