import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Weekly hours; resourceId null = the location's own opening hours. Minutes from local midnight. */
export const schedules = sqliteTable("schedules", {
  id: integer("id").primaryKey(),
  locationId: integer("location_id").notNull(),
  resourceId: integer("resource_id"),
  weekday: integer("weekday").notNull(),
  startMinutes: integer("start_minutes").notNull(),
  endMinutes: integer("end_minutes").notNull(),
  validFrom: text("valid_from"),
  validTo: text("valid_to"),
});

export const EXCEPTION_TYPES = ["closed", "open_custom"] as const;

export const exceptions = sqliteTable("exceptions", {
  id: integer("id").primaryKey(),
  locationId: integer("location_id").notNull(),
  resourceId: integer("resource_id"),
  date: text("date").notNull(),
  type: text("type", { enum: EXCEPTION_TYPES }).notNull(),
  startMinutes: integer("start_minutes"),
  endMinutes: integer("end_minutes"),
  note: text("note"),
});

export const timeOff = sqliteTable("time_off", {
  id: integer("id").primaryKey(),
  resourceId: integer("resource_id").notNull(),
  startTs: integer("start_ts").notNull(),
  endTs: integer("end_ts").notNull(),
  reason: text("reason"),
});
