import type { Held } from "../../src/balance/held.ts";
import type { PublicProfile } from "../../src/business/salon-page.ts";
import { CSRF_FIELD } from "../../src/http/csrf.ts";
import { t, type Locale } from "../../src/i18n/i18n.ts";
import { formatMoney } from "../../src/money/money.ts";
import { localDateOf } from "../../src/time/zone.ts";
import { clockTime, dayLabel } from "../admin/format.ts";
import { Layout, salonFrame } from "../layout.tsx";
import { VisitSummary, type VisitService } from "./visit.tsx";

export interface DetailsValues {
  name: string;
  phone: string;
  email: string;
  notes: string;
  consent: boolean;
  // issue 14: codes the client holds (bearer secrets: anyone who has one may use it)
  promo?: string;
  certificate?: string;
  /** issue 15: a client the cabinet signed in spends what they hold */
  usePackage?: boolean;
  payWithWallet?: boolean;
}

export interface DetailsPageProps {
  locale: Locale;
  slug: string;
  profile: PublicProfile;
  visit: VisitService[];
  start: number;
  /** Who the held slot is with. */
  masters: string[];
  heldUntil: number | null;
  /** Hidden fields that carry the flow (s, m, start) and the form's idempotency key. */
  hidden: Record<string, string>;
  csrf: string;
  values: DetailsValues;
  /** Translated problems by field ("client.name", "consent", …); "" for the form as a whole. */
  errors: Map<string, string>;
  phonePlaceholder: string;
  /** What the signed-in client holds that can pay this visit (null: not signed in, or nothing). */
  holding?: Held | null;
  backQuery: string;
  /** This page's path and query (for the language switch). */
  path: string;
}

/** The phone field alone: htmx re-renders it after a change, formatted or with the problem. */
export function PhoneField(p: { locale: Locale; slug: string; value: string; error: string | undefined; placeholder: string }) {
  return (
    <div class="field" id="phone-field">
      <label for="phone">{t(p.locale, "book.phone")}</label>
      <input
        id="phone"
        name="phone"
        type="tel"
        inputmode="tel"
        autocomplete="tel"
        required
        maxlength={40}
        value={p.value}
        placeholder={p.placeholder}
        aria-invalid={p.error ? "true" : "false"}
        aria-describedby="phone-note"
        hx-get={`/${p.slug}/book/phone`}
        hx-trigger="change"
        hx-target="#phone-field"
        hx-swap="outerHTML"
      />
      <small id="phone-note" class={p.error ? "error" : "muted"}>
        {p.error ?? t(p.locale, "book.phone_hint")}
      </small>
    </div>
  );
}

function Field(p: { id: string; name: string; label: string; error: string | undefined; children: unknown }) {
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      {p.children}
      {p.error && (
        <small id={`${p.id}-error`} class="error">
          {p.error}
        </small>
      )}
    </div>
  );
}

