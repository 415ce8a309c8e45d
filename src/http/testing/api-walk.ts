/**
 * A walk over the whole JSON API on a seeded salon, for the OpenAPI test: every documented
 * operation called at least once the way a client would (its success), plus the error answers the
 * test derives for every operation. Each call is recorded with the operation it is (method and
 * path template), its status, media type and body.
 */
import { createECDH, randomBytes } from "node:crypto";
import { optOutToken } from "../../notification/links.ts";
import { notificationSettings } from "../../notification/schema.ts";
import { readSettings } from "../../notification/settings.ts";
import { issueWebhookToken } from "../../import/webhook-token.ts";
import { reviewToken } from "../../review/token.ts";
import type { Harness } from "../../../test/harness.ts";

export interface Call {
  op: string;
  status: number;
  mediaType: string;
  body: unknown;
}

export interface Walker {
  calls: Call[];
  /** Calls `template` ({slug}, {id} … filled from `params`) and records the answer; returns the parsed body. */
  call(method: string, template: string, opts?: { params?: Record<string, string | number>; query?: string; body?: unknown; raw?: { type: string; text: string }; auth?: string | null; headers?: Record<string, string> }): Promise<Call>;
}

export function walker(h: Harness): Walker {
  const calls: Call[] = [];
  return {
    calls,
    async call(method, template, opts = {}) {
      const params: Record<string, string | number> = { slug: h.slug, ...opts.params };
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));
      const auth = opts.auth === undefined ? `Bearer ${h.token}` : opts.auth;
      const body = opts.raw ? opts.raw.text : opts.body === undefined ? undefined : JSON.stringify(opts.body);
      const contentType = opts.raw ? opts.raw.type : opts.body === undefined ? undefined : "application/json";
      const res = await h.request(`${path}${opts.query ? `?${opts.query}` : ""}`, {
        method,
        headers: { ...(contentType ? { "content-type": contentType } : {}), ...(auth ? { authorization: auth } : {}), ...opts.headers },
        ...(body === undefined ? {} : { body }),
        redirect: "manual",
      });
      const mediaType = (res.headers.get("content-type") ?? "").split(";")[0]!.trim();
      const text = await res.text();
      const call = { op: `${method} ${template}`, status: res.status, mediaType, body: mediaType === "application/json" ? JSON.parse(text) : text };
      calls.push(call);
      return call;
    },
  };
}

const B = "/api/v1/businesses/{slug}";
/** The id in a success's answer; a failed step says which call and what it answered. */
function idOf(c: Call, key?: string): number {
  const thing = (key ? (c.body as Record<string, { id?: number }> | null)?.[key] : c.body) as { id?: number } | undefined;
  if (typeof thing?.id !== "number") throw new Error(`${c.op} answered ${c.status}: ${JSON.stringify(c.body).slice(0, 300)}`);
  return thing.id;
}
const WEEK = { week: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "09:00", end: "21:00" })) };

