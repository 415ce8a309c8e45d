/** Published reviews and their averages: the salon page, the master picker, staff and salon JSON. */
import { t } from "../http/schema-builder.ts";
import { and, count, desc, eq, isNotNull, sql, type SQL } from "drizzle-orm";
import { resources } from "../catalogue/schema.ts";
import type { Reader } from "../db/database.ts";
import { reviews, type ReviewStatus } from "./schema.ts";

export interface Rating {
  /** Mean of the stars, to one decimal; null with no reviews. */
  average: number | null;
  count: number;
}

const NONE: Rating = { average: null, count: 0 };
const published = eq(reviews.status, "published");
const toRating = (avg: number | null, n: number): Rating => ({ average: avg === null ? null : Math.round(avg * 10) / 10, count: n });

/** The salon's rating over every published review (imported ones too). */
export async function salonRating(db: Reader): Promise<Rating> {
  const [row] = await db.select({ avg: sql<number | null>`avg(${reviews.rating})`, n: count() }).from(reviews).where(published);
  return row ? toRating(row.avg, row.n) : NONE;
}

/** Each master's rating; a master without published reviews is absent (read it as NONE). */
export async function staffRatings(db: Reader): Promise<Map<number, Rating>> {
  const rows = await db
    .select({ staffId: reviews.staffId, avg: sql<number | null>`avg(${reviews.rating})`, n: count() })
    .from(reviews)
    .where(and(published, isNotNull(reviews.staffId)))
    .groupBy(reviews.staffId);
  return new Map(rows.map((r) => [r.staffId!, toRating(r.avg, r.n)]));
}

export const ratingFrom = (ratings: Map<number, Rating>, staffId: number): Rating => ratings.get(staffId) ?? NONE;

export interface ReviewListItem {
  id: number;
  rating: number;
  text: string;
  authorName: string | null;
  staffId: number | null;
  staffName: string | null;
  bookingId: number | null;
  status: ReviewStatus;
  source: "web" | "import";
  reply: string | null;
  createdAt: number;
}

/** Reviews newest first: published ones for everyone, or any status for the admin. */
export async function listReviews(
  db: Reader,
  filter: { status?: ReviewStatus; staffId?: number },
  page: { limit: number; offset: number },
): Promise<{ data: ReviewListItem[]; total: number }> {
  const where: SQL[] = [];
  if (filter.status) where.push(eq(reviews.status, filter.status));
  if (filter.staffId !== undefined) where.push(eq(reviews.staffId, filter.staffId));
  const condition = where.length > 0 ? and(...where) : undefined;
  const [data, [total]] = await Promise.all([
    db
      .select({
        id: reviews.id,
        rating: reviews.rating,
        text: reviews.text,
        authorName: reviews.authorName,
        staffId: reviews.staffId,
        staffName: resources.name,
        bookingId: reviews.bookingId,
        status: reviews.status,
        source: reviews.source,
        reply: reviews.reply,
        createdAt: reviews.createdAt,
      })
      .from(reviews)
      .leftJoin(resources, eq(resources.id, reviews.staffId))
      .where(condition)
      .orderBy(desc(reviews.createdAt), desc(reviews.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(reviews).where(condition),
  ]);
  return { data, total: total?.n ?? 0 };
}

const LATEST = 5;

/** The salon page's reviews block: the salon's rating, the latest published reviews, each rated master. */
export async function salonReviews(db: Reader, masters: Array<{ id: number; name: string }>) {
  const [rating, latest, byStaff] = await Promise.all([salonRating(db), listReviews(db, { status: "published" }, { limit: LATEST, offset: 0 }), staffRatings(db)]);
  return {
    rating,
    latest: latest.data,
    masters: masters.filter((m) => byStaff.has(m.id)).map((m) => ({ name: m.name, rating: byStaff.get(m.id)! })),
  };
}

/** One master's rating. */
export async function ratingOf(db: Reader, staffId: number): Promise<Rating> {
  const [row] = await db.select({ avg: sql<number | null>`avg(${reviews.rating})`, n: count() }).from(reviews).where(and(published, eq(reviews.staffId, staffId)));
  return row ? toRating(row.avg, row.n) : NONE;
}

/** The documented shape of a rating (issue 18): no reviews yet is an average of null. */
export const ratingSchema = t.Object({ average: t.Union([t.Number(), t.Null()]), count: t.Integer() });
