/**
 * The libSQL client for LOCAL database files: the @libsql/client `Client` contract (so drizzle's
 * libsql dialect, migrations, backup and restore run unchanged), implemented over Bun's built-in
 * SQLite (bun:sqlite) with connections kept open and every statement prepared once per connection.
 * The files are plain SQLite files, as libSQL, sqld and the sqlite3 shell read them.
 *
 * Why not @libsql/client's own file client: it prepares each statement again on every call, asks
 * it for its columns twice and builds each row with Object.defineProperty per value. On the
 * booking write path that was most of the ~0.1 ms per statement (issue 20). Why not the `libsql`
 * package's synchronous API (this client's driver until issue 20): it reads every result through
 * a JS iterator and a fresh 100-slot array; an indexed one-row SELECT measured 10.7 µs there and
 * 4.1 µs on bun:sqlite. Remote URLs (sqld) keep @libsql/client: see openDatabase.
 *
 * Connections: one serves every call outside a transaction (each call is synchronous, so calls
 * never interleave on it); a transaction borrows a connection of its own for its lifetime and
 * gives it back, idle, for the next transaction — so other requests never see its uncommitted rows.
 */
import { Database, SQLiteError, type Statement } from "bun:sqlite";
import type { Client, InArgs, InStatement, InValue, ResultSet, Row, Transaction, TransactionMode } from "@libsql/client";
import { LibsqlError } from "@libsql/core/api";


export interface LocalClientOptions {
  /** Filesystem path of the database file. */
  path: string;
  /** Statements run once on every connection as it opens (per-connection pragmas). */
  onOpen: readonly string[];
  /** Integers come back as bigint (@libsql/client's intMode "bigint"): exact copies of any value, for backup and export. */
  bigints?: boolean;
}

// Enough for every distinct statement the app builds (drizzle's SQL text is stable per query
// shape); a query built from a variable-length list makes a new text per length, so the cache is
// bounded rather than trusting that.
const MAX_STATEMENTS = 500;

const BEGIN: Record<TransactionMode, string> = { write: "BEGIN IMMEDIATE", read: "BEGIN TRANSACTION READONLY", deferred: "BEGIN DEFERRED" };

/** A statement prepared once, with what turns its raw rows into libSQL rows. */
interface Prepared {
  statement: Statement;
  /** Null for a statement that returns no rows (run it, count the changes). */
  columns: string[] | null;
  makeRow: ((values: unknown[]) => Row) | null;
}

const VALUES = Symbol("values");

/**
 * libSQL rows are read both by position (drizzle's typed selects: `Array.prototype.slice.call`)
 * and by name (raw SQL, `Object.keys`): named values are the row's own enumerable properties,
 * positions and `length` come from a prototype shared by every row of the statement.
 */
function rowMaker(columns: string[]): (values: unknown[]) => Row {
  const proto: Record<PropertyKey, unknown> = {};
  Object.defineProperty(proto, "length", { value: columns.length });
  for (let i = 0; i < columns.length; i++) {
    Object.defineProperty(proto, i, {
      get(this: { [VALUES]: unknown[] }) {
        return this[VALUES][i];
      },
    });
  }
  const firstOfName = columns.map((name, i) => columns.indexOf(name) === i);
  return (values) => {
    const row = Object.create(proto) as Record<PropertyKey, unknown>;
    Object.defineProperty(row, VALUES, { value: values });
    for (let i = 0; i < columns.length; i++) {
      if (firstOfName[i]) row[columns[i]!] = values[i];
    }
    return row as unknown as Row;
  };
}

/** How many statements LocalClients of this process have run: lets a benchmark count a request's. */
export let statementsRun = 0;

class Connection {
  readonly native: Database;
  open = true;
  private readonly statements = new Map<string, Prepared>();

  constructor(options: LocalClientOptions) {
    // strict: named arguments bind without their ":"/"@"/"$" prefix, and a missing one is an error
    this.native = new Database(options.path, { create: true, readwrite: true, strict: true, safeIntegers: options.bigints ?? false });
    for (const sql of ["PRAGMA foreign_keys = ON", ...options.onOpen]) this.native.exec(sql);
  }

  run(stmt: InStatement): ResultSet {
    statementsRun++;
    const sql = typeof stmt === "string" ? stmt : stmt.sql;
    const args = typeof stmt === "string" || stmt.args === undefined ? [] : toSqlArgs(stmt.args);
    try {
      const prepared = this.prepare(sql);
      if (prepared.columns === null) {
        const info = bind(prepared.statement, "run", args);
        return resultSet([], [], info.changes, BigInt(info.lastInsertRowid));
      }
      const raw = bind(prepared.statement, "values", args) as unknown[][];
      const rows = new Array<Row>(raw.length);
      for (let i = 0; i < raw.length; i++) rows[i] = prepared.makeRow!(raw[i]!.map(fromSql));
      return resultSet(prepared.columns, rows, 0, undefined);
    } catch (e) {
      throw asLibsqlError(e);
    }
  }

