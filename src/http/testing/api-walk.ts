/**
 * A walk over the whole JSON API on a seeded salon, for the OpenAPI test: every documented
 * operation called at least once the way a client would (its success), plus the error answers the
 * test derives for every operation. Each call is recorded with the operation it is (method and
 * path template), its status, media type and body.
 */
import { optOutToken } from "../../notification/links.ts";
import { readSettings } from "../../notification/settings.ts";
import { issueWebhookToken } from "../../import/webhook-token.ts";
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
const idOf = (c: Call, key?: string) => ((key ? (c.body as Record<string, { id: number }>)[key] : c.body) as { id: number }).id;
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
  const booked = idOf(await call("POST", `${B}/bookings`, { body: visit, auth: null }), "booking");
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
  await call("POST", `${B}/exceptions`, { body: { date: "2027-03-01", type: "closed" } }); // 409 DAY_HAS_BOOKINGS
  await call("DELETE", `${B}/bookings/{id}`, { params: { id: byStaff } });
  await call("DELETE", `${B}/services/{id}`, { params: { id: 1 } }); // booked: kept and deactivated (200)

  await call("GET", `${B}/notification-templates`);
  await call("PATCH", `${B}/notification-templates`, { body: { templates: [{ event: "reminder", channel: "sms", locale: "ru", body: "{client_name}, ждём вас {start_local}" }] } });
  const settings = await readSettings(h.db.orm);
  await call("POST", `${B}/unsubscribe/{token}`, { params: { token: optOutToken(settings.linkSecret, client, "email", "vera@example.com") }, auth: null });
  await call("POST", `${B}/telegram/webhook`, { body: { update_id: 1 }, auth: null, headers: { "x-telegram-bot-api-secret-token": settings.telegramWebhookSecret } });
  await call("POST", `${B}/telegram/webhook`, { body: { update_id: 2 }, auth: null }); // 403
  const yclients = await issueWebhookToken(h.db, "yclients", { externalId: "555", reminders: false }, h.clock.now());
  await call("POST", `${B}/webhooks/yclients`, { query: `token=${yclients}`, body: { company_id: 555, resource: "goods_transaction", resource_id: 1, status: "create", data: {} }, auth: null });
  await call("POST", `${B}/webhooks/yclients`, { query: "token=whk_wrong", body: { company_id: 555, resource: "record", resource_id: 1, status: "create" }, auth: null }); // 401

  const hook = idOf(await call("POST", `${B}/webhooks`, { body: { url: endpoint, events: ["booking.created"] } }), "webhook");
  await call("GET", `${B}/webhooks`);
  await call("POST", `${B}/webhooks/{id}/test`, { params: { id: hook } });
  await call("GET", `${B}/webhooks/{id}/deliveries`, { params: { id: hook } });
  await call("DELETE", `${B}/webhooks/{id}`, { params: { id: hook } });
}
