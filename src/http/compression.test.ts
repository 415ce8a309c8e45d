import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { assetUrl } from "./assets.ts";
import { negotiateEncoding, ReadyBody, readyAnswer } from "./compression.ts";

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

const get = (path: string, acceptEncoding?: string) => h.request(path, acceptEncoding ? { headers: { "accept-encoding": acceptEncoding } } : {});
const bytes = async (res: Response) => new Uint8Array(await res.arrayBuffer());

describe("compression of text responses", () => {
  test("Accept-Encoding picks brotli over gzip, honours q-values, refuses q=0", () => {
    expect(negotiateEncoding("gzip, deflate, br, zstd")).toBe("br");
    expect(negotiateEncoding("gzip, deflate")).toBe("gzip");
    expect(negotiateEncoding("br;q=0.5, gzip;q=1.0")).toBe("gzip");
    expect(negotiateEncoding("br;q=0, gzip;q=0")).toBeNull();
    expect(negotiateEncoding("*")).toBe("br");
    expect(negotiateEncoding("identity")).toBeNull();
    expect(negotiateEncoding(null)).toBeNull();
  });

  test("the salon page goes out as brotli or gzip as asked, and decodes to the plain page", async () => {
    const plain = await (await get(`/${h.slug}`)).text();
    expect(plain).toContain("Женская стрижка");

    const br = await get(`/${h.slug}`, "gzip, deflate, br");
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(br.headers.get("vary")).toContain("Accept-Encoding");
    const brBody = await bytes(br);
    expect(brBody.byteLength).toBeLessThan(plain.length / 3);
    expect(new TextDecoder().decode(brotliDecompressSync(brBody))).toBe(plain);

    const gz = await get(`/${h.slug}`, "gzip");
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(new TextDecoder().decode(gunzipSync(await bytes(gz)))).toBe(plain);
  });

  test("without Accept-Encoding the body is plain but still marked as varying by it", async () => {
    const res = await get(`/${h.slug}`);
    expect(res.headers.get("content-encoding")).toBeNull();
    expect(res.headers.get("vary")).toContain("Accept-Encoding");
  });

  test("assets, error pages and JSON are compressed too; a repeated body gives the same bytes", async () => {
    const css = await get(assetUrl("app.css"), "br");
    expect(css.headers.get("content-encoding")).toBe("br");
    expect(css.headers.get("cache-control")).toContain("immutable");
    const again = await bytes(await get(assetUrl("app.css"), "br"));
    expect(again).toEqual(await bytes(css));

    const missing = await get("/no-such-salon", "gzip");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-encoding")).toBe("gzip");

    const services = await h.request(`/api/v1/businesses/${h.slug}/services`, { headers: { "accept-encoding": "gzip" } });
    expect(services.headers.get("content-encoding")).toBe("gzip");
    expect(JSON.parse(new TextDecoder().decode(gunzipSync(await bytes(services)))).data.length).toBeGreaterThan(0);
  });

  test("small bodies and non-text bodies are left alone", async () => {
    const health = await get("/healthz", "br");
    expect(health.headers.get("content-encoding")).toBeNull();
    expect((await health.json()).status).toBe("ok");
  });
});

describe("a ReadyBody's answers", () => {
  const ready = new ReadyBody("<p>fragment</p>".repeat(100), 200, { "content-type": "text/html; charset=utf-8" });
  const request = () => new Request("http://localhost/x", { headers: { "accept-encoding": "br" } });

  test("an answer left as built is known as that body's, with its cookies", () => {
    const answer = ready.respond(request(), ["lang=en; Path=/"]);
    expect(readyAnswer(answer)).toEqual({ body: ready, cookies: ["lang=en; Path=/"] });
  });

  test("an answer with a header added or changed, or its body read, is not", async () => {
    const added = ready.respond(request());
    added.headers.set("x-frame", "1");
    expect(readyAnswer(added)).toBeNull();
    const changed = ready.respond(request());
    changed.headers.set("content-type", "text/plain");
    expect(readyAnswer(changed)).toBeNull();
    const read = ready.respond(request());
    await read.arrayBuffer();
    expect(readyAnswer(read)).toBeNull();
    expect(readyAnswer(new Response("<p>fragment</p>"))).toBeNull();
  });
});
