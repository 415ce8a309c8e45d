import { expect, test } from "bun:test";
import { readdirSync, readlinkSync } from "node:fs";
import { LibsqlError } from "@libsql/client";
import { sql } from "drizzle-orm";
import { Database as Native } from "bun:sqlite";
import type { Database } from "./database.ts";
import { openClient } from "./libsql.ts";
import { tempDatabases } from "./testing/temp-database.ts";

const tempDb = tempDatabases("zapis-local-client-");

async function freshDb(): Promise<Database> {
  const db = await tempDb();
  await db.client.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, data BLOB)");
  return db;
}

test("a statement is prepared once per connection, however often it runs", async () => {
  const db = await freshDb();
  const prepare = Native.prototype.prepare;
  const prepared: string[] = [];
  Native.prototype.prepare = function (this: InstanceType<typeof Native>, text: string) {
    prepared.push(text);
    return prepare.call(this, text);
  } as typeof prepare;
  try {
    for (let i = 0; i < 50; i++) await db.orm.run(sql`INSERT INTO t (name) VALUES (${`n${i}`})`);
    for (let i = 0; i < 50; i++) await db.write((tx) => tx.all(sql`SELECT name FROM t WHERE id = ${i}`));
  } finally {
    Native.prototype.prepare = prepare;
  }
  expect(prepared.filter((s) => s.startsWith("INSERT"))).toHaveLength(1);
  expect(prepared.filter((s) => s.startsWith("SELECT"))).toHaveLength(1);
});

test("rows read by name (raw SQL) and by position (typed selects); blobs come back as ArrayBuffer", async () => {
  const db = await freshDb();
  await db.client.execute({ sql: "INSERT INTO t (name, data) VALUES (?, ?)", args: ["a", new Uint8Array([1, 2, 3])] });
  expect(await db.orm.get(sql`SELECT id, name FROM t`)).toEqual({ id: 1, name: "a" });
  const [byPosition] = await db.orm.values(sql`SELECT id, name, id FROM t`);
  expect(Array.from(byPosition as ArrayLike<unknown>)).toEqual([1, "a", 1]);
  const rs = await db.client.execute("SELECT name, data FROM t");
  expect(rs.columns).toEqual(["name", "data"]);
  expect(rs.rows[0]!.length).toBe(2);
  expect(rs.rows[0]![0]).toBe("a");
  expect(new Uint8Array(rs.rows[0]!.data as ArrayBuffer)).toEqual(new Uint8Array([1, 2, 3]));
  const insert = await db.client.execute({ sql: "INSERT INTO t (name) VALUES (:name)", args: { ":name": "b" } });
  expect([insert.rowsAffected, insert.lastInsertRowid]).toEqual([1, 2n]);
});

test("a write transaction's rows stay invisible to other reads until it commits, and vanish on rollback", async () => {
  const db = await freshDb();
  const count = async () => (await db.orm.get<{ n: number }>(sql`SELECT count(*) AS n FROM t`))!.n;
  let seenInside = -1;
  let seenOutside = -1;
  await db.write(async (tx) => {
    await tx.run(sql`INSERT INTO t (name) VALUES ('x')`);
    seenInside = (await tx.get<{ n: number }>(sql`SELECT count(*) AS n FROM t`))!.n;
    seenOutside = await count();
  });
  expect([seenInside, seenOutside, await count()]).toEqual([1, 0, 1]);
  const failed = db.write(async (tx) => {
    await tx.run(sql`INSERT INTO t (name) VALUES ('y')`);
    throw new Error("changed my mind");
  });
  await expect(failed).rejects.toThrow("changed my mind");
  expect(await count()).toBe(1);
});

test("SQLite errors arrive as LibsqlError with the base and extended codes", async () => {
  const db = await freshDb();
  await db.client.execute("INSERT INTO t (name) VALUES ('a')");
  const error = await db.client.execute("INSERT INTO t (name) VALUES ('a')").catch((e: unknown) => e);
  expect(error).toBeInstanceOf(LibsqlError);
  expect((error as LibsqlError).code).toBe("SQLITE_CONSTRAINT");
  expect((error as LibsqlError).extendedCode).toBe("SQLITE_CONSTRAINT_UNIQUE");
});

test("every connection, the transaction's too, waits for other processes' locks, commits with synchronous=NORMAL and keeps its temporary files in memory", async () => {
  const db = await freshDb();
  const pragmas = async (reader: { get<T>(q: ReturnType<typeof sql>): Promise<T | undefined> }) => [
    (await reader.get<{ timeout: number }>(sql`PRAGMA busy_timeout`))!.timeout,
    (await reader.get<{ synchronous: number }>(sql`PRAGMA synchronous`))!.synchronous,
    (await reader.get<{ temp_store: number }>(sql`PRAGMA temp_store`))!.temp_store,
  ];
  expect(await pragmas(db.orm)).toEqual([5_000, 1, 2]);
  expect(await db.write((tx) => pragmas(tx))).toEqual([5_000, 1, 2]);
});

// What temp_store=MEMORY is for (issue 20): each write of a group runs in a savepoint, and each
// statement that may fail halfway in a statement journal; past 64 KiB SQLite spills those to an
// unnamed file, and then every page a booking touches was written to disk once more.
test("a write whose savepoints journal more than 64 KiB opens no temporary file", async () => {
  const db = await freshDb();
  const unlinkedFiles = () => readdirSync("/proc/self/fd").filter((fd) => { try { return readlinkSync(`/proc/self/fd/${fd}`).endsWith("(deleted)"); } catch { return false; } }).length;
  await db.client.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) INSERT INTO t (name) SELECT printf('%.2000c', i) || i FROM n");
  const before = unlinkedFiles();
  const during = await db.write(async (tx) => {
    // pages that were in the file before the savepoint are the ones it journals
    await tx.run(sql`SAVEPOINT big`);
    await tx.run(sql`UPDATE t SET name = name || '!'`);
    await tx.run(sql`RELEASE big`);
    return unlinkedFiles();
  });
  expect(during).toBe(before);
});

test("opening and closing another client on a file this process writes keeps this process's locks (one SQLite per process)", async () => {
  const db = await freshDb();
  const path = db.url.slice("file:".length);
  const otherProcessWrites = () =>
    Bun.spawnSync([process.execPath, "-e", `const { Database } = require("bun:sqlite"); const d = new Database(${JSON.stringify(path)}); d.exec("PRAGMA busy_timeout = 0"); try { d.exec("BEGIN IMMEDIATE"); console.log("got the lock"); } catch (e) { console.log(e.message); }`]).stdout.toString().trim();
  await db.write(async (tx) => {
    await tx.run(sql`INSERT INTO t (name) VALUES ('mine')`);
    expect(otherProcessWrites()).toBe("database is locked");
    // what a backup, an export or the readiness check does inside `serve`
    const other = await openClient({ url: db.url, timeout: 1_000 });
    await other.execute("SELECT count(*) FROM t");
    other.close();
    expect(otherProcessWrites()).toBe("database is locked");
  });
  expect(otherProcessWrites()).toBe("got the lock");
});
