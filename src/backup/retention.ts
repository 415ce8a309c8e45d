import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { backupFiles, parseBackupFileName } from "./naming.ts";

export interface StoredBackup {
  slug: string;
  at: number;
  path: string;
}

/** Finished backups in `dir` (a `.partial` is not one), newest first. */
export function listBackups(dir: string): StoredBackup[] {
  if (!existsSync(dir)) return [];
  const found: StoredBackup[] = [];
  for (const name of readdirSync(dir)) {
    const parsed = parseBackupFileName(name);
    if (parsed) found.push({ ...parsed, path: join(dir, name) });
  }
  return found.sort((a, b) => b.at - a.at);
}

export interface RetentionPolicy {
  /** Keep at most this many backups per tenant. */
  keep: number;
  /** Delete backups older than this. */
  maxAgeDays: number;
}

const DAY_MS = 86_400_000;

/**
 * Deletes a tenant's backups beyond the newest `keep` and those older than `maxAgeDays`, but never
 * its newest one: when backups have been failing for a month, the last good one is all there is.
 * Returns the deleted database paths.
 */
export function pruneBackups(dir: string, slug: string, policy: RetentionPolicy, now: number): string[] {
  const mine = listBackups(dir).filter((b) => b.slug === slug);
  const cutoff = now - policy.maxAgeDays * DAY_MS;
  const doomed = mine.filter((b, i) => i > 0 && (i >= policy.keep || b.at < cutoff));
  for (const b of doomed) {
    const files = backupFiles(b.path);
    // the database first: without it, the checksum and manifest left by a crash here are inert
    for (const path of [files.db, files.checksum, files.manifest]) rmSync(path, { force: true });
  }
  return doomed.map((b) => b.path);
}
