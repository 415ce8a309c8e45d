/**
 * Review pages: the client's `/<slug>/review/<booking>?t=…` (stars and text, once per visit) and
 * the admin's `/<slug>/admin/reviews` (publish, hide, answer). A forged link or a visit that did
 * not take place is refused by the use-case with a clear message and nothing written.
 */
import { Elysia } from "elysia";
import { visitWhen } from "../../views/booking/format.ts";
import { ReviewPage } from "../../views/review/review-page.tsx";
import { ReviewsAdminPage } from "../../views/review/reviews-admin-page.tsx";
import { adminFrame } from "../admin/frame.ts";
import type { AdminApp, AdminDeps } from "../admin/scope.ts";
import { formValue, pageContext, pageResponse, privatePage, redirect } from "../booking/page-kit.tsx";
import { getBooking } from "../booking/queries.ts";
import type { Database } from "../db/database.ts";
import { AppError } from "../error/app-error.ts";
import type { AppDeps } from "../http/app.ts";
import type { PageCache } from "../http/page-cache.ts";
import { rateLimit, type RateLimiter } from "../http/rate-limit.ts";
import { render } from "../http/render.ts";
import { t, type Locale } from "../i18n/i18n.ts";
import { tenantScope } from "../tenant/scope.ts";
import { reviewAdminPath } from "./api.ts";
import { listReviews } from "./ratings.ts";
import { moderateReview, reviewableVisit, submitReview } from "./review.ts";
import { REVIEW_STATUSES, type ReviewStatus } from "./schema.ts";
import { reviewPath } from "./token.ts";

async function visitLine(db: Database, bookingId: number, locale: Locale): Promise<string> {
  const b = (await getBooking(db.orm, bookingId))!;
  return t(locale, "review.page.visit", { service: b.services.map((s) => s.title).join(", "), when: visitWhen(b.startTs, b.endTs, b.timezone, locale) });
}

export const reviewPages = (deps: Pick<AppDeps, "tenants" | "clock" | "config">, pages: PageCache, limiter: RateLimiter) =>
  new Elysia({ prefix: "/:slug/review/:id" })
    .use(tenantScope(deps.tenants))
    .use(rateLimit(limiter))
    .get("", async ({ db, tenant, request, params }) => {
      const url = new URL(request.url);
      const token = url.searchParams.get("t") ?? "";
      const visit = await reviewableVisit(db, Number(params.id), token);
      if (visit.status !== "completed") throw new AppError("VISIT_NOT_COMPLETED", [{ key: "review.not_completed" }]);
      const ctx = await pageContext(db, request, deps.config, pages);
      const state = visit.reviewed ? (url.searchParams.has("sent") ? "thanks" : "done") : "ask";
      const path = reviewPath(tenant.slug, visit.id, token);
      const page = <ReviewPage locale={ctx.locale} slug={tenant.slug} profile={ctx.profile} path={path} csrf={ctx.csrf} token={token} visit={await visitLine(db, visit.id, ctx.locale)} state={state} />;
      return privatePage(await pageResponse(page, ctx));
    })
    .post("", async ({ db, tenant, request, params, body }) => {
      const form = body as Record<string, unknown>;
      const token = formValue(form.t);
      const bookingId = Number(params.id);
      const adminUrl = `${deps.config.publicUrl}${reviewAdminPath(tenant.slug)}`;
      try {
        await submitReview({ db, clock: deps.clock, adminUrl }, { bookingId, token, rating: Number(formValue(form.rating) || NaN), text: formValue(form.text) });
      } catch (error) {
        // a missing star or an overlong text: the form again, with what to fix
        if (!(error instanceof AppError) || error.code !== "VALIDATION_ERROR") throw error;
        const ctx = await pageContext(db, request, deps.config, pages);
        const errors = error.problems.map((p) => t(ctx.locale, p.key, p.params));
        const page = (
          <ReviewPage locale={ctx.locale} slug={tenant.slug} profile={ctx.profile} path={reviewPath(tenant.slug, bookingId, token)} csrf={ctx.csrf} token={token} visit={await visitLine(db, bookingId, ctx.locale)} state="ask" errors={errors} />
        );
        return privatePage(await pageResponse(page, ctx, 400));
      }
      return redirect(`${reviewPath(tenant.slug, bookingId, token)}&sent=1`);
    });

const MODERATE = { can: "reviews" as const, detail: { hide: true } };
const PAGE = 50;

/** `/admin/reviews`: every review with its status; one click publishes or hides, a form answers. */
export const reviewAdminPages = (deps: AdminDeps) => (app: AdminApp) =>
  app
    .get(
      "/reviews",
      async (ctx) => {
        const asked = ctx.query.status as ReviewStatus | undefined;
        const status = asked && (REVIEW_STATUSES as readonly string[]).includes(asked) ? asked : undefined;
        const offset = Math.max(0, Math.min(1_000_000, Math.floor(Number(ctx.query.offset) || 0)));
        const { data, total } = await listReviews(ctx.db.orm, status ? { status } : {}, { limit: PAGE, offset });
        return render(
          <ReviewsAdminPage frame={adminFrame(ctx)} zone={ctx.profile.timezone} reviews={data} total={total} status={status ?? null} offset={offset} pageSize={PAGE} saved={ctx.query.saved !== undefined} />,
        );
      },
      MODERATE,
    )
    .post(
      "/reviews/:id",
      async (ctx) => {
        const form = ctx.body as Record<string, unknown>;
        const id = Number(ctx.params.id);
        if (!Number.isSafeInteger(id) || id < 1) throw new AppError("NOT_FOUND", [{ key: "error.not_found" }]);
        const status = formValue(form.status) || undefined;
        const reply = form.reply === undefined ? undefined : formValue(form.reply);
        await moderateReview({ db: ctx.db, clock: deps.clock }, ctx.actor, id, { status, reply });
        const back = formValue(form.back);
        // back to the same filtered list (only our own admin path is followed)
        return redirect(back.startsWith(`${ctx.base}/reviews`) && !back.startsWith("//") ? back : `${ctx.base}/reviews?saved=1`);
      },
      MODERATE,
    );
