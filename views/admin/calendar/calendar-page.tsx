import { daySummary, type CalendarModel, type Column, type DaySummary, type PlacedBlock } from "../../../src/admin/calendar/model.ts";
import { formatPhone } from "../../../src/client/phone.ts";
import { formatMoney } from "../../../src/money/money.ts";
import { t, type Locale } from "../../../src/i18n/i18n.ts";
import { STATUS_LABEL } from "../../../src/admin/labels.ts";
import type { BookingStatus } from "../../../src/booking/schema.ts";
import { formatHHMM } from "../../../src/time/format.ts";
import { addDays } from "../../../src/time/zone.ts";
import { assetUrl } from "../../../src/http/assets.ts";
import { AdminLayout, type AdminFrame } from "../admin-layout.tsx";
import { dayLabel } from "../format.ts";
import type { Checklist } from "../../../src/admin/setup/checklist.ts";
import { SetupChecklist } from "./setup-checklist.tsx";

// Pixels per minute: a 30-minute cell is 42px tall, a comfortable tap target on a phone.
const PPM = 1.4;
/** A length in minutes as CSS pixels, without floating-point tails (923.9999999999999px). */
const px = (minutes: number) => `${Math.round(minutes * PPM * 100) / 100}px`;
const CELL_MINUTES = 30;

export interface CalendarPageProps {
  frame: AdminFrame;
  model: CalendarModel;
  today: string;
  /** May this user create bookings in this column? */
  mayBook: (column: Column) => boolean;
  /** The booking panel to open at once (a link to /bookings/:id without htmx). */
  panel?: unknown;
  /** The salon's local date and wall-clock minute now: the current-time line on today's column. */
  now: { date: string; minutes: number };
  /** A new salon's setup steps (absent once it is live). */
  setup?: { checklist: Checklist; bookingPage: string } | undefined;
}

export const calendarHref = (base: string, q: { date: string; view: string; staffId: number | null }) =>
  `${base}?date=${q.date}&view=${q.view}${q.staffId !== null ? `&staff=${q.staffId}` : ""}`;

