// A loopback stand-in for the YClients REST API serving the fixture of one real-looking salon
// (test/fixtures/yclients: a copy of shared/yclients/fixture, so a clone alone can run every test)
// the way the real API does: the {success, data, meta} envelope (meta [] where PHP sends an empty
// array), PHP's \uXXXX and \/ escapes, the `Authorization: Bearer <partner>, User <user>` check, per
// endpoint pagination (page/count, total_count), with_deleted, date filters, and the 5 requests per
// second limit answered with 429 + Retry-After, changed_after on records (their last_change_date). Tests may change `data` between runs.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const FIXTURE_DIR = join(import.meta.dir, "../fixtures/yclients");

type Obj = Record<string, unknown>;

export interface FixtureData {
  company: Obj;
  categories: Obj[];
  services: Obj[];
  staff: Obj[];
  schedule: Obj[];
  clients: Obj[];
  records: Obj[];
  comments: Obj[];
}

export interface FakeYClientsOptions {
  partnerToken?: string;
  userToken?: string;
  /** The limit the fake enforces per rolling second (the real API's is 5). */
  requestsPerSecond?: number;
}

export interface FakeYClients {
  url: string;
  companyId: number;
  partnerToken: string;
  userToken: string;
  data: FixtureData;
  /** Every request received: method, path and query. */
  requests: Array<{ method: string; path: string; query: URLSearchParams; status: number }>;
  /** The next `times` requests answer `status` (503 for an outage, 429 for a burst of rate limiting). */
  failNext(status: number, times?: number): void;
  /** Endpoints (by first path segment: "comments", "records"…) the user's rights do not cover: 403. */
  forbidden: Set<string>;
  stop(): void;
}

export const readFixture = <T = Obj>(name: string): T => JSON.parse(readFileSync(join(FIXTURE_DIR, name), "utf8")) as T;

const pagesOf = (prefix: string): Obj[] => {
  const all: Obj[] = [];
  for (let page = 1; ; page++) {
    try {
      all.push(...readFixture<{ data: Obj[] }>(`${prefix}${page}.json`).data);
    } catch {
      return all;
    }
  }
};

export function loadFixture(): FixtureData {
  return {
    company: readFixture<{ data: Obj }>("company.json").data,
    categories: readFixture<{ data: Obj[] }>("service_categories.json").data,
    services: readFixture<{ data: Obj[] }>("services.json").data,
    staff: readFixture<{ data: Obj[] }>("staff.json").data,
    schedule: readFixture<{ data: Obj[] }>("staff_schedule.json").data,
    clients: pagesOf("clients_page"),
    records: pagesOf("records_page"),
    comments: readFixture<{ data: Obj[] }>("comments.json").data,
  };
}

/** json_encode as PHP does it by default: non-ASCII as \uXXXX, "/" as "\/". */
export function phpJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
    .replaceAll("/", "\\/");
}

const errors = readFixture<Record<string, { http_status: number; body: unknown }>>("errors_sample.json");

