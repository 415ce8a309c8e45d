import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { openClient } from "../db/libsql.ts";
import { countRows, migrationsOf, readSchema, tableNames } from "./contents.ts";

/** What a backup holds, written beside it as `<slug>-<stamp>.manifest.json`. */
export interface Manifest {
  format: 1;
  tenant: string;
  created_at: string;
  file: string;
  bytes: number;
  sha256: string;
  /** Where it was taken from: a local file (VACUUM INTO) or a libSQL server (export). */
  source: "file" | "remote";
  /** The last applied migration; `migrations` lists them all. */
  schema_version: string | null;
  migrations: string[];
  row_counts: Record<string, number>;
}

/** What a database file says about itself: integrity, applied migrations and row counts. */
export interface Inspection {
  integrity: string[];
  migrations: string[];
  rowCounts: Record<string, number>;
}

export async function inspectDatabaseFile(path: string): Promise<Inspection> {
  const client = await openClient({ url: `file:${path}`, intMode: "bigint" });
  try {
    const integrity = (await client.execute("PRAGMA integrity_check")).rows.map((r) => String(r[0]));
    if (integrity.length !== 1 || integrity[0] !== "ok") return { integrity, migrations: [], rowCounts: {} };
    const migrations = await migrationsOf(client);
    const rowCounts = await countRows(client, tableNames(await readSchema(client)));
    return { integrity, migrations, rowCounts };
  } finally {
    client.close();
  }
}

export const isIntact = (inspection: Inspection): boolean => inspection.integrity.length === 1 && inspection.integrity[0] === "ok";

/** The checksum recorded for a backup: its `.sha256` file, else its manifest; null when neither exists. */
export function recordedChecksum(files: { checksum: string; manifest: string }): string | null {
  if (existsSync(files.checksum)) return readFileSync(files.checksum, "utf8").trim().split(/\s+/)[0] ?? null;
  const manifest = readManifest(files.manifest);
  return manifest?.sha256 ?? null;
}

export function readManifest(path: string): Manifest | null {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Manifest;
  } catch {
    return null;
  }
}

/** `sha256sum -c` reads this format, so an operator can check a backup without zapis. */
export const checksumLine = (sha256: string, dbPath: string): string => `${sha256}  ${basename(dbPath)}\n`;
