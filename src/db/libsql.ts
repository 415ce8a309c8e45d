import type { Client, Config } from "@libsql/client";

/**
 * @libsql/client, for what LocalClient does not serve: remote URLs (sqld), and the backup, restore,
 * export and readiness work that opens files with its own client. Imported on first use, not at
 * start: its Node entry loads the `libsql` native module (a 9.7 MB .node file, written out and
 * dlopen'd) the moment it is imported, which every `serve` paid at start although local tenants
 * never use it (issue 20).
 */
export async function createLibsqlClient(config: Config): Promise<Client> {
  const { createClient } = await import("@libsql/client");
  return createClient(config);
}
