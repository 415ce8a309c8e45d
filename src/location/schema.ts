import { integer, primaryKey, sqliteTable } from "drizzle-orm/sqlite-core";

/** The branches a master works in (migrations/tenant/0050_location.sql). */
export const staffLocations = sqliteTable(
  "staff_locations",
  {
    staffId: integer("staff_id").notNull(),
    locationId: integer("location_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.locationId] })],
);

/** The branches a user is limited to; none = every branch. */
export const userLocations = sqliteTable(
  "user_locations",
  {
    userId: integer("user_id").notNull(),
    locationId: integer("location_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.locationId] })],
);
