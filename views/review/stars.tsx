import { t, type Locale } from "../../src/i18n/i18n.ts";
import type { Rating } from "../../src/review/ratings.ts";

/** "★★★★☆", read out as "4 of 5". */
export function Stars({ rating, locale }: { rating: number; locale: Locale }) {
  return (
    <span class="rating" role="img" aria-label={t(locale, "review.page.star", { n: rating })}>
      {"★".repeat(rating) + "☆".repeat(5 - rating)}
    </span>
  );
}

/** "4.8 ★ · 12 reviews", or nothing without reviews. */
export function RatingLine({ rating, locale }: { rating: Rating; locale: Locale }) {
  if (rating.average === null) return null;
  return <span class="rating">{t(locale, "review.rating", { average: rating.average.toFixed(1), count: rating.count })}</span>;
}
