import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { QuoteLineKind } from "../pricing/pricing.ts";

/** How a visit was priced, in the order applied (migrations/tenant/0065). */
export const bookingPriceLines = sqliteTable("booking_price_lines", {
  bookingId: integer("booking_id").notNull(),
  position: integer("position").notNull(),
  kind: text("kind").$type<QuoteLineKind>().notNull(),
  amountMinor: integer("amount_minor").notNull(),
});
