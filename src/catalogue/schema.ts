import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const serviceCategories = sqliteTable("service_categories", {
  id: integer("id").primaryKey(),
  name: text("name").notNull(),
  sortOrder: integer("sort_order").notNull().default(0),
});

export const services = sqliteTable("services", {
  id: integer("id").primaryKey(),
  categoryId: integer("category_id"),
  title: text("title").notNull(),
  description: text("description"),
  durationMinutes: integer("duration_minutes").notNull(),
  priceMinor: integer("price_minor").notNull().default(0),
  priceMaxMinor: integer("price_max_minor"),
  bufferBeforeMinutes: integer("buffer_before_minutes").notNull().default(0),
  bufferAfterMinutes: integer("buffer_after_minutes").notNull().default(0),
  capacity: integer("capacity").notNull().default(1),
  bookableOnline: integer("bookable_online", { mode: "boolean" }).notNull().default(true),
  /** false: it needs only its rooms/equipment, no master. */
  staffRequired: integer("staff_required", { mode: "boolean" }).notNull().default(true),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  sortOrder: integer("sort_order").notNull().default(0),
  color: text("color"),
  createdAt: integer("created_at").notNull(),
  // issue 13: the service's own prepayment over the salon's (null: the salon's)
  prepaymentMode: text("prepayment_mode", { enum: ["none", "percent", "fixed", "full"] }),
  prepaymentValue: integer("prepayment_value").notNull().default(0),
});

export const RESOURCE_KINDS = ["staff", "room", "equipment", "other"] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** Masters (kind "staff") and rooms/equipment: everything a booking can occupy. */
export const resources = sqliteTable("resources", {
  id: integer("id").primaryKey(),
  kind: text("kind", { enum: RESOURCE_KINDS }).notNull(),
  name: text("name").notNull(),
  phone: text("phone"),
  position: text("position"),
  photo: text("photo"),
  bio: text("bio"),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  sortOrder: integer("sort_order").notNull().default(0),
  createdAt: integer("created_at").notNull(),
  /** The branch a room or equipment stands in (null on masters: see staff_locations). */
  locationId: integer("location_id"),
});

export const staffServices = sqliteTable(
  "staff_services",
  {
    staffId: integer("staff_id").notNull(),
    serviceId: integer("service_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.serviceId] })],
);

export const serviceRequirements = sqliteTable("service_requirements", {
  id: integer("id").primaryKey(),
  serviceId: integer("service_id").notNull(),
});

export const requirementResources = sqliteTable(
  "requirement_resources",
  {
    requirementId: integer("requirement_id").notNull(),
    resourceId: integer("resource_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.requirementId, t.resourceId] })],
);
