/**
 * Reviews in the JSON API (DESIGN §5): `POST /reviews` (public, with the visit's review token),
 * `GET /reviews` (published ones; a "reviews" token may ask for any status), `PATCH /reviews/:id`
 * (owner or manager: publish, hide, answer).
 */
import { Elysia } from "elysia";
import { t } from "../http/schema-builder.ts";
import { apiDoc, instant, listOf, nullable } from "../http/openapi.ts";
import { can } from "../account/permissions.ts";
import { getProfile } from "../business/business.ts";
import type { Database } from "../db/database.ts";
import { apiActor, idNumber, listBody, optionalApiActor, pageOf, pageQuery } from "../http/api-kit.ts";
import type { AppDeps } from "../http/app.ts";
import { rateLimit, type RateLimiter } from "../http/rate-limit.ts";
import { tenantScope } from "../tenant/scope.ts";
import { toIsoWithOffset } from "../time/format.ts";
import { listReviews, type ReviewListItem } from "./ratings.ts";
import { moderateReview, submitReview, type ReviewRow } from "./review.ts";
import { REVIEW_STATUSES } from "./schema.ts";

const tags = ["Reviews"];

export const reviewAdminPath = (slug: string) => `/${slug}/admin/reviews`;

/** What everyone may read of a review; staff also see its status and visit. */
function reviewJson(r: ReviewListItem | ReviewRow, zone: string, staffView: boolean) {
  return {
    id: r.id,
    rating: r.rating,
    text: r.text,
    author_name: r.authorName,
    staff_id: r.staffId,
    reply: r.reply,
    source: r.source,
    created_at: toIsoWithOffset(r.createdAt, zone),
    ...(staffView ? { status: r.status, booking_id: r.bookingId } : {}),
  };
}

/** The documented shape of `reviewJson` (issue 18); status and booking_id only for staff. */
const reviewSchema = t.Object({
  id: t.Integer(),
  rating: t.Integer({ minimum: 1, maximum: 5 }),
  text: t.String(),
  author_name: nullable(t.String({ description: "The client's first name" })),
  staff_id: nullable(t.Integer({ description: "The master of a one-master visit" })),
  reply: nullable(t.String({ description: "The salon's public answer" })),
  source: t.Union([t.Literal("web"), t.Literal("import")]),
  created_at: instant(),
  status: t.Optional(t.Union(REVIEW_STATUSES.map((s) => t.Literal(s)), { description: "With an owner or manager token" })),
  booking_id: t.Optional(nullable(t.Integer({ description: "With an owner or manager token" }))),
});
const oneReview = t.Object({ review: reviewSchema });

const zoneOf = async (db: Database) => (await getProfile(db)).timezone;

export const reviewApi = (deps: Pick<AppDeps, "tenants" | "clock" | "config">, limiter: RateLimiter) =>
  new Elysia({ prefix: "/api/v1/businesses/:slug" })
    .use(tenantScope(deps.tenants))
    .use(rateLimit(limiter))
    .post(
      "/reviews",
      async ({ db, tenant, body, set }) => {
        const adminUrl = `${deps.config.publicUrl}${reviewAdminPath(tenant.slug)}`;
        const row = await submitReview({ db, clock: deps.clock, adminUrl }, { bookingId: body.booking_id, token: body.token, rating: body.rating, text: body.text ?? "" });
        set.status = 201;
        return { review: reviewJson(row, await zoneOf(db), false) };
      },
      {
        body: t.Object({
          booking_id: idNumber(),
          token: t.String({ maxLength: 200, description: "The t= of the review link the client received" }),
          rating: t.Integer({ description: "1 to 5 stars" }),
          text: t.Optional(t.String({ description: "Up to 2000 characters" })),
        }),
        detail: apiDoc({
          summary: "Review a completed visit (public; once per visit)",
          tags,
          auth: "none",
          bodyExample: { booking_id: 42, token: "from the review link", rating: 5, text: "Спасибо!" },
          ok: { 201: { description: "Taken; shown once the salon publishes it", schema: oneReview } },
          errors: ["NOT_FOUND", "VISIT_NOT_COMPLETED", "ALREADY_EXISTS", "RATE_LIMITED"],
        }),
      },
    )
    .get(
      "/reviews",
      async ({ db, headers, query }) => {
        // any valid token of the salon may read; only owners and managers see beyond published ones
        const caller = await optionalApiActor(db, headers.authorization, "catalogue.view");
        const moderator = caller !== null && can(caller.role, "reviews");
        const status = moderator ? query.status : "published";
        const page = pageOf(query);
        const { data, total } = await listReviews(db.orm, { ...(status ? { status } : {}), ...(query.staff_id ? { staffId: query.staff_id } : {}) }, page);
        const zone = await zoneOf(db);
        return listBody(data.map((r) => reviewJson(r, zone, moderator)), total, page);
      },
      {
        query: t.Object({
          status: t.Optional(t.Union(REVIEW_STATUSES.map((s) => t.Literal(s)), { description: "With an owner or manager token only" })),
          staff_id: t.Optional(idNumber()),
          ...pageQuery,
        }),
        detail: apiDoc({ summary: "Reviews, newest first (public: published only)", tags, auth: "optional", ok: { 200: { description: "A page of reviews", schema: listOf(reviewSchema) } }, errors: ["RATE_LIMITED"] }),
      },
    )
    .patch(
      "/reviews/:id",
      async ({ db, headers, params, body }) => {
        const actor = await apiActor(db, headers.authorization, "reviews");
        const row = await moderateReview({ db, clock: deps.clock }, actor, params.id, { status: body.status, reply: body.reply });
        return { review: reviewJson(row, await zoneOf(db), true) };
      },
      {
        params: t.Object({ slug: t.String(), id: idNumber() }),
        body: t.Object({
          status: t.Optional(t.String({ description: "published or hidden" })),
          reply: t.Optional(t.Nullable(t.String({ description: "The salon's public answer; null removes it" }))),
        }),
        detail: apiDoc({ summary: "Publish, hide or answer a review (owner, manager)", tags, auth: "token", ok: { 200: { description: "The review as changed", schema: oneReview } }, errors: ["NOT_FOUND", "RATE_LIMITED"] }),
      },
    );
