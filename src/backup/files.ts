import { closeSync, fsyncSync, openSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { PRIVATE_FILE } from "../fs/private.ts";

/** SHA-256 of a file, hex, streamed (backups can be larger than we want in memory). */
export async function sha256File(path: string): Promise<string> {
  const hasher = new Bun.CryptoHasher("sha256");
  for await (const chunk of Bun.file(path).stream()) hasher.update(chunk);
  return hasher.digest("hex");
}

/** Flushes a file (or a folder's entries) to disk, so a power cut cannot undo what we report done. */
export function fsyncPath(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes `text` durably and atomically: a reader sees the old file or the whole new one. */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, text, { mode: PRIVATE_FILE });
  fsyncPath(tmp);
  renameSync(tmp, path);
  fsyncPath(dirname(path));
}

/** Creates an empty file, failing with EEXIST if it is there: a claim no other process can also win. */
export function claimFile(path: string): void {
  closeSync(openSync(path, "wx"));
}

export const isErrno = (e: unknown, code: string): boolean => (e as NodeJS.ErrnoException | null)?.code === code;
