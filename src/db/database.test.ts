import { expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import type { Tx } from "./database.ts";
import { LocalClient } from "./local-client.ts";
import { tempDatabases } from "./testing/temp-database.ts";

const tempDb = tempDatabases("zapis-database-");

async function freshDb() {
  const db = await tempDb();
  await db.client.execute("CREATE TABLE t (name TEXT NOT NULL)");
  return db;
}

const committedNames = async (db: Awaited<ReturnType<typeof freshDb>>) => (await db.orm.all<{ name: string }>(sql`SELECT name FROM t ORDER BY rowid`)).map((r) => r.name);

// Whether the first write committed alone, or the second joined its transaction (group commit).
test.each([
  ["committed before the next began", true],
  ["queued with the next, which shares its transaction", false],
])("a statement left running after its write returned fails instead of landing in the next write: %s", async (_, commitFirst) => {
  const db = await freshDb();
  let late: Promise<unknown> = Promise.resolve();
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const first = db.write(async (tx) => {
    await tx.run(sql`INSERT INTO t (name) VALUES ('first')`);
    // a use-case forgot to await this: it runs only once the write is over
    late = gate.then(() => tx.run(sql`INSERT INTO t (name) VALUES ('late')`));
  });
  if (commitFirst) await first;
  const second = db.write(async (tx) => {
    release();
    await late.catch(() => undefined);
    await tx.run(sql`INSERT INTO t (name) VALUES ('second')`);
  });
  await Promise.all([first, second]);
  const error = (await late.catch((e: unknown) => e)) as Error & { cause?: { code?: string } };
  expect(error.cause?.code).toBe("TRANSACTION_CLOSED");
  expect(await committedNames(db)).toEqual(["first", "second"]);
});

test("a nested transaction is refused and leaves the write it was asked in uncommitted", async () => {
  const db = await freshDb();
  const nested = db.write(async (tx) => {
    await tx.run(sql`INSERT INTO t (name) VALUES ('outer')`);
    await (tx as unknown as { transaction(fn: (inner: Tx) => Promise<void>): Promise<void> }).transaction(async (inner) => {
      await inner.run(sql`INSERT INTO t (name) VALUES ('inner')`);
    });
  });
  await expect(nested).rejects.toThrow("Nested transactions are not supported");
  expect(await db.orm.all(sql`SELECT name FROM t`)).toEqual([]);
});

test("writes of two databases, one inside the other, each run in their own transaction", async () => {
  const [a, b] = [await freshDb(), await freshDb()];
  await a.write(async (ta) => {
    await b.write(async (tb) => {
      await ta.run(sql`INSERT INTO t (name) VALUES ('a')`);
      await tb.run(sql`INSERT INTO t (name) VALUES ('b')`);
    });
  });
  expect(await a.orm.all(sql`SELECT name FROM t`)).toEqual([{ name: "a" }]);
  expect(await b.orm.all(sql`SELECT name FROM t`)).toEqual([{ name: "b" }]);
});


test("writes queued together commit together, each settles only once committed, and a failing one is rolled back alone", async () => {
  const db = await freshDb();
  const seenWhenSettled = new Map<string, string[]>();
  const writes = ["a", "b", "c", "d"].map((name) =>
    db
      .write(async (tx) => {
        await tx.run(sql`INSERT INTO t (name) VALUES (${name})`);
        if (name === "c") throw new Error("c is refused");
        return name;
      })
      // db.orm reads on another connection than the write transaction's: it sees committed rows only
      .then(
        async (value) => seenWhenSettled.set(value, await committedNames(db)),
        async (error: Error) => {
          seenWhenSettled.set("refused c", await committedNames(db));
          throw error;
        },
      ),
  );
  const results = await Promise.allSettled(writes);
  expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
  expect((results[2] as PromiseRejectedResult).reason.message).toBe("c is refused");
  // "a" was acknowledged only with "d", queued after it, committed too: one COMMIT for the group
  expect(seenWhenSettled.get("a")).toEqual(["a", "b", "d"]);
  // and "c" was refused only then, not before the writes it ran among were durable
  expect(seenWhenSettled.get("refused c")).toEqual(["a", "b", "d"]);
  expect(await committedNames(db)).toEqual(["a", "b", "d"]);
  expect(db.writes).toBe(3);
});

test("when the first write of a group fails, the writes queued behind it still commit", async () => {
  const db = await freshDb();
  const first = db.write(async (tx) => {
    await tx.run(sql`INSERT INTO t (name) VALUES ('first')`);
    throw new Error("first is refused");
  });
  const second = db.write(async (tx) => tx.run(sql`INSERT INTO t (name) VALUES ('second')`));
  await expect(first).rejects.toThrow("first is refused");
  await second;
  expect(await committedNames(db)).toEqual(["second"]);
});

test("writes asked for in the event loop's turn before a group begins (requests read meanwhile) share its transaction", async () => {
  const db = await freshDb();
  let late!: Promise<unknown>;
  // as a second HTTP request would: asked in a later callback of the event loop, not in a microtask of the first
  setImmediate(() => (late = db.write((tx) => tx.run(sql`INSERT INTO t (name) VALUES ('late')`))));
  const first = await db.write(async (tx) => {
    await tx.run(sql`INSERT INTO t (name) VALUES ('first')`);
    return committedNames(db); // what others see while it runs: nothing yet
  });
  expect(first).toEqual([]);
  // "first" was acknowledged only once "late" had committed with it
  expect(await committedNames(db)).toEqual(["first", "late"]);
  await late;
});

// Held across a turn, the lock could deadlock two processes that each wait, in that turn, for a
// lock of another database the other holds (the registry's, a second tenant's) until a busy timeout.
test("a write holds the write lock only while it runs: on the event loop's next turn another process can take it", async () => {
  const db = await freshDb();
  const other = new LocalClient({ path: db.url.slice("file:".length), onOpen: ["PRAGMA busy_timeout = 0"] }); // another process's view
  let lock: Promise<string> = Promise.resolve("not tried");
  await db.write(async (tx) => {
    await tx.run(sql`INSERT INTO t (name) VALUES ('a')`);
    lock = new Promise((resolve) =>
      setImmediate(async () => {
        try {
          await other.execute("BEGIN IMMEDIATE");
          await other.execute("ROLLBACK");
          resolve("taken");
        } catch (e) {
          resolve((e as { code?: string }).code ?? String(e));
        }
      }),
    );
  });
  expect(await lock).toBe("taken");
  other.close();
});
