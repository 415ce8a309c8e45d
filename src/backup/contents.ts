import type { InStatement, ResultSet, Transaction } from "@libsql/client";

/**
 * A database's contents as SQL: schema objects and rows, read and written through libSQL clients,
 * so the same code exports a remote (sqld/Turso) tenant into a local file and restores a backup file
 * into a local or remote tenant.
 */
export interface Sql {
  execute(stmt: InStatement): Promise<ResultSet>;
}

export interface SchemaObject {
  type: "table" | "index" | "trigger" | "view";
  name: string;
  sql: string;
}

// SQLite's own tables (and autoindexes, which have no SQL) and libSQL server internals.
const INTERNAL = /^(sqlite_|libsql_|_litestream)/;
// Rows per round trip when copying: one HTTP request per batch for remote databases.
const BATCH_ROWS = 500;

export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

export async function readSchema(db: Sql): Promise<SchemaObject[]> {
  const rs = await db.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid");
  return rs.rows
    .map((r) => ({ type: String(r[0]) as SchemaObject["type"], name: String(r[1]), sql: String(r[2]) }))
    .filter((o) => !INTERNAL.test(o.name));
}

export const tableNames = (schema: SchemaObject[]): string[] => schema.filter((o) => o.type === "table").map((o) => o.name);

export async function countRows(db: Sql, tables: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const rs = await db.execute(`SELECT count(*) FROM ${quoteIdent(table)}`);
    counts[table] = Number(rs.rows[0]?.[0] ?? 0);
  }
  return counts;
}

/** Names of the migrations a tenant database has applied; [] when it has no ledger. */
export async function migrationsOf(db: Sql): Promise<string[]> {
  const ledger = await db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_migrations'");
  if (Number(ledger.rows[0]?.[0]) === 0) return [];
  const rs = await db.execute("SELECT name FROM _migrations ORDER BY name");
  return rs.rows.map((r) => String(r[0]));
}

/**
 * Drops every user table, view and trigger of `tx`'s database, with foreign keys deferred. Tables go
 * newest first: DROP TABLE deletes the rows first, and a child's rows are checked against its
 * parent, which must still exist then (a table is created after the tables it references).
 */
export async function dropContents(tx: Transaction): Promise<void> {
  await tx.execute("PRAGMA defer_foreign_keys = ON");
  const schema = await readSchema(tx);
  for (const type of ["view", "trigger", "table"] as const) {
    for (const o of schema.filter((s) => s.type === type).reverse()) await tx.execute(`DROP ${type.toUpperCase()} IF EXISTS ${quoteIdent(o.name)}`);
  }
}

/**
 * Copies the schema and every row of `from` into `to` (an open write transaction on an empty
 * database). Read `from` inside one read transaction, so the copy is a consistent snapshot; open it
 * with intMode "bigint" so no integer is rounded. Indexes and triggers come after the rows: faster,
 * and no trigger fires on copied rows.
 */
export async function copyContents(from: Sql, to: Transaction): Promise<void> {
  await to.execute("PRAGMA defer_foreign_keys = ON");
  const schema = await readSchema(from);
  const tables = tableNames(schema);
  for (const o of schema.filter((s) => s.type === "table")) await to.execute(o.sql);
  for (const table of tables) await copyRows(from, to, table);
  if (await hasSequences(from)) {
    // AUTOINCREMENT tables got counters while their rows were copied; the source's are the truth
    await to.execute("DELETE FROM sqlite_sequence");
    await copyRows(from, to, "sqlite_sequence");
  }
  for (const o of schema.filter((s) => s.type !== "table")) await to.execute(o.sql);
  const violations = await to.execute("PRAGMA foreign_key_check");
  if (violations.rows.length > 0) throw new Error(`the copy breaks ${violations.rows.length} foreign keys`);
}

async function copyRows(from: Sql, to: Transaction, table: string): Promise<void> {
  const rs = await from.execute(`SELECT * FROM ${quoteIdent(table)}`);
  if (rs.rows.length === 0) return;
  const insert = `INSERT INTO ${quoteIdent(table)} (${rs.columns.map(quoteIdent).join(", ")}) VALUES (${rs.columns.map(() => "?").join(", ")})`;
  for (let i = 0; i < rs.rows.length; i += BATCH_ROWS) {
    await to.batch(rs.rows.slice(i, i + BATCH_ROWS).map((row) => ({ sql: insert, args: rs.columns.map((_, c) => row[c] ?? null) })));
  }
}

async function hasSequences(db: Sql): Promise<boolean> {
  const rs = await db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_sequence'");
  return Number(rs.rows[0]?.[0]) > 0;
}
