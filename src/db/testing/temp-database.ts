import { afterEach } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Database } from "../database.ts";

/** Fresh database files for the tests of one file, closed and removed after each test. */
export function tempDatabases(prefix: string): () => Promise<Database> {
  const dirs: string[] = [];
  const dbs: Database[] = [];
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    const db = await openDatabase({ url: `file:${join(dir, "t.db")}` });
    dbs.push(db);
    return db;
  };
}
