import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { LATEST_TENANT_MIGRATION, tenantMigrations } from "../../migrations/index.ts";
import { openDatabase } from "../db/database.ts";
import { openClient } from "../db/libsql.ts";
import { migrate } from "../db/migrate.ts";
import { AppError } from "../error/app-error.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import type { Registry } from "../tenant/registry.ts";
import type { Clock } from "../time/clock.ts";
import type { TenantRow } from "../tenant/schema.ts";
import { provisionDatabase } from "../tenant/placement.ts";
import { checkSlug } from "../tenant/slug.ts";
import type { TenantDeps } from "../tenant/tenant.ts";
import { migrateOpenTenant } from "../tenant/upgrade.ts";
import { tenantLocation } from "./backup.ts";
import { copyContents, dropContents, readSchema, type Sql } from "./contents.ts";
import { sha256File } from "./files.ts";
import { inspectDatabaseFile, isIntact, recordedChecksum, type Inspection } from "./manifest.ts";
import { backupFiles, utcStamp } from "./naming.ts";
import { isLocal, snapshot, type DbLocation } from "./snapshot.ts";
import { PRIVATE_DIR } from "../fs/private.ts";

export interface RestoreDeps extends TenantDeps {
  /** This process's open tenant databases, evicted after the swap. */
  tenants?: TenantConnections;
}

export interface RestoreInput {
  slug: string;
  from: string;
  force?: boolean | undefined;
}

export interface RestoreReport {
  slug: string;
  /** True when the slug was new and the restore created the tenant. */
  created: boolean;
  /** The snapshot of what was there before, when something was. */
  previous: string | null;
  /** Migrations applied after the restore (the backup was taken by an older version). */
  migrated: string[];
  rowCounts: Record<string, number>;
}

const invalid = (key: "backup.checksum_missing" | "backup.checksum_mismatch" | "backup.integrity_failed" | "backup.not_a_backup", file: string) =>
  new AppError("VALIDATION_ERROR", [{ field: "from", key, params: { file } }]);

/**
 * Checks a backup file before anything is touched: its checksum (from `.sha256` or the manifest),
 * `PRAGMA integrity_check`, and that this binary knows every migration it has applied.
 */
export async function verifyBackup(path: string): Promise<Inspection> {
  const file = basename(path);
  if (!existsSync(path)) throw new AppError("NOT_FOUND", [{ field: "from", key: "backup.file_not_found", params: { file: path } }]);
  const expected = recordedChecksum(backupFiles(path));
  if (!expected) throw invalid("backup.checksum_missing", file);
  if ((await sha256File(path)) !== expected.toLowerCase()) throw invalid("backup.checksum_mismatch", file);
  const inspection = await inspectDatabaseFile(path).catch(() => null);
  if (!inspection || !isIntact(inspection)) throw invalid("backup.integrity_failed", file);
  if (inspection.migrations.length === 0) throw invalid("backup.not_a_backup", file);
  const known = new Set(tenantMigrations.map((m) => m.name));
  const unknown = inspection.migrations.filter((m) => !known.has(m));
  if (unknown.length > 0) {
    throw new AppError("VALIDATION_ERROR", [{ field: "from", key: "backup.schema_newer", params: { file, migrations: unknown.join(", ") } }]);
  }
  return inspection;
}

/**
 * Restores a verified backup into `slug`. An existing tenant is replaced only with `force`: its
 * current data is first snapshotted to `tenant.db.<stamp>.bak` (or `remote.db.…`), then replaced in ONE
 * write transaction. That is the atomic swap, and unlike renaming files it is safe while a `serve`
 * in another process has the database open: renaming a live WAL database would pair the new file
 * with the old -wal/-shm and leave the server writing into the renamed one. A new slug becomes a
 * new local tenant, registered last.
 */
export async function restoreTenant(deps: RestoreDeps, input: RestoreInput): Promise<RestoreReport> {
  checkSlug(input.slug);
  const from = resolve(input.from);
  const inspection = await verifyBackup(from);
  const row = await deps.registry.get(input.slug);
  if (!row) return restoreAsNewTenant(deps, input.slug, from, inspection);
  if (!input.force) throw new AppError("ALREADY_EXISTS", [{ field: "slug", key: "backup.tenant_live", params: { slug: input.slug } }]);
  const location = tenantLocation(deps.dataDir, row);
  const previous = await keepPrevious(deps.dataDir, row, location, deps.clock.now());
  await replaceContents(location, from);
  // every instance (not only this process) drops its connection and the pages cached on it
  await deps.registry.renewIncarnation(row.slug);
  deps.tenants?.evict(row.slug);
  const migrated = await migrateAfterRestore(location, deps.clock, { registry: deps.registry, slug: row.slug });
  return { slug: row.slug, created: false, previous, migrated, rowCounts: inspection.rowCounts };
}

