import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const IMPORT_SOURCES = ["yclients"] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

/** External record → local row, per source and entity (see migrations/tenant/0010_import.sql). */
export const importLinks = sqliteTable(
  "import_links",
  {
    source: text("source", { enum: IMPORT_SOURCES }).notNull(),
    entity: text("entity").notNull(),
    externalId: text("external_id").notNull(),
    localId: integer("local_id").notNull(),
    fingerprint: text("fingerprint").notNull(),
    groupKey: text("group_key"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.source, t.entity, t.externalId] })],
);

/** The token-protected webhook a source posts live changes to (one per source). */
export const importWebhooks = sqliteTable("import_webhooks", {
  source: text("source", { enum: IMPORT_SOURCES }).primaryKey(),
  externalId: text("external_id").notNull(),
  tokenHash: text("token_hash").notNull(),
  reminders: integer("reminders", { mode: "boolean" }).notNull().default(true),
  createdAt: integer("created_at").notNull(),
  lastUsedAt: integer("last_used_at"),
});
