/**
 * What only staff change — the salon's profile and locations, services, who performs them, what
 * they require, weekly hours, exceptions and time off — read once per catalogue version and kept
 * per tenant database (a WeakMap on the Database: one tenant never sees another's rows, and the
 * cache goes with the connection).
 *
 * The catalogue version is data_version − occupancy_version (migrations/tenant/0100): every
 * catalogue, schedule and settings write moves it through bumpDataVersion, bookings and holds do
 * not, so a busy salon keeps its catalogue cached. Measured on the booking write path: loading
 * the visit and its calendars was 8 statements (≈0.3 ms with drizzle building each) per POST.
 *
 * Knowing the version:
 *  - outside a transaction it is re-read (one primary-key read) only when this process has
 *    committed a write since (db.writes), or RECHECK_MS after the last read: a write by another
 *    process (the CLI, a second instance) is seen within that bound;
 *  - inside a write transaction it is read in the transaction, once: the write lock means nothing
 *    else commits until it ends, so the re-check never runs on a stale catalogue, and a change the
 *    transaction makes itself marks it (below), after which nothing it reads is cached. Rows a
 *    write transaction loads are committed rows and are kept too — unless it has changed the
 *    catalogue itself (bumpDataVersion marks it): its uncommitted rows are never cached.
 */
import { sql } from "drizzle-orm";
import { currentWrite, databaseOf, type Database, type Reader } from "../db/database.ts";

/** The same bound the page cache trusts its data version for (src/http/page-cache.ts). */
export const RECHECK_MS = 2_000;
/** Distinct visits and calendar windows kept per tenant; the least recently used goes first. */
const MAX_ENTRIES = 256;

interface State {
  version: number;
  /** db.writes when the version was read outside a transaction (-1: read inside one). */
  writes: number;
  readAt: number;
  entries: Map<string, unknown>;
}

const states = new WeakMap<Database, State>();
/** Write transactions that changed the catalogue (src/db/database.ts currentWrite). */
const changing = new WeakSet<object>();
/** The version each write transaction read (a booking's write asked twice, issue 20). */
const versionOfWrite = new WeakMap<object, number>();

// Static SQL: no parameters for drizzle to build on every read.
const VERSION = sql`SELECT data_version - occupancy_version AS v FROM business WHERE id = 1`;

/** `tx` writes the catalogue: what it reads from now on is not committed, so it is never cached. */
export function catalogueChangedIn(tx: Reader): void {
  const write = currentWrite(tx);
  if (write) changing.add(write);
}

/**
 * The value under `key` for the current catalogue version, loaded through `reader` on a miss.
 * `load` must read only catalogue tables, and callers must not mutate what they get (it is shared).
 */
export async function cachedCatalogue<T>(reader: Reader, key: string, load: () => Promise<T>): Promise<T> {
  const db = databaseOf(reader);
  const write = currentWrite(reader);
  if (!db || (write && changing.has(write))) return load();
  const state = reader === db.orm ? await stateOutside(db) : await settle(db, await versionInWrite(reader, write), -1);
  const hit = state.entries.get(key);
  if (hit !== undefined) {
    state.entries.delete(key);
    state.entries.set(key, hit); // most recently used goes last
    return hit as T;
  }
  const value = await load();
  // The version was read before the rows, so they are at least that new; a state replaced
  // meanwhile (a newer version) is not written to.
  if (states.get(db) === state) {
    state.entries.set(key, value);
    if (state.entries.size > MAX_ENTRIES) state.entries.delete(state.entries.keys().next().value!);
  }
  return value;
}

/**
 * Someone saw this database's data version move (src/http/page-cache.ts): the catalogue may have
 * moved with it, so the next read outside a transaction re-reads the catalogue version — a page
 * cached for the new data version must not be made from the catalogue of the old one.
 */
export function catalogueMayHaveChanged(db: Database): void {
  const known = states.get(db);
  if (known) known.readAt = Number.NEGATIVE_INFINITY;
}

async function stateOutside(db: Database): Promise<State> {
  const known = states.get(db);
  if (known && known.writes === db.writes && Date.now() - known.readAt < RECHECK_MS) return known;
  const writes = db.writes;
  return settle(db, await versionIn(db.orm), writes);
}

function settle(db: Database, version: number, writes: number): State {
  const known = states.get(db);
  if (known?.version === version) {
    if (writes >= 0) Object.assign(known, { writes, readAt: Date.now() });
    return known;
  }
  const state: State = { version, writes, readAt: Date.now(), entries: new Map() };
  states.set(db, state);
  return state;
}

async function versionInWrite(reader: Reader, write: object | undefined): Promise<number> {
  const known = write && versionOfWrite.get(write);
  if (known !== undefined) return known;
  const version = await versionIn(reader);
  if (write) versionOfWrite.set(write, version);
  return version;
}

async function versionIn(reader: Reader): Promise<number> {
  const row = await reader.get<{ v: number } | undefined>(VERSION);
  if (!row) throw new Error("tenant database has no business profile; was it provisioned?");
  return Number(row.v);
}