export function CalendarPage({ frame, model, today, mayBook, setup, now }: CalendarPageProps) {
  const { locale, base } = frame;
  const q = model.query;
  const step = q.view === "week" ? 7 : 1;
  const href = (date: string, change: Partial<typeof q> = {}) => calendarHref(base, { ...q, date, ...change });
  return (
    <AdminLayout frame={frame} title={t(locale, "admin.nav.calendar")} section="calendar">
      {setup && <SetupChecklist frame={frame} checklist={setup.checklist} bookingPage={setup.bookingPage} />}
      <div class="cal-toolbar">
        <div class="cal-nav">
          <a class="chip" href={href(addDays(q.date, -step))} aria-label={t(locale, "admin.prev")}>
            ‹
          </a>
          <a class="chip" href={href(today)} aria-current={q.date === today ? "true" : "false"}>
            {t(locale, "calendar.today")}
          </a>
          <a class="chip" href={href(addDays(q.date, step))} aria-label={t(locale, "admin.next")}>
            ›
          </a>
          <h1 class="cal-title">{q.view === "day" ? dayLabel(q.date, locale, true) : `${dayLabel(model.dates[0]!, locale)} – ${dayLabel(model.dates[6]!, locale)}`}</h1>
        </div>
        <form method="get" action={base} class="cal-filter" hx-get={base} hx-trigger="change" hx-target="body" hx-push-url="true">
          <input type="date" name="date" value={q.date} aria-label={t(locale, "calendar.date")} />
          <select name="view" aria-label={t(locale, "calendar.view")}>
            <option value="day" selected={q.view === "day"}>
              {t(locale, "calendar.day")}
            </option>
            <option value="week" selected={q.view === "week"}>
              {t(locale, "calendar.week")}
            </option>
          </select>
          {model.masters.length + model.rooms.length > 1 && (
            <select name="staff" aria-label={t(locale, "admin.master")}>
              <option value="">{t(locale, "calendar.all_masters")}</option>
              {model.masters.map((m) => (
                <option value={String(m.id)} selected={m.id === q.staffId}>
                  {m.name}
                </option>
              ))}
              {model.rooms.length > 0 && (
                <optgroup label={t(locale, "journal.rooms")}>
                  {model.rooms.map((r) => (
                    <option value={String(r.id)} selected={r.id === q.staffId}>
                      {r.name}
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
          )}
          <button type="submit" class="chip">
            {t(locale, "admin.filter")}
          </button>
        </form>
      </div>
      {q.view === "day" && <DaySummaryLine locale={locale} summary={daySummary(model, q.date)} />}
      <p id="cal-move-msg" class="cal-move-msg" role="alert"></p>
      <div class="cal-layout">
        <CalendarGrid frame={frame} model={model} mayBook={mayBook} today={today} now={now} />
        <aside id="panel" class="panel" aria-live="polite"></aside>
      </div>
      <script src={assetUrl("calendar-drag.js")} defer></script>
    </AdminLayout>
  );
}

/** The grid alone: re-fetched by htmx whenever a booking changes (`calendar-changed`). */
export function CalendarGrid({ frame, model, mayBook, today, now }: Omit<CalendarPageProps, "panel">) {
  const { locale, base } = frame;
  const { axis, columns } = model;
  const minutes = axis.endMinutes - axis.startMinutes;
  const hours = Array.from({ length: minutes / 60 }, (_, i) => axis.startMinutes + i * 60);
  const self = `${calendarHref(base, model.query)}&fragment=grid`;
  return (
    <div id="cal" class="cal-scroll" hx-get={self} hx-trigger="calendar-changed from:body" hx-swap="outerHTML" hx-disinherit="*">
      {columns.length === 0 ? (
        <p class="muted card">{t(locale, "calendar.no_masters")}</p>
      ) : (
        <div
          class={`cal-grid${columns.length > 7 ? " many" : ""}`}
          style={`--cols:${columns.length};--height:${minutes * PPM}px`}
          // what calendar-drag.js needs to turn a drop into the panel's "Move" form
          data-move=""
          data-ppm={String(PPM)}
          data-axis-start={String(axis.startMinutes)}
          data-csrf={frame.csrf}
          data-failed={t(locale, "journal.move_failed")}
        >
          <div class="cal-corner"></div>
          {columns.map((c) => (
            <div class={`cal-head${c.resource.kind === "staff" ? "" : " room"}${c.date === today && model.query.view === "week" ? " today" : ""}${dayStart(c)}`}>
              {c.heading.kind === "resource" ? c.heading.name : (
                <a href={calendarHref(base, { date: c.date, view: "day", staffId: c.heading.name === undefined ? c.resource.id : null })}>
                  {dayLabel(c.date, locale)}
                  {c.heading.name !== undefined && <small class="cal-who">{c.heading.name}</small>}
                </a>
              )}
            </div>
          ))}
          <div class="cal-times" aria-hidden="true">
            {hours.map((m) => (
              <span style={`top:${(m - axis.startMinutes) * PPM}px`}>{formatHHMM(m)}</span>
            ))}
          </div>
          {columns.map((c) => (
            <div
              class={`cal-col${c.resource.kind === "staff" ? "" : " room"}${dayStart(c)}`}
              style={`--hour:${60 * PPM}px`}
              data-staff={mayBook(c) ? String(c.resource.id) : undefined}
              data-date={c.date}
            >
              {c.off.map((span) => {
                const from = Math.max(span.from, axis.startMinutes);
                const to = Math.min(span.to, axis.endMinutes);
                return to > from && <div class="cal-off" aria-hidden="true" style={`top:${px(from - axis.startMinutes)};height:${px(to - from)}`}></div>;
              })}
              {mayBook(c) &&
                Array.from({ length: minutes / CELL_MINUTES }, (_, i) => axis.startMinutes + i * CELL_MINUTES).map((m) => {
                  const url = `${base}/bookings/new?staff=${c.resource.id}&date=${c.date}&time=${formatHHMM(m)}`;
                  return (
                    <a
                      class="cal-slot"
                      style={`top:${(m - axis.startMinutes) * PPM}px;height:${CELL_MINUTES * PPM}px`}
                      href={url}
                      hx-get={url}
                      hx-target="#panel"
                      aria-label={`${t(locale, "calendar.new_booking")} ${c.resource.name} ${formatHHMM(m)}`}
                    >
                      <span>+ {formatHHMM(m)}</span>
                    </a>
                  );
                })}
              {c.date === now.date && now.minutes >= axis.startMinutes && now.minutes < axis.endMinutes && (
                <div class="cal-now" aria-hidden="true" style={`top:${px(now.minutes - axis.startMinutes)}`}></div>
              )}
              {c.blocks.map((b) => (
                <Block base={base} block={b} axisStart={axis.startMinutes} locale={locale} movable={mayBook(c) && MOVABLE.has(b.status) && !b.continued} />
              ))}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

/** The shown day in numbers: visits, free windows in the masters' hours, expected revenue. */
function DaySummaryLine({ locale, summary }: { locale: Locale; summary: DaySummary }) {
  return (
    <p class="cal-summary" role="status">
      {t(locale, "journal.summary", { visits: summary.visits, windows: summary.freeWindows })}
      {summary.revenue && ` · ${t(locale, "journal.summary_revenue", { amount: formatMoney(summary.revenue.minor, summary.revenue.currency, locale) })}`}
    </p>
  );
}

/** In a week of every master, a day's first column is marked off from the day before. */
const dayStart = (c: Column) => (c.heading.kind === "date" && c.heading.name !== undefined && c.heading.firstOfDay ? " day-start" : "");

/** Visits that can still be moved: the engine refuses the rest anyway, so they are not offered. */
const MOVABLE: ReadonlySet<BookingStatus> = new Set(["pending", "confirmed"]);

function Block({ base, block, axisStart, locale, movable }: { base: string; block: PlacedBlock; axisStart: number; locale: Locale; movable: boolean }) {
  const url = `${base}/bookings/${block.bookingId}`;
  const style = `top:${(block.top - axisStart) * PPM}px;height:${block.height * PPM - 2}px${block.color ? `;--service:${block.color}` : ""}`;
  const time = `${formatHHMM(block.top)}–${formatHHMM(Math.min(1440, block.top + block.height))}`;
  return (
    <a
      class={`cal-block status-${block.status}`}
      style={style}
      href={url}
      hx-get={url}
      hx-target="#panel"
      data-booking={String(block.bookingId)}
      data-move={movable ? `${url}/reschedule` : undefined}
      data-time={time}
      data-end={String(block.endMinutes)}
    >
      <span class="time">{time}</span>{" "}
      <strong>{block.clientName ?? t(locale, "calendar.no_client")}</strong>
      <span class="what">{block.title}</span>
      {block.clientPhone && <span class="phone">{formatPhone(block.clientPhone)}</span>}
      {block.priceMinor !== null && <span class="price">{formatMoney(block.priceMinor, block.currency, locale)}</span>}
      <span class="sr">{t(locale, STATUS_LABEL[block.status])}</span>
      {movable && block.endTs === block.visitEndTs && block.endMinutes < 1440 && <span class="cal-resize" data-resize={`${url}/resize`} aria-hidden="true"></span>}
    </a>
  );
}
