import { asc, count, eq } from "drizzle-orm";
import { join } from "node:path";
import { mkdirSync } from "node:fs";
import { platformMigrations } from "../../migrations/index.ts";
import { openDatabase, type Database } from "../db/database.ts";
import { migrate } from "../db/migrate.ts";
import { tenants, type TenantRow, type TenantStatus } from "./schema.ts";
import { PRIVATE_DIR } from "../fs/private.ts";

/** The platform registry (tenants/platform.db): which salons exist, where their data is, and their status. */
export class Registry {
  private constructor(readonly db: Database) {}

  static async open(dataDir: string, now: number): Promise<Registry> {
    mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR });
    const db = await openDatabase({ url: `file:${join(dataDir, "platform.db")}` });
    await migrate(db.client, platformMigrations, now);
    return new Registry(db);
  }

  async get(slug: string): Promise<TenantRow | null> {
    const rows = await this.db.orm.select().from(tenants).where(eq(tenants.slug, slug));
    return rows[0] ?? null;
  }

  list(): Promise<TenantRow[]> {
    return this.db.orm.select().from(tenants).orderBy(asc(tenants.slug));
  }

  async count(): Promise<number> {
    const [row] = await this.db.orm.select({ n: count() }).from(tenants);
    return row?.n ?? 0;
  }

  async insert(row: TenantRow): Promise<void> {
    await this.db.write((tx) => tx.insert(tenants).values(row));
  }

  async setStatus(slug: string, status: TenantStatus): Promise<boolean> {
    const done = await this.db.write((tx) =>
      tx.update(tenants).set({ status }).where(eq(tenants.slug, slug)).returning({ slug: tenants.slug }),
    );
    return done.length > 0;
  }

  async setSchemaVersion(slug: string, schemaVersion: string): Promise<void> {
    await this.db.write((tx) => tx.update(tenants).set({ schemaVersion }).where(eq(tenants.slug, slug)));
  }

  close(): void {
    this.db.close();
  }
}
