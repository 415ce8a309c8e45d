// Every table the code declares (drizzle, src/**/schema.ts) exists after the migrations with every
// column the code reads and writes. Parallel work once lost a column: a later migration rebuilt a
// table from its old shape, and only a booking write at run time noticed.
import { describe, expect, test } from "bun:test";
import { is } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { Glob } from "bun";
import { join } from "node:path";
import { platformMigrations, tenantMigrations } from "../../migrations/index.ts";
import { migrate } from "./migrate.ts";
import { tempDatabases } from "./testing/temp-database.ts";

const freshDb = tempDatabases("zapis-drift-");

async function declaredTables(): Promise<SQLiteTable[]> {
  const src = join(import.meta.dir, "..");
  const tables = new Set<SQLiteTable>();
  for await (const file of new Glob("**/schema.ts").scan(src)) {
    for (const value of Object.values(await import(join(src, file)))) if (is(value, SQLiteTable)) tables.add(value);
  }
  return [...tables];
}

async function migratedColumns(migrations: typeof tenantMigrations): Promise<Map<string, Set<string>>> {
  const db = await freshDb();
  await migrate(db.client, migrations, 1);
  const names = await db.client.execute("SELECT name FROM sqlite_master WHERE type = 'table'");
  const columns = new Map<string, Set<string>>();
  for (const row of names.rows) {
    const name = String(row.name);
    const info = await db.client.execute(`PRAGMA table_info("${name}")`);
    columns.set(name, new Set(info.rows.map((r) => String(r.name))));
  }
  return columns;
}

describe("the migrated schema", () => {
  test("has every table and column the code declares", async () => {
    const [tenant, platform, tables] = await Promise.all([migratedColumns(tenantMigrations), migratedColumns(platformMigrations), declaredTables()]);
    expect(tables.length).toBeGreaterThan(20);
    const missing = tables.flatMap((table) => {
      const { name, columns } = getTableConfig(table);
      const migrated = tenant.get(name) ?? platform.get(name);
      if (!migrated) return [`table ${name}`];
      return columns.filter((c) => !migrated.has(c.name)).map((c) => `${name}.${c.name}`);
    });
    expect(missing).toEqual([]);
  });
});
