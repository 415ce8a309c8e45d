import type { Problem } from "../../../src/error/app-error.ts";
import { t } from "../../../src/i18n/i18n.ts";
import { Csrf, type AdminFrame } from "../admin-layout.tsx";
import { Problems } from "../problems.tsx";

export interface DayClosing {
  /** Where the day off is posted again, this time cancelling. */
  action: string;
  date: string;
  note: string;
  /** The live visits the refusal listed. */
  visits: Array<{ id: number; time: string }>;
}

/** The visits a refused day off listed (DAY_HAS_BOOKINGS), read from its problem lines. */
export const visitsOf = (problems: Problem[]): DayClosing["visits"] =>
  problems.filter((p) => p.key === "reason.booking_line").map((p) => ({ id: Number(p.params?.id), time: String(p.params?.time ?? "") }));

/**
 * A day off asked for a day with visits: says so, and offers both ways out — move each visit (its
 * panel, or the day in the calendar), or close the day cancelling them all, the clients notified.
 */
export function DayHasBookings({ frame, closing, problems }: { frame: AdminFrame; closing: DayClosing; problems: Problem[] }) {
  const { locale, base } = frame;
  return (
    <div class="card stack day-has-bookings">
      <Problems locale={locale} problems={problems.filter((p) => p.key !== "reason.booking_line")} />
      <ul>
        {closing.visits.map((v) => (
          <li>
            {t(locale, "reason.booking_line", { id: v.id, time: v.time })} ·{" "}
            <a href={`${base}/bookings/${v.id}/reschedule`}>{t(locale, "panel.reschedule")}</a>
          </li>
        ))}
      </ul>
      <p>
        <a href={`${base}?date=${closing.date}`}>{t(locale, "journal.dayoff.open_day")}</a>
      </p>
      <form method="post" action={closing.action}>
        <Csrf token={frame.csrf} />
        <input type="hidden" name="date" value={closing.date} />
        <input type="hidden" name="type" value="closed" />
        <input type="hidden" name="note" value={closing.note} />
        <input type="hidden" name="cancel_bookings" value="on" />
        <button type="submit" class="button danger">
          {t(locale, "closeday.submit", { n: closing.visits.length })}
        </button>
      </form>
    </div>
  );
}
