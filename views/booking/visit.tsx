import type { Locale } from "../../src/i18n/i18n.ts";
import { t } from "../../src/i18n/i18n.ts";
import { formatMoney } from "../../src/money/money.ts";

export interface VisitService {
  id: number;
  title: string;
  durationMinutes: number;
  priceMinor: number;
  priceMaxMinor: number | null;
}

/** "от 4 500 ₽" for a price range, "2 500 ₽" otherwise. */
export function priceLabel(locale: Locale, currency: string, minor: number, maxMinor: number | null): string {
  const amount = formatMoney(minor, currency, locale);
  return maxMinor !== null && maxMinor > minor ? t(locale, "salon.price_from", { price: amount }) : amount;
}

/** The services of the visit being booked, each with its price and length, and the total for several. */
export function VisitSummary({ locale, currency, services }: { locale: Locale; currency: string; services: VisitService[] }) {
  const total = services.reduce((sum, s) => sum + s.priceMinor, 0);
  const ranged = services.some((s) => s.priceMaxMinor !== null && s.priceMaxMinor > s.priceMinor);
  const minutes = services.reduce((sum, s) => sum + s.durationMinutes, 0);
  return (
    <section class="card visit" aria-label={t(locale, "book.your_visit")}>
      <ul>
        {services.map((s) => (
          <li>
            <span>{s.title}</span>
            <span class="muted">{t(locale, "book.total", { price: priceLabel(locale, currency, s.priceMinor, s.priceMaxMinor), minutes: s.durationMinutes })}</span>
          </li>
        ))}
      </ul>
      {services.length > 1 && (
      <p class="total">
        {t(locale, "book.total", { price: ranged ? t(locale, "salon.price_from", { price: formatMoney(total, currency, locale) }) : formatMoney(total, currency, locale), minutes })}
      </p>
      )}
    </section>
  );
}
