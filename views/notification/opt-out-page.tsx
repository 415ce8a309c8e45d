import { t, type Locale } from "../../src/i18n/i18n.ts";
import { CSRF_FIELD } from "../../src/http/csrf.ts";
import { Layout } from "../layout.tsx";

export interface OptOutPageProps {
  locale: Locale;
  slug: string;
  path: string;
  salon: string;
  /** The channel as words ("SMS", "email"…), or null when the link is not valid. */
  channel: string | null;
  /** Ask first (GET: mail scanners open links), or confirm it is done (POST). */
  state: "ask" | "done" | "invalid";
  csrf: string;
}

/** The page an opt-out link opens: one button, then a plain confirmation. */
export function OptOutPage(p: OptOutPageProps) {
  const params = { salon: p.salon, channel: p.channel ?? "" };
  return (
    <Layout locale={p.locale} title={t(p.locale, "notification.opt_out.title")} salon={{ name: p.salon, slug: p.slug }} path={p.path}>
      <section class="opt-out">
        <h1>{t(p.locale, "notification.opt_out.title")}</h1>
        {p.state === "invalid" ? <p>{t(p.locale, "notification.opt_out.invalid")}</p> : null}
        {p.state === "done" ? <p role="status">{t(p.locale, "notification.opt_out.done", params)}</p> : null}
        {p.state === "ask" ? (
          <form method="post" action={p.path}>
            <p>{t(p.locale, "notification.opt_out.question", params)}</p>
            <input type="hidden" name={CSRF_FIELD} value={p.csrf} />
            <button type="submit">{t(p.locale, "notification.opt_out.confirm")}</button>
          </form>
        ) : null}
      </section>
    </Layout>
  );
}
