// The admin's webhooks page: owner and manager add an endpoint (the secret is on that one answer
// only), send a test event to a real loopback endpoint and read the delivery log; masters may not.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { makeHarness, type Harness } from "../../../test/harness.ts";
import { signedIn, type TestBrowser } from "../../session/test-browser.ts";

const PAGE = "/salon/admin/settings/webhooks";
let h: Harness;
let manager: TestBrowser;
const received: string[] = [];
const endpoint = Bun.serve({
  port: 0,
  hostname: "127.0.0.1",
  async fetch(req) {
    received.push(req.headers.get("x-zapis-event") ?? "");
    return new Response("thanks", { status: 202 });
  },
});

beforeAll(async () => {
  h = await makeHarness({ env: { ZAPIS_WEBHOOK_ALLOW_PRIVATE: "1" }, tenant: { locale: "en" } });
  manager = await signedIn(h, { email: "manager@salon.test", role: "manager" });
});
afterAll(() => {
  endpoint.stop(true);
  h.close();
});

test("add, see the secret once, send a test event, read the log, delete", async () => {
  const url = `http://127.0.0.1:${endpoint.port}/in`;
  const refused = await manager.post(PAGE, { url: "ftp://x", events: ["booking.created"] });
  expect(refused.status).toBe(400);
  expect(await refused.text()).toContain("https://");

  const added = await manager.post(PAGE, { url, events: ["booking.created", "client.created"], secret: "" });
  expect(added.status).toBe(200);
  const secret = /whsec_[A-Za-z0-9_-]+/.exec(await added.text())?.[0];
  expect(secret).toBeDefined();
  const shown = await (await manager.get(PAGE)).text();
  expect(shown).toContain(url);
  expect(shown).not.toContain(secret!);

  const tested = await manager.post(`${PAGE}/1/test`);
  expect(tested.status).toBe(303);
  expect(received).toEqual(["webhook.test"]);
  const log = await (await manager.get(PAGE)).text();
  expect(log).toContain("webhook.test");
  expect(log).toContain("delivered");
  expect(log).toContain("thanks");

  expect((await manager.post(`${PAGE}/1/delete`)).status).toBe(303);
  expect(await (await manager.get(PAGE)).text()).not.toContain(url);
});

test("a master may not open it", async () => {
  const master = await signedIn(h, { email: "anna@salon.test", role: "staff", staffId: 2 });
  expect((await master.get(PAGE)).status).toBe(403);
});
