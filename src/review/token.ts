import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The review link of a visit, `/<slug>/review/<booking>?t=<token>`: an HMAC of the booking id under
 * the salon's link_secret, so no table of issued links is needed and a forged one does not open.
 * A link works once: the second review of the same visit is refused (reviews_one_per_visit).
 */
export const reviewToken = (linkSecret: string, bookingId: number): string =>
  createHmac("sha256", linkSecret).update(`review:${bookingId}`).digest("base64url").slice(0, 24);

export function isReviewToken(linkSecret: string, bookingId: number, token: string): boolean {
  const expected = Buffer.from(reviewToken(linkSecret, bookingId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const reviewPath = (slug: string, bookingId: number, token: string) => `/${slug}/review/${bookingId}?t=${encodeURIComponent(token)}`;

/** The absolute review link of a completed visit (staff see it in the booking JSON); null for any other visit. */
export function reviewUrl(publicUrl: string, slug: string, linkSecret: string, booking: { id: number; status: string }): string | null {
  return booking.status === "completed" ? `${publicUrl}${reviewPath(slug, booking.id, reviewToken(linkSecret, booking.id))}` : null;
}
