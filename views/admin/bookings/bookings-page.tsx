import type { BookingListFilter, BookingListRow } from "../../../src/admin/bookings/queries.ts";
import { SOURCE_LABEL, STATUS_LABEL } from "../../../src/admin/labels.ts";
import { BOOKING_SOURCES, BOOKING_STATUSES } from "../../../src/booking/schema.ts";
import { formatPhone } from "../../../src/client/phone.ts";
import { t } from "../../../src/i18n/i18n.ts";
import { formatMoney } from "../../../src/money/money.ts";
import { ListTable } from "../list-table.tsx";
import { AdminLayout, type AdminFrame } from "../admin-layout.tsx";
import { clockTime, dateTime } from "../format.ts";

export interface BookingsPageProps {
  frame: AdminFrame;
  zone: string;
  filter: BookingListFilter & { fromDate: string; toDate: string };
  masters: Array<{ id: number; name: string }>;
  rows: BookingListRow[];
  total: number;
  csvHref: string | null;
}

export function BookingsPage({ frame, zone, filter, masters, rows, total, csvHref }: BookingsPageProps) {
  const { locale, base } = frame;
  return (
    <AdminLayout frame={frame} title={t(locale, "bookings.title")} section="bookings">
      <h1>{t(locale, "bookings.title")}</h1>
      <form method="get" action={`${base}/bookings`} class="card row filters">
        <label>
          {t(locale, "admin.from")}
          <input type="date" name="from" value={filter.fromDate} />
        </label>
        <label>
          {t(locale, "admin.to")}
          <input type="date" name="to" value={filter.toDate} />
        </label>
        {masters.length > 1 && (
          <label>
            {t(locale, "admin.master")}
            <select name="staff">
              <option value="">{t(locale, "admin.all")}</option>
              {masters.map((m) => (
                <option value={String(m.id)} selected={filter.staffId === m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t(locale, "bookings.status")}
          <select name="status">
            <option value="">{t(locale, "admin.all")}</option>
            {BOOKING_STATUSES.map((s) => (
              <option value={s} selected={filter.status === s}>
                {t(locale, STATUS_LABEL[s])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(locale, "bookings.source")}
          <select name="source">
            <option value="">{t(locale, "admin.all")}</option>
            {BOOKING_SOURCES.map((s) => (
              <option value={s} selected={filter.source === s}>
                {t(locale, SOURCE_LABEL[s])}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="button">
          {t(locale, "admin.filter")}
        </button>
        {csvHref && (
          <a class="chip" href={csvHref}>
            {t(locale, "admin.export_csv")}
          </a>
        )}
      </form>
      <p class="muted">{t(locale, "bookings.count", { n: total })}</p>
      <ListTable locale={locale} columns={["admin.when", "panel.client", "panel.services", "admin.master", "bookings.status", "bookings.source", { key: "panel.total", numeric: true }]}>
        {rows.map((r) => (
          <tr>
            <td>
              <a href={`${base}/bookings/${r.id}`}>
                {dateTime(r.startTs, zone, locale)}–{clockTime(r.endTs, zone)}
              </a>
            </td>
            <td>
              {r.clientName ?? "—"}
              {r.clientPhone && <div class="muted">{formatPhone(r.clientPhone)}</div>}
            </td>
            <td>{r.services}</td>
            <td>{r.masters}</td>
            <td>
              <span class={`badge status-${r.status}`}>{t(locale, STATUS_LABEL[r.status])}</span>
            </td>
            <td>{t(locale, SOURCE_LABEL[r.source])}</td>
            <td class="num">{formatMoney(r.priceMinor, r.currency, locale)}</td>
          </tr>
        ))}
      </ListTable>
    </AdminLayout>
  );
}
