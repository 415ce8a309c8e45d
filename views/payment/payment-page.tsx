import type { BookingDetails } from "../../src/booking/queries.ts";
import type { PublicProfile } from "../../src/business/salon-page.ts";
import { t, type Locale } from "../../src/i18n/i18n.ts";
import { formatMoney } from "../../src/money/money.ts";
import type { OnlinePaymentView } from "../../src/payment/online.ts";
import { formatLocalDateTime } from "../../src/time/format.ts";
import { visitWhen } from "../booking/format.ts";
import { Layout, salonFrame } from "../layout.tsx";

export interface PaymentStatusProps {
  locale: Locale;
  payment: OnlinePaymentView;
  currency: string;
  /** Until when the slot is held (the salon's zone). */
  until: number | null;
  zone: string;
  /** This block's own URL: polled while the payment is not final. */
  statusUrl: string;
  bookAgainHref: string;
}

/** The outcome of a prepayment; while it is not final it asks again every 2 s (htmx), without a full reload. */
export function PaymentStatus(p: PaymentStatusProps) {
  const amount = formatMoney(p.payment.amountMinor, p.currency, p.locale);
  const open = p.payment.status === "created" || p.payment.status === "pending";
  return (
    <section id="payment-status" class="card" aria-live="polite" {...(open ? { "hx-get": p.statusUrl, "hx-trigger": "every 2s", "hx-swap": "outerHTML" } : {})}>
      {p.payment.status === "succeeded" && <p class="notice success" role="status">{t(p.locale, "payment.received", { amount })}</p>}
      {p.payment.status === "canceled" && (
        <>
          <p class="notice error" role="status">{t(p.locale, "payment.failed")}</p>
          <a class="button" href={p.bookAgainHref}>{t(p.locale, "my.book_again")}</a>
        </>
      )}
      {open && (
        <>
          {p.until !== null && <p>{t(p.locale, "payment.deposit_due", { amount, until: formatLocalDateTime(p.until, p.zone, p.locale) })}</p>}
          <p class="muted">{p.payment.confirmationUrl ? t(p.locale, "payment.waiting") : t(p.locale, "payment.retry_later")}</p>
          {p.payment.confirmationUrl && (
            <a class="button primary" href={p.payment.confirmationUrl}>
              {t(p.locale, "payment.pay_now", { amount })}
            </a>
          )}
        </>
      )}
    </section>
  );
}

export interface PaymentPageProps extends PaymentStatusProps {
  slug: string;
  profile: PublicProfile;
  booking: BookingDetails;
  path: string;
  /** Right after booking: send the browser on to YooKassa's page at once. */
  go: boolean;
}

/** `/<slug>/payment/<id>?t=…`: where YooKassa sends the client back (return_url). */
export function PaymentPage(p: PaymentPageProps) {
  const { booking } = p;
  return (
    <Layout locale={p.locale} title={t(p.locale, "payment.title")} salon={salonFrame(p.profile, p.slug)} path={p.path} htmx>
      {p.go && p.payment.status === "pending" && p.payment.confirmationUrl && <meta http-equiv="refresh" content={`0;url=${p.payment.confirmationUrl}`} />}
      <h1>{t(p.locale, "payment.title")}</h1>
      <dl class="card facts">
        <dt>{t(p.locale, "my.what")}</dt>
        <dd>{booking.services.map((s) => s.title).join(", ")}</dd>
        <dt>{t(p.locale, "my.when")}</dt>
        <dd>{visitWhen(booking.startTs, booking.endTs, booking.timezone, p.locale)}</dd>
        <dt>{t(p.locale, "payment.total")}</dt>
        <dd>{formatMoney(booking.money.totalMinor, booking.currency, p.locale)}</dd>
      </dl>
      <PaymentStatus {...p} />
    </Layout>
  );
}
