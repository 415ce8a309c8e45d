import type { PackageOfVisit } from "../../src/package/package.ts";
import { lineLabel, linesTotals } from "../../src/balance/lines.ts";
import { t, type Locale } from "../../src/i18n/i18n.ts";
import { formatMoney } from "../../src/money/money.ts";
import type { QuoteLine } from "../../src/pricing/pricing.ts";

export interface PriceLinesProps {
  locale: Locale;
  currency: string;
  priceMinor: number;
  lines: readonly QuoteLine[];
  /** The package the visit used, with what it has left: "1 of 5 visits left". */
  pkg?: PackageOfVisit | null;
}

/**
 * A visit's price line by line (dt/dd pairs for a facts list): the list price, what each step took
 * off in the order the pricing function applied it, the total and what is still to pay. Nothing
 * but the price when nothing was taken off.
 */
export function PriceLines(p: PriceLinesProps) {
  const money = (minor: number) => formatMoney(minor, p.currency, p.locale);
  const totals = linesTotals(p.priceMinor, p.lines);
  return (
    <>
      <dt>{t(p.locale, "my.price")}</dt>
      <dd>{money(p.priceMinor)}</dd>
      {p.lines.map((line) => (
        <>
          <dt class="price-line">{lineLabel(p.locale, line, p.pkg)}</dt>
          <dd class="price-line">−{money(line.amountMinor)}</dd>
        </>
      ))}
      {p.lines.length > 0 && (
        <>
          <dt>{t(p.locale, "price.due")}</dt>
          <dd>
            <strong>{money(totals.dueMinor)}</strong>
          </dd>
        </>
      )}
    </>
  );
}
