import type { DayReason, Slot } from "../../src/availability/model.ts";
import { t, type Locale } from "../../src/i18n/i18n.ts";
import { instantToLocalMinutes, localDateOf, type LocalDate } from "../../src/time/zone.ts";
import { clockTime, dayLabel } from "../admin/format.ts";
import { weekdayShort } from "./format.ts";

export interface SlotForm {
  action: string;
  /** Hidden fields of the form; the time button pressed adds its own `start`. */
  fields: Record<string, string>;
}

const SLOT_FORM_ID = "slot-form";

/**
 * The one form every time button submits, through its `form` attribute (works without
 * JavaScript). The page renders it once, outside #picker: so the picker, the fragment htmx swaps
 * in when the day changes, carries no CSRF token and is the same bytes for every visitor (cached
 * ready to send, issue 20).
 */
export const SlotFormElement = ({ form }: { form: SlotForm }) => (
  <form id={SLOT_FORM_ID} method="post" action={form.action} hidden>
    {Object.entries(form.fields).map(([name, value]) => (
      <input type="hidden" name={name} value={value} />
    ))}
  </form>
);

export interface PickerProps {
  locale: Locale;
  zone: string;
  /** The strip of coming days, each marked free or with why it is not. */
  strip: Array<{ date: LocalDate; free: boolean; reason?: DayReason | undefined }>;
  date: LocalDate;
  slots: Slot[];
  /** Why the chosen day offers nothing. */
  reason?: DayReason | undefined;
  /** Master names, shown on each time when the client chose "any". */
  names: Map<number, string> | null;
  earlier: LocalDate | null;
  later: LocalDate | null;
  /** The page URL of a day (works without JS) and where htmx fetches the new #picker from. */
  dayPage(date: LocalDate): string;
  dayFragment(date: LocalDate): string;
}

/** A time button: submits the page's SlotFormElement with its `start`. `withDay` adds the date (times of several days). */
export function SlotButton({ locale, zone, slot, names, withDay = false }: { locale: Locale; zone: string; slot: Slot; names: Map<number, string> | null; withDay?: boolean }) {
  const who = names ? slot.assignment.map((a) => (a.staffId === null ? undefined : names.get(a.staffId))).filter((n, i, all) => n && all.indexOf(n) === i).join(", ") : "";
  return (
    <button class="slot" type="submit" form={SLOT_FORM_ID} name="start" value={String(slot.start)}>
      {withDay && <span class="date">{dayLabel(localDateOf(slot.start, zone), locale)}</span>}
      <span class="time">{clockTime(slot.start, zone)}</span>
      {who && <span class="who">{who}</span>}
      {slot.seatsLeft !== undefined && <span class="who">{t(locale, "book.seats_left", { n: slot.seatsLeft })}</span>}
    </button>
  );
}

/** A day's mark in the strip: free, or in a word why not ("всё занято" only when it is). */
const mark = (d: PickerProps["strip"][number]) => (d.free ? "book.day_free" : d.reason ? (`reason.mark.${d.reason}` as const) : "book.day_full");

// Where a day's times split for the eye: before noon, before 17:00, and the rest (local wall time).
const PARTS = [
  { key: "book.morning", until: 12 * 60 },
  { key: "book.afternoon", until: 17 * 60 },
  { key: "book.evening", until: 24 * 60 },
] as const;

/** The slots of one day grouped into morning, afternoon and evening, empty parts left out. */
export function dayParts(slots: Slot[], zone: string) {
  const partOf = (slot: Slot) => PARTS.find((part) => instantToLocalMinutes(slot.start, zone) < part.until) ?? PARTS[2];
  return PARTS.map((part) => ({ key: part.key, slots: slots.filter((s) => partOf(s) === part) })).filter((part) => part.slots.length > 0);
}

/** The day strip and the free times of the chosen day: the region htmx replaces when the day changes. */
export function Picker(p: PickerProps) {
  // While a day's times load, #picker carries htmx's "htmx-request" class: the CSS dims the old
  // times and shows the loading line.
  const dayLink = (date: LocalDate, children: unknown, attrs: Record<string, string> = {}) => (
    <a href={p.dayPage(date)} hx-get={p.dayFragment(date)} hx-target="#picker" hx-select="#picker" hx-swap="outerHTML" hx-push-url={p.dayPage(date)} hx-indicator="#picker" hx-select-oob="#langs" {...attrs}>
      {children}
    </a>
  );
  return (
    <div id="picker" aria-live="polite">
      <nav class="days" aria-label={t(p.locale, "book.days")}>
        {p.earlier && dayLink(p.earlier, "‹", { class: "day nav", "aria-label": t(p.locale, "book.earlier") })}
        {p.strip.map((d) =>
          dayLink(
            d.date,
            <>
              <span class="dow">{weekdayShort(d.date, p.locale)}</span>
              <span class="dom">{Number(d.date.slice(8))}</span>
              {/* The whole date for screen readers, after the visible text so the link's name starts as it reads. */}
              <span class="sr"> ({dayLabel(d.date, p.locale, true)})</span>
              <span class="mark">{t(p.locale, mark(d))}</span>
            </>,
            {
              class: `day ${d.free ? "free" : "full"}`,
              ...(d.date === p.date ? { "aria-current": "date" } : {}),
            },
          ),
        )}
        {p.later && dayLink(p.later, "›", { class: "day nav", "aria-label": t(p.locale, "book.later") })}
      </nav>
      <h2 id="times">{t(p.locale, "book.times_on", { date: dayLabel(p.date, p.locale, true) })}</h2>
      <p class="loading" role="status">
        {t(p.locale, "book.loading")}
      </p>
      {p.slots.length === 0 ? (
        <p class="muted">{t(p.locale, p.reason ? `reason.day.${p.reason}` : "book.no_times")}</p>
      ) : (
        <div class="day-parts">
          {dayParts(p.slots, p.zone).map((part) => (
            <section class="day-part">
              <h3 id={`times-${part.key.slice(5)}`}>{t(p.locale, part.key)}</h3>
              <ul class="slots" aria-labelledby={`times-${part.key.slice(5)}`}>
                {part.slots.map((slot) => (
                  <li>
                    <SlotButton locale={p.locale} zone={p.zone} slot={slot} names={p.names} />
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
