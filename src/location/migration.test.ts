// Migration 0050 on a salon made before branches (issue 17): its masters work in, and its rooms stand
// in, the primary location; a primary location without any opening hours gets Mon–Sat 10:00–20:00,
// and one with hours keeps exactly its own.
import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tenantMigrations } from "../../migrations/index.ts";
import { openDatabase, type Database } from "../db/database.ts";
import { migrate } from "../db/migrate.ts";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

async function salonBeforeBranches(hours: boolean): Promise<Database> {
  const dir = mkdtempSync(join(tmpdir(), "zapis-0050-"));
  dirs.push(dir);
  const db = await openDatabase({ url: `file:${join(dir, "tenant.db")}` });
  const before = tenantMigrations.findIndex((m) => m.name === "0050_location.sql");
  await migrate(db.client, tenantMigrations.slice(0, before), 0);
  await db.client.batch(
    [
      "INSERT INTO business (id, name, created_at) VALUES (1, 'Old Salon', 0)",
      "INSERT INTO locations (id, name, timezone, is_primary) VALUES (1, 'Old Salon', 'Europe/Moscow', 1)",
      "INSERT INTO resources (id, kind, name, created_at) VALUES (1, 'staff', 'Анна', 0), (2, 'room', 'Кабинет', 0)",
      ...(hours ? ["INSERT INTO schedules (location_id, resource_id, weekday, start_minutes, end_minutes) VALUES (1, NULL, 2, 540, 1080)"] : []),
    ],
    "write",
  );
  await migrate(db.client, tenantMigrations, 0);
  return db;
}

const rows = async (db: Database, sql: string) => (await db.client.execute(sql)).rows.map((r) => Object.values(r));

test("existing masters and rooms land in the primary location; no opening hours → Mon–Sat 10–20", async () => {
  const db = await salonBeforeBranches(false);
  expect(await rows(db, "SELECT staff_id, location_id FROM staff_locations")).toEqual([[1, 1]]);
  expect(await rows(db, "SELECT id, location_id FROM resources ORDER BY id")).toEqual([[1, null], [2, 1]]);
  expect(await rows(db, "SELECT weekday, start_minutes, end_minutes FROM schedules WHERE resource_id IS NULL ORDER BY weekday")).toEqual(
    [1, 2, 3, 4, 5, 6].map((d) => [d, 600, 1200]),
  );
  // a master and a room added later default to the primary location too
  await db.client.execute("INSERT INTO resources (id, kind, name, created_at) VALUES (3, 'staff', 'Ольга', 0), (4, 'room', 'Второй', 0)");
  expect(await rows(db, "SELECT staff_id, location_id FROM staff_locations ORDER BY staff_id")).toEqual([[1, 1], [3, 1]]);
  expect(await rows(db, "SELECT location_id FROM resources WHERE id = 4")).toEqual([[1]]);
  db.close();
});

test("a primary location with hours keeps exactly its own", async () => {
  const db = await salonBeforeBranches(true);
  expect(await rows(db, "SELECT weekday, start_minutes, end_minutes FROM schedules WHERE resource_id IS NULL")).toEqual([[2, 540, 1080]]);
  db.close();
});
