// issue 14: /admin/balance — define packages and promo codes, sell a certificate without a buyer,
// and the report of what the salon owes: packages sold and used, outstanding liability, visits that
// expired unused, certificate balances.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { makeHarness, type Harness } from "../../../test/harness.ts";
import { BASE, bookFor, deposit, newClient, TWENTY_STARTS } from "../../balance/testing/salon.ts";
import { balanceReport } from "../../balance/report.ts";
import { signedIn, type TestBrowser } from "../../session/test-browser.ts";

let h: Harness;
let owner: TestBrowser;
let anna: TestBrowser;

beforeAll(async () => {
  h = await makeHarness();
  owner = await signedIn(h, { email: "owner@salon.test", role: "owner" });
  anna = await signedIn(h, { email: "anna@salon.test", role: "staff", staffId: 2 });
});
afterAll(() => h.close());

const path = () => `/${h.slug}/admin/balance`;

test("packages and promo codes are defined on the page; bad input is named and nothing is made", async () => {
  expect((await anna.get(path())).status).toBe(403);
  const bad = await owner.post(`${path()}/packages`, { title: "", visits: "0", price: "abc", valid_days: "9999", service_ids: "1" });
  expect(bad.status).toBe(400);
  expect(await bad.text()).toContain("Укажите число визитов");
  expect((await owner.post(`${path()}/packages`, { title: "5 стрижек", visits: "5", price: "10000", valid_days: "90", service_ids: ["1", "2"] })).status).toBe(303);
  expect((await owner.post(`${path()}/promo-codes`, { code: "spring", kind: "percent", value: "15", valid_to: "2027-04-30", max_uses: "100" })).status).toBe(303);
  expect((await owner.post(`${path()}/promo-codes`, { code: "SPRING", kind: "amount", value: "500" })).status).toBe(400);
  const html = await (await owner.get(path())).text();
  expect(html).toContain("5 стрижек");
  expect(html).toContain("<code>SPRING</code>");
  expect(html).toContain("15%");
  const sold = await owner.post(`${path()}/certificates`, { amount: "5000", expires_at: "2027-12-31", method: "card" });
  expect(sold.status).toBe(200);
  expect(await sold.text()).toMatch(/class="certificate-code">[0-9A-Z]{4}-/);
});

test("the report: sold, used, outstanding liability, expired unused visits, certificate balances and wallets", async () => {
  const products = ((await (await h.api("GET", `${BASE}/packages`)).json()) as { data: Array<{ id: number }> }).data;
  const short = ((await (await h.api("POST", `${BASE}/packages`, { title: "Пробный", service_ids: [1], visits: 2, price: 300_000, valid_days: 1 })).json()) as { package: { id: number } }).package.id;
  const client = await newClient(h);
  await deposit(h, client, 70_000);
  await h.api("POST", `${BASE}/clients/${client}/packages`, { package_id: products[0]!.id, method: "cash" }); // 5 visits for 10 000 ₽
  await h.api("POST", `${BASE}/clients/${client}/packages`, { package_id: short, method: "cash" }); // 2 visits, 1 day
  expect((await bookFor(h, client, TWENTY_STARTS[4]!, { use_package: true })).status).toBe(201); // Wednesday: the long package
  h.clock.advance(2 * 86_400_000);
  const report = await balanceReport(h.db.orm, h.clock.now());
  expect(report).toMatchObject({
    packagesSold: 2,
    packagesRevenueMinor: 1_300_000,
    visitsSold: 7,
    visitsUsed: 1,
    visitsOutstanding: 4,
    packageLiabilityMinor: 800_000, // 4 of 5 visits of 10 000 ₽
    visitsExpiredUnused: 2,
    certificatesLive: 1,
    certificateBalanceMinor: 500_000,
    walletsMinor: 70_000,
  });
  const html = await (await owner.get(path())).text();
  expect(html).toContain("8\u00a0000\u00a0₽");
  expect(html).toContain("визитов сгорело неиспользованными");
});
