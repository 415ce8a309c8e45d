import { RANGES_A_DAY, SchedulePage, type HoursOwnerOption, type SchedulePageProps } from "../../../views/admin/catalogue/schedule-page.tsx";
import { savedText } from "../../../views/admin/catalogue/tabs.tsx";
import { visitsOf } from "../../../views/admin/catalogue/day-has-bookings.tsx";
import { can } from "../../account/permissions.ts";
import { bookingDeps } from "../../booking/links.ts";
import { listResources, listStaff } from "../../catalogue/queries.ts";
import type { Database } from "../../db/database.ts";
import { notFound, type AppError } from "../../error/app-error.ts";
import { render } from "../../http/render.ts";
import { t } from "../../i18n/i18n.ts";
import { createException, deleteException, listExceptions } from "../../schedule/exceptions.ts";
import { replaceWeeklyHours, weeklyHours, type DayRange, type HoursPeriod } from "../../schedule/schedule.ts";
import { addTimeOff, listTimeOff, removeTimeOff } from "../../schedule/time-off.ts";
import { parseHHMM } from "../../time/format.ts";
import { isValidLocalDate, localDateOf, localToInstant, startOfLocalDay, addDays } from "../../time/zone.ts";
import { closeDay } from "../../schedule/close-day.ts";
import { asForm, checked, pathId, text, type FormBody } from "../form.ts";
import { adminFrame } from "../frame.ts";
import { seeOther, submit } from "../page-form.ts";
import type { AdminApp, AdminDeps } from "../scope.ts";

const ALL = { all: true, slice: { limit: 1000, offset: 0 } } as const;
const hide = { detail: { hide: true } };
const EDIT = { can: "schedules.edit" as const, ...hide };

type Ctx = Parameters<typeof adminFrame>[0] & { db: Database; query: Record<string, string | undefined>; clockNow: number };

async function ownersOf(ctx: Ctx): Promise<HoursOwnerOption[]> {
  const [masters, others] = await Promise.all([listStaff(ctx.db.orm, ALL), listResources(ctx.db.orm, ALL)]);
  return [
    { key: "salon", name: t(ctx.locale, "schedule_page.salon_hours", { salon: ctx.profile.business.name }), kind: "salon" },
    ...masters.rows.map((m) => ({ key: String(m.id), name: m.name, kind: "staff" as const })),
    ...others.rows.map((r) => ({ key: String(r.id), name: r.name, kind: r.kind })),
  ];
}

async function ownerOf(ctx: Ctx, key: string | undefined): Promise<HoursOwnerOption> {
  const owners = await ownersOf(ctx);
  const owner = owners.find((o) => o.key === (key || "salon"));
  if (!owner) throw notFound();
  return owner;
}

const resourceIdOf = (owner: HoursOwnerOption) => (owner.kind === "salon" ? null : Number(owner.key));

/** The period in force today, else the latest one: where an edit most likely starts. */
function periodToEdit(periods: HoursPeriod[], today: string): HoursPeriod | null {
  return periods.find((p) => (p.validFrom ?? "") <= today && (p.validTo === null || p.validTo >= today)) ?? periods.at(-1) ?? null;
}

interface Failure {
  form: NonNullable<SchedulePageProps["failed"]>;
  error: AppError;
  /** The day off as asked, to ask again cancelling its visits. */
  closing?: { date: string; note: string };
}

async function schedulePage(ctx: Ctx, ownerKey: string | undefined, failure?: Failure): Promise<Response> {
  const zone = ctx.profile.timezone;
  const owner = await ownerOf(ctx, ownerKey);
  const resourceId = resourceIdOf(owner);
  const today = localDateOf(ctx.clockNow, zone);
  const [owners, periods, exceptions, timeOff] = await Promise.all([
    ownersOf(ctx),
    weeklyHours(ctx.db.orm, resourceId),
    listExceptions(ctx.db.orm, { from: today, resourceId, limit: 200, offset: 0 }),
    resourceId === null ? Promise.resolve([]) : listTimeOff(ctx.db.orm, resourceId, ctx.clockNow),
  ]);
  const frame = adminFrame(ctx);
  return render(
    <SchedulePage
      frame={frame}
      zone={zone}
      today={today}
      owners={owners}
      owner={owner}
      periods={periods}
      editing={periodToEdit(periods, today)}
      exceptions={exceptions.rows}
      timeOff={timeOff}
      mayEdit={can(ctx.actor.role, "schedules.edit")}
      notice={ctx.query.closed !== undefined ? t(ctx.locale, "schedule_page.closed_done", { n: Number(ctx.query.closed) || 0 }) : savedText(frame, ctx.query.saved === "1")}
      problems={failure?.error.problems}
      failed={failure?.form}
      dayClosing={
        failure?.closing && failure.error.code === "DAY_HAS_BOOKINGS"
          ? { action: `${ctx.base}/schedules/${owner.key}/exceptions`, ...failure.closing, visits: visitsOf(failure.error.problems) }
          : undefined
      }
    />,
    { status: failure ? 400 : 200 },
  );
}