/** `/<slug>/book/details`: the held time, and the client's name, phone, email, comment and consent. */
export function DetailsPage(p: DetailsPageProps) {
  const { business } = p.profile;
  const zone = p.profile.timezone;
  const err = (field: string) => p.errors.get(field);
  const invalid = (field: string) => ({ "aria-invalid": err(field) ? "true" : "false", ...(err(field) ? { "aria-describedby": `${field.replace("client.", "")}-error` } : {}) });
  return (
    <Layout locale={p.locale} title={t(p.locale, "book.details")} salon={salonFrame(p.profile, p.slug)} path={p.path} htmx>
      <h1>{t(p.locale, "book.details")}</h1>
      <VisitSummary locale={p.locale} currency={business.currency} services={p.visit} />
      <p class="when">
        <strong>
          {dayLabel(localDateOf(p.start, zone), p.locale, true)}, {clockTime(p.start, zone)}
        </strong>
        {p.masters.length > 0 && <span class="muted"> · {t(p.locale, "book.master", { name: p.masters.join(", ") })}</span>}
      </p>
      {p.heldUntil !== null && <p class="hold">{t(p.locale, "book.held_until", { time: clockTime(p.heldUntil, zone) })}</p>}
      {p.errors.size > 0 && (
        <div class="notice error" role="alert">
          {t(p.locale, "book.fix")} {err("") ?? ""}
        </div>
      )}
      <form method="post" action={`/${p.slug}/book`} class="details">
        <input type="hidden" name={CSRF_FIELD} value={p.csrf} />
        {Object.entries(p.hidden).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <Field id="name" name="name" label={t(p.locale, "book.name")} error={err("client.name")}>
          <input id="name" name="name" autocomplete="name" required maxlength={100} value={p.values.name} {...invalid("client.name")} />
        </Field>
        <PhoneField locale={p.locale} slug={p.slug} value={p.values.phone} error={err("client.phone")} placeholder={p.phonePlaceholder} />
        <Field id="email" name="email" label={t(p.locale, "book.email")} error={err("client.email")}>
          <input id="email" name="email" type="email" autocomplete="email" maxlength={200} value={p.values.email} {...invalid("client.email")} />
        </Field>
        <Field id="notes" name="notes" label={t(p.locale, "book.notes")} error={err("notes")}>
          <textarea id="notes" name="notes" rows={3} maxlength={1000} {...invalid("notes")}>
            {p.values.notes}
          </textarea>
        </Field>
        {p.holding && (p.holding.packages.length > 0 || p.holding.walletMinor > 0) && (
          <fieldset class="held">
            <legend>{t(p.locale, "book.held")}</legend>
            {p.holding.packages.slice(0, 1).map((pkg) => (
              <label class="check">
                <input type="checkbox" name="use_package" value="yes" checked={p.values.usePackage} />
                <span>{t(p.locale, "book.use_package", { title: pkg.title, left: pkg.visitsLeft })}</span>
              </label>
            ))}
            {p.holding.walletMinor > 0 && (
              <label class="check">
                <input type="checkbox" name="pay_with_wallet" value="yes" checked={p.values.payWithWallet} />
                <span>{t(p.locale, "book.pay_with_wallet", { amount: formatMoney(p.holding.walletMinor, p.profile.business.currency, p.locale) })}</span>
              </label>
            )}
          </fieldset>
        )}
        {(err("use_package") || err("pay_with_wallet")) && <p class="error">{err("use_package") ?? err("pay_with_wallet")}</p>}
        {/* issue 14: a promo code or a gift certificate, folded away unless typed or refused */}
        <details class="codes" open={Boolean(p.values.promo || p.values.certificate || err("promo_code") || err("certificate_code"))}>
          <summary>{t(p.locale, "book.have_code")}</summary>
          <Field id="promo_code" name="promo_code" label={t(p.locale, "book.promo_code")} error={err("promo_code")}>
            <input id="promo_code" name="promo_code" autocomplete="off" maxlength={40} value={p.values.promo ?? ""} {...invalid("promo_code")} />
          </Field>
          <Field id="certificate_code" name="certificate_code" label={t(p.locale, "book.certificate_code")} error={err("certificate_code")}>
            <input id="certificate_code" name="certificate_code" autocomplete="off" maxlength={40} value={p.values.certificate ?? ""} {...invalid("certificate_code")} />
          </Field>
        </details>
        <div class="hp" aria-hidden="true">
          <label for="website">{t(p.locale, "book.honeypot")}</label>
          <input id="website" name="website" tabindex={-1} autocomplete="off" />
        </div>
        <div class="field consent">
          <label class="check">
            <input type="checkbox" name="consent" value="yes" required checked={p.values.consent} {...invalid("consent")} />
            <span>{t(p.locale, "book.consent")}</span>
          </label>
          <p class="muted small owner-text">{business.consentText ?? t(p.locale, "book.consent_default", { salon: business.name })}</p>
          {err("consent") && (
            <small id="consent-error" class="error">
              {err("consent")}
            </small>
          )}
        </div>
        <button class="button wide" type="submit">
          {t(p.locale, "book.submit")}
        </button>
      </form>
      <form method="post" action={`/${p.slug}/book/release`} class="back">
        <input type="hidden" name={CSRF_FIELD} value={p.csrf} />
        <input type="hidden" name="back" value={p.backQuery} />
        <button class="link" type="submit">
          ← {t(p.locale, "book.back")}
        </button>
      </form>
    </Layout>
  );
}
