// A loopback stand-in for the YooKassa API v3, speaking its wire format (docs/payments.md): Basic
// auth with one shop's id and secret key, an Idempotence-Key required on every POST (the same key
// and body give back the same object; the same key with another body is an invalid_request), the
// payment and refund objects, error bodies {type: "error", id, code, description, parameter}, and
// notification bodies {type: "notification", event, object}. Its confirmation page (the
// confirmation_url of a payment) "pays" or cancels and redirects the browser to the return_url.
import { randomUUID } from "node:crypto";

export interface FakePayment {
  id: string;
  status: "pending" | "succeeded" | "canceled";
  paid: boolean;
  amount: { value: string; currency: string };
  description?: string;
  metadata: Record<string, string>;
  confirmation: { type: "redirect"; confirmation_url: string; return_url: string };
  receipt?: unknown;
  created_at: string;
  captured_at?: string;
  refunded_amount?: { value: string; currency: string };
  refundable: boolean;
  cancellation_details?: { party: string; reason: string };
  test: true;
  recipient: { account_id: string; gateway_id: string };
}

export interface FakeRefund {
  id: string;
  payment_id: string;
  status: "succeeded";
  amount: { value: string; currency: string };
  created_at: string;
}

export interface FakeYooKassaOptions {
  shopId: string;
  secret: string;
  /** Called when a NEW payment was stored, before the answer goes out (a crash test kills the server here). */
  onPaymentCreated?: (payment: FakePayment) => void | Promise<void>;
  /** Where notifications are posted after the confirmation page pays or cancels (our webhook URL). */
  notifyUrl?: string;
}

export interface FakeYooKassa {
  url: string;
  payments: Map<string, FakePayment>;
  refunds: Map<string, FakeRefund>;
  /** Every request: method, path, and the Idempotence-Key it carried. */
  requests: Array<{ method: string; path: string; key: string | null }>;
  pay(id: string): FakePayment;
  cancel(id: string): FakePayment;
  notification(event: string, object: FakePayment | FakeRefund): { type: "notification"; event: string; object: unknown };
  setNotifyUrl(url: string): void;
  close(): Promise<void>;
}

const providerId = () => `${randomUUID().slice(0, 8)}-000f-5000-a000-${randomUUID().slice(-12)}`;
const minor = (value: string) => Math.round(Number(value) * 100);
const value = (minorUnits: number) => (minorUnits / 100).toFixed(2);
const errorBody = (status: number, code: string, description: string, parameter?: string) =>
  Response.json({ type: "error", id: randomUUID(), code, description, ...(parameter ? { parameter } : {}) }, { status });

