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
});

export type TenantRow = typeof tenants.$inferSelect;
export type TenantStatus = TenantRow["status"];
