import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** The registry row of a salon (in platform.db). */
export const tenants = sqliteTable("tenants", {
  slug: text("slug").primaryKey(),
  name: text("name").notNull(),
  status: text("status", { enum: ["active", "disabled"] }).notNull(),
  dbUrl: text("db_url"),
  dbToken: text("db_token"),
  createdAt: integer("created_at").notNull(),
  /** Name of the last tenant migration applied (see migrations/platform/0002). */
  schemaVersion: text("schema_version"),
  /** A new random id whenever the salon's database is created, replaced or restored (issue 19). */
  incarnation: text("incarnation").notNull(),
  /** The sqld namespace zapis created for the salon (dropped with it), or null. */
  dbNamespace: text("db_namespace"),
});

export type TenantRow = typeof tenants.$inferSelect;
export type TenantStatus = TenantRow["status"];

/** Bumped by trigger on every change to `tenants`: what instances poll (migrations/platform/0003). */
export const registryGeneration = sqliteTable("registry_generation", {
  id: integer("id").primaryKey(),
  value: integer("value").notNull(),
});

/** Work that runs once per salon across instances (migrations/platform/0004). */
export const jobLeases = sqliteTable("job_leases", {
  name: text("name").primaryKey(),
  owner: text("owner"),
  expiresAt: integer("expires_at").notNull(),
  done: text("done"),
});

export const tenantWakes = sqliteTable("tenant_wakes", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull(),
  at: integer("at").notNull(),
});
