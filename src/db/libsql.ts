import type { Client, Config } from "@libsql/client";
import { LocalClient } from "./local-client.ts";

/**
 * A libSQL `Client` for a URL: LocalClient for a local file, @libsql/client for a libSQL server.
 * Every local file of this process goes through the same SQLite (bun:sqlite): two SQLite libraries
 * on one file in one process break each other's locks — POSIX locks belong to the process, so
 * closing a file in one library drops the locks the other holds on it (SQLite's "multiple copies
 * of SQLite in one program" hazard) — and a backup taken inside `serve` would then let another
 * process write at the same moment as the server.
 * @libsql/client is imported on first use, not at start: its Node entry loads the `libsql` native
 * module (a 9.7 MB .node file, written out and dlopen'd) the moment it is imported, which every
 * `serve` paid at start although local tenants never use it (issue 20).
 */
export async function openClient(config: Config): Promise<Client> {
  if (config.url.startsWith("file:")) {
    return new LocalClient({
      path: config.url.slice("file:".length),
      onOpen: config.timeout === undefined ? [] : [`PRAGMA busy_timeout = ${Math.round(config.timeout)}`],
      bigints: config.intMode === "bigint",
    });
  }
  const { createClient } = await import("@libsql/client");
  return createClient(config);
}
