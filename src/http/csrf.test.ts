import { describe, expect, test } from "bun:test";
import { Elysia } from "elysia";
import { handleError } from "./errors.tsx";
import { csrfFor, csrfGuard } from "./csrf.ts";

const app = new Elysia()
  .onError(({ error, code, request }) => handleError({ error, code, request }))
  .use(csrfGuard())
  .post("/salon/form", () => "done")
  .post("/api/v1/thing", () => "api");

const post = (path: string, headers: Record<string, string>, fields: Record<string, string> = {}) =>
  app.handle(new Request(`http://localhost${path}`, { method: "POST", headers, body: new URLSearchParams(fields) }));

describe("CSRF guard", () => {
  const { token, setCookie } = csrfFor(new Request("http://localhost/salon"), false);
  const cookie = setCookie!.split(";")[0]!;

  test("a new visitor gets a token cookie; a returning one keeps theirs", () => {
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    const again = csrfFor(new Request("http://localhost/salon", { headers: { cookie } }), false);
    expect(again).toEqual({ token, setCookie: null });
  });

  test("an opaque or garbled Origin is not ours: 403, never a 500", async () => {
    for (const origin of ["null", "not a url", "http://"]) {
      expect({ origin, status: (await post("/salon/form", { cookie, origin }, { _csrf: token })).status }).toEqual({ origin, status: 403 });
    }
  });

  test("accepts a form whose field matches its cookie, or an htmx header", async () => {
    expect((await post("/salon/form", { cookie }, { _csrf: token })).status).toBe(200);
    expect((await post("/salon/form", { cookie, "x-csrf-token": token })).status).toBe(200);
  });

  test("refuses a missing or wrong token, and cross-site requests even with the token", async () => {
    expect((await post("/salon/form", {}, {})).status).toBe(403);
    expect((await post("/salon/form", { cookie }, { _csrf: "forged" })).status).toBe(403);
    expect((await post("/salon/form", { cookie, "sec-fetch-site": "cross-site" }, { _csrf: token })).status).toBe(403);
    expect((await post("/salon/form", { cookie, origin: "https://evil.example" }, { _csrf: token })).status).toBe(403);
  });

  test("the JSON API (Bearer tokens, no cookies) is not subject to it", async () => {
    expect((await post("/api/v1/thing", {})).status).toBe(200);
  });
});
