// The widget and embed mode over real handlers: the origins setting, the framing policy of embed
// pages and of every other page, links and redirects kept in embed mode, cookies fit for a frame.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { makeHarness, problemFields, type Harness } from "../../test/harness.ts";
import { listAudit } from "../audit/queries.ts";
import { parseEmbedOrigin, frameAncestors } from "./origins.ts";
import { withEmbed } from "./frame.ts";

const BASE = "/api/v1/businesses/salon";
let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

const frameAncestorsOf = (res: Response) => /frame-ancestors ([^;]*)/.exec(res.headers.get("content-security-policy") ?? "")?.[1];

describe("embed origins", () => {
  test("only bare https origins (http for localhost) are kept, canonical", () => {
    expect(parseEmbedOrigin("https://Salon.ru/")).toBe("https://salon.ru");
    expect(parseEmbedOrigin("https://salon.ru:8443")).toBe("https://salon.ru:8443");
    expect(parseEmbedOrigin("http://localhost:5173")).toBe("http://localhost:5173");
    for (const bad of ["http://salon.ru", "https://salon.ru/book", "https://*.salon.ru", "https://salon.ru?x=1", "javascript:alert(1)", "https://a.ru 'unsafe-inline'", "https://a.ru; script-src *", "*", "'self'", "https://user:pw@salon.ru", ""]) {
      expect(parseEmbedOrigin(bad)).toBeNull();
    }
    expect(frameAncestors([])).toBe("'none'");
    expect(frameAncestors(["https://a.ru", "https://b.ru; x"])).toBe("https://a.ru");
  });

  test("the owner sets them; a bad one is refused naming it, and nothing is saved", async () => {
    const bad = await h.api("PATCH", BASE, { embed_origins: ["https://salon.ru", "http://evil.ru"], name: "Renamed" });
    expect(bad.status).toBe(400);
    expect(await problemFields(bad)).toEqual(["embed_origins"]);
    expect(((await (await h.request(BASE)).json()) as { name: string }).name).toBe("Test Salon");
    const ok = await h.api("PATCH", BASE, { embed_origins: ["https://Salon.ru/", "http://localhost:5173"] });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { embed_origins: string[] }).embed_origins).toEqual(["https://salon.ru", "http://localhost:5173"]);
    expect((await h.api("PATCH", BASE, { embed_origins: ["https://x.ru"] }, { auth: false })).status).toBe(401);
  });

  test("the VK secret is write-only: kept, never shown, audited only as changed", async () => {
    const res = await h.api("PATCH", BASE, { vk: { app_id: "51234567", app_secret: "s3cretKeyFromVk" } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('"app_id":"51234567"');
    expect(text).not.toContain("s3cretKeyFromVk");
    const audit = JSON.stringify(await listAudit(h.db.orm, { entity: null, before: null }));
    expect(audit).toContain("channels.update");
    expect(audit).not.toContain("s3cretKeyFromVk");
    expect(await problemFields(await h.api("PATCH", BASE, { vk: { app_id: "abc", app_secret: "x" } }))).toEqual(["vk.app_id", "vk.app_secret"]);
  });
});

describe("embed pages", () => {
  test("normal pages may not be framed; embed pages only by the salon's origins", async () => {
    await h.api("PATCH", BASE, { embed_origins: ["https://salon.ru"] });
    expect(frameAncestorsOf(await h.request("/salon"))).toBe("'none'");
    const embed = await h.request("/salon?embed=1");
    expect(embed.status).toBe(200);
    expect(frameAncestorsOf(embed)).toBe("https://salon.ru");
    // the admin is never framed, embed or not
    const admin = await h.request("/salon/admin/login?embed=1");
    expect(admin.status).toBe(200);
    expect(frameAncestorsOf(admin)).toBe("'none'");
  });

  test("links, GET forms, htmx and redirects keep embed=1; the chrome is hidden; cookies suit a frame", async () => {
    // rewritten in plain, then compressed like any page
    expect((await h.request("/salon?embed=1", { headers: { "accept-encoding": "br" } })).headers.get("content-encoding")).toBe("br");
    const page = await (await h.request("/salon?embed=1")).text();
    expect(page).toMatch(/<html[^>]*class="embed"/);
    const links = [...page.matchAll(/href="(\/salon\/book[^"]*)"/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link).toContain("embed=1");
    expect(page).toContain('<input type="hidden" name="embed" value="1">');
    const start = await h.request(links[0]!.replaceAll("&amp;", "&"));
    // a link's own parameters survive: the master choice keeps the service and master
    const times = [...(await start.clone().text()).matchAll(/href="(\/salon\/book\/time[^"]*)"/g)].map((m) => m[1]!);
    expect(times.length).toBeGreaterThan(0);
    for (const link of times) expect(link).toMatch(/^\/salon\/book\/time\?s=\d+&amp;m=(any|\d+)&amp;embed=1$/);
    expect(start.headers.getSetCookie().every((c) => c.includes("SameSite=None") && c.includes("Secure") && c.includes("Partitioned"))).toBe(true);
    const release = await h.request("/salon/book/release?embed=1", { method: "POST", headers: { "sec-fetch-site": "same-origin", cookie: "zapis_csrf=abc", "content-type": "application/x-www-form-urlencoded" }, body: "_csrf=abc&back=s%3D1" });
    expect(release.status).toBe(303);
    expect(release.headers.get("location")).toContain("embed=1");
  });

  test("only the salon's own pages get embed=1", () => {
    expect(withEmbed("/salon/book?s=1", "salon")).toBe("/salon/book?s=1&embed=1");
    expect(withEmbed("/salon", "salon")).toBe("/salon?embed=1");
    expect(withEmbed("/salonx/book", "salon")).toBe("/salonx/book");
    expect(withEmbed("/salon/admin", "salon")).toBe("/salon/admin");
    expect(withEmbed("https://maps.example/x", "salon")).toBe("https://maps.example/x");
  });

  test("widget.js: a cacheable script with the salon's words and no dependencies", async () => {
    const res = await h.request("/salon/widget.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toStartWith("text/javascript");
    expect(res.headers.get("cache-control")).toContain("max-age=");
    const js = await res.text();
    expect(js).toContain("Записаться");
    expect(js).not.toContain("/*CONFIG*/");
    expect(js).not.toMatch(/\bimport\b|\brequire\(/);
    expect((await h.request("/nosuch/widget.js")).status).toBe(404);
  });
});