async function restoreAsNewTenant(deps: RestoreDeps, slug: string, from: string, inspection: Inspection): Promise<RestoreReport> {
  // a new salon's home, as `tenant create` would make it (never someone's existing data)
  const home = await provisionDatabase({ dataDir: deps.dataDir, placement: deps.registry.placement }, slug);
  const location: DbLocation = { url: home.url, authToken: home.authToken };
  try {
    await replaceContents(location, from);
    const migrated = await migrateAfterRestore(location, deps.clock);
    await deps.registry.insert({
      slug,
      name: await businessName(from, slug),
      status: "active",
      dbUrl: home.dbUrl,
      dbToken: home.dbToken,
      dbNamespace: home.dbNamespace,
      createdAt: deps.clock.now(),
      schemaVersion: LATEST_TENANT_MIGRATION,
    });
    return { slug, created: true, previous: null, migrated, rowCounts: inspection.rowCounts };
  } catch (e) {
    await home.discard();
    throw e;
  }
}

/**
 * A consistent snapshot of the database about to be replaced, kept in the tenant's folder under its
 * own name (`tenant.db.<UTC stamp>.bak`): a second restore must not overwrite the only copy of what
 * the first one replaced.
 */
async function keepPrevious(dataDir: string, row: TenantRow, location: DbLocation, now: number): Promise<string> {
  const folder = join(dataDir, row.slug);
  mkdirSync(folder, { recursive: true, mode: PRIVATE_DIR });
  const base = join(folder, `${isLocal(location) ? "tenant" : "remote"}.db.${utcStamp(now)}`);
  let bak = `${base}.bak`;
  for (let n = 2; existsSync(bak); n++) bak = `${base}-${n}.bak`;
  const partial = `${bak}.partial`;
  rmSync(partial, { force: true });
  await snapshot(location, partial);
  renameSync(partial, bak);
  return bak;
}

/**
 * Replaces everything in the database at `location` with the backup's schema and rows, in one write
 * transaction. Public page caches key on business.data_version, so it moves past both the old and
 * the restored value: no page cached before the restore is served after it.
 */
async function replaceContents(location: DbLocation, from: string): Promise<void> {
  const source = await openClient({ url: `file:${from}`, intMode: "bigint" });
  const target = await openDatabase(location);
  try {
    const tx = await target.client.transaction("write");
    try {
      const version = await dataVersion(tx);
      await dropContents(tx);
      await copyContents(source, tx);
      if (version !== null) await tx.execute({ sql: "UPDATE business SET data_version = max(data_version, ?) + 1", args: [version] });
      await tx.commit();
    } finally {
      tx.close();
    }
  } finally {
    source.close();
    target.close();
  }
}

async function dataVersion(db: Sql): Promise<number | null> {
  if (!(await readSchema(db)).some((o) => o.type === "table" && o.name === "business")) return null;
  const rs = await db.execute("SELECT data_version FROM business WHERE id = 1");
  return rs.rows[0] ? Number(rs.rows[0][0]) : null;
}

async function businessName(from: string, fallback: string): Promise<string> {
  const client = await openClient({ url: `file:${from}` });
  try {
    const rs = await client.execute("SELECT name FROM business WHERE id = 1");
    return rs.rows[0] ? String(rs.rows[0][0]) : fallback;
  } catch {
    return fallback;
  } finally {
    client.close();
  }
}

/** Brings a restored database to this binary's schema; a registered tenant's version is recorded. */
async function migrateAfterRestore(location: DbLocation, clock: Clock, registered?: { registry: Registry; slug: string }): Promise<string[]> {
  const db = await openDatabase(location);
  try {
    return registered ? await migrateOpenTenant(registered.registry, registered.slug, db, clock) : await migrate(db.client, tenantMigrations, clock.now());
  } finally {
    db.close();
  }
}
