import { AsyncLocalStorage } from "node:async_hooks";
import type { Client, InStatement, ResultSet, Transaction } from "@libsql/client";
import { LibsqlError } from "@libsql/core/api";
// drizzle's libsql entries differ only in the client they create for a URL; this one never loads the
// `libsql` native module (we hand drizzle our client), see ./libsql.ts
import { drizzle } from "drizzle-orm/libsql/http";
import type { LibSQLDatabase } from "drizzle-orm/libsql";
import { openClient } from "./libsql.ts";
import { LocalClient } from "./local-client.ts";
import { WriteQueue } from "./write-queue.ts";

export type Orm = LibSQLDatabase<Record<string, never>>;
declare const WRITE: unique symbol;
/**
 * What a use-case writes through inside `db.write`: a drizzle handle whose statements run in the
 * open write transaction. Branded so that a function asking for a Tx cannot be handed `db.orm`.
 */
export type Tx = Omit<Orm, "transaction"> & { readonly [WRITE]: true };
/** Anything queries can read through: the database, or an open transaction (to read its own writes). */
export type Reader = Orm | Tx;

/** One open database: raw client, drizzle on top, and the single writer queue for it. */
export interface Database {
  url: string;
  client: Client;
  orm: Orm;
  /**
   * Runs `fn` atomically (BEGIN IMMEDIATE), behind every other write of this process, and settles
   * once it is committed. Writes that queue up meanwhile share one transaction, each in its own
   * savepoint (group commit, src/db/write-queue.ts).
   */
  write<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** How many write transactions this process committed here: a cheap "anything new?" for jobs. */
  readonly writes: number;
  close(): void;
}

export interface OpenOptions {
  url: string;
  authToken?: string | undefined;
}

// How long a connection waits for another process's write lock before SQLITE_BUSY. Inside one
// process writes never wait on each other (the queue), so this only covers other processes.
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens a database with the connection settings in ONE place.
 * - Local files go through LocalClient (statements prepared once per kept-open connection); remote
 *   URLs (sqld) through @libsql/client.
 * - WAL: readers never block the writer; it is persistent in the file, so set once at open.
 * - busy_timeout, and synchronous=NORMAL (DESIGN §2): per connection, so LocalClient runs them on
 *   every connection it opens. In WAL mode a killed or crashed process loses no committed
 *   transaction with NORMAL; only an OS crash or power cut may roll back the last commits. Measured
 *   here: a commit costs 0.04–0.07 ms instead of 0.3–3 ms with FULL.
 * - temp_store=MEMORY: writes share a transaction, each in a savepoint (write-queue.ts), and
 *   SQLite journals the pages a savepoint changes; past 64 KiB that journal went to an unnamed
 *   temporary file, written once more for every page a booking touched (issue 20: ~22 writes a
 *   booking; main-thread CPU per booking 412 → 313–349 µs). Sorts and temporary tables stay in
 *   memory too, which a salon's database affords.
 * - foreign_keys: SQLite leaves them off by default; LocalClient switches them on for every
 *   connection it opens, and they are checked here, because a connection without them would let
 *   orphans in.
 */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  const local = options.url.startsWith("file:");
  const client: Client = local
    ? new LocalClient({
        path: options.url.slice("file:".length),
        onOpen: [`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`, "PRAGMA synchronous = NORMAL", "PRAGMA temp_store = MEMORY"],
      })
    : await openClient({ url: options.url, authToken: options.authToken, timeout: BUSY_TIMEOUT_MS });
  if (local) {
    await client.execute("PRAGMA journal_mode = WAL");
    const fk = await client.execute("PRAGMA foreign_keys");
    if (Number(fk.rows[0]?.[0]) !== 1) throw new Error("a local database connection opened without foreign keys");
  }
  const orm = drizzle({ client }) as Orm;
  const open = new OpenTransaction();
  const tx = drizzle({ client: open as unknown as Client }) as unknown as Tx;
  const queue = new WriteQueue(() => client.transaction("write"));
  const db: Database = {
    url: options.url,
    client,
    orm,
    write: (fn) => {
      // the write this one is asked inside (another database's), read here: the queue runs the task in its own context
      const outer = openWrites.getStore();
      return queue.run(async (transaction) => {
        const write: OpenWrite = { router: open, transaction, outer, over: false };
        try {
          // awaited inside the context: drizzle's queries are thenables that run only when awaited
          return await openWrites.run(write, async () => await fn(tx));
        } finally {
          write.over = true; // the transaction may go on with the next write of its group
        }
      }, outer !== undefined);
    },
    get writes() {
      return queue.committed;
    },
    close: () => client.close(),
  };
  readers.set(orm, db);
  readers.set(tx, db);
  routers.set(tx, open);
  return db;
}

const readers = new WeakMap<Reader, Database>();

/**
 * The database a reader belongs to (its orm, or its write handle), for caches kept per tenant
 * database (src/business/catalogue-cache.ts). Undefined for any other reader: such callers just
 * read without a cache.
 */
export const databaseOf = (reader: Reader): Database | undefined => readers.get(reader);

/**
 * One `db.write` in progress: its router's transaction, whether the write has returned (its group's
 * transaction may still be open for the next write), and the write (of another database) it runs
 * inside, if any.
 */
interface OpenWrite {
  router: OpenTransaction;
  transaction: Transaction;
  over: boolean;
  outer: OpenWrite | undefined;
}

/**
 * Which transaction a statement belongs to is carried by the async context of the `db.write` call
 * that opened it, not by "whatever is open now": a statement a use-case left running after its
 * write returned (an unawaited insert, a Promise.all branch still going after a sibling failed)
 * then finds its own, closed transaction and fails, instead of landing in the next write.
 */
const openWrites = new AsyncLocalStorage<OpenWrite>();

/**
 * The write transaction `reader` runs in right now, as an identity for "changed in this
 * transaction" marks (src/business/catalogue-cache.ts); undefined outside db.write.
 */
export function currentWrite(reader: Reader): object | undefined {
  const router = routers.get(reader);
  for (let w = openWrites.getStore(); w; w = w.outer) if (w.router === router) return w.transaction;
  return undefined;
}

const routers = new WeakMap<Reader, OpenTransaction>();

/**
 * The client under a database's write handle: every statement goes to the write transaction of
 * the `db.write` call it was made in. The handle lives as long as the database, so a query
 * prepared on it (src/db/prepared.ts) is built once and serves every later transaction; drizzle's
 * own `transaction()` makes a new handle per transaction, and nothing prepared on one outlives it.
 */
class OpenTransaction {
  execute(stmt: InStatement): Promise<ResultSet> {
    return this.open().execute(stmt);
  }

  batch(stmts: InStatement[]): Promise<ResultSet[]> {
    return this.open().batch(stmts);
  }

  /** drizzle's `tx.transaction()` asks its client for one: a nested write would commit the outer one, so there is none. */
  transaction(): never {
    throw new LibsqlError("Nested transactions are not supported: do the work in the one db.write", "TRANSACTION_CLOSED");
  }

  private open(): Transaction {
    for (let w = openWrites.getStore(); w; w = w.outer) {
      if (w.router === this) {
        if (w.over || w.transaction.closed) break;
        return w.transaction;
      }
    }
    throw new LibsqlError("No write transaction is open: run this inside db.write", "TRANSACTION_CLOSED");
  }
}
