import { afterEach, expect, test } from "bun:test";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { signedIn } from "../session/test-browser.ts";
import { BASE, deposit, newClient, walletOf } from "./testing/salon.ts";

let h: Harness;
afterEach(() => h.close());

test("merging two records of one person adds up their wallets and keeps the packages; the client's data export carries both", async () => {
  h = await makeHarness();
  const keep = await newClient(h, "+79161112233");
  const drop = await newClient(h, "+79164445566");
  await deposit(h, keep, 10_000);
  await deposit(h, drop, 5_000);
  const pkg = ((await (await h.api("POST", `${BASE}/packages`, { title: "3 визита", service_ids: [1], visits: 3, price: 600_000, valid_days: 30 })).json()) as { package: { id: number } }).package.id;
  expect((await h.api("POST", `${BASE}/clients/${drop}/packages`, { package_id: pkg, method: "card" })).status).toBe(201);

  const owner = await signedIn(h, { email: "owner@salon.test", role: "owner" });
  expect((await owner.post(`/${h.slug}/admin/clients/${keep}/merge`, { other_id: String(drop) })).status).toBe(303);
  expect((await walletOf(h, keep)).balance).toBe(15_000);
  const held = ((await (await h.api("GET", `${BASE}/clients/${keep}/packages`)).json()) as { data: Array<{ visits_left: number }> }).data;
  expect(held).toMatchObject([{ visits_left: 3 }]);

  const exported = (await (await owner.get(`/${h.slug}/admin/clients/${keep}/export.json`)).json()) as { wallet: { balance: number }; packages: unknown[] };
  expect(exported.wallet.balance).toBe(15_000);
  expect(exported.packages).toHaveLength(1);
});
