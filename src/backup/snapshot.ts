import { openClient } from "../db/libsql.ts";
import { copyContents } from "./contents.ts";

/** Where a tenant's database is: a `file:` URL, or a libSQL server URL with its token. */
export interface DbLocation {
  url: string;
  authToken?: string | undefined;
}

export const isLocal = (location: DbLocation): boolean => location.url.startsWith("file:");

/** The file of a local database (null for a remote one). */
export const localPath = (location: DbLocation): string | null => (isLocal(location) ? location.url.slice("file:".length) : null);

// Another process may hold the write lock for a moment; a snapshot only needs a read transaction.
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Writes a consistent online snapshot of `source` into `target` (a new, empty file) while others
 * keep writing. A local database is copied with `VACUUM INTO` (one read transaction, never a raw
 * copy of a live WAL file); a libSQL server has no VACUUM INTO (sqld answers "unsupported
 * statement"), so its schema and rows are exported through the client inside one read transaction.
 */
export async function snapshot(source: DbLocation, target: string): Promise<void> {
  if (isLocal(source)) {
    const client = await openClient({ url: source.url, timeout: BUSY_TIMEOUT_MS } as Parameters<typeof openClient>[0]);
    try {
      await client.execute({ sql: "VACUUM INTO ?", args: [target] });
    } finally {
      client.close();
    }
    return;
  }
  const from = await openClient({ url: source.url, authToken: source.authToken, intMode: "bigint" });
  const to = await openClient({ url: `file:${target}` });
  try {
    const read = await from.transaction("read");
    try {
      const write = await to.transaction("write");
      try {
        await copyContents(read, write);
        await write.commit();
      } finally {
        write.close();
      }
    } finally {
      read.close();
    }
  } finally {
    from.close();
    to.close();
  }
}