export function startFakeYooKassa(options: FakeYooKassaOptions): FakeYooKassa {
  const payments = new Map<string, FakePayment>();
  const refunds = new Map<string, FakeRefund>();
  const byKey = new Map<string, { body: string; id: string }>();
  const requests: FakeYooKassa["requests"] = [];
  let notifyUrl = options.notifyUrl ?? null;
  const expected = `Basic ${Buffer.from(`${options.shopId}:${options.secret}`).toString("base64")}`;

  const notify = async (event: string, object: FakePayment) => {
    if (notifyUrl) await fetch(notifyUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fake.notification(event, object)) }).catch(() => {});
  };

  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(request) {
      const url = new URL(request.url);
      const path = url.pathname;
      const key = request.headers.get("idempotence-key");
      requests.push({ method: request.method, path, key });

      const checkout = /^\/checkout\/([^/]+)(\/pay|\/cancel)?$/.exec(path);
      if (checkout) return checkoutPage(checkout[1]!, checkout[2] ?? null, request.method);

      if (request.headers.get("authorization") !== expected) return errorBody(401, "invalid_credentials", "Login or password are invalid");
      if (request.method === "POST") {
        if (!key) return errorBody(400, "invalid_request", "Idempotence key is missing", "Idempotence-Key");
        if (key.length > 64) return errorBody(400, "invalid_request", "Idempotence key is too long", "Idempotence-Key");
        if (!(request.headers.get("content-type") ?? "").startsWith("application/json")) return new Response(null, { status: 415 });
        const text = await request.text();
        const seen = byKey.get(`${path}:${key}`);
        if (seen) {
          if (seen.body !== text) return errorBody(400, "invalid_request", "Idempotence key duplicated with another request body", "Idempotence-Key");
          return Response.json(payments.get(seen.id) ?? refunds.get(seen.id));
        }
        let body: Record<string, any>;
        try {
          body = JSON.parse(text);
        } catch {
          return errorBody(400, "invalid_request", "Request body is not JSON");
        }
        if (path === "/payments") return createPayment(body, key, text);
        if (path === "/refunds") return createRefund(body, key, text);
        return errorBody(404, "not_found", "Unknown method");
      }
      const one = /^\/(payments|refunds)\/([^/]+)$/.exec(path);
      if (request.method === "GET" && one) {
        const found = one[1] === "payments" ? payments.get(one[2]!) : refunds.get(one[2]!);
        return found ? Response.json(found) : errorBody(404, "not_found", "Object not found");
      }
      return errorBody(404, "not_found", "Unknown method");
    },
  });
  const base = `http://127.0.0.1:${server.port}`;

  async function createPayment(body: Record<string, any>, key: string, text: string): Promise<Response> {
    const amount = body.amount;
    if (!amount || typeof amount.value !== "string" || !/^\d+\.\d{2}$/.test(amount.value) || minor(amount.value) <= 0) return errorBody(400, "invalid_request", "Invalid amount", "amount.value");
    if (amount.currency !== "RUB") return errorBody(400, "invalid_request", "Invalid currency", "amount.currency");
    if (body.confirmation?.type !== "redirect" || typeof body.confirmation.return_url !== "string") return errorBody(400, "invalid_request", "Invalid confirmation", "confirmation");
    if (body.receipt && (!Array.isArray(body.receipt.items) || body.receipt.items.length === 0 || !(body.receipt.customer?.phone || body.receipt.customer?.email))) {
      return errorBody(400, "invalid_request", "Receipt is invalid", "receipt");
    }
    const id = providerId();
    const payment: FakePayment = {
      id,
      status: "pending",
      paid: false,
      amount: { value: amount.value, currency: amount.currency },
      ...(body.description ? { description: body.description } : {}),
      metadata: body.metadata ?? {},
      confirmation: { type: "redirect", confirmation_url: `${base}/checkout/${id}`, return_url: body.confirmation.return_url },
      ...(body.receipt ? { receipt: body.receipt } : {}),
      created_at: new Date().toISOString(),
      refundable: false,
      test: true,
      recipient: { account_id: options.shopId, gateway_id: "100500" },
    };
    payments.set(id, payment);
    byKey.set(`/payments:${key}`, { body: text, id });
    await options.onPaymentCreated?.(payment);
    return Response.json(payment);
  }

  function createRefund(body: Record<string, any>, key: string, text: string): Response {
    const payment = payments.get(body.payment_id);
    if (!payment) return errorBody(400, "invalid_request", "Payment not found", "payment_id");
    if (payment.status !== "succeeded") return errorBody(400, "invalid_request", "Payment is not succeeded", "payment_id");
    const amount = body.amount;
    if (!amount || typeof amount.value !== "string" || !/^\d+\.\d{2}$/.test(amount.value)) return errorBody(400, "invalid_request", "Invalid amount", "amount.value");
    const already = minor(payment.refunded_amount?.value ?? "0.00");
    if (minor(amount.value) + already > minor(payment.amount.value)) return errorBody(400, "invalid_request", "Refund amount exceeds the payment", "amount.value");
    const refund: FakeRefund = { id: providerId(), payment_id: payment.id, status: "succeeded", amount: { value: amount.value, currency: amount.currency }, created_at: new Date().toISOString() };
    refunds.set(refund.id, refund);
    payment.refunded_amount = { value: value(already + minor(amount.value)), currency: payment.amount.currency };
    byKey.set(`/refunds:${key}`, { body: text, id: refund.id });
    return Response.json(refund);
  }

  async function checkoutPage(id: string, action: string | null, method: string): Promise<Response> {
    const payment = payments.get(id);
    if (!payment) return new Response("no such payment", { status: 404 });
    if (method === "POST" && action) {
      const done = action === "/pay" ? fake.pay(id) : fake.cancel(id);
      await notify(`payment.${done.status}`, done);
      return new Response(null, { status: 303, headers: { location: payment.confirmation.return_url } });
    }
    const html = `<!doctype html><meta name="viewport" content="width=device-width"><title>Fake YooKassa</title>
<h1>Оплата ${payment.amount.value} ₽</h1><form method="post" action="/checkout/${id}/pay"><button id="pay">Pay</button></form>
<form method="post" action="/checkout/${id}/cancel"><button id="cancel">Cancel</button></form>`;
    return new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
  }

  const fake: FakeYooKassa = {
    url: base,
    payments,
    refunds,
    requests,
    pay(id) {
      const p = payments.get(id)!;
      if (p.status === "pending") Object.assign(p, { status: "succeeded", paid: true, refundable: true, captured_at: new Date().toISOString(), refunded_amount: { value: "0.00", currency: p.amount.currency } });
      return p;
    },
    cancel(id) {
      const p = payments.get(id)!;
      if (p.status === "pending") Object.assign(p, { status: "canceled", cancellation_details: { party: "yoo_money", reason: "expired_on_confirmation" } });
      return p;
    },
    notification: (event, object) => ({ type: "notification", event, object: structuredClone(object) }),
    setNotifyUrl(url) {
      notifyUrl = url;
    },
    close: async () => void (await server.stop(true)),
  };
  return fake;
}
