import { t, type Locale } from "../../../src/i18n/i18n.ts";
import { formatMoney } from "../../../src/money/money.ts";
import type { Bucket, Report } from "../../../src/report/report.ts";
import { AdminLayout, type AdminFrame } from "../admin-layout.tsx";
import { BarChart, ShareBars } from "./bar-chart.tsx";

export interface ReportsPageProps {
  frame: AdminFrame;
  currency: string;
  fromDate: string;
  toDate: string;
  bucket: Bucket;
  report: Report;
  csvHref: (table: "series" | "masters" | "services") => string;
}

const INTL: Record<Locale, string> = { ru: "ru-RU", en: "en-GB", kk: "kk-KZ" };
export const percent = (share: number | null, locale: Locale) =>
  share === null ? "—" : new Intl.NumberFormat(INTL[locale], { style: "percent", maximumFractionDigits: 1 }).format(share);

function bucketLabel(date: string, bucket: Bucket, locale: Locale): string {
  const d = Temporal.PlainDate.from(date);
  return bucket === "month" ? d.toLocaleString(INTL[locale], { month: "short", year: "2-digit" }) : d.toLocaleString(INTL[locale], { day: "numeric", month: bucket === "week" ? "short" : "numeric" });
}

/** Bookings and revenue over time, rates, utilization per master, new vs returning, top services. */
export function ReportsPage({ frame, currency, fromDate, toDate, bucket, report, csvHref }: ReportsPageProps) {
  const { locale, base } = frame;
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const { totals } = report;
  const clientsAll = report.clients.new + report.clients.returning;
  return (
    <AdminLayout frame={frame} title={t(locale, "reports.title")} section="reports">
      <h1>{t(locale, "reports.title")}</h1>
      {/* issue 13: money received, by day, method, master, service; the till; unpaid visits */}
      <p>
        <a class="chip" href={`${base}/reports/money?from=${fromDate}&to=${toDate}`}>
          {t(locale, "payment.report.title")}
        </a>
      </p>
      <form method="get" action={`${base}/reports`} class="card row filters">
        <label>
          {t(locale, "admin.from")}
          <input type="date" name="from" value={fromDate} />
        </label>
        <label>
          {t(locale, "admin.to")}
          <input type="date" name="to" value={toDate} />
        </label>
        <label>
          {t(locale, "reports.bucket")}
          <select name="bucket">
            {(["day", "week", "month"] as const).map((b) => (
              <option value={b} selected={b === bucket}>
                {t(locale, `reports.bucket.${b}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="button">{t(locale, "admin.filter")}</button>
      </form>
      <div class="stats">
        <div>
          <strong>{totals.bookings}</strong>
          <span>{t(locale, "reports.bookings")}</span>
        </div>
        <div>
          <strong>{money(totals.revenueMinor)}</strong>
          <span>{t(locale, "reports.revenue")}</span>
        </div>
        <div>
          <strong>{percent(totals.noShowRate, locale)}</strong>
          <span>{t(locale, "reports.no_show_rate")}</span>
        </div>
        <div>
          <strong>{percent(totals.cancellationRate, locale)}</strong>
          <span>{t(locale, "reports.cancellation_rate")}</span>
        </div>
      </div>
      <div class="report-grid">
        <section class="card">
          <h2>{t(locale, "reports.bookings_chart")}</h2>
          <BarChart title={t(locale, "reports.bookings_chart")} bars={report.series.map((p) => ({ label: bucketLabel(p.date, bucket, locale), value: p.bookings, text: String(p.bookings) }))} />
        </section>
        <section class="card">
          <h2>{t(locale, "reports.revenue_chart")}</h2>
          <BarChart title={t(locale, "reports.revenue_chart")} color="#2f9a5a" bars={report.series.map((p) => ({ label: bucketLabel(p.date, bucket, locale), value: p.revenueMinor, text: money(p.revenueMinor) }))} />
        </section>
        <section class="card">
          <h2>{t(locale, "reports.utilization")}</h2>
          <ShareBars
            title={t(locale, "reports.utilization")}
            rows={report.utilization.map((u) => ({ label: u.name, share: u.rate, text: percent(u.rate, locale) }))}
          />
          <p class="muted small">{t(locale, "reports.utilization_help")}</p>
        </section>
        <section class="card">
          <h2>{t(locale, "reports.clients")}</h2>
          <ShareBars
            title={t(locale, "reports.clients")}
            rows={[
              { label: t(locale, "reports.new_clients"), share: clientsAll ? report.clients.new / clientsAll : null, text: String(report.clients.new) },
              { label: t(locale, "reports.returning_clients"), share: clientsAll ? report.clients.returning / clientsAll : null, text: String(report.clients.returning) },
            ]}
          />
        </section>
      </div>
      <h2>{t(locale, "reports.top_services")}</h2>
      <div class="table-wrap">
        <table class="list">
          <thead>
            <tr>
              <th>{t(locale, "panel.service")}</th>
              <th class="num">{t(locale, "reports.count")}</th>
              <th class="num">{t(locale, "reports.revenue")}</th>
            </tr>
          </thead>
          <tbody>
            {report.topServices.map((s) => (
              <tr>
                <td>{s.title}</td>
                <td class="num">{s.count}</td>
                <td class="num">{money(s.revenueMinor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="actions">
        <a class="chip" href={csvHref("series")}>{t(locale, "reports.csv_series")}</a>
        <a class="chip" href={csvHref("masters")}>{t(locale, "reports.csv_masters")}</a>
        <a class="chip" href={csvHref("services")}>{t(locale, "reports.csv_services")}</a>
      </p>
      <p class="muted small">{t(locale, "reports.definitions")}</p>
    </AdminLayout>
  );
}
