// Rolling upgrades with a shared registry (issue 19): a salon is migrated by one instance, once; an
// instance older than a salon's schema refuses that salon (503, a clear log line) and serves the rest.
import { afterEach, expect, spyOn, test } from "bun:test";
import { LATEST_TENANT_MIGRATION } from "../../migrations/index.ts";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { JobLeases } from "../job/lease.ts";
import { createTenant, migrateTenants } from "./tenant.ts";

let h: Harness;
afterEach(() => h?.close());

/** What `fn` logs on stdout (and keeps off the test's output). */
async function logsOf(fn: () => Promise<void>): Promise<string> {
  const write = spyOn(process.stdout, "write").mockImplementation(() => true);
  try {
    await fn();
    return write.mock.calls.map((c) => String(c[0])).join("");
  } finally {
    write.mockRestore();
  }
}

test("a salon whose schema is newer than this binary is refused with 503 and one log line, never migrated; the others are served", async () => {
  h = await makeHarness();
  await createTenant({ registry: h.deps.registry, dataDir: h.dataDir, clock: h.clock }, { slug: "other", name: "Other" });
  await h.db.client.execute({ sql: "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)", args: ["9999_from_the_future.sql", h.clock.now()] });
  await h.deps.registry.setSchemaVersion("salon", "9999_from_the_future.sql");
  h.deps.tenants.evict("salon");

  let statuses: number[] = [];
  const log = await logsOf(async () => {
    statuses = [(await h.request("/salon")).status, (await h.request("/salon")).status, (await h.request("/other")).status];
  });
  expect(statuses).toEqual([503, 503, 200]);
  const lines = log.split("\n").filter((l) => l.includes("newer than this binary"));
  expect(lines).toHaveLength(1);
  expect(JSON.parse(lines[0]!)).toMatchObject({ level: "error", tenant: "salon", newer_migrations: ["9999_from_the_future.sql"] });

  // `serve` at boot skips it instead of refusing to start
  const reports = await migrateTenants({ registry: h.deps.registry, dataDir: h.dataDir, clock: h.clock }, { behindOnly: true });
  expect(reports).toEqual([{ slug: "salon", applied: [], skipped: "its schema (9999_from_the_future.sql) is newer than this binary" }]);
});

test("a salon behind is migrated by the instance holding its migration lease; another instance answers 503 meanwhile", async () => {
  h = await makeHarness();
  // the salon as a previous version left it: without a migration (the one that made staff_calendar_feeds;
  // issue 16: named, since the newest one is not that one any more)
  await h.db.client.execute("DROP TABLE staff_calendar_feeds");
  await h.db.client.execute({ sql: "DELETE FROM _migrations WHERE name = ?", args: ["0041_staff_calendar_feed.sql"] });
  await h.deps.registry.setSchemaVersion("salon", "0040_booking_sequence.sql");
  h.deps.tenants.evict("salon");

  const elsewhere = new JobLeases(h.deps.registry, h.clock, "other-host:1");
  expect(await elsewhere.claim("migrate:salon", 60_000)).not.toBeNull();
  let status = 0;
  const log = await logsOf(async () => {
    status = (await h.request("/salon")).status;
  });
  expect(status).toBe(503);
  expect(log).toContain("being migrated by another instance");

  await elsewhere.release("migrate:salon"); // it stopped without migrating: this instance does it
  expect((await h.request("/salon")).status).toBe(200);
  expect((await h.deps.registry.get("salon"))?.schemaVersion).toBe(LATEST_TENANT_MIGRATION);
  const reopened = (await h.deps.tenants.get("salon"))!.db;
  const tables = await reopened.client.execute("SELECT count(*) FROM sqlite_master WHERE name = 'staff_calendar_feeds'");
  expect(Number(tables.rows[0]?.[0])).toBe(1);
});