  exec(sql: string): void {
    statementsRun++;
    try {
      this.native.exec(sql);
    } catch (e) {
      throw asLibsqlError(e);
    }
  }

  get inTransaction(): boolean {
    return this.open && this.native.inTransaction;
  }

  close(): void {
    for (const p of this.statements.values()) p.statement.finalize();
    this.statements.clear();
    if (this.open) this.native.close();
    this.open = false;
  }

  private prepare(sql: string): Prepared {
    const hit = this.statements.get(sql);
    if (hit) return hit;
    const statement = this.native.prepare(sql);
    // a statement that returns rows (RETURNING and PRAGMA included) names its columns
    const columns = statement.columnNames.length > 0 ? statement.columnNames : null;
    const prepared: Prepared = { statement, columns, makeRow: columns && rowMaker(columns) };
    // Statements that change the schema or the connection are rare and may not outlive the change.
    if (/^\s*(create|drop|alter|pragma|attach|detach|vacuum|begin|commit|rollback|savepoint|release)\b/i.test(sql)) return prepared;
    if (this.statements.size >= MAX_STATEMENTS) {
      const [oldest, evicted] = this.statements.entries().next().value!;
      this.statements.delete(oldest);
      evicted.statement.finalize();
    }
    this.statements.set(sql, prepared);
    return prepared;
  }
}

function resultSet(columns: string[], rows: Row[], rowsAffected: number, lastInsertRowid: bigint | undefined): ResultSet {
  return {
    columns,
    columnTypes: columns.map(() => ""),
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({ columns, rows: rows.map((r) => Array.prototype.slice.call(r)), rowsAffected, lastInsertRowid: lastInsertRowid?.toString() ?? null }),
  };
}

function toSql(value: InValue): unknown {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError("Only finite numbers (not Infinity or NaN) can be passed as arguments");
    return value;
  }
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError("undefined cannot be passed as argument to the database");
  return value;
}

/** Runs a statement with positional or named arguments, as bun:sqlite takes each. */
function bind<M extends "run" | "values">(statement: Statement, method: M, args: unknown[] | Record<string, unknown>): ReturnType<Statement[M]> {
  const run = statement[method] as (...a: unknown[]) => ReturnType<Statement[M]>;
  return Array.isArray(args) ? run.apply(statement, args) : run.call(statement, args);
}

function toSqlArgs(args: InArgs): unknown[] | Record<string, unknown> {
  if (Array.isArray(args)) return args.map(toSql);
  const named: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) named[/^[@$:]/.test(name) ? name.slice(1) : name] = toSql(value);
  return named;
}

// Blobs come back as ArrayBuffer, as from @libsql/client.
const fromSql = (value: unknown): unknown =>
  value instanceof Uint8Array ? value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength) : value;

const BASE_CODES: Record<number, string> = {
  1: "SQLITE_ERROR", 5: "SQLITE_BUSY", 6: "SQLITE_LOCKED", 8: "SQLITE_READONLY", 10: "SQLITE_IOERR", 11: "SQLITE_CORRUPT",
  13: "SQLITE_FULL", 14: "SQLITE_CANTOPEN", 19: "SQLITE_CONSTRAINT", 26: "SQLITE_NOTADB",
};

function asLibsqlError(e: unknown): unknown {
  if (!(e instanceof SQLiteError)) return e;
  const { code: extendedCode, errno: rawCode } = e as { code?: string; errno?: number };
  const base = rawCode === undefined ? "SQLITE_UNKNOWN" : (BASE_CODES[rawCode & 0xff] ?? `SQLITE_UNKNOWN_${rawCode & 0xff}`);
  return new LibsqlError(e.message, base, extendedCode, rawCode, e);
}

const closedError = () => new LibsqlError("The client is closed", "CLIENT_CLOSED");

export class LocalClient implements Client {
  closed = false;
  readonly protocol = "file";
  private shared: Connection | null = null;
  /** Connections a finished transaction gave back, kept open with their statements. */
  private readonly idle: Connection[] = [];
  private readonly borrowed = new Set<Connection>();

  constructor(private readonly options: LocalClientOptions) {
    this.connection().run("SELECT 1"); // fail fast if the file cannot be opened
  }

