import { LATEST_TENANT_MIGRATION, tenantMigrations } from "../../migrations/index.ts";
import type { Database } from "../db/database.ts";
import { appliedMigrations, migrate } from "../db/migrate.ts";
import { AppError } from "../error/app-error.ts";
import { logLine } from "../http/log.ts";
import { JobLeases } from "../job/lease.ts";
import type { Clock } from "../time/clock.ts";
import type { Registry } from "./registry.ts";

const KNOWN = new Set(tenantMigrations.map((m) => m.name));
// Longer than migrating one salon takes; a dead migrator's salon is taken over after it.
const MIGRATION_LEASE_MS = 5 * 60_000;
// A refused salon is asked for on every request; its log line is written once per this period.
const LOG_EVERY_MS = 60_000;
const lastLogged = new Map<string, number>();

/** True when the registry records a schema this binary does not know: a newer version migrated it. */
export const isNewerSchema = (schemaVersion: string | null): boolean => schemaVersion !== null && !KNOWN.has(schemaVersion);

function refuse(slug: string, now: number, fields: { msg: string } & Record<string, unknown>): never {
  const key = `${slug}\n${fields.msg}`;
  if (now - (lastLogged.get(key) ?? Number.NEGATIVE_INFINITY) >= LOG_EVERY_MS) {
    lastLogged.set(key, now);
    logLine({ level: "error", tenant: slug, ...fields });
  }
  throw new AppError("TENANT_UNAVAILABLE", [{ key: "tenant.unavailable" }]);
}

/**
 * Applies what `db` lacks and records the tenant's new schema version in the registry. Instances
 * of several versions may share one registry during a rolling upgrade, so:
 * - a salon whose schema is newer than this binary is refused (TENANT_UNAVAILABLE, 503, one clear
 *   log line a minute), never migrated or served by code that does not know its tables;
 * - migrating takes the registry lease `migrate:<slug>`, so a salon is migrated by one instance
 *   once; the others answer 503 for it meanwhile and serve it when it is done.
 */
export async function migrateOpenTenant(registry: Registry, slug: string, db: Database, clock: Clock): Promise<string[]> {
  const now = clock.now();
  const applied = await appliedMigrations(db.client);
  const unknown = applied.filter((name) => !KNOWN.has(name));
  if (unknown.length > 0) {
    refuse(slug, now, { msg: "tenant schema is newer than this binary: not serving it; upgrade this instance", newer_migrations: unknown.slice(0, 5) });
  }
  if (applied.length === tenantMigrations.length) return [];
  const leases = new JobLeases(registry, clock);
  const lease = `migrate:${slug}`;
  if (!(await leases.claim(lease, MIGRATION_LEASE_MS))) {
    refuse(slug, now, { level: "warn", msg: "tenant is being migrated by another instance; serving it when that is done" });
  }
  try {
    const done = await migrate(db.client, tenantMigrations, now);
    if (done.length > 0) await registry.setSchemaVersion(slug, LATEST_TENANT_MIGRATION);
    return done;
  } finally {
    await leases.release(lease);
  }
}
