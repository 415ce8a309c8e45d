// issue 14: the client card's balance tab — top up, pay out, correct (owner only), sell a package,
// sell a certificate whose code is shown once on the printable page.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { makeHarness, type Harness } from "../../../test/harness.ts";
import { BASE, newClient, walletOf } from "../../balance/testing/salon.ts";
import { certificates } from "../../certificate/schema.ts";
import { signedIn, type TestBrowser } from "../../session/test-browser.ts";

let h: Harness;
let owner: TestBrowser;
let manager: TestBrowser;
let client: number;

beforeAll(async () => {
  h = await makeHarness();
  owner = await signedIn(h, { email: "owner@salon.test", role: "owner" });
  manager = await signedIn(h, { email: "manager@salon.test", role: "manager" });
  client = await newClient(h);
});
afterAll(() => h.close());

const tab = () => `/${h.slug}/admin/clients/${client}`;

test("top up and pay out from the tab; paying out more than the balance shows the refusal on the tab and changes nothing", async () => {
  expect((await manager.post(`${tab()}/wallet`, { type: "deposit", amount: "1 500", method: "card" })).status).toBe(303);
  const tooMuch = await manager.post(`${tab()}/wallet`, { type: "withdraw", amount: "2000", method: "cash" });
  expect(tooMuch.status).toBe(400);
  expect(await tooMuch.text()).toContain("На балансе недостаточно денег");
  expect((await walletOf(h, client)).balance).toBe(150_000);
  const page = await (await manager.get(`${tab()}/balance`)).text();
  expect(page).toContain("Пополнение");
  expect(page).toContain("+1\u00a0500\u00a0₽");
  // only the owner corrects: the manager neither sees the form nor may post it
  expect(page).not.toContain('name="sign"');
  expect((await manager.post(`${tab()}/wallet`, { type: "correction", sign: "+", amount: "100", note: "gift" })).status).toBe(403);
  expect((await owner.post(`${tab()}/wallet`, { type: "correction", sign: "-", amount: "100", note: "typo at the till" })).status).toBe(303);
  expect((await walletOf(h, client)).balance).toBe(140_000);
});

test("selling a package from the tab: it appears with its visits left", async () => {
  const made = await h.api("POST", `${BASE}/packages`, { title: "5 стрижек", service_ids: [1], visits: 5, price: 1_000_000, valid_days: 90 });
  const id = ((await made.json()) as { package: { id: number } }).package.id;
  expect((await manager.post(`${tab()}/packages`, { package_id: String(id), method: "cash" })).status).toBe(303);
  expect(await (await manager.get(`${tab()}/balance`)).text()).toContain("5 из 5");
});

test("a certificate sold from the tab: the code is on the printable page once, never stored or shown again", async () => {
  const sold = await manager.post(`${tab()}/certificates`, { amount: "3000", expires_at: "2027-12-31", method: "cash" });
  expect(sold.status).toBe(200);
  expect(sold.headers.get("cache-control")).toBe("no-store");
  const html = await sold.text();
  const code = /class="certificate-code">([0-9A-Z-]{19})</.exec(html)![1]!;
  expect(html).toContain("3\u00a0000\u00a0₽");
  const [row] = await h.db.orm.select().from(certificates).where(eq(certificates.buyerId, client));
  expect(JSON.stringify(row)).not.toContain(code.replaceAll("-", ""));
  const again = await (await manager.get(`${tab()}/balance`)).text();
  expect(again).not.toContain(code);
  expect(again).toContain(`…${code.slice(-4)}`);
  const bad = await manager.post(`${tab()}/certificates`, { amount: "0", expires_at: "soon", method: "cash" });
  expect(bad.status).toBe(400);
});
