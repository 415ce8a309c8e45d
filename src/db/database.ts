import type { Client, InStatement, ResultSet, Transaction } from "@libsql/client";
import { LibsqlError } from "@libsql/core/api";
// drizzle's libsql entries differ only in the client they create for a URL; this one never loads the
// `libsql` native module (we hand drizzle our client), see ./libsql.ts
import { drizzle } from "drizzle-orm/libsql/http";
import type { LibSQLDatabase } from "drizzle-orm/libsql";
import { createLibsqlClient } from "./libsql.ts";
import { LocalClient } from "./local-client.ts";
import { WriteQueue } from "./write-queue.ts";

export type Orm = LibSQLDatabase<Record<string, never>>;
declare const WRITE: unique symbol;
/**
 * What a use-case writes through inside `db.write`: a drizzle handle whose statements run in the
 * open write transaction. Branded so that a function asking for a Tx cannot be handed `db.orm`.
 */
export type Tx = Orm & { readonly [WRITE]: true };
/** Anything queries can read through: the database, or an open transaction (to read its own writes). */
export type Reader = Orm | Tx;

/** One open database: raw client, drizzle on top, and the single writer queue for it. */
export interface Database {
  url: string;
  client: Client;
  orm: Orm;
  /** Runs `fn` in ONE write transaction (BEGIN IMMEDIATE), behind every other write of this process. */
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
 * - foreign_keys: libsql enables them on every connection by default; checked here, because a silent
 *   change of that default would let orphans in.
 */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  const local = options.url.startsWith("file:");
  const client: Client = local
    ? new LocalClient({
        path: options.url.slice("file:".length),
        onOpen: [`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`, "PRAGMA synchronous = NORMAL"],
      })
    : await createLibsqlClient({ url: options.url, authToken: options.authToken, timeout: BUSY_TIMEOUT_MS });
  if (local) {
    await client.execute("PRAGMA journal_mode = WAL");
    const fk = await client.execute("PRAGMA foreign_keys");
    if (Number(fk.rows[0]?.[0]) !== 1) throw new Error("libsql opened a connection without foreign keys");
  }
  const orm = drizzle({ client }) as Orm;
  const open = new OpenTransaction();
  const tx = drizzle({ client: open as unknown as Client }) as unknown as Tx;
  const queue = new WriteQueue();
  let writes = 0;
  return {
    url: options.url,
    client,
    orm,
    write: (fn) =>
      queue.run(async () => {
        const transaction = await client.transaction("write");
        open.current = transaction;
        try {
          const result = await fn(tx);
          await transaction.commit();
          writes++;
          return result;
        } finally {
          open.current = null;
          transaction.close(); // rolls back whatever did not commit
        }
      }),
    get writes() {
      return writes;
    },
    close: () => client.close(),
  };
}

/**
 * The client under a database's write handle: every statement goes to the write transaction open
 * at that moment. The handle lives as long as the database, so a query prepared on it
 * (src/db/prepared.ts) is built once and serves every later transaction; drizzle's own
 * `transaction()` makes a new handle per transaction, and nothing prepared on one outlives it.
 * The write queue keeps at most one transaction open per database in this process; a statement
 * sent when none is open (a use-case that kept its tx past `write`) fails instead of running
 * outside one.
 */
class OpenTransaction {
  current: Transaction | null = null;

  execute(stmt: InStatement): Promise<ResultSet> {
    return this.transaction().execute(stmt);
  }

  batch(stmts: InStatement[]): Promise<ResultSet[]> {
    return this.transaction().batch(stmts);
  }

  private transaction(): Transaction {
    if (this.current === null || this.current.closed) throw new LibsqlError("No write transaction is open: run this inside db.write", "TRANSACTION_CLOSED");
    return this.current;
  }
}
