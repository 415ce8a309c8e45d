import { t } from "../../src/i18n/i18n.ts";
import type { ReviewListItem } from "../../src/review/ratings.ts";
import { REVIEW_STATUSES, type ReviewStatus } from "../../src/review/schema.ts";
import { AdminLayout, Csrf, type AdminFrame } from "../admin/admin-layout.tsx";
import { dateTime } from "../admin/format.ts";
import { PostButton } from "../admin/post-button.tsx";
import { Stars } from "./stars.tsx";

export interface ReviewsAdminPageProps {
  frame: AdminFrame;
  zone: string;
  reviews: ReviewListItem[];
  total: number;
  status: ReviewStatus | null;
  offset: number;
  pageSize: number;
  saved: boolean;
}

const BADGE: Record<ReviewStatus, string> = { pending: "status-pending", published: "status-completed", hidden: "status-cancelled" };

/** The owner's and manager's list of reviews: filter by status, publish or hide, answer publicly. */
export function ReviewsAdminPage(p: ReviewsAdminPageProps) {
  const { frame } = p;
  const { locale, base } = frame;
  const here = `${base}/reviews${p.status ? `?status=${p.status}` : ""}`;
  const more = p.offset + p.pageSize < p.total;
  return (
    <AdminLayout frame={frame} title={t(locale, "review.admin.title")} section="reviews">
      <h1>{t(locale, "review.admin.title")}</h1>
      {p.saved && (
        <p class="notice success" role="status">
          {t(locale, "review.admin.saved")}
        </p>
      )}
      <nav class="chips" aria-label={t(locale, "review.admin.filter")}>
        <a href={`${base}/reviews`} aria-current={p.status === null ? "true" : "false"}>
          {t(locale, "review.admin.all")}
        </a>
        {REVIEW_STATUSES.map((s) => (
          <a href={`${base}/reviews?status=${s}`} aria-current={p.status === s ? "true" : "false"}>
            {t(locale, `review.status.${s}`)}
          </a>
        ))}
      </nav>
      {p.reviews.length === 0 && <p class="muted">{t(locale, "review.admin.empty")}</p>}
      <ul class="review-list">
        {p.reviews.map((r) => (
          <li class="card" data-review={String(r.id)}>
            <div>
              <Stars rating={r.rating} locale={locale} /> <span class={`badge ${BADGE[r.status]}`}>{t(locale, `review.status.${r.status}`)}</span>{" "}
              {r.source === "import" && <span class="badge">{t(locale, "review.admin.imported")}</span>}
            </div>
            <div class="muted small">
              {[r.authorName, dateTime(r.createdAt, p.zone, locale), r.staffName && t(locale, "review.admin.master", { name: r.staffName })].filter(Boolean).join(" · ")}
            </div>
            {r.text && <blockquote>{r.text}</blockquote>}
            <div class="actions">
              {r.status !== "published" && <PostButton frame={frame} action={`${base}/reviews/${r.id}`} label={t(locale, "review.admin.publish")} fields={{ status: "published", back: here }} />}
              {r.status !== "hidden" && <PostButton frame={frame} action={`${base}/reviews/${r.id}`} label={t(locale, "review.admin.hide")} danger fields={{ status: "hidden", back: here }} />}
            </div>
            <form method="post" action={`${base}/reviews/${r.id}`} class="field">
              <Csrf token={frame.csrf} />
              <input type="hidden" name="back" value={here} />
              <label for={`reply-${r.id}`}>{t(locale, "review.admin.reply")}</label>
              <textarea id={`reply-${r.id}`} name="reply" rows={2} maxlength={2000}>
                {r.reply ?? ""}
              </textarea>
              <button type="submit" class="button">
                {t(locale, "review.admin.save_reply")}
              </button>
            </form>
          </li>
        ))}
      </ul>
      {more && (
        <p>
          <a class="button secondary" href={`${base}/reviews?${p.status ? `status=${p.status}&` : ""}offset=${p.offset + p.pageSize}`}>
            →
          </a>
        </p>
      )}
    </AdminLayout>
  );
}
