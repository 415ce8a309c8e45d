import type { BookingDetails } from "../../../src/booking/queries.ts";
import type { Problem } from "../../../src/error/app-error.ts";
import { t } from "../../../src/i18n/i18n.ts";
import { toIsoWithOffset } from "../../../src/time/format.ts";
import type { AdminFrame } from "../admin-layout.tsx";
import { clockTime, dateTime, dayLabel } from "../format.ts";
import { Problems } from "../problems.tsx";
import { PanelForm } from "./booking-panel.tsx";
import type { Caller } from "../../../src/admin/calendar/callers.ts";
import { CallerSummary } from "./caller-matches.tsx";

interface Option {
  id: number;
  name: string;
}

export interface NewBookingFormProps {
  frame: AdminFrame;
  master: Option;
  services: Array<{ id: number; title: string; durationMinutes: number }>;
  /** The ticked services, booked back to back in the catalogue's order. */
  chosen: number[];
  date: string;
  time: string;
  closeHref: string;
  mayOverride: boolean;
  /** Those who may see the client list get the caller search as they type. */
  mayFindCallers: boolean;
  /** The known client chosen from the search, shown with their history. */
  caller?: Caller | null;
  zone: string;
  values?: Record<string, string>;
  problems?: Problem[] | undefined;
}

const Head = ({ title, closeHref, closeLabel }: { title: string; closeHref: string; closeLabel: string }) => (
  <header class="sheet-head">
    <h2>{title}</h2>
    <a class="chip" href={closeHref} aria-label={closeLabel}>
      ✕
    </a>
  </header>
);

/**
 * A booking for a client on the phone, from an empty cell: the same engine and rules as online.
 * Typing a phone or a name finds the caller; one or several services go back to back.
 */
export function NewBookingForm(props: NewBookingFormProps) {
  const { frame, values = {} } = props;
  const { locale } = frame;
  // the search reads the whole form (what was typed, what to keep when a caller is chosen), but a
  // GET never carries the CSRF token into URLs and logs
  const find = props.mayFindCallers
    ? { "hx-get": `${frame.base}/bookings/callers`, "hx-trigger": "input changed delay:250ms", "hx-target": "#caller-matches", "hx-include": "closest form", "hx-params": "not _csrf" }
    : {};
  return (
    <section class="sheet">
      <Head title={`${t(locale, "calendar.new_booking")} · ${props.master.name}`} closeHref={props.closeHref} closeLabel={t(locale, "admin.close")} />
      <Problems locale={locale} problems={props.problems} />
      {props.services.length === 0 ? (
        <p class="muted">{t(locale, "panel.no_services")}</p>
      ) : (
        <PanelForm frame={frame} action={`${frame.base}/bookings`} class="stack">
          <input type="hidden" name="staff_id" value={String(props.master.id)} />
          <label>
            {t(locale, "admin.phone")}
            <input type="tel" name="phone" value={values.phone ?? ""} required autocomplete="off" {...find} />
          </label>
          <label>
            {t(locale, "admin.name")}
            <input type="text" name="name" value={values.name ?? ""} maxlength={100} required autocomplete="off" {...find} />
          </label>
          {props.caller ? (
            <div class="client-card caller-chosen">
              <p>
                <strong>{t(locale, "journal.caller.known")}</strong>
              </p>
              <CallerSummary locale={locale} caller={props.caller} zone={props.zone} />
            </div>
          ) : (
            <div id="caller-matches" aria-live="polite"></div>
          )}
          <input type="hidden" name="staff" value={String(props.master.id)} />
          <fieldset class="services-pick">
            <legend>{t(locale, "journal.services_in_order")}</legend>
            {props.services.map((s) => (
              <label class="check">
                <input type="checkbox" name="services" value={String(s.id)} checked={props.chosen.includes(s.id)} /> {s.title} ·{" "}
                {t(locale, "salon.minutes", { n: s.durationMinutes })}
              </label>
            ))}
          </fieldset>
          <div class="row">
            <label>
              {t(locale, "calendar.date")}
              <input type="date" name="date" value={props.date} required />
            </label>
            <label>
              {t(locale, "panel.time")}
              <input type="time" name="time" value={props.time} step={300} required />
            </label>
          </div>
          <label>
            {t(locale, "admin.notes")}
            <textarea name="notes" rows={2} maxlength={1000}>
              {values.notes ?? ""}
            </textarea>
          </label>
          {/* issue 14: what the client pays with besides money, applied in the pricing order */}
          <PayingChoices locale={locale} values={values} />
          {props.mayOverride && <OverrideChoices locale={locale} values={values} />}
          <button type="submit" class="button">
            {t(locale, "panel.book")}
          </button>
        </PanelForm>
      )}
    </section>
  );
}

/** issue 14: the client's package and wallet, and codes they brought (booked by phone, the client's own record is used). */
function PayingChoices({ locale, values }: { locale: AdminFrame["locale"]; values: Record<string, string> }) {
  return (
    <details class="paying" open={Boolean(values.use_package || values.pay_with_wallet || values.promo_code || values.certificate_code)}>
      <summary>{t(locale, "balance.paying")}</summary>
      {(["use_package", "pay_with_wallet"] as const).map((name) => (
        <label class="check">
          <input type="checkbox" name={name} value="on" checked={values[name] === "on"} /> {t(locale, `balance.${name}`)}
        </label>
      ))}
      <div class="row">
        <label>
          {t(locale, "book.promo_code")}
          <input name="promo_code" maxlength={40} value={values.promo_code ?? ""} />
        </label>
        <label>
          {t(locale, "book.certificate_code")}
          <input name="certificate_code" maxlength={40} value={values.certificate_code ?? ""} />
        </label>
      </div>
    </details>
  );
}

