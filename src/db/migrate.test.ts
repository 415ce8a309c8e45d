import { describe, expect, test } from "bun:test";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { platformMigrations, tenantMigrations } from "../../migrations/index.ts";
import { appliedMigrations, migrate, MigrationError } from "./migrate.ts";
import { tempDatabases } from "./testing/temp-database.ts";

const freshDb = tempDatabases("zapis-migrate-");

describe("migrations", () => {
  test("the embedded list names every SQL file in the folders, in order", () => {
    const files = (folder: string) => readdirSync(join(import.meta.dir, "../../migrations", folder)).filter((f) => f.endsWith(".sql")).sort();
    expect(tenantMigrations.map((m) => m.name)).toEqual(files("tenant"));
    expect(platformMigrations.map((m) => m.name)).toEqual(files("platform"));
  });

  test("applies every file once and records it; a second run applies nothing", async () => {
    const db = await freshDb();
    expect(await migrate(db.client, tenantMigrations, 1)).toEqual(tenantMigrations.map((m) => m.name));
    expect(await migrate(db.client, tenantMigrations, 2)).toEqual([]);
    expect(await appliedMigrations(db.client)).toEqual(tenantMigrations.map((m) => m.name));
  });

  test("a failing file leaves the database at the previous file and names itself", async () => {
    const db = await freshDb();
    const broken = [
      { name: "0001_ok.sql", sql: "CREATE TABLE a (x INTEGER);" },
      { name: "0002_bad.sql", sql: "CREATE TABLE b (y INTEGER);\nINSERT INTO nowhere VALUES (1);" },
    ];
    const error = await migrate(db.client, broken, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).file).toBe("0002_bad.sql");
    expect((error as Error).message).toContain("0002_bad.sql");
    expect(await appliedMigrations(db.client)).toEqual(["0001_ok.sql"]);
    // the failed file's first statement was rolled back with it
    const tables = await db.client.execute("SELECT name FROM sqlite_master WHERE name = 'b'");
    expect(tables.rows).toHaveLength(0);
  });
});

describe("database", () => {
  test("opens in WAL mode with foreign keys enforced", async () => {
    const db = await freshDb();
    expect((await db.client.execute("PRAGMA journal_mode")).rows[0]?.[0]).toBe("wal");
    await migrate(db.client, tenantMigrations, 1);
    const orphan = db.client.execute("INSERT INTO staff_services (staff_id, service_id) VALUES (999, 999)");
    await expect(orphan).rejects.toThrow(/FOREIGN KEY/);
  });

  test("concurrent writes are queued, not refused", async () => {
    const db = await freshDb();
    await db.client.execute("CREATE TABLE n (v INTEGER)");
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        db.write(async (tx) => {
          await tx.run(`INSERT INTO n VALUES (${i})`);
        }),
      ),
    );
    expect((await db.client.execute("SELECT count(*) FROM n")).rows[0]?.[0]).toBe(100);
  });
});
