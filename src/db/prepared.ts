import { sql, type Placeholder } from "drizzle-orm";
import type { Reader } from "./database.ts";

/**
 * A drizzle query built once per reader, then run as often as needed. Drizzle builds a query's SQL
 * anew on every call — 20–80 µs a statement, measured (issue 20) — which on the booking write path
 * cost more than SQLite running the statements. What varies goes in as `sql.placeholder(name)`
 * and is given to `.all/.get/.run/.execute({ name: value })`; the local client then also reuses
 * the SQLite statement prepared for that SQL text.
 *
 * Readers are long-lived (a database's `orm`, and the `tx` all of its write transactions share:
 * src/db/database.ts), so the cache is per reader and dies with its database. Columns with a
 * JS-side default ($defaultFn) would be computed once here: prepare only inserts whose every value
 * is given. A placeholder's value always goes through its column's encoder, null too: a json- or
 * boolean-mode column would store "null" or 0 where a plain insert stores NULL, so bind such
 * columns only to values that are never null.
 */
export function prepared<P>(build: (reader: Reader) => { prepare(): P }): (reader: Reader) => P {
  const built = new WeakMap<Reader, P>();
  return (reader) => {
    let query = built.get(reader);
    if (query === undefined) {
      query = build(reader).prepare();
      built.set(reader, query);
    }
    return query;
  };
}

/**
 * `{ name: sql.placeholder("name"), … }`: a prepared insert's or update's values, given at run time
 * under the columns' own names (`insertX(tx).run(row)` with the row a plain insert would take).
 */
export function placeholders<const K extends string>(...names: K[]): Record<K, Placeholder<K>> {
  return Object.fromEntries(names.map((name) => [name, sql.placeholder(name)])) as Record<K, Placeholder<K>>;
}

/** Ids as a query over a list takes them: the values, or one placeholder ("id") for the prepared case. */
export type Ids = ReadonlyArray<number | Placeholder<"id">>;

/**
 * A query over a list of ids, prepared for the common case of ONE id (a booking's page, the
 * booking a write just made) and built per call for other lengths (lists), from the same builder.
 */
export function preparedForOne<R>(
  build: (reader: Reader, ids: Ids) => PromiseLike<R> & { prepare(): { all(values: { id: number }): Promise<R> } },
): (reader: Reader, ids: readonly number[]) => Promise<R> {
  const one = prepared((reader) => build(reader, [sql.placeholder("id")]));
  return async (reader, ids) => (ids.length === 1 ? one(reader).all({ id: ids[0]! }) : build(reader, ids));
}

/**
 * The row id a prepared insert just made, from what its `.run()` answers (SQLite's last insert
 * rowid). Inserts the booking write path runs for every booking use this instead of
 * `INSERT … RETURNING id`: bun:sqlite takes 2–3× as long over a RETURNING (a booking row: 16–30 µs
 * against 5–8 µs for the same insert run plainly, measured; issue 20).
 */
export function insertedId(result: { lastInsertRowid?: bigint | number | undefined }): number {
  if (result.lastInsertRowid === undefined) throw new Error("the insert reported no row id");
  return Number(result.lastInsertRowid);
}