/** Two separate, explicit choices for staff: outside working hours, and over another booking. */
function OverrideChoices({ locale, values }: { locale: AdminFrame["locale"]; values: Record<string, string> }) {
  return (
    <fieldset class="override">
      <label class="check">
        <input type="checkbox" name="override" value="on" checked={values.override === "on"} /> {t(locale, "panel.override")}
      </label>
      <label class="check">
        <input type="checkbox" name="double_book" value="on" checked={values.double_book === "on"} /> {t(locale, "journal.double_book")}
      </label>
      <small class="muted">{t(locale, "journal.override_help")}</small>
    </fieldset>
  );
}

export interface RescheduleFormProps {
  frame: AdminFrame;
  booking: BookingDetails;
  date: string;
  staffId: number | "any";
  /** The visit's own master (null for a shared visit): preferred for every time offered. */
  ownStaffId: number | null;
  masters: Option[];
  slots: Array<{ start: number; staffIds: number[] }>;
  mayOverride: boolean;
  problems?: Problem[] | undefined;
}

/** Moving a visit: free times from the availability engine, or a time of one's own (with override). */
export function RescheduleForm(props: RescheduleFormProps) {
  const { frame, booking } = props;
  const { locale } = frame;
  const url = `${frame.base}/bookings/${booking.id}`;
  const staff = props.staffId === "any" ? "" : String(props.staffId);
  return (
    <section class="sheet">
      <Head title={t(locale, "panel.reschedule_title")} closeHref={url} closeLabel={t(locale, "admin.close")} />
      <Problems locale={locale} problems={props.problems} />
      <p class="when">
        {t(locale, "journal.now_at", {
          when: `${dateTime(booking.startTs, booking.timezone, locale)}–${clockTime(booking.endTs, booking.timezone)}`,
          master: [...new Set(booking.services.map((s) => s.staffName ?? "—"))].join(", "),
        })}
      </p>
      <form method="get" action={`${url}/reschedule`} hx-get={`${url}/reschedule`} hx-target="#panel" class="row">
        <label>
          {t(locale, "calendar.date")}
          <input type="date" name="date" value={props.date} />
        </label>
        <label>
          {t(locale, "admin.master")}
          <select name="staff">
            <option value="">{t(locale, "panel.any_master")}</option>
            {props.masters.map((m) => (
              <option value={String(m.id)} selected={staff === String(m.id)}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="chip">
          {t(locale, "admin.filter")}
        </button>
      </form>
      <h3>
        {t(locale, "panel.free_times")} · {dayLabel(props.date, locale)}
      </h3>
      {props.slots.length === 0 && <p class="muted">{t(locale, "panel.no_free_times")}</p>}
      <div class="slots">
        {props.slots.map((slot) => (
          <PanelForm frame={frame} action={`${url}/reschedule`}>
            <input type="hidden" name="start" value={toIsoWithOffset(slot.start, booking.timezone)} />
            <input type="hidden" name="staff_id" value={staff || String(ownFirst(slot.staffIds, props.ownStaffId) ?? "")} />
            <button type="submit" class="chip">
              {clockTime(slot.start, booking.timezone)}
            </button>
          </PanelForm>
        ))}
      </div>
      {props.mayOverride && (
        <PanelForm frame={frame} action={`${url}/reschedule`} class="stack">
          <input type="hidden" name="date" value={props.date} />
          <input type="hidden" name="staff_id" value={staff} />
          <label>
            {t(locale, "panel.time")}
            <input type="time" name="time" step={300} required />
          </label>
          <OverrideChoices locale={locale} values={{}} />
          <button type="submit" class="chip">
            {t(locale, "panel.reschedule")}
          </button>
        </PanelForm>
      )}
    </section>
  );
}

/** Of the masters free at a time, the visit's own one when free, else the engine's first pick. */
const ownFirst = (staffIds: number[], own: number | null) => (own !== null && staffIds.includes(own) ? own : staffIds[0]);

/** The second step of moving a visit to another master: say who it was with, and ask. */
export function ConfirmMasterChange(props: { frame: AdminFrame; booking: BookingDetails; start: number; to: Option; form: Record<string, string> }) {
  const { frame, booking, to, form } = props;
  const { locale } = frame;
  const url = `${frame.base}/bookings/${booking.id}`;
  const from = booking.services[0]?.staffName ?? "—";
  const when = dateTime(props.start, booking.timezone, locale);
  return (
    <section class="sheet">
      <Head title={t(locale, "journal.change_master_title")} closeHref={url} closeLabel={t(locale, "admin.close")} />
      <p>{t(locale, "journal.change_master_text", { client: booking.client?.name ?? t(locale, "calendar.no_client"), from, to: to.name, when })}</p>
      <div class="actions">
        <PanelForm frame={frame} action={`${url}/reschedule`}>
          <input type="hidden" name="start" value={toIsoWithOffset(props.start, booking.timezone)} />
          <input type="hidden" name="staff_id" value={String(to.id)} />
          <input type="hidden" name="confirm_master" value="1" />
          {(["override", "double_book"] as const).map((k) => form[k] === "on" && <input type="hidden" name={k} value="on" />)}
          <button type="submit" class="button">
            {t(locale, "journal.change_master_yes", { to: to.name })}
          </button>
        </PanelForm>
        <a class="chip" href={`${url}/reschedule`} hx-get={`${url}/reschedule`} hx-target="#panel">
          {t(locale, "journal.change_master_no", { from })}
        </a>
      </div>
    </section>
  );
}
