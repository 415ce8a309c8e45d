import { afterEach, expect, test } from "bun:test";
import { LATEST_TENANT_MIGRATION, tenantMigrations } from "../../migrations/index.ts";
import { makeBackupHarness, UNREACHABLE_DB_URL, type BackupHarness } from "../../test/backup-harness.ts";
import { T0 } from "../../test/harness.ts";
import { backupTenant } from "../backup/backup.ts";

const DAY = 86_400_000;
let h: BackupHarness;

afterEach(() => h?.close());

async function setup(): Promise<void> {
  h = await makeBackupHarness({ BACKUP_CRON: "0 3 * * *" });
}

async function readyz(): Promise<{ status: number; body: any }> {
  const response = await h.request("/readyz");
  return { status: response.status, body: await response.json() };
}

// every check recomputes after the cache's lifetime
const later = (ms = 60_000) => h.clock.advance(ms);

test("/healthz is alive; /readyz is ready when tenants answer, migrations are current and backups fresh", async () => {
  await setup();
  const alive = await h.request("/healthz");
  expect(alive.status).toBe(200);
  expect(await alive.json()).toMatchObject({ status: "ok", tenants: 1 });
  const { status, body } = await readyz();
  expect(status).toBe(200);
  expect(body).toMatchObject({
    status: "ready",
    checks: {
      registry: { ok: true, tenants: 1 },
      tenants: { ok: true, checked: 1, unreachable: [] },
      migrations: { ok: true, behind: [], ahead: [] },
      backups: { ok: true, scheduled: true, stale_after_seconds: 2 * 86_400, stale: [] },
    },
  });
});

test("stale backups make /readyz degraded (still 200); a fresh backup makes it ready again", async () => {
  await setup();
  h.clock.set(T0 + 3 * DAY);
  const stale = await readyz();
  expect(stale.status).toBe(200);
  expect(stale.body.status).toBe("degraded");
  expect(stale.body.checks.backups).toMatchObject({ ok: false, stale: ["salon"], oldest_age_seconds: 3 * 86_400 });
  await backupTenant(h.ops, "salon", { outDir: h.backupDir });
  later();
  expect((await readyz()).body.status).toBe("ready");
});

test("a tenant behind this binary's migrations, or a local tenant whose database is gone, makes /readyz 503", async () => {
  await setup();
  // the registry records each tenant's schema version (readiness reads it instead of opening them all)
  await h.deps.registry.setSchemaVersion("salon", tenantMigrations.at(-2)!.name);
  const behind = await readyz();
  expect(behind.status).toBe(503);
  expect(behind.body).toMatchObject({ status: "not_ready", checks: { migrations: { ok: false, behind: ["salon"] } } });

  await h.deps.registry.setSchemaVersion("salon", LATEST_TENANT_MIGRATION);
  await h.registerBare({ slug: "ghost" });
  later();
  const gone = await readyz();
  expect(gone.status).toBe(503);
  expect(gone.body.checks.tenants).toMatchObject({ ok: false, unreachable: ["ghost"] });
  expect(gone.body.checks.migrations.ok).toBe(true);
});

test("an unreachable remote tenant degrades /readyz without failing the instance", async () => {
  await setup();
  await h.registerBare({ slug: "faraway", dbUrl: UNREACHABLE_DB_URL, dbToken: "secret" });
  const { status, body } = await readyz();
  expect(status).toBe(200);
  expect(body).toMatchObject({ status: "degraded", checks: { tenants: { ok: false, unreachable: ["faraway"] } } });
  expect(JSON.stringify(body)).not.toContain("secret");
});
