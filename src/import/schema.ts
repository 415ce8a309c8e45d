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

// issue 18: the scheduled sync (migrations/tenant/0071); the tokens are write-only
export const yclientsSync = sqliteTable("yclients_sync", {
  id: integer("id").primaryKey(),
  companyId: text("company_id").notNull(),
  baseUrl: text("base_url").notNull(),
  partnerToken: text("partner_token").notNull(),
  userToken: text("user_token").notNull(),
  intervalMinutes: integer("interval_minutes").notNull().default(30),
  cursorAt: integer("cursor_at"),
  lastRunAt: integer("last_run_at"),
  lastResult: text("last_result"),
  createdAt: integer("created_at").notNull(),
});

// issue 18: "book in YClients" per service (migrations/tenant/0072)
export const yclientsHybrid = sqliteTable("yclients_hybrid", {
  id: integer("id").primaryKey(),
  formId: text("form_id").notNull(),
  companyId: text("company_id").notNull(),
  updatedAt: integer("updated_at").notNull(),
});
export const yclientsHybridServices = sqliteTable("yclients_hybrid_services", {
  serviceId: integer("service_id").primaryKey(),
});
