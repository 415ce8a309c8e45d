// The test harness with its own backup folder (BACKUP_DIR), for backup, job, health and metrics tests.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LATEST_TENANT_MIGRATION } from "../migrations/index.ts";
import type { TenantRow } from "../src/tenant/schema.ts";
import type { CreateTenantInput } from "../src/tenant/tenant.ts";
import { makeHarness, T0, type Harness } from "./harness.ts";

/** The dead loopback port a remote tenant that cannot be reached points at. */
export const UNREACHABLE_DB_URL = "http://127.0.0.1:9";

export interface BackupHarness extends Harness {
  backupDir: string;
  /** What backup and restore take: the harness's registry, data folder, clock and connections. */
  ops: { registry: Harness["deps"]["registry"]; dataDir: string; clock: Harness["clock"]; tenants: Harness["deps"]["tenants"] };
  /** Registers a tenant row only (no database made): for tenants that are broken on purpose. */
  registerBare(row: Pick<TenantRow, "slug"> & Partial<TenantRow>): Promise<void>;
}

export async function makeBackupHarness(env: Record<string, string> = {}, tenant: Partial<CreateTenantInput> = {}): Promise<BackupHarness> {
  const backupDir = mkdtempSync(join(tmpdir(), "zapis-backups-"));
  const h = await makeHarness({ env: { BACKUP_DIR: backupDir, ...env }, tenant });
  return {
    ...h,
    backupDir,
    ops: { registry: h.deps.registry, dataDir: h.dataDir, clock: h.clock, tenants: h.deps.tenants },
    registerBare: async (row) => {
      await h.deps.registry.insert({ name: row.slug, status: "active", dbUrl: null, dbToken: null, createdAt: T0, schemaVersion: LATEST_TENANT_MIGRATION, ...row });
    },
    close() {
      h.close();
      rmSync(backupDir, { recursive: true, force: true });
    },
  };
}
