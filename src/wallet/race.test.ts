import { afterEach, expect, test } from "bun:test";
import { join } from "node:path";
import { makeHarness, T0, type Harness } from "../../test/harness.ts";
import { raceWithSecondProcess } from "../../test/second-process.ts";
import { BASE, deposit, newClient, walletOf } from "../balance/testing/salon.ts";

let h: Harness;
afterEach(() => h.close());

test("two processes on one data folder spend one wallet at once: exactly the balance is paid out, never more", async () => {
  h = await makeHarness();
  const client = await newClient(h);
  await deposit(h, client, 25_000); // 25 withdrawals of 1 000 can succeed, of 60 asked
  const args = [h.dataDir, h.slug, h.token, String(client), "30", "1000", String(T0)];
  const statuses = await raceWithSecondProcess(join(import.meta.dir, "testing/spend-worker.ts"), args, async () => {
    const here = await Promise.all(
      Array.from({ length: 30 }, () => h.api("POST", `${BASE}/clients/${client}/wallet/transactions`, { type: "withdraw", amount: 1_000, method: "cash" })),
    );
    return here.map((r) => r.status);
  });
  expect(statuses).toHaveLength(60);
  expect(statuses.filter((s) => s === 201)).toHaveLength(25);
  expect(statuses.filter((s) => s === 409)).toHaveLength(35);
  expect((await walletOf(h, client)).balance).toBe(0);
}, 60_000);
