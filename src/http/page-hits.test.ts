// A repeated request for a cached page is answered before Elysia, with exactly the app's answer.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { routeOf } from "../metrics/http.ts";
import { setTenantStatus } from "../tenant/tenant.ts";
import { createApp } from "./app.ts";

let h: Harness;
let app: ReturnType<typeof createApp>;
/** Requests that reached the app's own hooks (a repeat answered early does not). */
let seen = 0;
let probes = 0;

beforeAll(async () => {
  h = await makeHarness();
  // at T0 exactly a start of the day begins now: the fragment would be stale as soon as made
  h.clock.advance(60_000);
  app = createApp(h.deps).onRequest(() => void seen++);
});
afterAll(() => h.close());

const SLOTS = "/salon/book/slots?s=1&m=2&d=2027-03-08";
const call = (path: string, headers: Record<string, string> = {}) => app.handle(new Request(`http://localhost${path}`, { headers }));

/** Everything a client gets: status, every header, the bytes. */
async function answer(res: Response) {
  return { status: res.status, headers: [...res.headers], body: [...new Uint8Array(await res.arrayBuffer())] };
}

/**
 * The request twice (the second may be answered early), then once more with a header no one reads
 * and never sent before: another request to the early path, so the whole app answers it. Returns
 * whether the repeat reached the app, and checks the three answers are the same.
 */
async function repeatReachedApp(path: string, headers: Record<string, string> = {}): Promise<boolean> {
  const first = await answer(await call(path, headers));
  const before = seen;
  const repeat = await answer(await call(path, headers));
  const reached = seen > before;
  const full = await answer(await call(path, { ...headers, "x-probe": String(++probes) }));
  expect(repeat).toEqual(full);
  expect(first).toEqual(full);
  return reached;
}

describe("repeated cached pages", () => {
  test.each([
    ["the salon page", "/salon", {}],
    ["the salon page, brotli", "/salon", { "accept-encoding": "gzip, deflate, br" }],
    ["the salon page, gzip", "/salon", { "accept-encoding": "gzip" }],
    ["the salon page with filters", "/salon?q=%D1%81%D1%82%D1%80%D0%B8%D0%B6", {}],
    ["the salon page in English, remembered (Set-Cookie)", "/salon?lang=en", { "accept-encoding": "br" }],
    ["the salon page for a lang cookie", "/salon", { cookie: "lang=kk" }],
    ["the slot fragment, brotli", SLOTS, { "accept-encoding": "br" }],
    ["the slot fragment, htmx", SLOTS, { "hx-request": "true", "hx-current-url": "http://localhost/salon/book/time?s=1&m=2", "hx-target": "picker", "accept-encoding": "gzip" }],
    ["a slot fragment of no service (404, cached)", "/salon/book/slots?s=999&m=any&d=2027-03-08", {}],
  ])("%s: answered early, the same as the app's answer", async (_, path, headers) => {
    expect(await repeatReachedApp(path, headers as Record<string, string>)).toBe(false);
  });

  test("visitors with their own CSRF cookies share the answer; another cookie makes another request", async () => {
    const salon = (cookie: string) => call("/salon?lang=en", { cookie, "accept-encoding": "br" });
    const reference = await answer(await call("/salon?lang=en", { cookie: "lang=kk", "accept-encoding": "br", "x-probe": String(++probes) }));
    await salon("zapis_csrf=first; lang=kk");
    const before = seen;
    expect(await answer(await salon("lang=kk; zapis_csrf=second"))).toEqual(reference);
    expect(await answer(await salon("lang=kk"))).toEqual(reference);
    expect(seen).toBe(before);
    await salon("zapis_csrf=third; lang=ru");
    expect(seen).toBe(before + 1);
  });

  test("a fragment asked from another page (htmx's own headers) is the same request", async () => {
    const fragment = (page: string) => call(SLOTS, { "hx-request": "true", "hx-current-url": `http://localhost${page}`, "hx-target": "picker" });
    await fragment("/salon/book/time?s=1&m=2");
    const before = seen;
    const repeat = await answer(await fragment("/salon/book/time?s=1&m=2&d=2027-03-09"));
    expect(seen).toBe(before);
    expect(repeat).toEqual(await answer(await call(SLOTS, { "hx-request": "true", "x-probe": String(++probes) })));
  });

  test("the encoding is negotiated per request: a repeat asking another encoding gets that one", async () => {
    await call("/salon", { "accept-encoding": "br" });
    const before = seen;
    const plain = await call("/salon", { "accept-encoding": "identity" });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(seen).toBe(before); // accept-encoding is no part of what makes the request
    expect(await answer(plain)).toEqual(await answer(await call("/salon", { "accept-encoding": "identity", "x-probe": String(++probes) })));
  });

  test.each([
    ["an embed page (rewritten by embed mode)", "/salon?embed=1", {}],
    ["a Mini App page (rewritten by the Mini App hook)", "/salon?tg=1", {}],
    ["a fragment with Mini App launch data (verified each time)", SLOTS, { "x-telegram-init-data": "user=1&hash=bad", "hx-request": "true" }],
    ["a page with a CSRF slot (not a ready body)", "/salon/book/time?s=1&m=2&d=2027-03-08", { cookie: "zapis_csrf=abc" }],
    ["an unknown salon", "/no-such-salon", {}],
  ])("%s: every request goes through the app", async (_, path, headers) => {
    await call(path, headers as Record<string, string>);
    const before = seen;
    await call(path, headers as Record<string, string>);
    expect(seen).toBe(before + 1);
  });

  test("a repeat is tagged with its route for the metrics", async () => {
    await call(SLOTS);
    const repeat = new Request(`http://localhost${SLOTS}`);
    const before = seen;
    await app.handle(repeat);
    expect(seen).toBe(before);
    expect(routeOf(repeat)).toBe("/:slug/book/slots");
  });

  test("after a write the repeat goes to the app again and shows the change", async () => {
    expect(await (await call("/salon")).text()).not.toContain("Renamed Salon");
    const renamed = await app.handle(
      new Request("http://localhost/api/v1/businesses/salon", {
        method: "PATCH",
        headers: { "content-type": "application/json", authorization: `Bearer ${h.token}` },
        body: JSON.stringify({ name: "Renamed Salon" }),
      }),
    );
    expect(renamed.status).toBe(200);
    const before = seen;
    expect(await (await call("/salon")).text()).toContain("Renamed Salon");
    expect(seen).toBe(before + 1);
  });

  test("a disabled salon answers 503 to a repeat, and its pages again once enabled", async () => {
    expect((await call("/salon")).status).toBe(200);
    await setTenantStatus(h.deps, h.slug, "disabled");
    h.clock.advance(5_000); // past the registry row cache
    expect((await call("/salon")).status).toBe(503);
    await setTenantStatus(h.deps, h.slug, "active");
    h.clock.advance(5_000);
    expect((await call("/salon")).status).toBe(200);
  });
});
