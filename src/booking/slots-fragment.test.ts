// The slot fragment is one cached answer for every visitor; CSRF lives in the page around it.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { brotliDecompressSync } from "node:zlib";
import { makeHarness, type Harness } from "../../test/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

const FRAGMENT = "/salon/book/slots?s=1&m=2&d=2027-03-08";
const bytes = async (res: Response) => new Uint8Array(await res.arrayBuffer());

test("the slot fragment carries no CSRF token, sets no cookie, and is the same bytes for every visitor", async () => {
  const first = await h.request(FRAGMENT, { headers: { "accept-encoding": "br" } });
  const second = await h.request(FRAGMENT, { headers: { "accept-encoding": "br", cookie: "zapis_csrf=someone-elses-token" } });
  expect(first.status).toBe(200);
  expect(first.headers.get("set-cookie")).toBeNull();
  expect(first.headers.get("content-encoding")).toBe("br");
  expect(first.headers.get("vary")).toBe("Accept-Encoding");
  expect(first.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  const body = await bytes(first);
  expect(await bytes(second)).toEqual(body);
  const html = new TextDecoder().decode(brotliDecompressSync(body));
  expect(html).not.toContain("_csrf");
  expect(html).toContain('form="slot-form" name="start"');

  const plain = await h.request(FRAGMENT);
  expect(plain.headers.get("content-encoding")).toBeNull();
  expect(plain.headers.get("vary")).toBe("Accept-Encoding"); // once, not added again by the wrapper
  expect(await plain.text()).toBe(html);
});

test("the time page holds the one form the time buttons submit, with this browser's token; a post without it is refused", async () => {
  const page = await h.request("/salon/book/time?s=1&m=2&d=2027-03-08");
  const token = /zapis_csrf=([^;]+)/.exec(page.headers.get("set-cookie") ?? "")![1]!;
  const html = await page.text();
  const form = /<form id="slot-form" method="post" action="\/salon\/book\/hold" hidden="">(.*?)<\/form>/.exec(html)?.[1];
  expect(form).toContain(`name="_csrf" value="${token}"`);
  const start = /form="slot-form" name="start" value="(\d+)"/.exec(html)![1]!;

  const post = (fields: Record<string, string>) =>
    h.request("/salon/book/hold", { method: "POST", headers: { cookie: `zapis_csrf=${token}`, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() });
  expect((await post({ s: "1", m: "2", start })).status).toBe(403);
  expect((await post({ _csrf: token, s: "1", m: "2", start })).status).toBe(303);
});
