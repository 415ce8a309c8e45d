import { LATEST_TENANT_MIGRATION, tenantMigrations } from "../../migrations/index.ts";
import type { Database } from "../db/database.ts";
import { migrate } from "../db/migrate.ts";
import type { Registry } from "./registry.ts";

/** Applies what `db` lacks and records the tenant's new schema version in the registry. */
export async function migrateOpenTenant(registry: Registry, slug: string, db: Database, now: number): Promise<string[]> {
  const applied = await migrate(db.client, tenantMigrations, now);
  if (applied.length > 0) await registry.setSchemaVersion(slug, LATEST_TENANT_MIGRATION);
  return applied;
}
