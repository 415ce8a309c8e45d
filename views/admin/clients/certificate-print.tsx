import { t } from "../../../src/i18n/i18n.ts";
import { formatMoney } from "../../../src/money/money.ts";
import type { HeldCertificate } from "../../../src/certificate/certificate.ts";
import { AdminLayout, type AdminFrame } from "../admin-layout.tsx";
import { dayLabel } from "../format.ts";
import { localDateOf } from "../../../src/time/zone.ts";

export interface CertificatePrintProps {
  frame: AdminFrame;
  salon: string;
  zone: string;
  currency: string;
  certificate: HeldCertificate;
  /** The plain code: this page is the only time it is shown (it is stored hashed). */
  code: string;
  backHref: string;
}

/**
 * The certificate as the salon prints or sends it, right after the sale. Only the card is printed
 * (the admin frame is hidden by the print style); the page is served no-store, and the code is
 * nowhere else to be found afterwards.
 */
export function CertificatePrint(p: CertificatePrintProps) {
  const { locale } = p.frame;
  // the last moment it is valid, as a local date (the sale stored the end of that day)
  const until = dayLabel(localDateOf(p.certificate.expiresAt - 1, p.zone), locale, true);
  return (
    <AdminLayout frame={p.frame} title={t(locale, "balance.certificate")} section="clients">
      <p class="notice warn no-print">{t(locale, "balance.code_once_now")}</p>
      <section class="card certificate-print">
        <p class="muted">{p.salon}</p>
        <h1>{t(locale, "balance.certificate")}</h1>
        <p class="certificate-amount">{formatMoney(p.certificate.amountMinor, p.currency, locale)}</p>
        <p>{t(locale, "balance.code")}</p>
        <p class="certificate-code">{p.code}</p>
        <p>{t(locale, "balance.valid_until_date", { date: until })}</p>
      </section>
      <p class="no-print">
        <a href={p.backHref}>← {t(locale, "balance.back")}</a> · <span class="hint">{t(locale, "balance.print_hint")}</span>
      </p>
    </AdminLayout>
  );
}
