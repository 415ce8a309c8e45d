import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { WriteQueue } from "./write-queue.ts";

export type Orm = LibSQLDatabase<Record<string, never>>;
/** What a use-case writes through: the transaction handle drizzle gives inside `db.write`. */
export type Tx = Parameters<Parameters<Orm["transaction"]>[0]>[0];
/** Anything queries can read through: the database, or an open transaction (to read its own writes). */
export type Reader = Orm | Tx;

/** One open database: raw client, drizzle on top, and the single writer queue for it. */
export interface Database {
  url: string;
  client: Client;
  orm: Orm;
  /** Runs `fn` in ONE write transaction (BEGIN IMMEDIATE), behind every other write of this process. */
  write<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
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
 * - WAL: readers never block the writer; it is persistent in the file, so set once at open.
 * - busy_timeout: @libsql/client opens pooled connections itself, so it is passed as `timeout`,
 *   which libsql applies to every connection it opens.
 * - foreign_keys: libsql enables them on every connection by default; checked here, because a silent
 *   change of that default would let orphans in.
 * - synchronous: left at libsql's FULL. The pool opens connections we cannot hook, and FULL is the
 *   durable choice anyway: an acknowledged booking survives a power cut, not only a process kill.
 */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  const client = createClient({ url: options.url, authToken: options.authToken, timeout: BUSY_TIMEOUT_MS } as Parameters<
    typeof createClient
  >[0]);
  if (options.url.startsWith("file:")) {
    await client.execute("PRAGMA journal_mode = WAL");
    const fk = await client.execute("PRAGMA foreign_keys");
    if (Number(fk.rows[0]?.[0]) !== 1) throw new Error("libsql opened a connection without foreign keys");
  }
  const orm = drizzle(client) as Orm;
  const queue = new WriteQueue();
  return {
    url: options.url,
    client,
    orm,
    write: (fn) => queue.run(() => orm.transaction(fn)),
    close: () => client.close(),
  };
}
