import { join } from "node:path";

/**
 * Backup files are named `<slug>-<UTC yyyymmddThhmmssZ>.db`, so a folder listing sorts them by time
 * and tells which tenant each belongs to. Beside each: `.sha256` (sha256sum format) and a manifest.
 */
const NAME = /^([a-z0-9][a-z0-9-]*[a-z0-9])-(\d{8}T\d{6}Z)\.db$/;

/** `2027-03-01T06:00:00.000Z` → `20270301T060000Z` (a UTC instant, so no zone is involved). */
export const utcStamp = (at: number): string => new Date(at).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");

export const backupFileName = (slug: string, at: number): string => `${slug}-${utcStamp(at)}.db`;

export interface BackupName {
  slug: string;
  at: number;
}

export function parseBackupFileName(name: string): BackupName | null {
  const m = NAME.exec(name);
  if (!m?.[1] || !m[2]) return null;
  const s = m[2];
  const at = Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8), +s.slice(9, 11), +s.slice(11, 13), +s.slice(13, 15));
  return Number.isNaN(at) ? null : { slug: m[1], at };
}

/** Every file that makes up one backup, from the path of its database file. */
export function backupFiles(dbPath: string) {
  return {
    db: dbPath,
    partial: `${dbPath}.partial`,
    checksum: `${dbPath}.sha256`,
    manifest: dbPath.endsWith(".db") ? dbPath.replace(/\.db$/, ".manifest.json") : `${dbPath}.manifest.json`,
  };
}

export const backupPath = (dir: string, slug: string, at: number): string => join(dir, backupFileName(slug, at));
