import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { setTenantStatus } from "../tenant/tenant.ts";
import { PEER_HEADER, peerAddress, withPeer } from "./peer.ts";
import { rewriteTenantHost } from "./server.ts";

let h: Harness;
beforeAll(async () => {
  h = await makeHarness({ tenant: { name: "Салон «Лотос» <b>" } });
});
afterAll(() => h.close());

describe("skeleton routes", () => {
  test("/healthz answers with status, version and tenant count", async () => {
    const res = await h.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", version: "test", tenants: 1 });
  });

  test("the salon page shows the salon's name (escaped) and its demo services", async () => {
    const res = await h.request(`/${h.slug}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain("Салон «Лотос» &lt;b&gt;");
    expect(html).not.toContain("<b>");
    expect(html).toContain("Женская стрижка");
    expect(html).toContain('lang="ru"');
  });

  test("an unknown tenant is a 404 page, and a JSON 404 under /api", async () => {
    const page = await h.request("/no-such-salon");
    expect(page.status).toBe(404);
    expect(await page.text()).toContain("Страница не найдена");
    const api = await h.request("/api/v1/businesses/no-such-salon/services");
    expect(api.status).toBe(404);
    expect((await api.json()).code).toBe("NOT_FOUND");
  });

  test("a disabled tenant answers 503 until enabled again", async () => {
    await setTenantStatus(h.deps, h.slug, "disabled");
    h.clock.advance(5_000); // past the registry row cache
    const res = await h.request(`/${h.slug}`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain("Запись приостановлена");
    await setTenantStatus(h.deps, h.slug, "active");
    h.clock.advance(5_000);
    expect((await h.request(`/${h.slug}`)).status).toBe(200);
  });

  test("the language switch renders English and remembers the choice in a cookie", async () => {
    const res = await h.request(`/${h.slug}?lang=en`);
    expect(await res.text()).toContain('lang="en"');
    expect(res.headers.get("set-cookie")).toContain("lang=en");
    const again = await h.request(`/${h.slug}`, { headers: { cookie: "lang=kk" } });
    expect(await again.text()).toContain("Қызметтер");
  });

  test("assets are embedded and cacheable; API docs work offline", async () => {
    const css = await h.request("/assets/app.css");
    expect(css.status).toBe(200);
    expect(css.headers.get("cache-control")).toContain("immutable");
    expect((await h.request("/assets/htmx.min.js")).status).toBe(200);
    expect((await h.request("/assets/nope.js")).status).toBe(404);
    const docs = await (await h.request("/api/docs")).text();
    expect(docs).toContain("swagger-ui-bundle.js");
    expect(docs).not.toMatch(/https?:\/\//);
    const spec = await (await h.request("/api/docs/json")).json();
    expect(spec.openapi).toStartWith("3.");
    expect(Object.keys(spec.paths)).toContain("/healthz");
  });
});

describe("host-based tenants", () => {
  test("acme.<domain>/x is served as /acme/x; other hosts are left alone", () => {
    const rewritten = rewriteTenantHost(new Request("http://acme.zapis.test/book?x=1", { headers: { host: "acme.zapis.test" } }), "zapis.test");
    expect(new URL(rewritten.url).pathname).toBe("/acme/book");
    expect(new URL(rewritten.url).search).toBe("?x=1");
    const root = rewriteTenantHost(new Request("http://acme.zapis.test/", { headers: { host: "acme.zapis.test" } }), "zapis.test");
    expect(new URL(root.url).pathname).toBe("/acme");
    const other = new Request("http://localhost/acme", { headers: { host: "localhost" } });
    expect(rewriteTenantHost(other, "zapis.test")).toBe(other);
    expect(rewriteTenantHost(other, null)).toBe(other);
  });
});

describe("client address", () => {
  test("the socket's address replaces whatever a client sent in the peer header", () => {
    const forged = new Request("http://localhost/x", { headers: { [PEER_HEADER]: "6.6.6.6", "x-forwarded-for": "7.7.7.7" } });
    expect(peerAddress(withPeer(forged, "10.0.0.5", false))).toBe("10.0.0.5");
    expect(peerAddress(withPeer(forged, null, false))).toBeNull();
  });
  test("behind a trusted proxy, the last X-Forwarded-For hop is the client", () => {
    const proxied = new Request("http://localhost/x", { headers: { "x-forwarded-for": "1.1.1.1, 203.0.113.9" } });
    expect(peerAddress(withPeer(proxied, "127.0.0.1", true))).toBe("203.0.113.9");
    expect(peerAddress(withPeer(proxied, "127.0.0.1", false))).toBe("127.0.0.1");
  });
});
