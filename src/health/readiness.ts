import { existsSync } from "node:fs";
import { openClient } from "../db/libsql.ts";
import { tenantMigrations } from "../../migrations/index.ts";
import { tenantLocation } from "../backup/backup.ts";
import { migrationsOf } from "../backup/contents.ts";
import { backupAges, backupCatalog, staleAfterMs } from "../backup/freshness.ts";
import { isLocal, localPath } from "../backup/snapshot.ts";
import type { Config } from "../config/config.ts";
import { withTimeout } from "../net/timeout.ts";
import type { Registry } from "../tenant/registry.ts";
import type { TenantRow } from "../tenant/schema.ts";
import type { Clock } from "../time/clock.ts";

export interface ReadinessDeps {
  config: Pick<Config, "dataDir" | "backupDir" | "backupCron">;
  clock: Clock;
  registry: Registry;
}

export type ReadinessStatus = "ready" | "degraded" | "not_ready";

export interface ReadinessReport {
  status: ReadinessStatus;
  checks: {
    registry: { ok: boolean; tenants: number };
    tenants: { ok: boolean; checked: number; unreachable: string[] };
    migrations: { ok: boolean; behind: string[]; ahead: string[] };
    backups: { ok: boolean; scheduled: boolean; stale_after_seconds: number | null; oldest_age_seconds: number | null; stale: string[] };
  };
}

const PROBE_TIMEOUT_MS = 3_000;
const PROBE_CONCURRENCY = 8;
// Lists in the answer are capped: a thousand slugs help nobody reading a health check.
const LIST_CAP = 20;

interface Probe {
  row: TenantRow;
  migrations: string[] | null;
}

/**
 * One tenant's migrations. A local tenant is checked without opening it: its file must exist (a
 * missing volume is this instance's problem) and the registry records the schema version it was
 * migrated to (every open migrates and records). Opening a thousand databases every probe interval
 * would cost hundreds of MB of RSS. A remote tenant is asked, read-only, within a timeout.
 */
async function probe(dataDir: string, row: TenantRow): Promise<Probe> {
  const location = tenantLocation(dataDir, row);
  const path = localPath(location);
  if (path !== null) {
    if (!existsSync(path)) return { row, migrations: null };
    const upTo = tenantMigrations.findIndex((m) => m.name === row.schemaVersion);
    // a version this binary does not know was written by a newer binary: report it as "ahead"
    return { row, migrations: upTo < 0 ? [row.schemaVersion ?? "unknown"] : tenantMigrations.slice(0, upTo + 1).map((m) => m.name) };
  }
  const client = await openClient({ url: location.url, authToken: location.authToken });
  try {
    return { row, migrations: await withTimeout(migrationsOf(client), PROBE_TIMEOUT_MS, `tenant ${row.slug}`) };
  } catch {
    return { row, migrations: null };
  } finally {
    client.close();
  }
}

async function probeAll(dataDir: string, rows: TenantRow[]): Promise<Probe[]> {
  const results: Probe[] = [];
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const row = rows[next++];
      if (row) results.push(await probe(dataDir, row));
    }
  };
  await Promise.all(Array.from({ length: Math.min(PROBE_CONCURRENCY, rows.length) }, worker));
  return results;
}

/**
 * Can this instance serve? Not ready (503) when the registry fails, a local tenant database cannot
 * be opened (a missing volume is this instance's problem), or any tenant's schema differs from this
 * binary's migrations (behind, or ahead after a newer instance migrated it). Degraded (still 200:
 * taking every instance out of rotation would not help) when a remote tenant's server is down or a
 * backup is stale; /metrics carries the same facts for alerting.
 */
export async function checkReadiness(deps: ReadinessDeps): Promise<ReadinessReport> {
  const now = deps.clock.now();
  let rows: TenantRow[];
  try {
    rows = await deps.registry.list();
  } catch {
    return notReadyRegistry();
  }
  const probes = await probeAll(deps.config.dataDir, rows.filter((r) => r.status === "active"));
  const unreachable = probes.filter((p) => p.migrations === null);
  const known = tenantMigrations.map((m) => m.name);
  const behind = probes.filter((p) => p.migrations && known.some((m) => !p.migrations?.includes(m))).map((p) => p.row.slug);
  const ahead = probes.filter((p) => p.migrations?.some((m) => !known.includes(m))).map((p) => p.row.slug);

  const staleAfter = staleAfterMs(deps.config.backupCron, now);
  const ages = backupAges(rows, backupCatalog(deps.config.backupDir).latestBySlug(now), now);
  const stale = staleAfter === null ? [] : ages.filter((a) => a.ageMs > staleAfter).map((a) => a.slug);
  const oldest = ages.length === 0 ? null : Math.max(...ages.map((a) => a.ageMs));

  const localDown = unreachable.some((p) => isLocal(tenantLocation(deps.config.dataDir, p.row)));
  const schemaOk = behind.length === 0 && ahead.length === 0;
  const status: ReadinessStatus = localDown || !schemaOk ? "not_ready" : unreachable.length > 0 || stale.length > 0 ? "degraded" : "ready";
  return {
    status,
    checks: {
      registry: { ok: true, tenants: rows.length },
      tenants: { ok: unreachable.length === 0, checked: probes.length, unreachable: unreachable.map((p) => p.row.slug).slice(0, LIST_CAP) },
      migrations: { ok: schemaOk, behind: behind.slice(0, LIST_CAP), ahead: ahead.slice(0, LIST_CAP) },
      backups: {
        ok: stale.length === 0,
        scheduled: staleAfter !== null,
        stale_after_seconds: staleAfter === null ? null : Math.round(staleAfter / 1000),
        oldest_age_seconds: oldest === null ? null : Math.round(oldest / 1000),
        stale: stale.slice(0, LIST_CAP),
      },
    },
  };
}

function notReadyRegistry(): ReadinessReport {
  return {
    status: "not_ready",
    checks: {
      registry: { ok: false, tenants: 0 },
      tenants: { ok: false, checked: 0, unreachable: [] },
      migrations: { ok: false, behind: [], ahead: [] },
      backups: { ok: false, scheduled: false, stale_after_seconds: null, oldest_age_seconds: null, stale: [] },
    },
  };
}