export function startFakeYClients(options: FakeYClientsOptions = {}): FakeYClients {
  const data = loadFixture();
  const companyId = Number(data.company.id);
  const partnerToken = options.partnerToken ?? "partner-secret";
  const userToken = options.userToken ?? "user-secret";
  const limit = options.requestsPerSecond ?? 5;
  const recent: number[] = [];
  const requests: FakeYClients["requests"] = [];
  let failing: { status: number; times: number } | null = null;
  const forbidden = new Set<string>();

  const reply = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(phpJson(body), { status, headers: { "content-type": "application/json; charset=utf-8", ...headers } });
  const envelope = (payload: unknown, meta: unknown) => reply(200, { success: true, data: payload, meta });
  const sample = (key: string, headers: Record<string, string> = {}) => reply(errors[key]!.http_status, errors[key]!.body, headers);

  const route = async (request: Request, url: URL): Promise<Response> => {
    const now = performance.now();
    while (recent.length > 0 && now - recent[0]! >= 1000) recent.shift();
    if (recent.length >= limit) return sample("too_many_requests", { "retry-after": "1" });
    recent.push(now);
    if (failing && failing.times > 0) {
      failing.times--;
      return failing.status === 429 ? sample("too_many_requests", { "retry-after": "1" }) : reply(failing.status, { success: false, data: null, meta: { message: "Service Unavailable" } });
    }
    const path = url.pathname.replace(/\/+$/, "");
    if (request.headers.get("authorization") !== `Bearer ${partnerToken}, User ${userToken}`) {
      // some endpoints answer 401 in the {errors} shape, the rest in the envelope (API.md §3.2)
      return sample(/^\/api\/v1\/company\/\d+$/.test(path) ? "unauthorized_errors_variant" : "unauthorized_envelope");
    }
    if (forbidden.has(path.split("/")[3] ?? "")) return sample("forbidden");
    const v2 = request.headers.get("accept")?.includes("application/vnd.yclients.v2+json") ?? false;
    const ok = (payload: unknown, meta: unknown) => (v2 ? envelope(payload, meta) : reply(200, payload));
    const q = url.searchParams;
    const match = /^\/api\/v1\/(?:company\/(\d+)(\/.*)?|(clients|records|comments)\/(\d+)|client\/(\d+)\/(\d+))$/.exec(path);
    const cid = Number(match?.[1] ?? match?.[4] ?? match?.[5]);
    if (!match || cid !== companyId) return sample("not_found");
    const sub = match[2] ?? "";
    if (match[1] && sub === "" && request.method === "GET") return ok(data.company, {});
    if (sub === "/service_categories") return ok(data.categories, { total_count: data.categories.length });
    if (sub === "/services") return ok(data.services, { total_count: data.services.length });
    if (sub === "/staff") return ok(data.staff, { count: data.staff.length });
    if (sub === "/staff/schedule") {
      const days = data.schedule.filter((d) => within(String(d.date), q));
      return ok(days, { count: days.length });
    }
    if (sub === "/clients/search" && request.method === "POST") {
      const body = (await request.json()) as { page?: number; page_size?: number; fields?: string[] };
      const size = Math.min(200, body.page_size ?? 25);
      const fields = body.fields ?? ["id"];
      const items = slice(data.clients, body.page ?? 1, size).map((c) => Object.fromEntries(fields.map((f) => [f, c[f] ?? null])));
      return ok(items, { total_count: data.clients.length });
    }
    if (match[3] === "clients") return paged(ok, data.clients, q, 200, { total: true });
    if (match[3] === "records") {
      const withDeleted = q.get("with_deleted") === "1";
      const changedAfter = q.has("changed_after") ? Date.parse(q.get("changed_after")!) : null;
      const records = data.records.filter(
        (r) => (withDeleted || r.deleted !== true) && within(String(r.date).slice(0, 10), q) && (changedAfter === null || Date.parse(String(r.last_change_date)) >= changedAfter),
      );
      return paged(ok, records, q, 1000, { total: true });
    }
    if (match[3] === "comments") return paged(ok, data.comments, q, 1000, { total: false });
    if (match[6]) {
      const client = data.clients.find((c) => String(c.id) === match[6]);
      return client ? ok(client, []) : sample("not_found");
    }
    return sample("not_found");
  };

  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(request) {
      const url = new URL(request.url);
      const response = await route(request, url);
      requests.push({ method: request.method, path: url.pathname, query: url.searchParams, status: response.status });
      return response;
    },
  });

  return {
    url: `http://127.0.0.1:${server.port}`,
    companyId,
    partnerToken,
    userToken,
    data,
    requests,
    failNext(status, times = 1) {
      failing = { status, times };
    },
    forbidden,
    stop: () => void server.stop(true),
  };
}

function within(date: string, q: URLSearchParams): boolean {
  const from = q.get("start_date");
  const to = q.get("end_date");
  return (!from || date >= from) && (!to || date <= to);
}

function slice<T>(items: T[], page: number, count: number): T[] {
  return items.slice((page - 1) * count, page * count);
}

function paged(ok: (payload: unknown, meta: unknown) => Response, items: Obj[], q: URLSearchParams, max: number, opts: { total: boolean }): Response {
  const page = Math.max(1, Number(q.get("page") ?? 1));
  const count = Math.min(max, Math.max(1, Number(q.get("count") ?? 50)));
  // reviews answer with meta [] (no total): clients of the API must stop on a short page
  return ok(slice(items, page, count), opts.total ? { page, total_count: items.length } : []);
}
