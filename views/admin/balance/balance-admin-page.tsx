import type { HeldCertificate } from "../../../src/certificate/certificate.ts";
import type { BalanceReport } from "../../../src/balance/report.ts";
import type { Problem } from "../../../src/error/app-error.ts";
import { t, type Locale } from "../../../src/i18n/i18n.ts";
import { formatMoney } from "../../../src/money/money.ts";
import type { PackageRow } from "../../../src/package/package.ts";
import type { PromoWithUses } from "../../../src/promo/promo.ts";
import { AdminLayout, Csrf, type AdminFrame } from "../admin-layout.tsx";
import { dateTime } from "../format.ts";
import { ListTable } from "../list-table.tsx";
import { Notice, Problems } from "../problems.tsx";
import { CertificateSaleForm, CertificateTable } from "../clients/balance-page.tsx";

export interface BalanceAdminProps {
  frame: AdminFrame;
  zone: string;
  currency: string;
  packages: PackageRow[];
  promos: PromoWithUses[];
  certificates: HeldCertificate[];
  services: Array<{ id: number; title: string }>;
  /** Shown to whoever may see reports. */
  report: BalanceReport | null;
  mayEdit: boolean;
  notice?: string | undefined;
  problems?: Problem[] | undefined;
}

function ServiceChecks({ locale, services, name }: { locale: Locale; services: BalanceAdminProps["services"]; name: string }) {
  return (
    <fieldset class="checks">
      <legend>{t(locale, "balance.services")}</legend>
      {services.map((s) => (
        <label class="check">
          <input type="checkbox" name={name} value={String(s.id)} />
          {s.title}
        </label>
      ))}
    </fieldset>
  );
}

