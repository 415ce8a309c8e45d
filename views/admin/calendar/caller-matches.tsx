import type { Caller } from "../../../src/admin/calendar/callers.ts";
import { STATUS_LABEL } from "../../../src/admin/labels.ts";
import { formatPhone } from "../../../src/client/phone.ts";
import { t, type Locale } from "../../../src/i18n/i18n.ts";
import type { AdminFrame } from "../admin-layout.tsx";
import { dateTime } from "../format.ts";

/** What the salon knows about a caller, in one glance: visits, no-shows, notes, the last visits. */
export function CallerSummary({ locale, caller, zone }: { locale: Locale; caller: Caller; zone: string }) {
  return (
    <>
      <span class="muted">
        {t(locale, "journal.caller.stats", { visits: caller.visits, noShows: caller.noShows })}
        {caller.noShows > 0 && " ⚠"}
      </span>
      {caller.notes && <span class="caller-notes">{caller.notes}</span>}
      {caller.last.length > 0 && (
        <ul class="caller-visits">
          {caller.last.map((v) => (
            <li>
              {dateTime(v.startTs, zone, locale)} · {v.services.map((s) => s.title).join(", ")} · {t(locale, STATUS_LABEL[v.status])}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * The clients what was typed matches, under the name and phone fields of a new booking. Choosing one
 * reloads the form with the caller filled in (and, when no service is ticked yet, their last visit's
 * services), keeping what was already chosen.
 */
export function CallerMatches({ frame, callers, zone }: { frame: AdminFrame; callers: Caller[]; zone: string }) {
  const { locale, base } = frame;
  if (callers.length === 0) return null;
  return (
    <ul class="callers" aria-label={t(locale, "journal.caller.found")}>
      {callers.map((c) => (
        <li>
          <button
            type="button"
            class="caller"
            hx-get={`${base}/bookings/new`}
            hx-include="closest form"
            hx-params="not _csrf"
            hx-vals={JSON.stringify({ client: String(c.id) })}
            hx-target="#panel"
          >
            <strong>{c.name}</strong> {c.phone && <span>{formatPhone(c.phone)}</span>}
          </button>
          <CallerSummary locale={locale} caller={c} zone={zone} />
        </li>
      ))}
    </ul>
  );
}
