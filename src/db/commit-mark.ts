import { closeSync, openSync, readSync } from "node:fs";

// SQLite's wal.c: the WAL-index header (WalIndexHdr) is the first 48 bytes of the "-shm" file.
const WAL_INDEX_HEADER_BYTES = 48;

/**
 * A mark that moves with every commit to a local database in WAL mode, by any process, read
 * without opening the database: its WAL-index header, which every commit rewrites (the change
 * counter, the last frame and the checksums move). Reading it costs one small file read, so a job
 * can watch a thousand idle tenants for writes made by other processes. It sees every commit made
 * while some connection keeps the database open (the watcher's own, or a server's). Null for a
 * libSQL server, and when no connection has the database open: SQLite deletes the -shm file with
 * the last one, so a process that opened, wrote and closed in between is not seen (callers keep a
 * time bound for that).
 */
export function commitMark(url: string): string | null {
  // tenant URLs are `file:<path>` (tenantDbUrl) or a libSQL server's
  if (!url.startsWith("file:")) return null;
  let fd: number;
  try {
    fd = openSync(`${url.slice("file:".length)}-shm`, "r");
  } catch {
    return null;
  }
  try {
    const header = Buffer.alloc(WAL_INDEX_HEADER_BYTES);
    const read = readSync(fd, header, 0, WAL_INDEX_HEADER_BYTES, 0);
    return header.subarray(0, read).toString("hex");
  } finally {
    closeSync(fd);
  }
}
