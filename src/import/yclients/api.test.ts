import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { AppError } from "../../error/app-error.ts";
import { startFakeYClients, type FakeYClients } from "../../../test/fakes/yclients-server.ts";
import { apiBaseUrl, isApiToken, YClientsApi, type ApiOptions } from "./api.ts";
import { obj, str } from "./coerce.ts";
import { YClientsSource } from "./source.ts";

let fake: FakeYClients;
afterEach(() => fake?.stop()); // the address checks below start no fake

const apiFor = (options: Partial<ApiOptions> = {}) =>
  new YClientsApi({ baseUrl: fake.url, partnerToken: fake.partnerToken, userToken: fake.userToken, backoffMs: 1, ...options });
const sleeps: number[] = [];
const spySleep = (ms: number) => {
  sleeps.push(ms);
  return Bun.sleep(Math.min(ms, 5));
};

test("the API address keeps only scheme, host and port; tokens are one opaque word", () => {
  expect(apiBaseUrl("https://api.alteg.io/api/v1/")).toBe("https://api.alteg.io");
  for (const bad of ["ftp://api.yclients.com", "https://u:p@api.yclients.com", "https://api.yclients.com/?x=1", "https://api.yclients.com/#f", "https://api.yclients.com/other"]) expect(apiBaseUrl(bad)).toBeNull();
  expect(isApiToken("partner-secret")).toBe(true);
  for (const bad of ["a, User b", "a\r\nX-Evil: 1", "abc"]) expect(isApiToken(bad)).toBe(false);
});

describe("YClients API client", () => {
  beforeEach(() => {
    fake = startFakeYClients({ requestsPerSecond: 1000 });
    sleeps.length = 0;
  });

  test("decodes PHP-escaped JSON and sends the documented headers", async () => {
    const raw = await fetch(`${fake.url}/api/v1/company/${fake.companyId}/`, {
      headers: { Accept: "application/vnd.yclients.v2+json", Authorization: `Bearer ${fake.partnerToken}, User ${fake.userToken}` },
    }).then((r) => r.text());
    expect(raw).toContain("\\u0421"); // «С» as PHP writes it
    const { data } = await apiFor().get(`/company/${fake.companyId}/`);
    expect(str(obj(data)?.title)).toBe("Студия красоты «Лаванда»");
  });

  test("wrong tokens: UNAUTHORIZED with YClients' own message, in either 401 shape, not retried", async () => {
    for (const path of [`/company/${fake.companyId}/`, `/clients/${fake.companyId}`]) {
      const error = await apiFor({ userToken: "nope" }).get(path).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("UNAUTHORIZED");
      expect((error as AppError).problems[0]!.params).toEqual({ message: "Необходима авторизация" });
    }
    expect(fake.requests.length).toBe(2);
    const missing = await apiFor().get("/company/1/").catch((e: unknown) => e);
    expect((missing as AppError).code).toBe("NOT_FOUND");
  });

  test("429: waits as long as Retry-After says, then succeeds; gives up with RATE_LIMITED", async () => {
    fake.failNext(429, 2);
    const api = apiFor({ sleep: spySleep });
    await api.get(`/company/${fake.companyId}/`);
    expect(api.stats).toMatchObject({ rateLimited: 2, retries: 2 });
    expect(sleeps.filter((ms) => ms === 1000).length).toBe(2);

    fake.failNext(429, 5);
    const error = await apiFor({ sleep: spySleep, maxAttempts: 3 }).get(`/company/${fake.companyId}/`).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("RATE_LIMITED");
  });

  test("network errors and 5xx are retried with a growing back-off", async () => {
    let calls = 0;
    const flaky = (request: Request) => (++calls === 1 ? Promise.reject(new TypeError("socket hang up")) : fetch(request));
    const api = apiFor({ fetch: flaky, sleep: spySleep, backoffMs: 100 });
    fake.failNext(503, 1);
    await api.get(`/company/${fake.companyId}/`);
    expect(api.stats.retries).toBe(2);
    expect(sleeps).toEqual([100, 200]);
    const dead = apiFor({ fetch: () => Promise.reject(new TypeError("connection refused")), sleep: spySleep, maxAttempts: 2 });
    expect(((await dead.get("/company/1/").catch((e: unknown) => e)) as Error).message).toContain("after 2 tries");
  });

  test("every page: records with deleted ones, clients, reviews whose meta is []", async () => {
    const source = new YClientsSource(apiFor(), String(fake.companyId), 100);
    const seen: number[] = [];
    for await (const page of source.records("2024-12-16", "2025-07-07")) seen.push(page.items.length);
    expect(seen.reduce((a, b) => a + b, 0)).toBe(fake.data.records.length);
    const recordCalls = fake.requests.filter((r) => r.path.startsWith("/api/v1/records/"));
    expect(recordCalls.map((r) => r.query.get("page"))).toEqual(seen.map((_, i) => String(i + 1)));
    expect(recordCalls.every((r) => r.query.get("with_deleted") === "1")).toBe(true);

    let clients = 0;
    for await (const page of new YClientsSource(apiFor(), String(fake.companyId), 50).clients()) clients += page.items.length;
    expect(clients).toBe(fake.data.clients.length);
    let reviews = 0;
    for await (const page of new YClientsSource(apiFor(), String(fake.companyId), 10).reviews("2024-12-16", "2025-07-07")) reviews += page.items.length;
    expect(reviews).toBe(fake.data.comments.length);
  });
});

describe("the 5 requests/second limit", () => {
  test("the throttle keeps a burst under the fake's real limit", async () => {
    fake = startFakeYClients(); // 5 per second, like YClients
    const api = apiFor({ sleep: (ms) => (sleeps.push(ms), Bun.sleep(ms)) });
    sleeps.length = 0;
    for (let i = 0; i < 7; i++) await api.get(`/company/${fake.companyId}/`);
    expect(fake.requests.filter((r) => r.status === 429)).toEqual([]);
    expect(sleeps.length).toBeGreaterThan(0); // the sixth request had to wait
    expect(api.stats.rateLimited).toBe(0);
  });

  test("without the throttle the fake answers 429", async () => {
    fake = startFakeYClients();
    await Promise.all(Array.from({ length: 8 }, () => apiFor({ requestsPerSecond: 100, maxAttempts: 1 }).get(`/company/${fake.companyId}/`).catch(() => null)));
    expect(fake.requests.filter((r) => r.status === 429).length).toBeGreaterThan(0);
  });
});
