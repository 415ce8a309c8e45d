import type { Child } from "hono/jsx";
import type { BookingDetails } from "../../src/booking/queries.ts";
import type { PublicProfile } from "../../src/business/salon-page.ts";
import { CSRF_FIELD } from "../../src/http/csrf.ts";
import { t, type Locale } from "../../src/i18n/i18n.ts";
import { visitWhen } from "../booking/format.ts";
import { Layout, salonFrame } from "../layout.tsx";

interface Frame {
  locale: Locale;
  slug: string;
  profile: PublicProfile;
  csrf: string;
}

const Csrf = ({ token }: { token: string }) => <input type="hidden" name={CSRF_FIELD} value={token} />;

/** Step 1 and 2 of signing in: the phone, then the code sent to it. */
export function CabinetSignIn(p: Frame & { step: "phone" | "code"; phone: string; error: string | null; flash: string | null }) {
  const base = `/${p.slug}/me`;
  const title = t(p.locale, "cabinet.title");
  return (
    <Layout locale={p.locale} title={title} salon={salonFrame(p.profile, p.slug)} path={base}>
      <h1>{title}</h1>
      {p.flash && (
        <p class="notice success" role="status">
          {p.flash}
        </p>
      )}
      {p.error && (
        <p class="notice error" role="alert">
          {p.error}
        </p>
      )}
      {p.step === "phone" ? (
        <form method="post" action={`${base}/code`} class="card">
          <p>{t(p.locale, "cabinet.intro")}</p>
          <div class="field">
            <label for="me-phone">{t(p.locale, "cabinet.phone")}</label>
            <input id="me-phone" name="phone" type="tel" autocomplete="tel" required value={p.phone} />
          </div>
          <Csrf token={p.csrf} />
          <button class="button wide" type="submit">{t(p.locale, "cabinet.send_code")}</button>
        </form>
      ) : (
        <form method="post" action={`${base}/verify`} class="card">
          <p>{t(p.locale, "cabinet.code_sent")}</p>
          <div class="field">
            <label for="me-code">{t(p.locale, "cabinet.code")}</label>
            <input id="me-code" class="code-input" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]*" maxlength={8} required />
          </div>
          <input type="hidden" name="phone" value={p.phone} />
          <Csrf token={p.csrf} />
          <button class="button wide" type="submit">{t(p.locale, "cabinet.sign_in")}</button>
          <p>
            <a href={base}>{t(p.locale, "cabinet.another_phone")}</a>
          </p>
        </form>
      )}
    </Layout>
  );
}

export interface CabinetVisit {
  booking: BookingDetails;
  /** The booking flow prefilled with the same services and master. */
  againHref: string;
}

/** The signed-in client's visits. `balance` is where packages, wallet and certificates appear. */
export function CabinetHome(p: Frame & { upcoming: CabinetVisit[]; past: CabinetVisit[]; balance?: Child }) {
  const base = `/${p.slug}/me`;
  const title = t(p.locale, "cabinet.title");
  const item = (v: CabinetVisit, live: boolean) => {
    const b = v.booking;
    const masters = [...new Set(b.services.map((s) => s.staffName).filter(Boolean))].join(", ");
    return (
      <li class="card" data-booking={String(b.id)}>
        <div class="title">{b.services.map((s) => s.title).join(", ")}</div>
        <div class="muted">
          {visitWhen(b.startTs, b.endTs, b.timezone, p.locale)}
          {masters && ` · ${masters}`}
        </div>
        <div class="actions">
          {live && (
            <a class="button secondary" href={`/${p.slug}/my/${b.id}`}>
              {t(p.locale, "cabinet.open")}
            </a>
          )}
          <a class="button" href={v.againHref}>
            {t(p.locale, "cabinet.again")}
          </a>
        </div>
      </li>
    );
  };
  return (
    <Layout locale={p.locale} title={title} salon={salonFrame(p.profile, p.slug)} path={base}>
      <h1>{title}</h1>
      <p>
        <a class="button" href={`/${p.slug}/book`}>
          {t(p.locale, "cabinet.book")}
        </a>
      </p>
      <h2>{t(p.locale, "cabinet.upcoming")}</h2>
      {p.upcoming.length === 0 ? <p class="muted">{t(p.locale, "cabinet.none_upcoming")}</p> : <ul class="visit-list">{p.upcoming.map((v) => item(v, true))}</ul>}
      <h2>{t(p.locale, "cabinet.past")}</h2>
      {p.past.length === 0 ? <p class="muted">{t(p.locale, "cabinet.none_past")}</p> : <ul class="visit-list">{p.past.map((v) => item(v, false))}</ul>}
      {/* The balance slot (issue 14 fills it): packages, wallet balance, certificates of this client. */}
      {p.balance && (
        <section id="balance" class="card">
          <h2>{t(p.locale, "cabinet.balance")}</h2>
          {p.balance}
        </section>
      )}
      <form method="post" action={`${base}/signout`}>
        <Csrf token={p.csrf} />
        <button type="submit" class="button secondary">
          {t(p.locale, "cabinet.sign_out")}
        </button>
      </form>
    </Layout>
  );
}
