import type { Problem } from "../../../src/error/app-error.ts";
import { DayHasBookings, type DayClosing } from "./day-has-bookings.tsx";
import { t } from "../../../src/i18n/i18n.ts";
import type { ExceptionRow } from "../../../src/schedule/exceptions.ts";
import type { HoursPeriod } from "../../../src/schedule/schedule.ts";
import type { TimeOffRow } from "../../../src/schedule/time-off.ts";
import { formatHHMM } from "../../../src/time/format.ts";
import { AdminLayout, Csrf, type AdminFrame } from "../admin-layout.tsx";
import { PostButton } from "../post-button.tsx";
import { dateTime, dayLabel } from "../format.ts";
import { Notice, Problems } from "../problems.tsx";
import { CatalogueTabs } from "./tabs.tsx";

/** Ranges a day the editor offers: enough for a morning, an afternoon and an evening shift. */
export const RANGES_A_DAY = 3;
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
// 2027-03-01 is a Monday: weekday n is that date + n - 1, spelled in the page's language.
const weekdayName = (n: number, locale: AdminFrame["locale"]) =>
  Temporal.PlainDate.from("2027-03-01").add({ days: n - 1 }).toLocaleString(locale === "en" ? "en-GB" : locale === "kk" ? "kk-KZ" : "ru-RU", { weekday: "short" });

export interface HoursOwnerOption {
  /** "salon" or a resource id. */
  key: string;
  name: string;
  kind: "salon" | "staff" | "room" | "equipment" | "other";
}

export interface SchedulePageProps {
  frame: AdminFrame;
  zone: string;
  today: string;
  owners: HoursOwnerOption[];
  owner: HoursOwnerOption;
  periods: HoursPeriod[];
  /** The period the editor starts from (the one in force today, else the latest). */
  editing: HoursPeriod | null;
  exceptions: ExceptionRow[];
  timeOff: TimeOffRow[];
  mayEdit: boolean;
  notice?: string | undefined;
  problems?: Problem[] | undefined;
  failed?: "hours" | "exception" | "time_off" | undefined;
  /** A day off refused for its visits: both ways out are offered. */
  dayClosing?: DayClosing | undefined;
}

