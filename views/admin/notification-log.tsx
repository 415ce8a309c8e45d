import { t, type Locale, type MessageKey } from "../../src/i18n/i18n.ts";
import type { OutboxEvent } from "../../src/notification/model.ts";
import type { LogEntry } from "../../src/notification/queries.ts";
import type { NotificationStatus } from "../../src/notification/schema.ts";
import { dateTime } from "./format.ts";
import { CHANNEL_LABEL, EVENT_LABEL } from "./settings/templates-page.tsx";

// issue 15: the log also lists messages that have no template (one-time codes, waitlist offers)
const LOG_EVENT_LABEL: Record<OutboxEvent, MessageKey> = {
  ...EVENT_LABEL,
  review_received: "review.event.review_received",
  client_code: "cabinet.event.client_code",
  waitlist_offer: "waitlist.event.offer",
  waitlist_gone: "waitlist.event.gone",
};
const STATUS: Record<NotificationStatus, MessageKey> = {
  pending: "notification.status.pending",
  sending: "notification.status.sending",
  sent: "notification.status.sent",
  failed: "notification.status.failed",
  void: "notification.status.void",
};
// Reuses the booking badge colours: sent reads as done, queued as pending, not needed as cancelled.
const BADGE: Record<NotificationStatus, string> = { pending: "status-pending", sending: "status-pending", sent: "status-completed", failed: "status-failed", void: "status-cancelled" };

/**
 * What was sent to a client and how it went: status, event and channel; when (sent, else due) in
 * the salon's zone and the attempts; the provider's last error. A list, not a table, so it reads
 * in the narrow booking panel on a phone. `bookingHref` links each entry to its booking.
 */
export function NotificationLog({ locale, zone, entries, bookingHref }: { locale: Locale; zone: string; entries: LogEntry[]; bookingHref?: (id: number) => string }) {
  if (entries.length === 0) return <p class="muted">{t(locale, "notification.log.empty")}</p>;
  return (
    <ul class="plain notification-log">
      {entries.map((n) => {
        const when = dateTime(n.sentAt ?? n.dueAt, zone, locale);
        return (
          <li>
            <span class={`badge ${BADGE[n.status]}`}>{t(locale, STATUS[n.status])}</span> {t(locale, LOG_EVENT_LABEL[n.event])} · {t(locale, CHANNEL_LABEL[n.channel])}
            <div class="muted small">
              {bookingHref && n.bookingId !== null ? <a href={bookingHref(n.bookingId)}>{when}</a> : when} · {t(locale, "notification.log.attempts", { n: n.attempts })}
            </div>
            {n.lastError && <div class="error-text">{n.lastError}</div>}
          </li>
        );
      })}
    </ul>
  );
}
