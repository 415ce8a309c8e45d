import type { Client } from "@libsql/client";
import type { Migration } from "../../migrations/index.ts";

export class MigrationError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`migration ${file} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

const LEDGER = `CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)`;

export async function appliedMigrations(client: Client): Promise<string[]> {
  await client.execute(LEDGER);
  const rows = await client.execute("SELECT name FROM _migrations ORDER BY name");
  return rows.rows.map((r) => String(r[0]));
}

/** Names of the migrations this database has not applied yet, in order. */
export async function pendingMigrations(client: Client, migrations: Migration[]): Promise<Migration[]> {
  const applied = new Set(await appliedMigrations(client));
  return migrations.filter((m) => !applied.has(m.name));
}

/**
 * Applies pending migrations in order, each file in its own transaction together with its ledger
 * row: a failing file leaves the database at the previous file and names itself in the error.
 * Returns the names applied.
 */
export async function migrate(client: Client, migrations: Migration[], now: number): Promise<string[]> {
  const done: string[] = [];
  for (const m of await pendingMigrations(client, migrations)) {
    try {
      await client.batch(
        [...splitStatements(m.sql), { sql: "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)", args: [m.name, now] }],
        "write",
      );
    } catch (e) {
      throw new MigrationError(m.name, e);
    }
    done.push(m.name);
  }
  return done;
}

/** Splits a migration file into statements; our SQL has no semicolons inside literals or triggers. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.replace(/^\s*--.*$/gm, "").trim())
    .filter((s) => s.length > 0);
}