function PeriodSummary({ frame, period }: { frame: AdminFrame; period: HoursPeriod }) {
  const { locale } = frame;
  const byDay = Map.groupBy(period.week, (r) => r.weekday);
  return (
    <div class="card period">
      <strong>
        {period.validFrom ? dayLabel(period.validFrom, locale) : t(locale, "schedule_page.always")} — {period.validTo ? dayLabel(period.validTo, locale) : t(locale, "schedule_page.open_end")}
      </strong>
      <ul class="plain week">
        {WEEKDAYS.map((d) => (
          <li>
            <span class="wd">{weekdayName(d, locale)}</span> {(byDay.get(d) ?? []).map((r) => `${r.start}–${r.end}`).join(", ") || <span class="muted">{t(locale, "salon.closed")}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

function HoursEditor({ frame, owner, editing, disabled }: { frame: AdminFrame; owner: HoursOwnerOption; editing: HoursPeriod | null; disabled: boolean }) {
  const { locale, base } = frame;
  const byDay = Map.groupBy(editing?.week ?? [], (r) => r.weekday);
  return (
    <form method="post" action={`${base}/schedules/${owner.key}/hours`} class="card stack hours-editor">
      <Csrf token={frame.csrf} />
      <fieldset disabled={disabled} class="stack">
        <p class="muted small">{t(locale, "schedule_page.editor_help")}</p>
        {WEEKDAYS.map((d) => {
          const ranges = byDay.get(d) ?? [];
          return (
            <div class="day-row">
              <span class="wd">{weekdayName(d, locale)}</span>
              {Array.from({ length: RANGES_A_DAY }, (_, k) => (
                <span class="range">
                  <input type="time" name={`d${d}_${k}_start`} value={ranges[k]?.start ?? ""} aria-label={`${weekdayName(d, locale)} ${k + 1}: ${t(locale, "schedule_page.start")}`} />
                  <span aria-hidden="true">–</span>
                  <input type="time" name={`d${d}_${k}_end`} value={ranges[k]?.end ?? ""} aria-label={`${weekdayName(d, locale)} ${k + 1}: ${t(locale, "schedule_page.end")}`} />
                </span>
              ))}
            </div>
          );
        })}
        <div class="row">
          <label>
            {t(locale, "schedule_page.valid_from")}
            <input type="date" name="valid_from" value={editing?.validFrom ?? ""} />
          </label>
          <label>
            {t(locale, "schedule_page.valid_to")}
            <input type="date" name="valid_to" value={editing?.validTo ?? ""} />
          </label>
        </div>
        <div>
          <button type="submit" class="button">{t(locale, "schedule_page.save_hours")}</button>
        </div>
      </fieldset>
    </form>
  );
}

function ExceptionForm({ frame, owner, today }: { frame: AdminFrame; owner: HoursOwnerOption; today: string }) {
  const { locale, base } = frame;
  return (
    <form method="post" action={`${base}/schedules/${owner.key}/exceptions`} class="card stack">
      <Csrf token={frame.csrf} />
      <div class="row">
        <label>
          {t(locale, "schedule_page.date")}
          <input type="date" name="date" min={today} required />
        </label>
        <label>
          {t(locale, "schedule_page.type")}
          <select name="type">
            <option value="closed">{t(locale, "schedule_page.type.closed")}</option>
            <option value="open_custom">{t(locale, "schedule_page.type.open_custom")}</option>
          </select>
        </label>
        <label>
          {t(locale, "schedule_page.start")}
          <input type="time" name="start_time" />
        </label>
        <label>
          {t(locale, "schedule_page.end")}
          <input type="time" name="end_time" />
        </label>
      </div>
      <label>
        {t(locale, "schedule_page.note")}
        <input name="note" maxlength={500} />
      </label>
      {owner.kind === "salon" || owner.kind === "staff" ? (
        <label class="check">
          <input type="checkbox" name="cancel_bookings" />
          {t(locale, "schedule_page.cancel_bookings")}
        </label>
      ) : null}
      <div>
        <button type="submit" class="button">{t(locale, "admin.add")}</button>
      </div>
    </form>
  );
}

/** Weekly hours (periods and the editor), exceptions and time off of the salon, a master or a room. */
export function SchedulePage(props: SchedulePageProps) {
  const { frame, owner, mayEdit, failed } = props;
  const { locale, base } = frame;
  const problemsFor = (form: SchedulePageProps["failed"]) => (failed === form ? <Problems locale={locale} problems={props.problems} /> : null);
  const exceptionTimes = (e: ExceptionRow) => (e.startMinutes === null ? t(locale, "schedule_page.whole_day") : `${formatHHMM(e.startMinutes)}–${formatHHMM(e.endMinutes ?? 1440)}`);
  return (
    <AdminLayout frame={frame} title={t(locale, "catalogue.tab.schedules")} section="catalogue">
      <CatalogueTabs frame={frame} current="schedules" />
      <form method="get" action={`${base}/schedules`} class="row owner-pick">
        <label>
          {t(locale, "schedule_page.whose")}
          <select name="owner">
            {props.owners.map((o) => (
              <option value={o.key} selected={o.key === owner.key}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <button class="chip" type="submit">{t(locale, "admin.filter")}</button>
      </form>
      <h1>{owner.name}</h1>
      <Notice text={props.notice} />
      <h2>{t(locale, "schedule_page.hours")}</h2>
      {props.periods.length === 0 ? <p class="muted">{t(locale, "schedule_page.no_hours")}</p> : <div class="periods">{props.periods.map((p) => <PeriodSummary frame={frame} period={p} />)}</div>}
      {problemsFor("hours")}
      <HoursEditor frame={frame} owner={owner} editing={props.editing} disabled={!mayEdit} />

      <h2>{t(locale, "schedule_page.exceptions")}</h2>
      {props.dayClosing ? <DayHasBookings frame={frame} closing={props.dayClosing} problems={props.problems ?? []} /> : problemsFor("exception")}
      {props.exceptions.length === 0 ? (
        <p class="muted">{t(locale, "admin.none")}</p>
      ) : (
        <ul class="plain items">
          {props.exceptions.map((e) => (
            <li>
              <strong>{dayLabel(e.date, locale)}</strong> · {t(locale, e.type === "closed" ? "schedule_page.type.closed" : "schedule_page.type.open_custom")} · {exceptionTimes(e)}
              {e.note && <span class="muted"> · {e.note}</span>}
              {mayEdit && (
                <PostButton frame={frame} action={`${base}/exceptions/${e.id}/delete?owner=${owner.key}`} label={t(locale, "admin.delete")} danger />
              )}
            </li>
          ))}
        </ul>
      )}
      {mayEdit && <ExceptionForm frame={frame} owner={owner} today={props.today} />}

      {owner.kind !== "salon" && (
        <>
          <h2>{t(locale, "schedule_page.time_off")}</h2>
          {problemsFor("time_off")}
          {props.timeOff.length === 0 ? (
            <p class="muted">{t(locale, "admin.none")}</p>
          ) : (
            <ul class="plain items">
              {props.timeOff.map((o) => (
                <li>
                  {dateTime(o.startTs, props.zone, locale)} — {dateTime(o.endTs, props.zone, locale)}
                  {o.reason && <span class="muted"> · {o.reason}</span>}
                  {mayEdit && (
                    <PostButton frame={frame} action={`${base}/time-off/${o.id}/delete?owner=${owner.key}`} label={t(locale, "admin.delete")} danger />
                  )}
                </li>
              ))}
            </ul>
          )}
          {mayEdit && (
            <form method="post" action={`${base}/schedules/${owner.key}/time-off`} class="card stack">
              <Csrf token={frame.csrf} />
              <div class="row">
                <label>
                  {t(locale, "admin.from")}
                  <input type="date" name="from_date" required />
                </label>
                <label>
                  {t(locale, "schedule_page.start")}
                  <input type="time" name="from_time" />
                </label>
                <label>
                  {t(locale, "admin.to")}
                  <input type="date" name="to_date" required />
                </label>
                <label>
                  {t(locale, "schedule_page.end")}
                  <input type="time" name="to_time" />
                </label>
              </div>
              <label>
                {t(locale, "schedule_page.reason")}
                <input name="reason" maxlength={300} />
              </label>
              <p class="muted small">{t(locale, "schedule_page.time_off_help")}</p>
              <div>
                <button type="submit" class="button">{t(locale, "admin.add")}</button>
              </div>
            </form>
          )}
        </>
      )}
    </AdminLayout>
  );
}
