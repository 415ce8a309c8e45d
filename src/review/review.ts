/**
 * Reviews: a client rates a completed visit once through its link, the owner is told by e-mail,
 * and owners or managers publish, hide or answer it. Only published reviews are public and count
 * in the ratings (ratings.ts); imported YClients reviews arrive published.
 */
import { and, eq } from "drizzle-orm";
import type { Actor } from "../account/permissions.ts";
import { users } from "../account/schema.ts";
import { bookingServices, bookings } from "../booking/schema.ts";
import { business } from "../business/schema.ts";
import { recordPublicChange } from "../business/data-version.ts";
import { clients } from "../client/schema.ts";
import type { Database, Tx } from "../db/database.ts";
import { AppError, notFound } from "../error/app-error.ts";
import { Problems } from "../error/problems.ts";
import { t } from "../i18n/i18n.ts";
import { enqueueDirect } from "../notification/outbox.ts";
import { readSettings } from "../notification/settings.ts";
import { singleLine } from "../text/single-line.ts";
import type { Clock } from "../time/clock.ts";
import { emitWebhookEvent } from "../webhook/events.ts";
import { reviews, type ReviewStatus } from "./schema.ts";
import { isReviewToken } from "./token.ts";

export interface ReviewDeps {
  db: Database;
  clock: Clock;
  /** The admin page of reviews, absolute: the owner's e-mail links it. */
  adminUrl: string;
}

export interface ReviewInput {
  bookingId: number;
  token: string;
  rating: number;
  text: string;
}

export type ReviewRow = typeof reviews.$inferSelect;

export const MAX_TEXT = 2_000;

function checkRating(p: Problems, rating: number, text: string): void {
  p.check(Number.isInteger(rating) && rating >= 1 && rating <= 5, "rating", "review.rating_invalid");
  p.check(text.length <= MAX_TEXT, "text", "review.text_too_long", { max: MAX_TEXT });
}

/** The visit a review link opens, when the link is genuine; a forged one reads as a wrong link, whatever the booking. */
export async function reviewableVisit(db: Database, bookingId: number, token: string) {
  const settings = await readSettings(db.orm);
  if (!Number.isSafeInteger(bookingId) || !isReviewToken(settings.linkSecret, bookingId, token)) {
    throw new AppError("FORBIDDEN", [{ key: "review.link_invalid" }]);
  }
  const [visit] = await db.orm
    .select({ id: bookings.id, status: bookings.status, clientId: bookings.clientId, contactName: bookings.contactName, clientName: clients.name })
    .from(bookings)
    .leftJoin(clients, eq(clients.id, bookings.clientId))
    .where(eq(bookings.id, bookingId));
  if (!visit) throw new AppError("FORBIDDEN", [{ key: "review.link_invalid" }]);
  const [existing] = await db.orm.select({ id: reviews.id }).from(reviews).where(and(eq(reviews.bookingId, bookingId), eq(reviews.source, "web")));
  return { ...visit, reviewed: existing !== undefined };
}

/** The client's review of a completed visit: once per visit, pending until the owner publishes it. */
export async function submitReview(deps: ReviewDeps, input: ReviewInput): Promise<ReviewRow> {
  // several lines are fine; control characters are not (the text lands in an e-mail)
  const text = input.text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "").trim();
  // the link first: a forged one learns nothing else, not even what a valid review looks like
  const visit = await reviewableVisit(deps.db, input.bookingId, input.token);
  const p = new Problems();
  checkRating(p, input.rating, text);
  p.throwIfAny();
  // the link goes out after a completed visit only; a cancelled or future visit has nothing to rate
  if (visit.status !== "completed") throw new AppError("VISIT_NOT_COMPLETED", [{ key: "review.not_completed" }]);
  const now = deps.clock.now();
  return deps.db.write(async (tx) => {
    const [already] = await tx.select({ id: reviews.id }).from(reviews).where(and(eq(reviews.bookingId, visit.id), eq(reviews.source, "web")));
    if (already) throw new AppError("ALREADY_EXISTS", [{ key: "review.already" }]);
    const masters = await tx.selectDistinct({ staffId: bookingServices.staffId }).from(bookingServices).where(eq(bookingServices.bookingId, visit.id));
    // the rating of a visit with one master is that master's; a shared visit rates the salon only
    const staffId = masters.length === 1 ? (masters[0]!.staffId ?? null) : null;
    const name = singleLine(visit.contactName ?? visit.clientName ?? "").split(" ")[0] || null;
    const [row] = await tx
      .insert(reviews)
      .values({ bookingId: visit.id, staffId, authorName: name, rating: input.rating, text, createdAt: now, status: "pending", source: "web" })
      .returning();
    await tellOwners(tx, deps, row!, now);
    // issue 18: the salon's systems hear of it as the owner does, in the same transaction
    const r = row!;
    await emitWebhookEvent(tx, "review.created", () => ({ id: r.id, booking_id: r.bookingId, staff_id: r.staffId, rating: r.rating, text: r.text, status: r.status, created_at: new Date(r.createdAt).toISOString() }), now);
    return r;
  });
}

/** Every active owner with an e-mail hears of a new review, through the outbox (sent once, retried). */
async function tellOwners(tx: Tx, deps: ReviewDeps, review: ReviewRow, now: number): Promise<void> {
  const [salon] = await tx.select({ name: business.name, locale: business.locale }).from(business).where(eq(business.id, 1));
  const owners = await tx.select({ id: users.id, email: users.email }).from(users).where(and(eq(users.role, "owner"), eq(users.disabled, false)));
  const locale = salon!.locale;
  const stars = "★".repeat(review.rating) + "☆".repeat(5 - review.rating);
  const subject = t(locale, "review.mail.subject", { salon: salon!.name, stars });
  const text = t(locale, "review.mail.body", { stars, text: review.text || "—", url: deps.adminUrl });
  for (const owner of owners) {
    await enqueueDirect(tx, {
      event: "review_received",
      channel: "email",
      message: { to: owner.email, subject, text },
      dedupeKey: `review:${review.id}:owner:${owner.id}`,
      clientId: null,
      now,
    });
  }
}

export interface Moderation {
  status?: string | undefined;
  /** The salon's public answer; "" or null removes it. */
  reply?: string | null | undefined;
}

/** Owners and managers publish, hide or answer a review; recorded in the audit log. */
export async function moderateReview(deps: { db: Database; clock: Clock }, actor: Actor, id: number, change: Moderation): Promise<ReviewRow> {
  const p = new Problems();
  const status = change.status as ReviewStatus | undefined;
  if (status !== undefined) p.check(status === "published" || status === "hidden", "status", "review.status_invalid");
  const reply = change.reply === undefined ? undefined : change.reply?.trim() || null;
  if (reply) p.check(reply.length <= MAX_TEXT, "reply", "review.text_too_long", { max: MAX_TEXT });
  p.throwIfAny();
  const now = deps.clock.now();
  return deps.db.write(async (tx) => {
    const [current] = await tx.select().from(reviews).where(eq(reviews.id, id));
    if (!current) throw notFound("review.not_found", { id });
    const values = { status, reply, repliedAt: reply === undefined ? undefined : reply === null ? null : now };
    const [row] = await tx.update(reviews).set(values).where(eq(reviews.id, id)).returning();
    await recordPublicChange(tx, {
      at: now,
      actor: actor.label,
      userId: actor.userId,
      action: "review.moderate",
      entity: "review",
      entityId: id,
      details: { from: current.status, to: row!.status, replied: reply !== undefined ? reply !== null : undefined },
    });
    return row!;
  });
}