/** `/admin/balance`: package products, promo codes, gift certificates, and what the salon owes in them. */
export function BalanceAdminPage(p: BalanceAdminProps) {
  const { locale, base } = p.frame;
  const money = (minor: number) => formatMoney(minor, p.currency, locale);
  const title = (id: number) => p.services.find((s) => s.id === id)?.title ?? `#${id}`;
  const r = p.report;
  return (
    <AdminLayout frame={p.frame} title={t(locale, "balance.admin_title")} section="balance">
      <h1>{t(locale, "balance.admin_title")}</h1>
      <Notice text={p.notice} />
      <Problems locale={locale} problems={p.problems} />

      {r && (
        <>
          <h2>{t(locale, "balance.report")}</h2>
          <div class="stats">
            <div>
              <strong>{r.packagesSold}</strong>
              <span>{t(locale, "balance.report.sold", { revenue: money(r.packagesRevenueMinor) })}</span>
            </div>
            <div>
              <strong>{t(locale, "balance.left_of", { left: r.visitsUsed, total: r.visitsSold })}</strong>
              <span>{t(locale, "balance.report.used")}</span>
            </div>
            <div>
              <strong>{money(r.packageLiabilityMinor)}</strong>
              <span>{t(locale, "balance.report.liability", { n: r.visitsOutstanding })}</span>
            </div>
            <div>
              <strong>{r.visitsExpiredUnused}</strong>
              <span>{t(locale, "balance.report.expired")}</span>
            </div>
            <div>
              <strong>{money(r.certificateBalanceMinor)}</strong>
              <span>{t(locale, "balance.report.certificates", { n: r.certificatesLive, expired: money(r.certificateExpiredBalanceMinor) })}</span>
            </div>
            <div>
              <strong>{money(r.walletsMinor)}</strong>
              <span>{t(locale, "balance.report.wallets")}</span>
            </div>
          </div>
        </>
      )}

      <h2>{t(locale, "balance.packages")}</h2>
      {p.mayEdit && (
        <details class="card">
          <summary class="chip">{t(locale, "balance.new_package")}</summary>
          <form method="post" action={`${base}/balance/packages`} class="stack">
            <Csrf token={p.frame.csrf} />
            <label>
              {t(locale, "balance.title")}
              <input name="title" maxlength={120} required />
            </label>
            <div class="row">
              <label>
                {t(locale, "balance.visits")}
                <input name="visits" inputmode="numeric" required />
              </label>
              <label>
                {t(locale, "balance.price")}
                <input name="price" inputmode="decimal" required />
              </label>
              <label>
                {t(locale, "balance.valid_days")}
                <input name="valid_days" inputmode="numeric" required />
              </label>
            </div>
            <ServiceChecks locale={locale} services={p.services} name="service_ids" />
            <div>
              <button type="submit" class="button">{t(locale, "admin.add")}</button>
            </div>
          </form>
        </details>
      )}
      {p.packages.length === 0 ? (
        <p class="muted">{t(locale, "admin.none")}</p>
      ) : (
        <ListTable locale={locale} columns={["balance.title", "balance.services", { key: "balance.visits", numeric: true }, { key: "balance.price", numeric: true }, { key: "balance.valid_days", numeric: true }]}>
          {p.packages.map((k) => (
            <tr>
              <td>{k.title}</td>
              <td>{k.serviceIds.map(title).join(", ")}</td>
              <td class="num">{k.visits}</td>
              <td class="num">{money(k.priceMinor)}</td>
              <td class="num">{k.validDays}</td>
            </tr>
          ))}
        </ListTable>
      )}

      <h2>{t(locale, "balance.promo_codes")}</h2>
      {p.mayEdit && (
        <details class="card">
          <summary class="chip">{t(locale, "balance.new_promo")}</summary>
          <form method="post" action={`${base}/balance/promo-codes`} class="stack">
            <Csrf token={p.frame.csrf} />
            <div class="row">
              <label>
                {t(locale, "book.promo_code")}
                <input name="code" maxlength={40} required />
              </label>
              <label>
                {t(locale, "balance.promo_kind")}
                <select name="kind">
                  <option value="percent">%</option>
                  <option value="amount">{p.currency}</option>
                </select>
              </label>
              <label>
                {t(locale, "balance.promo_value")}
                <input name="value" inputmode="decimal" required />
              </label>
            </div>
            <div class="row">
              <label>
                {t(locale, "balance.valid_from")}
                <input name="valid_from" type="date" />
              </label>
              <label>
                {t(locale, "balance.valid_until")}
                <input name="valid_to" type="date" />
              </label>
              <label>
                {t(locale, "balance.max_uses")}
                <input name="max_uses" inputmode="numeric" />
              </label>
            </div>
            <ServiceChecks locale={locale} services={p.services} name="service_ids" />
            <p class="hint">{t(locale, "balance.promo_services_hint")}</p>
            <div>
              <button type="submit" class="button">{t(locale, "admin.add")}</button>
            </div>
          </form>
        </details>
      )}
      {p.promos.length === 0 ? (
        <p class="muted">{t(locale, "admin.none")}</p>
      ) : (
        <ListTable locale={locale} columns={["book.promo_code", "balance.promo_value", "balance.valid_until", { key: "balance.uses", numeric: true }, "balance.services"]}>
          {p.promos.map((c) => (
            <tr>
              <td>
                <code>{c.code}</code>
              </td>
              <td>{c.percent !== null ? `${c.percent}%` : money(c.amountMinor!)}</td>
              <td>{c.validTo === null ? "—" : dateTime(c.validTo - 1, p.zone, locale)}</td>
              <td class="num">{c.maxUses === null ? c.uses : t(locale, "balance.left_of", { left: c.uses, total: c.maxUses })}</td>
              <td>{c.serviceIds ? c.serviceIds.map(title).join(", ") : t(locale, "admin.all")}</td>
            </tr>
          ))}
        </ListTable>
      )}

      <h2>{t(locale, "balance.all_certificates")}</h2>
      <CertificateSaleForm locale={locale} csrf={p.frame.csrf} action={`${base}/balance/certificates`} />
      {p.certificates.length === 0 ? <p class="muted">{t(locale, "admin.none")}</p> : <CertificateTable locale={locale} zone={p.zone} money={money} rows={p.certificates} />}
    </AdminLayout>
  );
}
