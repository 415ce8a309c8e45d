import { asc, inArray } from "drizzle-orm";
import type { Reader } from "../db/database.ts";
import { t, type Locale } from "../i18n/i18n.ts";
import { formatMoney } from "../money/money.ts";
import { packageOfVisit, type PackageOfVisit } from "../package/package.ts";
import type { QuoteLine } from "../pricing/pricing.ts";
import { walletBalance } from "../wallet/wallet.ts";
import { bookingPriceLines } from "./schema.ts";
import { preparedForOne } from "../db/prepared.ts";

/** The price lines of several bookings, in the order the pricing function applied them. */
export async function priceLinesOf(reader: Reader, bookingIds: number[]): Promise<Map<number, QuoteLine[]>> {
  if (bookingIds.length === 0) return new Map();
  const rows = await linesOf(reader, bookingIds);
  const out = new Map<number, QuoteLine[]>();
  for (const r of rows) out.set(r.bookingId, [...(out.get(r.bookingId) ?? []), { kind: r.kind, amountMinor: r.amountMinor }]);
  return out;
}

const linesOf = preparedForOne((reader, ids) =>
  reader.select().from(bookingPriceLines).where(inArray(bookingPriceLines.bookingId, [...ids])).orderBy(asc(bookingPriceLines.bookingId), asc(bookingPriceLines.position)),
);

/** What the lines add up to: the discount (package, personal, promo) and what certificate and wallet already paid. */
export function linesTotals(priceMinor: number, lines: readonly QuoteLine[]): { discountMinor: number; totalMinor: number; prepaidMinor: number; dueMinor: number } {
  const sum = (kinds: readonly QuoteLine["kind"][]) => lines.filter((l) => kinds.includes(l.kind)).reduce((s, l) => s + l.amountMinor, 0);
  const discountMinor = sum(["package", "personal", "promo"]);
  const prepaidMinor = sum(["certificate", "wallet"]);
  return { discountMinor, totalMinor: priceMinor - discountMinor, prepaidMinor, dueMinor: priceMinor - discountMinor - prepaidMinor };
}

/** What one line says: its step, and for a package how many visits it has left ("1 of 5 visits left"). */
export function lineLabel(locale: Locale, line: QuoteLine, pkg: PackageOfVisit | null | undefined): string {
  if (line.kind === "package" && pkg) return t(locale, "price.line.package_left", { title: pkg.title, left: pkg.visitsLeft, total: pkg.visitsTotal });
  return t(locale, `price.line.${line.kind}`);
}

/**
 * A visit's price lines as one line of text for messages ("Стоимость: 4 000 ₽; Промокод: −500 ₽; К
 * оплате: 3 500 ₽"); empty when nothing was taken off, so the template line disappears.
 */
export async function priceSummary(reader: Reader, booking: { id: number; priceMinor: number; currency: string }, locale: Locale): Promise<string> {
  const lines = (await priceLinesOf(reader, [booking.id])).get(booking.id) ?? [];
  if (lines.length === 0) return "";
  const pkg = await packageOfVisit(reader, booking.id);
  const money = (minor: number) => formatMoney(minor, booking.currency, locale);
  return [
    `${t(locale, "my.price")}: ${money(booking.priceMinor)}`,
    ...lines.map((l) => `${lineLabel(locale, l, pkg)}: −${money(l.amountMinor)}`),
    `${t(locale, "price.due")}: ${money(linesTotals(booking.priceMinor, lines).dueMinor)}`,
  ].join("; ");
}

/**
 * What the client's wallet holds, shown on the page of a visit the wallet paid (the salon booked it
 * for this client, so the page's reader is the wallet's owner); null for every other visit.
 */
export async function walletLeftAfter(reader: Reader, booking: { clientId: number | null; priceLines: readonly QuoteLine[] }): Promise<number | null> {
  if (booking.clientId === null || !booking.priceLines.some((l) => l.kind === "wallet")) return null;
  return walletBalance(reader, booking.clientId);
}
