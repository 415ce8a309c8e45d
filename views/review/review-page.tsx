import type { PublicProfile } from "../../src/business/salon-page.ts";
import { CSRF_FIELD } from "../../src/http/csrf.ts";
import { t, type Locale } from "../../src/i18n/i18n.ts";
import { Layout, salonFrame } from "../layout.tsx";

export interface ReviewPageProps {
  locale: Locale;
  slug: string;
  profile: PublicProfile;
  path: string;
  csrf: string;
  token: string;
  /** "what and when" of the visit, as the client knows it. */
  visit: string;
  /** ask: the form; thanks: just sent; done: reviewed before. */
  state: "ask" | "thanks" | "done";
  /** Messages of a refused submit, translated. */
  errors?: string[];
}

/** `/<slug>/review/<booking>?t=…`: five stars and a text box, sent once. */
export function ReviewPage(p: ReviewPageProps) {
  const title = t(p.locale, "review.page.title");
  return (
    <Layout locale={p.locale} title={title} salon={salonFrame(p.profile, p.slug)} path={p.path}>
      <h1>{title}</h1>
      <p class="muted">{p.visit}</p>
      {p.state === "thanks" && (
        <p class="notice success" role="status">
          {t(p.locale, "review.page.thanks")}
        </p>
      )}
      {p.state === "done" && <p class="notice">{t(p.locale, "review.page.done")}</p>}
      {p.state === "ask" && (
        <form method="post" action={p.path} class="card review-form">
          {(p.errors ?? []).map((e) => (
            <p class="notice error" role="alert">
              {e}
            </p>
          ))}
          <input type="hidden" name={CSRF_FIELD} value={p.csrf} />
          <input type="hidden" name="t" value={p.token} />
          <fieldset class="stars">
            <legend>{t(p.locale, "review.page.stars")}</legend>
            {/* highest first: with row-reverse, hovering or checking a star lights it and those before it */}
            {[5, 4, 3, 2, 1].map((n) => (
              <>
                <input type="radio" name="rating" id={`star-${n}`} value={String(n)} required />
                <label for={`star-${n}`} title={t(p.locale, "review.page.star", { n })}>
                  <span aria-hidden="true">★</span>
                  <span class="visually-hidden">{t(p.locale, "review.page.star", { n })}</span>
                </label>
              </>
            ))}
          </fieldset>
          <div class="field">
            <label for="review-text">{t(p.locale, "review.page.text")}</label>
            <textarea id="review-text" name="text" rows={5} maxlength={2000}></textarea>
          </div>
          <button class="button wide" type="submit">{t(p.locale, "review.page.send")}</button>
        </form>
      )}
    </Layout>
  );
}
