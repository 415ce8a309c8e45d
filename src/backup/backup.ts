import { existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { basename } from "node:path";
import { AppError } from "../error/app-error.ts";
import { withTimeout } from "../net/timeout.ts";
import { tenantDbUrl } from "../tenant/connections.ts";
import type { TenantRow } from "../tenant/schema.ts";
import type { TenantDeps } from "../tenant/tenant.ts";
import { claimFile, fsyncPath, isErrno, sha256File, writeFileAtomic } from "./files.ts";
import { checksumLine, inspectDatabaseFile, isIntact, type Manifest } from "./manifest.ts";
import { backupFiles, backupPath } from "./naming.ts";
import { isLocal, snapshot, type DbLocation } from "./snapshot.ts";
import { PRIVATE_DIR } from "../fs/private.ts";

// A snapshot of a salon takes seconds; a remote server that stops answering must not hold a
// backup (and its claim on the file name) forever.
const SNAPSHOT_TIMEOUT_MS = 10 * 60_000;

export interface BackupOptions {
  outDir: string;
  /** The instant the file is named after; defaults to now. Scheduled runs pass their tick. */
  at?: number;
}

export interface BackupResult {
  slug: string;
  path: string;
  manifest: Manifest;
}

export const tenantLocation = (dataDir: string, row: TenantRow): DbLocation => ({
  url: tenantDbUrl(dataDir, row),
  authToken: row.dbToken ?? undefined,
});

/** Backs up one tenant; NOT_FOUND when it is not registered. */
export async function backupTenant(deps: TenantDeps, slug: string, options: BackupOptions): Promise<BackupResult> {
  const row = await deps.registry.get(slug);
  if (!row) throw new AppError("NOT_FOUND", [{ field: "slug", key: "tenant.not_found", params: { slug } }]);
  return backupRow(deps, row, options);
}

export interface BackupOutcome {
  slug: string;
  result?: BackupResult;
  error?: unknown;
}

/** Backs up every tenant, disabled ones too; one failure does not stop the others. */
export async function backupAll(deps: TenantDeps, options: BackupOptions): Promise<BackupOutcome[]> {
  const outcomes: BackupOutcome[] = [];
  for (const row of await deps.registry.list()) {
    try {
      outcomes.push({ slug: row.slug, result: await backupRow(deps, row, options) });
    } catch (error) {
      outcomes.push({ slug: row.slug, error });
    }
  }
  return outcomes;
}

/**
 * Snapshot → verify (integrity_check) → fsync → checksum and manifest → rename into place. The
 * database file appears last and whole, so a `<slug>-<stamp>.db` is always a finished backup; an
 * interrupted one leaves only a `.partial`. The `.partial` is claimed with an exclusive create, so
 * two instances scheduled at the same minute take the backup once.
 */
export async function backupRow(deps: TenantDeps, row: TenantRow, options: BackupOptions): Promise<BackupResult> {
  mkdirSync(options.outDir, { recursive: true, mode: PRIVATE_DIR });
  const at = options.at ?? deps.clock.now();
  const files = backupFiles(backupPath(options.outDir, row.slug, at));
  const file = basename(files.db);
  if (existsSync(files.db)) throw new AppError("ALREADY_EXISTS", [{ key: "backup.exists", params: { file } }]);
  try {
    claimFile(files.partial);
  } catch (e) {
    if (isErrno(e, "EEXIST")) throw new AppError("ALREADY_EXISTS", [{ key: "backup.in_progress", params: { file } }]);
    throw e;
  }
  try {
    const location = tenantLocation(deps.dataDir, row);
    await withTimeout(snapshot(location, files.partial), SNAPSHOT_TIMEOUT_MS, `the database of '${row.slug}'`);
    const inspection = await inspectDatabaseFile(files.partial);
    if (!isIntact(inspection)) throw new Error(`the snapshot of '${row.slug}' failed integrity_check: ${inspection.integrity.slice(0, 3).join("; ")}`);
    fsyncPath(files.partial);
    const sha256 = await sha256File(files.partial);
    const manifest: Manifest = {
      format: 1,
      tenant: row.slug,
      created_at: new Date(at).toISOString(),
      file,
      bytes: statSync(files.partial).size,
      sha256,
      source: isLocal(location) ? "file" : "remote",
      schema_version: inspection.migrations.at(-1) ?? null,
      migrations: inspection.migrations,
      row_counts: inspection.rowCounts,
    };
    writeFileAtomic(files.checksum, checksumLine(sha256, files.db));
    writeFileAtomic(files.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
    renameSync(files.partial, files.db);
    fsyncPath(options.outDir);
    return { slug: row.slug, path: files.db, manifest };
  } catch (e) {
    rmSync(files.partial, { force: true });
    throw e;
  }
}
