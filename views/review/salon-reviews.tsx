import { raw } from "hono/html";
import { t, type Locale } from "../../src/i18n/i18n.ts";
import type { Rating, ReviewListItem } from "../../src/review/ratings.ts";
import { RatingLine, Stars } from "./stars.tsx";

/** What the salon page shows of its reviews (published ones only). */
export interface SalonReviews {
  rating: Rating;
  latest: ReviewListItem[];
  masters: Array<{ name: string; rating: Rating }>;
}

/**
 * schema.org AggregateRating of the salon, for search engines. JSON inside a script element: "<"
 * is escaped so a salon name can never close the element.
 */
function aggregateRatingJsonLd(name: string, url: string, rating: Rating): string {
  const data = {
    "@context": "https://schema.org",
    "@type": "LocalBusiness",
    name,
    url,
    aggregateRating: { "@type": "AggregateRating", ratingValue: rating.average, reviewCount: rating.count, bestRating: 5, worstRating: 1 },
  };
  return JSON.stringify(data).replace(/</g, "\\u003c");
}

/** The salon's average under its name, and its JSON-LD. */
export function SalonRating({ reviews, locale, name, url }: { reviews: SalonReviews; locale: Locale; name: string; url: string }) {
  if (reviews.rating.average === null) return null;
  return (
    <p>
      <a href="#reviews">
        <RatingLine rating={reviews.rating} locale={locale} />
      </a>
      <script type="application/ld+json">{raw(aggregateRatingJsonLd(name, url, reviews.rating))}</script>
    </p>
  );
}

/** The latest published reviews with the salon's answers, and each master's average. */
export function SalonReviewList({ reviews, locale }: { reviews: SalonReviews; locale: Locale }) {
  if (reviews.latest.length === 0) return null;
  return (
    <section id="reviews">
      <h2>{t(locale, "review.section")}</h2>
      {reviews.masters.length > 0 && (
        <ul class="plain">
          {reviews.masters.map((m) => (
            <li>
              {m.name} · <RatingLine rating={m.rating} locale={locale} />
            </li>
          ))}
        </ul>
      )}
      <ul class="review-list">
        {reviews.latest.map((r) => (
          <li class="card">
            <Stars rating={r.rating} locale={locale} /> <span class="muted small">{[r.authorName, r.staffName].filter(Boolean).join(" · ")}</span>
            {r.text && <blockquote>{r.text}</blockquote>}
            {r.reply && (
              <div class="review-reply">
                <div class="muted small">{t(locale, "review.reply")}</div>
                {r.reply}
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
