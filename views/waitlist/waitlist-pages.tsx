import type { PublicProfile } from "../../src/business/salon-page.ts";
import { CSRF_FIELD } from "../../src/http/csrf.ts";
import { t, type Locale } from "../../src/i18n/i18n.ts";
import { Layout, salonFrame } from "../layout.tsx";

interface Frame {
  locale: Locale;
  slug: string;
  profile: PublicProfile;
  csrf: string;
  path: string;
}

export interface JoinForm {
  serviceId: number;
  staffId: number | null;
  serviceTitle: string;
  dateFrom: string;
  dateTo: string;
}

/** `/<slug>/waitlist`: the days (and time of day) that would suit, and how to reach the client. */
export function WaitlistJoinPage(p: Frame & { form: JoinForm | null; errors: string[]; joined: boolean }) {
  const title = t(p.locale, "waitlist.title");
  const f = p.form;
  return (
    <Layout locale={p.locale} title={title} salon={salonFrame(p.profile, p.slug)} path={p.path}>
      <h1>{title}</h1>
      {p.joined && (
        <p class="notice success" role="status">
          {t(p.locale, "waitlist.joined")}
        </p>
      )}
      {p.errors.map((e) => (
        <p class="notice error" role="alert">
          {e}
        </p>
      ))}
      {f && !p.joined && (
        <form method="post" action={`/${p.slug}/waitlist`} class="card">
          <p>
            <strong>{f.serviceTitle}</strong>
          </p>
          <p class="muted">{t(p.locale, "waitlist.intro")}</p>
          <input type="hidden" name={CSRF_FIELD} value={p.csrf} />
          <input type="hidden" name="s" value={String(f.serviceId)} />
          <input type="hidden" name="m" value={f.staffId === null ? "any" : String(f.staffId)} />
          <div class="field">
            <label for="wl-from">{t(p.locale, "waitlist.from")}</label>
            <input id="wl-from" type="date" name="date_from" value={f.dateFrom} required />
          </div>
          <div class="field">
            <label for="wl-to">{t(p.locale, "waitlist.to")}</label>
            <input id="wl-to" type="date" name="date_to" value={f.dateTo} required />
          </div>
          <div class="field">
            <label for="wl-tfrom">{t(p.locale, "waitlist.time_from")}</label>
            <input id="wl-tfrom" type="time" name="time_from" />
          </div>
          <div class="field">
            <label for="wl-tto">{t(p.locale, "waitlist.time_to")}</label>
            <input id="wl-tto" type="time" name="time_to" />
          </div>
          <div class="field">
            <label for="wl-name">{t(p.locale, "waitlist.name")}</label>
            <input id="wl-name" name="name" autocomplete="name" required maxlength={100} />
          </div>
          <div class="field">
            <label for="wl-phone">{t(p.locale, "waitlist.phone")}</label>
            <input id="wl-phone" name="phone" type="tel" autocomplete="tel" required />
          </div>
          <div class="field">
            <label for="wl-email">{t(p.locale, "waitlist.email")}</label>
            <input id="wl-email" name="email" type="email" autocomplete="email" />
          </div>
          <label class="check">
            <input type="checkbox" name="consent" value="1" required /> {t(p.locale, "waitlist.consent")}
          </label>
          <button class="button wide" type="submit">{t(p.locale, "waitlist.join")}</button>
        </form>
      )}
    </Layout>
  );
}

/** The claim link's page: the offered time and one button (a GET never books: mail scanners open links). */
export function WaitlistClaimPage(p: Frame & { what: string; when: string; token: string }) {
  const title = t(p.locale, "waitlist.claim.title");
  return (
    <Layout locale={p.locale} title={title} salon={salonFrame(p.profile, p.slug)} path={p.path}>
      <h1>{title}</h1>
      <dl class="card facts">
        <dt>{t(p.locale, "my.what")}</dt>
        <dd>{p.what}</dd>
        <dt>{t(p.locale, "my.when")}</dt>
        <dd>{p.when}</dd>
      </dl>
      <form method="post" action={p.path}>
        <input type="hidden" name={CSRF_FIELD} value={p.csrf} />
        <input type="hidden" name="t" value={p.token} />
        <button class="button wide" type="submit">{t(p.locale, "waitlist.claim.button")}</button>
      </form>
    </Layout>
  );
}