  async execute(stmt: InStatement | string, args?: InArgs): Promise<ResultSet> {
    return this.connection().run(typeof stmt === "string" && args ? { sql: stmt, args } : stmt);
  }

  async batch(stmts: Array<InStatement | [string, InArgs?]>, mode: TransactionMode = "deferred"): Promise<ResultSet[]> {
    return this.atomically(this.connection(), BEGIN[mode], stmts.map((s) => (Array.isArray(s) ? { sql: s[0], args: s[1] ?? [] } : s)));
  }

  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    const connection = this.connection();
    connection.exec("PRAGMA foreign_keys=off");
    try {
      return this.atomically(connection, BEGIN.deferred, stmts);
    } finally {
      connection.exec("PRAGMA foreign_keys=on");
    }
  }

  async transaction(mode: TransactionMode = "write"): Promise<Transaction> {
    if (this.closed) throw closedError();
    const connection = this.idle.pop() ?? new Connection(this.options);
    this.borrowed.add(connection);
    try {
      connection.exec(BEGIN[mode]);
    } catch (e) {
      this.giveBack(connection);
      throw e;
    }
    return new LocalTransaction(connection, () => this.giveBack(connection));
  }

  async executeMultiple(sql: string): Promise<void> {
    const connection = this.connection();
    try {
      connection.exec(sql);
    } finally {
      if (connection.inTransaction) connection.exec("ROLLBACK");
    }
  }

  async sync(): Promise<undefined> {
    throw new LibsqlError("sync is not supported for a local file", "SYNC_NOT_SUPPORTED");
  }

  /** Connections open right now: the shared one, the warm ones, those lent to transactions. */
  get openConnections(): number {
    return (this.shared ? 1 : 0) + this.idle.length + this.borrowed.size;
  }

  /**
   * Closes the connections kept warm for the next transaction: a quiet database keeps only its
   * shared one. Each holds its own parsed copy of the schema, ~300 KB for a tenant file (issue 20).
   */
  closeIdleConnections(): void {
    for (const c of this.idle.splice(0)) c.close();
  }

  reconnect(): void {
    this.closeConnections();
    this.closed = false;
  }

  close(): void {
    this.closed = true;
    this.closeConnections();
  }

  private connection(): Connection {
    if (this.closed) throw closedError();
    return (this.shared ??= new Connection(this.options));
  }

  /** Runs statements in one transaction on a connection that no other caller can use meanwhile. */
  private atomically(connection: Connection, begin: string, stmts: InStatement[]): ResultSet[] {
    connection.exec(begin);
    try {
      const results = stmts.map((s) => connection.run(s));
      connection.exec("COMMIT");
      return results;
    } finally {
      if (connection.inTransaction) connection.exec("ROLLBACK");
    }
  }

  private giveBack(connection: Connection): void {
    this.borrowed.delete(connection);
    // never hand a connection on mid-transaction: the next borrower would inherit it
    if (connection.inTransaction) {
      try {
        connection.exec("ROLLBACK");
      } catch {
        connection.close();
        return;
      }
    }
    if (this.closed || !connection.open) connection.close();
    else this.idle.push(connection);
  }

  private closeConnections(): void {
    this.shared?.close();
    this.shared = null;
    for (const c of this.idle.splice(0)) c.close();
    for (const c of this.borrowed) c.close();
    this.borrowed.clear();
  }
}

class LocalTransaction implements Transaction {
  private connection: Connection | null;

  constructor(
    connection: Connection,
    private readonly release: () => void,
  ) {
    this.connection = connection;
  }

  get closed(): boolean {
    return this.connection === null || !this.connection.inTransaction;
  }

  async execute(stmt: InStatement): Promise<ResultSet> {
    return this.open().run(stmt);
  }

  async batch(stmts: InStatement[]): Promise<ResultSet[]> {
    const connection = this.open();
    return stmts.map((s) => connection.run(s));
  }

  async executeMultiple(sql: string): Promise<void> {
    this.open().exec(sql);
  }

  async commit(): Promise<void> {
    try {
      this.open().exec("COMMIT");
    } finally {
      this.settle();
    }
  }

  async rollback(): Promise<void> {
    try {
      if (!this.closed) this.connection!.exec("ROLLBACK");
    } finally {
      this.settle();
    }
  }

  close(): void {
    this.settle(); // giving the connection back rolls back whatever is still open
  }

  private open(): Connection {
    if (this.closed) throw new LibsqlError("The transaction is closed", "TRANSACTION_CLOSED");
    return this.connection!;
  }

  private settle(): void {
    if (this.connection === null) return;
    this.connection = null;
    this.release();
  }
}
