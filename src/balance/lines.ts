import { asc, inArray } from "drizzle-orm";
import type { Reader } from "../db/database.ts";
import type { QuoteLine } from "../pricing/pricing.ts";
import { bookingPriceLines } from "./schema.ts";

/** The price lines of several bookings, in the order the pricing function applied them. */
export async function priceLinesOf(reader: Reader, bookingIds: number[]): Promise<Map<number, QuoteLine[]>> {
  if (bookingIds.length === 0) return new Map();
  const rows = await reader.select().from(bookingPriceLines).where(inArray(bookingPriceLines.bookingId, bookingIds)).orderBy(asc(bookingPriceLines.bookingId), asc(bookingPriceLines.position));
  const out = new Map<number, QuoteLine[]>();
  for (const r of rows) out.set(r.bookingId, [...(out.get(r.bookingId) ?? []), { kind: r.kind, amountMinor: r.amountMinor }]);
  return out;
}

/** What the lines add up to: the discount (package, personal, promo) and what certificate and wallet already paid. */
export function linesTotals(priceMinor: number, lines: readonly QuoteLine[]): { discountMinor: number; totalMinor: number; prepaidMinor: number; dueMinor: number } {
  const sum = (kinds: readonly QuoteLine["kind"][]) => lines.filter((l) => kinds.includes(l.kind)).reduce((s, l) => s + l.amountMinor, 0);
  const discountMinor = sum(["package", "personal", "promo"]);
  const prepaidMinor = sum(["certificate", "wallet"]);
  return { discountMinor, totalMinor: priceMinor - discountMinor, prepaidMinor, dueMinor: priceMinor - discountMinor - prepaidMinor };
}
