import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const business = sqliteTable("business", {
  id: integer("id").primaryKey(),
  name: text("name").notNull(),
  phone: text("phone"),
  email: text("email"),
  locale: text("locale", { enum: ["ru", "en", "kk"] }).notNull(),
  currency: text("currency").notNull(),
  country: text("country").notNull(),
  slotStepMinutes: integer("slot_step_minutes").notNull(),
  minNoticeMinutes: integer("min_notice_minutes").notNull(),
  horizonDays: integer("horizon_days").notNull(),
  holdMinutes: integer("hold_minutes").notNull(),
  cancelWindowMinutes: integer("cancel_window_minutes").notNull(),
  autoConfirm: integer("auto_confirm", { mode: "boolean" }).notNull(),
  reminderOffsetsMinutes: text("reminder_offsets_minutes", { mode: "json" }).$type<number[]>().notNull(),
  consentText: text("consent_text"),
  accentColor: text("accent_color"),
  dataVersion: integer("data_version").notNull(),
  /** The share of data_version that bookings and holds gave it (migrations/tenant/0100). */
  occupancyVersion: integer("occupancy_version").notNull().default(0),
  // issue 15
  reviewRequestDelayMinutes: integer("review_request_delay_minutes").notNull().default(120),
  createdAt: integer("created_at").notNull(),
});

export const locations = sqliteTable("locations", {
  id: integer("id").primaryKey(),
  name: text("name").notNull(),
  address: text("address"),
  timezone: text("timezone").notNull(),
  isPrimary: integer("is_primary", { mode: "boolean" }).notNull(),
  // issue 17: branches
  phone: text("phone"),
  mapUrl: text("map_url"),
  sortOrder: integer("sort_order").notNull().default(0),
  createdAt: integer("created_at").notNull().default(0),
});

/** The public page's texts, languages and logo (migrations/tenant/0013_salon_page.sql). */
export const salonPage = sqliteTable("salon_page", {
  id: integer("id").primaryKey(),
  intro: text("intro"),
  languages: text("languages", { mode: "json" }).$type<string[]>().notNull(),
  logoFile: text("logo_file"),
  logoType: text("logo_type"),
  updatedAt: integer("updated_at").notNull(),
});
