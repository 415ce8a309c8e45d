// No 500 on bad input: every route of the app (JSON API and pages) gets hostile values in its path
// parameters, query and body, as the salon owner (so the guards let it through to the handlers).
// Each answer must be below 500, an API 4xx must have the documented error shape, and a refused
// request must leave the database exactly as it was.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { Value } from "@sinclair/typebox/value";
import type { TSchema } from "@sinclair/typebox";
import { createApp, type App } from "./app.ts";
import { makeHarness, T0, type Harness } from "../../test/harness.ts";
import { readSettings } from "../notification/settings.ts";
import { signedIn } from "../session/test-browser.ts";

/** Hostile text for a path segment, a query value or a form field. */
const HOSTILE: readonly (string | string[])[] = [
  "99999999999999999999",
  "8640000000000001",
  "1e400",
  "NaN",
  "-1",
  "0.5",
  "",
  "𝕏💥\u202e\u0000ü/../",
  "x".repeat(3_000),
  ["1", "2"], // a repeated key: an array where a scalar is expected
];
/** Hostile JSON values for a body field: wrong types, nesting, extremes. */
const HOSTILE_JSON: readonly unknown[] = [1e308, -1, 0.5, "", "x".repeat(3_000), null, [1, "a", null], { nested: { deeper: [{}] } }];
const RAW_BODIES: ReadonlyArray<[contentType: string, body: string]> = [
  ["application/json", "{"],
  ["application/json", "null"],
  ["application/json", "[1,2]"],
  ["application/json", '"text"'],
  ["application/json", '{"a":' + "[".repeat(2_000) + "]".repeat(2_000) + "}"],
  ["text/plain", "hello"],
  ["application/x-www-form-urlencoded", "%%%&=&a=%FF"],
  ["multipart/form-data", "--x\r\n"],
  ["application/xml", "<a/>"],
];
/** Query keys the pages read (and schemas do not declare): all get the same hostile value at once. */
const QUERY_KEYS = ["staff", "date", "from", "to", "view", "saved", "days", "t", "time", "staff_id", "service", "services", "service_id", "resource", "resource_id", "owner", "lang", "language", "channel", "bucket", "status", "q", "s", "m", "start", "limit", "offset", "token", "source", "pmin", "pmax", "phone", "page", "next", "kind", "entity", "dur", "d", "c", "embed", "table", "before"];
/** Form fields the pages read, likewise. */
const FORM_FIELDS = ["s", "m", "start", "name", "phone", "email", "notes", "consent", "key", "back", "staff_id", "service_id", "date", "time", "status", "title", "duration_minutes", "price", "password", "current", "next", "role", "from", "to", "weekday", "category", "staff_ids", "reason", "override", "form_key", "language", "channel", "event", "body", "subject"];
/** Fields of the JSON routes that read their body themselves (no schema). */
const JSON_FIELDS = ["service_id", "services", "staff_id", "start_ts", "client", "client_id", "status", "notes", "consent", "message", "resource", "data", "company_id"];
// issue 14: the balance forms (client card tab) and the paying fields of POST /bookings
FORM_FIELDS.push("type", "amount", "method", "sign", "package_id", "expires_at", "promo_code", "certificate_code");
JSON_FIELDS.push("promo_code", "use_package", "pay_with_wallet", "certificate_code");
/** A booking flow that reaches the deep end of the booking pages: one key at a time turns hostile. */
const BOOKING_FLOW: Record<string, string> = { s: "1", m: "any", start: String(T0 + 2 * 86_400_000 + 2 * 3_600_000) };

let h: Harness;
let app: App;
let headers: Record<string, string>;
let telegramSecret: string;

// Left out of the comparison: what a refused request is meant to write (a failed sign-in is
// counted) and what merely reading a page renews (the session's last use).
const VOLATILE = new Set(["login_failures", "sessions"]);

async function snapshot(): Promise<string> {
  const tables = await h.db.client.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  const parts: string[] = [];
  for (const row of tables.rows) {
    const name = String(row.name);
    if (VOLATILE.has(name)) continue;
    const columns = (await h.db.client.execute(`SELECT name FROM pragma_table_info('${name}')`)).rows.map((c) => `quote("${String(c.name)}")`);
    // quote(): every value as SQL text, so even an integer JavaScript cannot hold is compared
    const rows = await h.db.client.execute(`SELECT ${columns.join(" || ',' || ")} AS r FROM "${name}"`);
    parts.push(name, ...rows.rows.map((r) => String(r.r)));
  }
  return new Bun.CryptoHasher("sha256").update(parts.join("\n")).digest("hex");
}

