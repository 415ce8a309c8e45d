import { expect, test } from "bun:test";
import { Elysia } from "elysia";
import { manualClock } from "../time/clock.ts";
import { withPeer } from "./peer.ts";
import { RateLimiter, rateLimit } from "./rate-limit.ts";

test("a bucket allows a burst, then one request per refill, and says how long to wait", () => {
  const clock = manualClock(0);
  const limiter = new RateLimiter(clock, { capacity: 3, refillPerSecond: 0.5 });
  expect([limiter.take("a"), limiter.take("a"), limiter.take("a")]).toEqual([0, 0, 0]);
  expect(limiter.take("a")).toBe(2);
  expect(limiter.take("b")).toBe(0); // per address
  clock.advance(2_000);
  expect(limiter.take("a")).toBe(0);
  expect(limiter.take("a")).toBe(2);
});

test("over the limit, a real server answers 429 with Retry-After and the error body; reads are not limited", async () => {
  const clock = manualClock(0);
  const app = new Elysia()
    .use(new Elysia().use(rateLimit(new RateLimiter(clock, { capacity: 2, refillPerSecond: 0.1 }))).post("/api/x", () => "ok").get("/api/x", () => "ok"));
  // as src/http/server.ts does: the socket's address travels with the request
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: (request, srv) => app.handle(withPeer(request, srv.requestIP(request)?.address ?? null, false)),
  });
  try {
    const post = () => fetch(`http://127.0.0.1:${server.port}/api/x`, { method: "POST", headers: { "accept-language": "en" } });
    expect([(await post()).status, (await post()).status]).toEqual([200, 200]);
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("10");
    expect(await limited.json()).toMatchObject({ code: "RATE_LIMITED" });
    expect((await fetch(`http://127.0.0.1:${server.port}/api/x`)).status).toBe(200);
  } finally {
    await server.stop(true);
  }
});
