import type { BookingDetails } from "../../src/booking/queries.ts";
import type { PublicProfile } from "../../src/business/salon-page.ts";
import { formatPhone } from "../../src/client/phone.ts";
import { CSRF_FIELD } from "../../src/http/csrf.ts";
import { t, type Locale } from "../../src/i18n/i18n.ts";
import { formatMoney } from "../../src/money/money.ts";
import type { PackageOfVisit } from "../../src/package/package.ts";
import { PriceLines } from "../balance/price-lines.tsx";
import { visitWhen } from "./format.ts";
import { Layout, salonFrame } from "../layout.tsx";
import { PushButton } from "../push/push-button.tsx"; // issue 16

export interface ManagePageProps {
  locale: Locale;
  slug: string;
  profile: PublicProfile;
  booking: BookingDetails;
  /** This page's URL with its token: the link the client keeps. */
  manageUrl: string;
  token: string;
  csrf: string;
  /** "booked" right after booking, "cancelled"/"rescheduled" after a change here. */
  flash: "booked" | "cancelled" | "rescheduled" | null;
  mayChange: boolean;
  bookAgainHref: string;
  /** issue 16: the salon bot's deep link that ties a Telegram chat to this client; null without a bot. */
  telegramLink?: string | null;
  /** issue 14: the package this visit used, if any. */
  pkg?: PackageOfVisit | null;
  /** issue 14: what the client's wallet holds after paying this visit (only for a visit it paid). */
  walletLeftMinor?: number | null;
}

const FLASH = { booked: "my.booked", cancelled: "my.cancelled", rescheduled: "my.rescheduled" } as const;

/** `/<slug>/my/<id>?t=…`: the confirmation and the client's own page of a booking. */
export function ManagePage(p: ManagePageProps) {
  const { booking, profile } = p;
  const zone = booking.timezone;
  const base = `/${p.slug}/my/${booking.id}`;
  const token = `t=${encodeURIComponent(p.token)}`;
  const masters = [...new Set(booking.services.map((s) => s.staffName).filter((n): n is string => n !== null))];
  const live = booking.status === "pending" || booking.status === "confirmed";
  const when = visitWhen(booking.startTs, booking.endTs, zone, p.locale);
  return (
    <Layout locale={p.locale} title={t(p.locale, "my.title")} salon={salonFrame(p.profile, p.slug)} path={`${base}?${token}`}>
      {p.flash && (
        <p class="notice success" role="status">
          {t(p.locale, FLASH[p.flash])}
        </p>
      )}
      <h1>{t(p.locale, "my.title")}</h1>
      <p class={`status ${booking.status}`}>{t(p.locale, `my.status.${booking.status}`)}</p>
      <dl class="card facts">
        <dt>{t(p.locale, "my.what")}</dt>
        <dd>{booking.services.map((s) => s.title).join(", ")}</dd>
        <dt>{t(p.locale, "my.when")}</dt>
        <dd>{when}</dd>
        <dt>{t(p.locale, "my.where")}</dt>
        <dd>
          {profile.business.name}
          {booking.address && <>, {booking.address}</>}
        </dd>
        {masters.length > 0 && (
          <>
            <dt>{t(p.locale, "my.with")}</dt>
            <dd>{masters.join(", ")}</dd>
          </>
        )}
        <PriceLines locale={p.locale} currency={booking.currency} priceMinor={booking.priceMinor} lines={booking.priceLines} pkg={p.pkg} />
        {p.walletLeftMinor != null && (
          <>
            <dt>{t(p.locale, "price.wallet_left")}</dt>
            <dd>{formatMoney(p.walletLeftMinor, booking.currency, p.locale)}</dd>
          </>
        )}
      </dl>
      {live && (
        <p>
          <a class="button secondary" href={`${base}/ics?${token}`} download={`booking-${booking.id}.ics`}>
            {t(p.locale, "my.add_to_calendar")}
          </a>
        </p>
      )}
      {live && p.telegramLink && (
        <p>
          <a class="button secondary" href={p.telegramLink} rel="noopener">
            {t(p.locale, "telegram.deep_link")}
          </a>
        </p>
      )}
      {live && <PushButton locale={p.locale} slug={p.slug} bookingId={booking.id} token={p.token} />}
      {live && (
        <div class="keep">
          <label for="manage-link">{t(p.locale, "my.keep_link")}</label>
          <input id="manage-link" readonly value={p.manageUrl} />
        </div>
      )}
      {live && p.mayChange && (
        <div class="actions">
          <a class="button secondary" href={`${base}/reschedule?${token}`}>
            {t(p.locale, "my.reschedule")}
          </a>
          {/* A cancel is final: the first press only opens the question (works without JavaScript). */}
          <details class="confirm">
            <summary class="button danger">{t(p.locale, "my.cancel")}</summary>
            <form method="post" action={`${base}/cancel`} class="notice warn">
              <input type="hidden" name={CSRF_FIELD} value={p.csrf} />
              <input type="hidden" name="t" value={p.token} />
              <p>{t(p.locale, "my.cancel_confirm", { when })}</p>
              <button class="button danger" type="submit">
                {t(p.locale, "my.cancel_yes")}
              </button>
            </form>
          </details>
        </div>
      )}
      {live && !p.mayChange && (
        <p class="notice warn">
          {t(p.locale, "my.too_late", { n: profile.business.cancelWindowMinutes, phone: profile.business.phone ? formatPhone(profile.business.phone) : profile.business.name })}
        </p>
      )}
      <p>
        <a href={p.bookAgainHref}>{t(p.locale, "my.book_again")}</a>
      </p>
    </Layout>
  );
}
