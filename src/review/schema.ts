import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const REVIEW_STATUSES = ["pending", "published", "hidden"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/**
 * What clients said about a visit or a master: left here through the link after a visit ("web",
 * one per visit, pending until the owner publishes it) or imported from YClients ("import").
 */
export const reviews = sqliteTable("reviews", {
  id: integer("id").primaryKey(),
  staffId: integer("staff_id"),
  bookingId: integer("booking_id"),
  authorName: text("author_name"),
  rating: integer("rating").notNull(),
  text: text("text").notNull().default(""),
  createdAt: integer("created_at").notNull(),
  status: text("status", { enum: REVIEW_STATUSES }).notNull().default("published"),
  source: text("source", { enum: ["web", "import"] }).notNull().default("import"),
  reply: text("reply"),
  repliedAt: integer("replied_at"),
});
