import { t } from "../../../src/i18n/i18n.ts";
import { formatMoney } from "../../../src/money/money.ts";
import type { UnpaidVisit } from "../../../src/payment/revenue-queries.ts";
import type { Revenue, Sums } from "../../../src/payment/revenue.ts";
import { AdminLayout, type AdminFrame } from "../admin-layout.tsx";
import { dateTime } from "../format.ts";

export type MoneyTable = "days" | "methods" | "masters" | "services" | "till" | "unpaid";

export interface MoneyPageProps {
  frame: AdminFrame;
  currency: string;
  zone: string;
  fromDate: string;
  toDate: string;
  revenue: Revenue;
  tillDate: string;
  till: Revenue;
  unpaid: UnpaidVisit[];
  csvHref: (table: MoneyTable) => string;
}

/** `/admin/reports/money`: revenue by day, method, master and service; the till of a day; unpaid completed visits. */
export function MoneyPage(p: MoneyPageProps) {
  const { locale, base } = p.frame;
  const money = (minor: number) => formatMoney(minor, p.currency, locale);
  const sumsHead = (
    <>
      <th class="num">{t(locale, "payment.report.received")}</th>
      <th class="num">{t(locale, "payment.report.refunded")}</th>
      <th class="num">{t(locale, "payment.report.net")}</th>
    </>
  );
  const sumsCells = (s: Sums) => (
    <>
      <td class="num">{money(s.receivedMinor)}</td>
      <td class="num">{money(s.refundedMinor)}</td>
      <td class="num">
        <strong>{money(s.netMinor)}</strong>
      </td>
    </>
  );
  const csv = (table: MoneyTable) => (
    <a class="chip" href={p.csvHref(table)}>
      CSV
    </a>
  );
  // who or what earned it, and how much (net of refunds)
  const netSection = (title: "payment.report.by_master" | "payment.report.by_service", table: MoneyTable, rows: Array<[string, number]>) => (
    <section>
      <h2>
        {t(locale, title)} {csv(table)}
      </h2>
      <div class="table-wrap">
        <table class="list">
        <tbody>
          {rows.map(([name, net]) => (
            <tr>
              <td>{name}</td>
              <td class="num">{money(net)}</td>
            </tr>
          ))}
        </tbody>
      </table>
        </div>
    </section>
  );
  const byMethod = (r: Revenue) => (
    <div class="table-wrap">
        <table class="list">
      <thead>
        <tr>
          <th>{t(locale, "payment.method")}</th>
          {sumsHead}
        </tr>
      </thead>
      <tbody>
        {r.byMethod.map((m) => (
          <tr>
            <td>{t(locale, `payment.method.${m.method}`)}</td>
            {sumsCells(m)}
          </tr>
        ))}
      </tbody>
    </table>
        </div>
  );
  return (
    <AdminLayout frame={p.frame} title={t(locale, "payment.report.title")} section="reports">
      <h1>{t(locale, "payment.report.title")}</h1>
      <form method="get" action={`${base}/reports/money`} class="card row filters">
        <label>
          {t(locale, "admin.from")}
          <input type="date" name="from" value={p.fromDate} />
        </label>
        <label>
          {t(locale, "admin.to")}
          <input type="date" name="to" value={p.toDate} />
        </label>
        <label>
          {t(locale, "payment.report.till")}
          <input type="date" name="day" value={p.tillDate} />
        </label>
        <button type="submit" class="button">{t(locale, "admin.filter")}</button>
      </form>
      <div class="stats">
        <div>
          <strong>{money(p.revenue.total.netMinor)}</strong>
          <span>{t(locale, "payment.report.net")}</span>
        </div>
        <div>
          <strong>{money(p.revenue.total.refundedMinor)}</strong>
          <span>{t(locale, "payment.report.refunded")}</span>
        </div>
      </div>
      <section>
        <h2>
          {t(locale, "payment.report.till")} {p.tillDate} {csv("till")}
        </h2>
        {byMethod(p.till)}
      </section>
      <section>
        <h2>
          {t(locale, "payment.report.by_day")} {csv("days")}
        </h2>
        <div class="table-wrap">
        <table class="list">
          <thead>
            <tr>
              <th>{t(locale, "payment.report.date")}</th>
              {sumsHead}
            </tr>
          </thead>
          <tbody>
            {p.revenue.byDay.map((d) => (
              <tr>
                <td>{d.date}</td>
                {sumsCells(d)}
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      </section>
      <section>
        <h2>
          {t(locale, "payment.report.by_method")} {csv("methods")}
        </h2>
        {byMethod(p.revenue)}
      </section>
      {netSection("payment.report.by_master", "masters", p.revenue.byMaster.map((m) => [m.name, m.netMinor]))}
      {netSection("payment.report.by_service", "services", p.revenue.byService.map((x) => [x.title, x.netMinor]))}
      <section>
        <h2>
          {t(locale, "payment.report.unpaid")} {csv("unpaid")}
        </h2>
        <div class="table-wrap">
        <table class="list">
          <thead>
            <tr>
              <th>#</th>
              <th>{t(locale, "payment.report.date")}</th>
              <th>{t(locale, "panel.client")}</th>
              <th class="num">{t(locale, "payment.total")}</th>
              <th class="num">{t(locale, "payment.paid")}</th>
              <th class="num">{t(locale, "payment.due")}</th>
            </tr>
          </thead>
          <tbody>
            {p.unpaid.map((v) => (
              <tr>
                <td>
                  <a href={`${base}/bookings/${v.id}`}>{v.id}</a>
                </td>
                <td>{dateTime(v.startTs, p.zone, locale)}</td>
                <td>{v.client ?? "—"}</td>
                <td class="num">{money(v.totalMinor)}</td>
                <td class="num">{money(v.paidMinor)}</td>
                <td class="num">
                  <strong>{money(v.dueMinor)}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      </section>
    </AdminLayout>
  );
}