/** Every operation's success on the demo salon, in an order where each finds what it needs. */
export async function walkSuccesses(h: Harness, w: Walker, endpoint: string): Promise<void> {
  const { call } = w;
  await call("GET", "/healthz", { auth: null });
  await call("GET", "/readyz", { auth: null });
  await call("GET", "/metrics", { auth: null });
  await call("GET", B, { auth: null });
  await call("PATCH", B, { body: { name: "Test Salon" } });
  await call("GET", `${B}/availability`, { query: "service_id=1&date=2027-03-01&days=2", auth: null });

  await call("GET", `${B}/services`, { auth: null });
  await call("GET", `${B}/services`);
  await call("GET", `${B}/services/{id}`, { params: { id: 1 }, auth: null });
  const service = idOf(await call("POST", `${B}/services`, { body: { title: "Укладка", duration_minutes: 30, price: 100000, staff_ids: [2] } }));
  await call("PATCH", `${B}/services/{id}`, { params: { id: service }, body: { price: 120000 } });
  await call("DELETE", `${B}/services/{id}`, { params: { id: service } });
  await call("GET", `${B}/categories`, { auth: null });

  await call("GET", `${B}/staff`, { auth: null });
  await call("GET", `${B}/staff`);
  await call("GET", `${B}/staff/{id}`, { params: { id: 2 } });
  const master = idOf(await call("POST", `${B}/staff`, { body: { name: "Новый мастер", phone: "+79160000001", service_ids: [1] } }));
  await call("PATCH", `${B}/staff/{id}`, { params: { id: master }, body: { position: "Стилист" } });
  await call("GET", `${B}/resources`, { auth: null });
  const room = idOf(await call("POST", `${B}/resources`, { body: { name: "Кабинет 9", kind: "room" } }));
  await call("PATCH", `${B}/resources/{id}`, { params: { id: room }, body: { name: "Кабинет 10" } });

  await call("GET", `${B}/staff/{id}/schedule`, { params: { id: 2 }, auth: null });
  await call("PUT", `${B}/staff/{id}/schedule`, { params: { id: master }, body: WEEK });
  await call("PUT", `${B}/resources/{id}/schedule`, { params: { id: room }, body: WEEK });
  await call("GET", `${B}/hours`, { auth: null });
  await call("PUT", `${B}/hours`, { body: WEEK });
  const exception = idOf(await call("POST", `${B}/exceptions`, { body: { date: "2027-03-20", type: "closed", staff_id: master } }));
  await call("GET", `${B}/exceptions`);
  await call("DELETE", `${B}/exceptions/{id}`, { params: { id: exception } });

  const client = idOf(await call("POST", `${B}/clients`, { body: { name: "Вера", phone: "+79161112233", email: "vera@example.com" } }), "client");
  await call("POST", `${B}/clients`, { body: { name: "Вера 2", phone: "+79161112233" } }); // 409 ALREADY_EXISTS
  await call("GET", `${B}/clients`, { query: "q=Вера" });
  await call("GET", `${B}/clients/{id}`, { params: { id: client } });
  await call("PATCH", `${B}/clients/{id}`, { params: { id: client }, body: { notes: "Любит утро" } });

  const visit = { service_id: 1, staff_id: 2, start_ts: "2027-03-01T10:00:00+03:00", client: { name: "Ольга", phone: "+79164445566" } };
  const first = await call("POST", `${B}/bookings`, { body: visit, auth: null });
  const booked = idOf(first, "booking");
  await call("POST", `${B}/bookings`, { body: { ...visit, client: { name: "Другая", phone: "+79167778899" } }, auth: null }); // 409 SLOT_CONFLICT
  await call("POST", `${B}/bookings`, { body: { ...visit, start_ts: "2027-03-05T23:00:00+03:00" }, auth: null }); // 409 OUTSIDE_HOURS
  const key = { "idempotency-key": "walk-0000-0000-0001" };
  await call("POST", `${B}/bookings`, { body: { ...visit, start_ts: "2027-03-02T10:00:00+03:00" }, auth: null, headers: key });
  await call("POST", `${B}/bookings`, { body: { ...visit, start_ts: "2027-03-02T12:00:00+03:00" }, auth: null, headers: key }); // 422
  const byStaff = idOf(await call("POST", `${B}/bookings`, { body: { service_id: 1, start_ts: "2027-03-01T12:00:00+03:00", client_id: client } }), "booking");
  await call("GET", `${B}/bookings`, { query: "from=2027-03-01&to=2027-03-07" });
  await call("GET", `${B}/bookings/{id}`, { params: { id: booked } });
  await call("PATCH", `${B}/bookings/{id}`, { params: { id: booked }, body: { start_ts: "2027-03-03T10:00:00+03:00" } });
  await call("PATCH", `${B}/bookings/{id}`, { params: { id: byStaff }, body: { status: "confirmed" } });
  await call("GET", `${B}/clients/{id}/bookings`, { params: { id: client } });
  // issue 16: a browser subscribed to the visit's reminders, by whoever holds its manage link
  await call("GET", `${B}/push/key`, { auth: null });
  const manage = new URL((first.body as { booking: { manage_url: string } }).booking.manage_url);
  const browser = createECDH("prime256v1");
  browser.generateKeys();
  const subscription = { endpoint: "https://fcm.googleapis.com/fcm/send/walk-1", expirationTime: null, keys: { p256dh: browser.getPublicKey("base64url"), auth: randomBytes(16).toString("base64url") } };
  await call("POST", `${B}/bookings/{id}/push-subscriptions`, { params: { id: booked }, auth: null, body: { token: manage.searchParams.get("t"), subscription } });
  // issue 15: a waiter joins; staff read and clear the waitlist
  const waiting = idOf(await call("POST", `${B}/waitlist`, { body: { service_id: 1, date_from: "2027-03-08", date_to: "2027-03-10", client: { name: "Ждущая", phone: "+79165550011" }, consent: true }, auth: null }), "waitlist");
  await call("GET", `${B}/waitlist`);
  await call("DELETE", `${B}/waitlist/{id}`, { params: { id: waiting } });
  // issue 13: money taken on site and part of it given back; a YooKassa notification that is not ours
  await call("GET", `${B}/bookings/{id}/payments`, { params: { id: booked } });
  const paid = idOf(await call("POST", `${B}/bookings/{id}/payments`, { params: { id: booked }, body: { method: "cash", amount: 100000 } }), "payment");
  await call("POST", `${B}/payments/{id}/refund`, { params: { id: paid }, body: { amount: 40000 } });
  await call("POST", `${B}/webhooks/yookassa`, { body: { type: "notification", event: "payment.succeeded", object: { id: "2f0f0c3e-000f-5000-8000-1a2b3c4d5e6f" } }, auth: null });
  // issue 14: a package product sold to the client, the wallet, a certificate, a promo code
  const pkg = idOf(await call("POST", `${B}/packages`, { body: { title: "5 стрижек", service_ids: [1], visits: 5, price: 1000000, valid_days: 180 } }), "package");
  await call("GET", `${B}/packages`);
  await call("POST", `${B}/clients/{id}/wallet/transactions`, { params: { id: client }, body: { type: "deposit", amount: 500000, method: "cash" } });
  await call("GET", `${B}/clients/{id}/wallet`, { params: { id: client } });
  await call("POST", `${B}/clients/{id}/packages`, { params: { id: client }, body: { package_id: pkg, method: "wallet" } }); // 10 000 ₽ from a 5 000 ₽ wallet: 409 INSUFFICIENT_BALANCE
  await call("POST", `${B}/clients/{id}/packages`, { params: { id: client }, body: { package_id: pkg, method: "cash" } });
  await call("GET", `${B}/clients/{id}/packages`, { params: { id: client } });
  await call("POST", `${B}/certificates`, { body: { amount: 300000, expires_at: "2027-12-31" } });
  await call("GET", `${B}/certificates`);
  await call("POST", `${B}/promo-codes`, { body: { code: "SPRING10", percent: 10 } });
  await call("GET", `${B}/promo-codes`);
  await call("POST", `${B}/exceptions`, { body: { date: "2027-03-01", type: "closed" } }); // 409 DAY_HAS_BOOKINGS
  await call("DELETE", `${B}/bookings/{id}`, { params: { id: byStaff } });
  await call("DELETE", `${B}/services/{id}`, { params: { id: 1 } }); // booked: kept and deactivated (200)

  await call("GET", `${B}/notification-templates`);
  await call("PATCH", `${B}/notification-templates`, { body: { templates: [{ event: "reminder", channel: "sms", locale: "ru", body: "{client_name}, ждём вас {start_local}" }] } });
  const settings = await readSettings(h.db.orm);
  await call("POST", `${B}/unsubscribe/{token}`, { params: { token: optOutToken(settings.linkSecret, client, "email", "vera@example.com") }, auth: null });
  // a salon with a bot (the token as if saved; the bot itself is the Telegram tests' business)
  await h.db.orm.update(notificationSettings).set({ telegramBotToken: "123456:walk" });
  await call("POST", `${B}/telegram/webhook`, { body: { update_id: 1 }, auth: null, headers: { "x-telegram-bot-api-secret-token": settings.telegramWebhookSecret } });
  await call("POST", `${B}/telegram/webhook`, { body: { update_id: 2 }, auth: null }); // 401
  const yclients = await issueWebhookToken(h.db, "yclients", { externalId: "555", reminders: false }, h.clock.now());
  await call("POST", `${B}/webhooks/yclients`, { query: `token=${yclients}`, body: { company_id: 555, resource: "goods_transaction", resource_id: 1, status: "create", data: {} }, auth: null });
  await call("POST", `${B}/webhooks/yclients`, { query: "token=whk_wrong", body: { company_id: 555, resource: "record", resource_id: 1, status: "create" }, auth: null }); // 401

  await call("GET", `${B}/yclients-hybrid`);
  await call("PUT", `${B}/yclients-hybrid`, { body: { form_id: "123456", company_id: "654321", service_ids: [2] } });

  const hook = idOf(await call("POST", `${B}/webhooks`, { body: { url: endpoint, events: ["booking.created"] } }), "webhook");
  await call("GET", `${B}/webhooks`);
  await call("POST", `${B}/webhooks/{id}/test`, { params: { id: hook } });
  await call("GET", `${B}/webhooks/{id}/deliveries`, { params: { id: hook } });
  await call("DELETE", `${B}/webhooks/{id}`, { params: { id: hook } });

  // issue 15: a review of a visit that took place, moderated; the public list
  h.clock.set(Date.parse("2027-03-03T12:00:00+03:00")); // after the visit (moved to 10:00 that day)
  await call("PATCH", `${B}/bookings/{id}`, { params: { id: booked }, body: { status: "completed" } });
  const review = idOf(await call("POST", `${B}/reviews`, { body: { booking_id: booked, token: reviewToken(settings.linkSecret, booked), rating: 5, text: "Спасибо" }, auth: null }), "review");
  await call("PATCH", `${B}/reviews/{id}`, { params: { id: review }, body: { status: "published", reply: "Ждём снова" } });
  await call("GET", `${B}/reviews`, { auth: null });
  await call("GET", `${B}/reviews`, { query: "status=published" });

  // issue 17, last: from a second branch on, location_id is required where a salon has several
  const branch = idOf(await call("POST", `${B}/locations`, { body: { name: "На Абая", timezone: "Asia/Almaty" } }));
  await call("GET", `${B}/locations`, { auth: null });
  await call("GET", `${B}/locations/{id}`, { params: { id: branch }, auth: null });
  await call("PATCH", `${B}/locations/{id}`, { params: { id: branch }, body: { address: "Алматы, пр. Абая, 10" } });
  await call("PUT", `${B}/locations/{id}/hours`, { params: { id: branch }, body: WEEK });
  await call("GET", `${B}/locations/{id}/hours`, { params: { id: branch }, auth: null });
}
