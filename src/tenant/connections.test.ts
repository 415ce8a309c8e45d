// A running server must notice when another process deletes a salon and creates one with the same
// slug: the old database must never answer again once the registry row is re-read.
import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { sql } from "drizzle-orm";
import type { LocalClient } from "../db/local-client.ts";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { REGISTRY_POLL_MS, TenantConnections } from "./connections.ts";
import { deleteTenant } from "./lifecycle.ts";
import { Registry } from "./registry.ts";
import { createTenant } from "./tenant.ts";

let h: Harness;
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const fn of cleanups.splice(0).reverse()) fn();
});

/** What another process (the CLI, with its own registry handle) does to the same data folder. */
async function otherProcess(h: Harness) {
  const registry = await Registry.open(h.dataDir, h.clock.now());
  const backupDir = mkdtempSync(join(tmpdir(), "zapis-final-"));
  cleanups.push(() => registry.close(), () => rmSync(backupDir, { recursive: true, force: true }));
  const deps = { registry, dataDir: h.dataDir, clock: h.clock };
  return {
    delete: () => deleteTenant(deps, h.slug, { backupDir, settleMs: 0 }),
    create: (name: string) => createTenant(deps, { slug: h.slug, name, demo: false }),
  };
}

const salonName = async (h: Harness) => /<title>([^<]*)<\/title>/.exec(await (await h.request(`/${h.slug}`)).text())?.[1] ?? "";

test("tenant delete + tenant create by another process: the next request after the re-check serves the new database", async () => {
  h = await makeHarness();
  cleanups.push(() => h.close());
  expect(await salonName(h)).toContain("Test Salon");
  const other = await otherProcess(h);
  await other.delete();
  // same slug, same (frozen) created_at: only the database file tells the two apart
  await other.create("Новый салон");

  h.clock.advance(REGISTRY_POLL_MS + 1);
  expect(await salonName(h)).toContain("Новый салон");
  expect((await h.api("GET", `/api/v1/businesses/${h.slug}/services`)).status).toBe(401); // the old owner's token is gone with its database
});

test("a deleted salon's database stops answering once the registry row is re-read", async () => {
  h = await makeHarness();
  cleanups.push(() => h.close());
  await (await otherProcess(h)).delete();
  h.clock.advance(REGISTRY_POLL_MS + 1);
  expect((await h.request(`/${h.slug}`)).status).toBe(404);
});

test("a quiet salon closes the transaction connection its last write left warm, keeps serving, and closes when idle", async () => {
  h = await makeHarness();
  cleanups.push(() => h.close());
  // the sweep runs every second with this idle time; a salon is quiet after 400 ms
  const tenants = new TenantConnections(h.deps.registry, h.dataDir, { maxOpen: 10, idleMs: 2_000 }, h.clock);
  cleanups.push(() => tenants.closeAll());
  const open = async () => (await tenants.get(h.slug))!.db;
  const client = (await open()).client as LocalClient;
  const write = async () => (await open()).write((tx) => tx.run(sql`UPDATE business SET name = name`));
  await write();
  expect(client.openConnections).toBe(2); // the shared connection and the warm transaction one
  h.clock.advance(500);
  await Bun.sleep(1_200);
  expect(client.openConnections).toBe(1);
  expect(tenants.peek(h.slug)).not.toBeNull();
  await write(); // the next write opens one again
  expect(client.openConnections).toBe(2);
  h.clock.advance(2_500);
  await Bun.sleep(1_200);
  expect(tenants.peek(h.slug)).toBeNull();
  expect(client.openConnections).toBe(0);
});