/** The editor's boxes → ranges; a range with one end empty goes through as "" and is reported. */
function weekOf(form: FormBody): DayRange[] {
  const week: DayRange[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (let k = 0; k < RANGES_A_DAY; k++) {
      const start = text(form, `d${weekday}_${k}_start`);
      const end = text(form, `d${weekday}_${k}_end`);
      if (start || end) week.push({ weekday, start, end });
    }
  }
  return week;
}

/** A local date and an optional "HH:MM" → an instant; an empty time means the day's start (or, for an end, the next day's). */
function instantOf(form: FormBody, dateField: string, timeField: string, zone: string, isEnd: boolean): number | null {
  const date = text(form, dateField);
  if (!isValidLocalDate(date)) return null;
  const time = text(form, timeField);
  if (!time) return startOfLocalDay(isEnd ? addDays(date, 1) : date, zone);
  const minutes = parseHHMM(time);
  return minutes === null ? null : localToInstant(date, minutes, zone, "compatible");
}

/** `/admin/schedules`: weekly hours, exceptions (closing a day may cancel its bookings) and time off. */
export const schedulePages = (deps: AdminDeps) => (app: AdminApp) => {
  const withClock = <C extends object>(ctx: C) => Object.assign(ctx, { clockNow: deps.clock.now() });
  const back = (ctx: { base: string }, key: string | undefined) => `${ctx.base}/schedules?owner=${key && /^(?:salon|\d+)$/.test(key) ? key : "salon"}`;
  return app
    .get("/schedules", (ctx) => schedulePage(withClock(ctx), ctx.query.owner), { can: "catalogue.view", ...hide })
    .post(
      "/schedules/:owner/hours",
      async (ctx) => {
        const c = withClock(ctx);
        const owner = await ownerOf(c, ctx.params.owner);
        const form = asForm(ctx.body);
        return submit(
          async () => {
            await replaceWeeklyHours({ db: ctx.db, clock: deps.clock }, ctx.actor, resourceIdOf(owner), {
              week: weekOf(form),
              validFrom: text(form, "valid_from") || null,
              validTo: text(form, "valid_to") || null,
            });
            return seeOther(back(c, owner.key));
          },
          (error) => schedulePage(c, owner.key, { form: "hours", error }),
        );
      },
      EDIT,
    )
    .post(
      "/schedules/:owner/exceptions",
      async (ctx) => {
        const c = withClock(ctx);
        const owner = await ownerOf(c, ctx.params.owner);
        const form = asForm(ctx.body);
        const resourceId = resourceIdOf(owner);
        const type = text(form, "type") === "open_custom" ? "open_custom" : "closed";
        const wholeDayClosed = type === "closed" && !text(form, "start_time") && !text(form, "end_time");
        return submit(
          async () => {
            if (wholeDayClosed && (owner.kind === "salon" || owner.kind === "staff")) {
              const closed = await closeDay(bookingDeps(ctx.db, deps, ctx.tenant.slug), ctx.actor, {
                date: text(form, "date"),
                locationId: ctx.profile.location.id,
                zone: ctx.profile.timezone,
                staffId: resourceId,
                note: text(form, "note") || null,
                cancelBookings: checked(form, "cancel_bookings"),
                reason: text(form, "note") || t(ctx.profile.locale, "schedule_page.closed_reason"),
              });
              return closed.cancelled.length > 0 ? seeOther(`${back(c, owner.key)}&closed=${closed.cancelled.length}`, false) : seeOther(back(c, owner.key));
            }
            await createException({ db: ctx.db, clock: deps.clock }, ctx.actor, {
              date: text(form, "date"),
              type,
              startTime: text(form, "start_time") || null,
              endTime: text(form, "end_time") || null,
              ...(owner.kind === "staff" ? { staffId: resourceId } : { resourceId }),
              note: text(form, "note") || null,
            });
            return seeOther(back(c, owner.key));
          },
          (error) => schedulePage(c, owner.key, { form: "exception", error, closing: { date: text(form, "date"), note: text(form, "note") } }),
        );
      },
      EDIT,
    )
    .post(
      "/exceptions/:id/delete",
      async (ctx) => {
        await deleteException({ db: ctx.db, clock: deps.clock }, ctx.actor, pathId(ctx.params.id));
        return seeOther(back(ctx, ctx.query.owner));
      },
      EDIT,
    )
    .post(
      "/schedules/:owner/time-off",
      async (ctx) => {
        const c = withClock(ctx);
        const owner = await ownerOf(c, ctx.params.owner);
        const resourceId = resourceIdOf(owner);
        if (resourceId === null) throw notFound();
        const form = asForm(ctx.body);
        const zone = ctx.profile.timezone;
        return submit(
          async () => {
            await addTimeOff({ db: ctx.db, clock: deps.clock }, ctx.actor, {
              resourceId,
              startTs: instantOf(form, "from_date", "from_time", zone, false),
              endTs: instantOf(form, "to_date", "to_time", zone, true),
              reason: text(form, "reason") || null,
            });
            return seeOther(back(c, owner.key));
          },
          (error) => schedulePage(c, owner.key, { form: "time_off", error }),
        );
      },
      EDIT,
    )
    .post(
      "/time-off/:id/delete",
      async (ctx) => {
        await removeTimeOff({ db: ctx.db, clock: deps.clock }, ctx.actor, pathId(ctx.params.id));
        return seeOther(back(ctx, ctx.query.owner));
      },
      EDIT,
    );
};
