import type { BookingDetails } from "../../../src/booking/queries.ts";
import type { BookingStatus } from "../../../src/booking/schema.ts";
import { SOURCE_LABEL, STATUS_LABEL } from "../../../src/admin/labels.ts";
import type { ClientStats } from "../../../src/client/crm-queries.ts";
import { formatPhone } from "../../../src/client/phone.ts";
import type { Problem } from "../../../src/error/app-error.ts";
import { t } from "../../../src/i18n/i18n.ts";
import { formatMoney } from "../../../src/money/money.ts";
import type { AdminFrame } from "../admin-layout.tsx";
import { Csrf } from "../admin-layout.tsx";
import { clockTime, dateTime } from "../format.ts";
import { Notice, Problems } from "../problems.tsx";
import { NotificationLog } from "../notification-log.tsx";
import type { LogEntry } from "../../../src/notification/queries.ts";
import { PaymentBlock, type PaymentBlockProps } from "./payment-block.tsx";
import { PriceLines } from "../../balance/price-lines.tsx";

export interface BookingPanelProps {
  frame: AdminFrame;
  booking: BookingDetails;
  stats: ClientStats | null;
  /** Where "close" goes: the calendar this panel was opened from. */
  closeHref: string;
  mayOpenClient: boolean;
  /** The visit has begun: only then can it be marked completed or no-show. */
  started: boolean;
  notice?: string | undefined;
  problems?: Problem[] | undefined;
  /** Every notification of this booking, newest first. */
  notifications?: LogEntry[] | undefined;
  /** issue 13: the visit's money and what the viewer may do with it. */
  payment?: PaymentBlockProps | undefined;
}

const LIVE: ReadonlySet<BookingStatus> = new Set(["pending", "confirmed"]);

/** A form that posts with htmx into the panel (and works as a plain form without it). */
export function PanelForm(props: { frame: AdminFrame; action: string; children?: unknown; class?: string }) {
  return (
    <form method="post" action={props.action} hx-post={props.action} hx-target="#panel" class={props.class ?? "inline"}>
      <Csrf token={props.frame.csrf} />
      {props.children}
    </form>
  );
}

export function BookingPanel({ frame, booking, stats, closeHref, mayOpenClient, started, notice, problems, notifications, payment }: BookingPanelProps) {
  const { locale, base } = frame;
  const zone = booking.timezone;
  const url = `${base}/bookings/${booking.id}`;
  const statusButton = (status: BookingStatus, label: Parameters<typeof t>[1], cls = "chip") => (
    <PanelForm frame={frame} action={`${url}/status`}>
      <input type="hidden" name="status" value={status} />
      <button type="submit" class={cls}>
        {t(locale, label)}
      </button>
    </PanelForm>
  );
  // Which buttons to offer; the booking engine still decides which changes are allowed.
  const offered: BookingStatus[] =
    booking.status === "cancelled"
      ? []
      : (["confirmed", "completed", "no_show"] as const).filter((s) => s !== booking.status && (s === "confirmed" ? booking.status === "pending" : started));
  const labels = { confirmed: "panel.confirm", completed: "panel.complete", no_show: "panel.no_show" } as const;
  return (
    <section class="sheet" aria-labelledby="panel-title">
      <header class="sheet-head">
        <h2 id="panel-title">{t(locale, "panel.title", { id: booking.id })}</h2>
        <a class="chip" href={closeHref} aria-label={t(locale, "admin.close")}>
          ✕
        </a>
      </header>
      <Notice text={notice} />
      <Problems locale={locale} problems={problems} />
      <p class="when">
        <span class={`badge status-${booking.status}`}>{t(locale, STATUS_LABEL[booking.status])}</span>{" "}
        <strong>
          {dateTime(booking.startTs, zone, locale)}–{clockTime(booking.endTs, zone)}
        </strong>
      </p>
      {booking.cancelReason && <p class="muted">{t(locale, "panel.cancelled_because", { reason: booking.cancelReason })}</p>}
      <div class="client-card">
        <h3>{t(locale, "panel.client")}</h3>
        {booking.client ? (
          <>
            <p>
              <strong>{booking.client.name}</strong>
              {booking.client.phone && (
                <>
                  {" · "}
                  <a href={`tel:${booking.client.phone}`}>{formatPhone(booking.client.phone)}</a>
                </>
              )}
            </p>
            {stats && (
              <p class="muted">
                {t(locale, "panel.visits", { n: stats.visits, noShows: stats.noShows })} · {formatMoney(stats.spentMinor, booking.currency, locale)}
              </p>
            )}
            {mayOpenClient && <a href={`${base}/clients/${booking.client.id}`}>{t(locale, "panel.open_client")}</a>}
          </>
        ) : (
          <p class="muted">{t(locale, "calendar.no_client")}</p>
        )}
      </div>
      <h3>{t(locale, "panel.services")}</h3>
      <ul class="plain">
        {booking.services.map((s) => (
          <li>
            {clockTime(s.startTs, zone)} {s.title}
            {s.staffName && <span class="muted"> · {s.staffName}</span>}
            <span class="price"> {formatMoney(s.priceMinor, booking.currency, locale)}</span>
          </li>
        ))}
      </ul>
      <p>
        {t(locale, "panel.total")}: <strong>{formatMoney(booking.priceMinor, booking.currency, locale)}</strong>
        <span class="muted"> · {t(locale, "panel.source")}: {t(locale, SOURCE_LABEL[booking.source])}</span>
      </p>
      {/* issue 14: discounts and what the client's balance paid, as the pricing function applied them */}
      {booking.priceLines.length > 0 && (
        <dl class="facts price-lines">
          <PriceLines locale={locale} currency={booking.currency} priceMinor={booking.priceMinor} lines={booking.priceLines} />
        </dl>
      )}
      {payment && <PaymentBlock frame={frame} booking={booking} p={payment} />}
      <div class="actions">
        {offered.map((s) => statusButton(s, labels[s as keyof typeof labels], s === "confirmed" ? "button" : "chip"))}
        {LIVE.has(booking.status) && (
          <a class="chip" href={`${url}/reschedule`} hx-get={`${url}/reschedule`} hx-target="#panel">
            {t(locale, "panel.reschedule")}
          </a>
        )}
      </div>
      <PanelForm frame={frame} action={`${url}/notes`} class="stack">
        <label>
          {t(locale, "admin.notes")}
          <textarea name="notes" rows={3} maxlength={1000}>
            {booking.notes ?? ""}
          </textarea>
        </label>
        <button type="submit" class="chip">
          {t(locale, "panel.save_notes")}
        </button>
      </PanelForm>
      {notifications && (
        <>
          <h3>{t(locale, "notification.log.title")}</h3>
          <NotificationLog locale={locale} zone={zone} entries={notifications} />
        </>
      )}
      {LIVE.has(booking.status) && (
        <PanelForm frame={frame} action={`${url}/cancel`} class="stack danger-zone">
          <label>
            {t(locale, "panel.cancel_reason")}
            <input type="text" name="reason" maxlength={300} />
          </label>
          <button type="submit" class="chip danger">
            {t(locale, "panel.cancel")}
          </button>
        </PanelForm>
      )}
    </section>
  );
}