beforeAll(async () => {
  h = await makeHarness();
  // the public write limits would answer 429 before the handlers see most of the input
  app = createApp({ ...h.deps, rateLimits: { capacity: 1e9, refillPerSecond: 1e9 } });
  const owner = await signedIn(h, { email: "owner@salon.test", role: "owner" });
  headers = {
    authorization: `Bearer ${h.token}`,
    cookie: [...owner.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
    "x-csrf-token": owner.csrf(),
    "sec-fetch-site": "same-origin",
  };
  telegramSecret = (await readSettings(h.db.orm)).telegramWebhookSecret;
}, 60_000);
afterAll(() => h.close());

interface Probe {
  path: string;
  method: string;
  query?: string;
  contentType?: string;
  body?: string;
}

const withValue = (entries: Record<string, string>, keys: readonly string[], v: string | string[]) => {
  const out = new URLSearchParams(entries);
  for (const key of keys) {
    out.delete(key);
    for (const one of typeof v === "string" ? [v] : v) out.append(key, one);
  }
  return out.toString();
};

function* probes(route: { method: string; path: string; hooks?: { body?: unknown; query?: unknown } }): Generator<Probe> {
  const { method } = route;
  const params = route.path.match(/:[a-z]+/gi)?.filter((p) => p !== ":slug") ?? [];
  const pathWith = (param: string | null, v: string | string[]) =>
    route.path.replace(":slug", h.slug).replace(/:[a-z]+/gi, (p) => encodeURIComponent(p === param ? String(v) : "1"));
  const path = pathWith(null, "");
  const flow = route.path.startsWith("/:slug/book") ? BOOKING_FLOW : {};
  for (const param of params) for (const v of HOSTILE) yield { path: pathWith(param, v), method };
  const declared = Object.keys((route.hooks?.query as { properties?: object } | undefined)?.properties ?? {});
  for (const v of HOSTILE) {
    for (const key of new Set([...declared, ...Object.keys(flow)])) yield { path, method, query: withValue(flow, [key], v) };
    if (method === "GET") yield { path, method, query: withValue(flow, QUERY_KEYS, v) };
  }
  if (method === "GET") return;
  for (const [contentType, body] of RAW_BODIES) yield { path, method, contentType, body };
  const schema = route.hooks?.body as TSchema | undefined;
  if (schema) {
    const valid = Value.Create(schema) as Record<string, unknown>;
    for (const field of Object.keys((schema as { properties?: object }).properties ?? {})) {
      for (const v of HOSTILE_JSON) yield { path, method, contentType: "application/json", body: JSON.stringify({ ...valid, [field]: v }) };
    }
    return;
  }
  const form = "application/x-www-form-urlencoded";
  for (const v of HOSTILE) {
    yield { path, method, contentType: form, body: withValue(flow, FORM_FIELDS, v) };
    for (const key of Object.keys(flow)) yield { path, method, contentType: form, body: withValue(flow, [key], v) };
  }
  for (const v of HOSTILE_JSON) {
    yield { path, method, contentType: "application/json", body: JSON.stringify(Object.fromEntries(JSON_FIELDS.map((f) => [f, v]))) };
    if (route.path.startsWith("/api/")) for (const f of JSON_FIELDS) yield { path, method, contentType: "application/json", body: JSON.stringify({ [f]: v }) };
  }
}

test("hostile params, query and body never give a 500, and a refusal changes nothing", async () => {
  const failures: string[] = [];
  let before = await snapshot();
  let sent = 0;
  for (const route of app.routes) {
    if (route.path.endsWith("/admin/logout")) continue; // would end the session the rest of the walk uses
    for (const probe of probes(route)) {
      const url = `http://localhost${probe.path}${probe.query ? `?${probe.query}` : ""}`;
      const res = await app.handle(
        new Request(url, {
          method: probe.method,
          headers: {
            ...headers,
            "x-telegram-bot-api-secret-token": telegramSecret,
            ...(probe.contentType ? { "content-type": probe.contentType } : {}),
          },
          ...(probe.body !== undefined ? { body: probe.body } : {}),
        }),
      );
      sent++;
      const what = `${probe.method} ${probe.path.slice(0, 120)}${probe.query ? `?${probe.query.slice(0, 120)}` : ""} ${probe.body?.slice(0, 120) ?? ""}`;
      const text = await res.text();
      if (res.status >= 500) {
        failures.push(`${res.status} ${what}`);
        continue;
      }
      if (res.status >= 400 && probe.path.startsWith("/api/")) {
        const body = (() => {
          try {
            return JSON.parse(text) as { code?: unknown; message?: unknown };
          } catch {
            return {};
          }
        })();
        if (typeof body.code !== "string" || typeof body.message !== "string") failures.push(`error shape ${res.status} ${what}: ${text.slice(0, 200)}`);
      }
      if (probe.method === "GET") continue; // reads are compared once per route, below
      if (res.status >= 400) {
        const after = await snapshot();
        if (after !== before) failures.push(`changed the database: ${res.status} ${what}`);
        before = after;
      } else {
        before = await snapshot(); // an accepted write may change things; the next refusal may not
      }
    }
    if (route.method === "GET") {
      const after = await snapshot();
      if (after !== before) failures.push(`a read changed the database: ${route.path}`);
      before = after;
    }
  }
  expect(failures).toEqual([]);
  expect(sent).toBeGreaterThan(3_000);
}, 600_000);
