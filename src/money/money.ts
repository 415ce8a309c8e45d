import type { Locale } from "../i18n/i18n.ts";

const formatters = new Map<string, Intl.NumberFormat>();

/** 150000 kopecks, RUB, ru → "1 500 ₽". Whole units unless the amount has kopecks. */
export function formatMoney(minor: number, currency: string, locale: Locale): string {
  const fractional = minor % 100 !== 0;
  const key = `${locale}:${currency}:${fractional}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale === "kk" ? "kk-KZ" : locale, {
      style: "currency",
      currency,
      minimumFractionDigits: fractional ? 2 : 0,
      maximumFractionDigits: fractional ? 2 : 0,
    });
    formatters.set(key, formatter);
  }
  return formatter.format(minor / 100);
}
