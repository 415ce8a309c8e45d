import { asc, count, eq, gt, lt, max } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { mkdirSync } from "node:fs";
import { platformMigrations } from "../../migrations/index.ts";
import { openDatabase, type Database } from "../db/database.ts";
import { migrate, MigrationError } from "../db/migrate.ts";
import { registryGeneration, tenants, tenantWakes, type TenantRow, type TenantStatus } from "./schema.ts";
import { PRIVATE_DIR } from "../fs/private.ts";
import type { TenantPlacement } from "./placement.ts";

export interface RegistryOptions {
  dataDir: string;
  /** A libSQL server holding the registry (ZAPIS_REGISTRY_URL); `<data>/platform.db` otherwise. */
  url?: string | null | undefined;
  authToken?: string | null | undefined;
  /** Where new salons' databases go when no URL is given for one (ZAPIS_TENANT_DB_URL). */
  placement?: TenantPlacement | null | undefined;
}

// Instances started together on an empty shared registry race to create its tables: the loser's
// migration fails on a table the winner just made, and is simply run again (it then finds nothing
// left to apply).
const MIGRATE_ATTEMPTS = 3;
const WAKE_PRUNE_EVERY = 100;

/** A row as inserted: the registry gives it its incarnation. */
export type NewTenantRow = Omit<TenantRow, "incarnation" | "dbNamespace"> & { dbNamespace?: string | null };

/**
 * The platform registry: which salons exist, where their data is, their status and incarnation.
 * A file per data folder by default; on a libSQL server, shared by every instance on every host.
 */
export class Registry {
  private constructor(
    readonly db: Database,
    readonly placement: TenantPlacement | null,
  ) {}

  static async open(options: RegistryOptions | string, now: number): Promise<Registry> {
    const o: RegistryOptions = typeof options === "string" ? { dataDir: options } : options;
    let url = o.url ?? null;
    if (!url) {
      mkdirSync(o.dataDir, { recursive: true, mode: PRIVATE_DIR });
      url = `file:${join(o.dataDir, "platform.db")}`;
    }
    const db = await openDatabase({ url, authToken: o.authToken ?? undefined });
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await migrate(db.client, platformMigrations, now);
          break;
        } catch (e) {
          if (!(e instanceof MigrationError) || attempt >= MIGRATE_ATTEMPTS) throw e;
        }
      }
    } catch (e) {
      db.close();
      throw e;
    }
    return new Registry(db, o.placement ?? null);
  }

  /** True when the registry lives on a libSQL server (shared by instances on several hosts). */
  get remote(): boolean {
    return !this.db.url.startsWith("file:");
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

  /** Moves with every change to any salon's row (by trigger): one cheap read tells "nothing changed". */
  async generation(): Promise<number> {
    const [row] = await this.db.orm.select({ value: registryGeneration.value }).from(registryGeneration);
    return row?.value ?? 0;
  }

  async insert(row: NewTenantRow): Promise<TenantRow> {
    const full: TenantRow = { dbNamespace: null, ...row, incarnation: randomUUID() };
    await this.db.write((tx) => tx.insert(tenants).values(full));
    return full;
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

  /** After the salon's data was replaced in place (a restore): every instance drops what it holds of the old. */
  async renewIncarnation(slug: string): Promise<void> {
    await this.db.write((tx) => tx.update(tenants).set({ incarnation: randomUUID() }).where(eq(tenants.slug, slug)));
  }

  /**
   * Tells every instance's notification sender that `slug` has new work (migrations/platform/0004).
   * Announcements older than an hour are pruned now and then: a sender only reads the new ones.
   */
  async wake(slug: string, now: number): Promise<void> {
    const [row] = await this.db.write((tx) => tx.insert(tenantWakes).values({ slug, at: now }).returning({ id: tenantWakes.id }));
    if (row && row.id % WAKE_PRUNE_EVERY === 0) await this.db.write((tx) => tx.delete(tenantWakes).where(lt(tenantWakes.at, now - 3_600_000)));
  }

  /** Salons announced after `afterId`, and the id to ask after next time (the latest, for null). */
  async wakesSince(afterId: number | null): Promise<{ last: number; slugs: Set<string> }> {
    if (afterId === null) {
      const [row] = await this.db.orm.select({ last: max(tenantWakes.id) }).from(tenantWakes);
      return { last: row?.last ?? 0, slugs: new Set() };
    }
    const rows = await this.db.orm.select().from(tenantWakes).where(gt(tenantWakes.id, afterId)).orderBy(asc(tenantWakes.id));
    return { last: rows.at(-1)?.id ?? afterId, slugs: new Set(rows.map((r) => r.slug)) };
  }

  async remove(slug: string): Promise<void> {
    await this.db.write((tx) => tx.delete(tenants).where(eq(tenants.slug, slug)));
  }

  close(): void {
    this.db.close();
  }
}
