import { expect, test } from "bun:test";
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

test("every connection, the transaction's too, waits for other processes' locks and commits with synchronous=NORMAL", async () => {
  const db = await freshDb();
  const pragmas = async (reader: { get<T>(q: ReturnType<typeof sql>): Promise<T | undefined> }) => [
    (await reader.get<{ timeout: number }>(sql`PRAGMA busy_timeout`))!.timeout,
    (await reader.get<{ synchronous: number }>(sql`PRAGMA synchronous`))!.synchronous,
  ];
  expect(await pragmas(db.orm)).toEqual([5_000, 1]);
  expect(await db.write((tx) => pragmas(tx))).toEqual([5_000, 1]);
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
