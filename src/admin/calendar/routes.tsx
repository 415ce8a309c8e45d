import { BookingPanel } from "../../../views/admin/calendar/booking-panel.tsx";
import { ConfirmMasterChange, NewBookingForm, RescheduleForm } from "../../../views/admin/calendar/booking-forms.tsx";
import { dateTime } from "../../../views/admin/format.ts";
import { CalendarGrid, CalendarPage, calendarHref } from "../../../views/admin/calendar/calendar-page.tsx";
import { bookingScope, can, type Actor } from "../../account/permissions.ts";
import { computeAvailability, workingHours, type Override } from "../../availability/availability.ts";
import { createBooking } from "../../booking/booking.ts";
import { cancelBooking, rescheduleBooking, setBookingStatus } from "../../booking/change.ts";
import { parseBookingRequest, type NewBooking } from "../../booking/input.ts";
import type { BookingDetails } from "../../booking/queries.ts";
import { activeMasters, masterRef, servicesOfMaster } from "../../catalogue/queries.ts";
import { clientStats } from "../../client/crm-queries.ts";
import { bookingNotificationLog } from "../../notification/queries.ts";
import type { Database } from "../../db/database.ts";
import { AppError, validationError, type Problem } from "../../error/app-error.ts";
import { render } from "../../http/render.ts";
import { t, type Locale, type MessageKey } from "../../i18n/i18n.ts";
import type { Profile } from "../../business/business.ts";
import type { Clock } from "../../time/clock.ts";
import { parseHHMM, parseIsoInstant, toIsoWithOffset } from "../../time/format.ts";
import { addDays, instantToLocalMinutes, isValidLocalDate, localDateOf, localToInstant, startOfLocalDay, weekdayOf, type LocalDate } from "../../time/zone.ts";
import { bookingDeps } from "../../booking/links.ts";
import { bookingFor, changerOf, mayActOnMaster } from "../../booking/access.ts";
import { setBookingNotes } from "../bookings-access.ts";
import { asForm, checked, int, list, money, text, type FormBody } from "../form.ts";
import { adminFrame } from "../frame.ts";
import { panelResponse, userProblem, statusOf } from "../respond.tsx";
import type { AdminApp, AdminDeps } from "../scope.ts";
import { buildCalendar, datesOf, type CalendarQuery } from "./model.ts";
import { setupChecklist } from "../setup/checklist.ts";
import { callerById, findCallers, type Caller } from "./callers.ts";
import { formatPhone } from "../../client/phone.ts";
import { CallerMatches } from "../../../views/admin/calendar/caller-matches.tsx";
import { calendarBlocks, calendarResources, salonHours } from "./queries.ts";
// issue 13
import { paymentBlockOf } from "../../payment/panel.ts";
import { refundPayment, takePayment } from "../../payment/staff.ts";

const BOOKINGS = ["bookings.all", "bookings.own"] as const;
const hide = { detail: { hide: true } };

type Query = Record<string, string | undefined>;

function calendarQuery(query: Query, actor: Actor, today: LocalDate): CalendarQuery {
  const date = query.date && isValidLocalDate(query.date) ? query.date : today;
  const staff = query.staff && /^\d+$/.test(query.staff) ? Number(query.staff) : null;
  const scope = bookingScope(actor);
  return { date, view: query.view === "week" ? "week" : "day", staffId: scope === "all" ? staff : scope.staffId };
}

async function loadCalendar(db: Database, actor: Actor, query: CalendarQuery, zone: string) {
  const dates = datesOf(query);
  const all = await calendarResources(db.orm);
  const scope = bookingScope(actor);
  const visible = scope === "all" ? all : all.filter((r) => r.id === scope.staffId);
  const [blocks, hours, working] = await Promise.all([
    calendarBlocks(db.orm, {
      from: startOfLocalDay(dates[0]!, zone),
      to: startOfLocalDay(addDays(dates[dates.length - 1]!, 1), zone),
      resourceIds: visible.map((r) => r.id),
    }),
    salonHours(db.orm, [...new Set(dates.map(weekdayOf))]),
    workingHours(db.orm, {
      from: dates[0]!,
      to: dates[dates.length - 1]!,
      resourceIds: visible.map((r) => r.id),
      roomIds: visible.filter((r) => r.kind !== "staff").map((r) => r.id),
    }),
  ]);
  return buildCalendar({ query, zone, resources: visible, blocks, salonHours: hours, working, onlyStaffId: scope === "all" ? null : scope.staffId });
}

/**
 * The staff's explicit choices on a booking form: outside working hours, and (separately) over
 * another booking. Only for those who may act on every master's bookings; audited by the write.
 */
function overrideOf(form: FormBody, actor: Actor, start: number | null, salon: { now: number; noticeMinutes: number }): Override | undefined {
  if (!can(actor.role, "bookings.all")) return undefined;
  const hours = checked(form, "override");
  const doubleBook = checked(form, "double_book");
  // a walk-in, or a visit typed in after it happened: staff need not wait out the clients' notice
  const past = start !== null && start < salon.now + salon.noticeMinutes * 60_000;
  return hours || doubleBook || past ? { hours, doubleBook, ...(past ? { past } : {}) } : undefined;
}

const salonNow = (clock: Clock, profile: Profile) => ({ now: clock.now(), noticeMinutes: profile.business.minNoticeMinutes });

/** A local date and "HH:MM" from a form → the instant, or a problem for the time field. */
function startFrom(form: FormBody, zone: string, problems: Problem[]): number | null {
  const iso = text(form, "start");
  if (iso) return parseIsoInstant(iso);
  const date = text(form, "date");
  const minutes = parseHHMM(text(form, "time"));
  const start = isValidLocalDate(date) && minutes !== null ? localToInstant(date, minutes, zone, "reject") : null;
  if (start === null) problems.push({ field: "time", key: "booking.start_invalid" });
  return start;
}

/** The ticked services of a new booking (a form from before the checkboxes sends one service_id). */
function serviceIdsOf(form: FormBody): number[] {
  const ticked = list(form, "services").filter((v) => /^\d+$/.test(v)).map(Number);
  const one = int(form, "service_id");
  return ticked.length > 0 || one === null ? ticked : [one];
}

/** Calendar home, booking panel and every booking action, all through the booking engine. */
export const calendarPages = (deps: AdminDeps) => (app: AdminApp) =>
  app
    .get(
      "",
      async (ctx) => {
        const zone = ctx.profile.timezone;
        const today = localDateOf(deps.clock.now(), zone);
        const query = calendarQuery(ctx.query as Query, ctx.actor, today);
        const model = await loadCalendar(ctx.db, ctx.actor, query, zone);
        const frame = adminFrame(ctx);
        const mayBook = (c: { resource: { id: number; kind: string } }) => c.resource.kind === "staff" && mayActOnMaster(ctx.actor, c.resource.id);
        const now = { date: today, minutes: instantToLocalMinutes(deps.clock.now(), zone) };
        if ((ctx.query as Query).fragment === "grid") return render(<CalendarGrid frame={frame} model={model} today={today} mayBook={mayBook} now={now} />, { fragment: true });
        // the owner and managers set the salon up; a master's own calendar stays just a calendar
        const checklist = can(ctx.actor.role, "catalogue.edit") ? await setupChecklist(ctx.db.orm, { globalSmtp: deps.config.smtpUrl !== null }) : null;
        const setup = checklist ? { checklist, bookingPage: `${deps.config.publicUrl}/${ctx.tenant.slug}` } : undefined;
        return render(<CalendarPage frame={frame} model={model} today={today} mayBook={mayBook} setup={setup} now={now} />);
      },
      { can: [...BOOKINGS], ...hide },
    )
    .get(
      "/bookings/callers",
      async (ctx) => {
        const q = ctx.query as Query;
        // a phone's digits find more surely than a name part; the name when no phone is typed yet
        const typed = (q.phone ?? "").replace(/\D/g, "").length >= 3 ? (q.phone ?? "") : (q.name ?? "");
        const callers = await findCallers(ctx.db.orm, typed);
        return render(<CallerMatches frame={adminFrame(ctx)} callers={callers} zone={ctx.profile.timezone} />, { fragment: true });
      },
      { can: ["clients"], ...hide },
    )
    .get(
      "/bookings/new",
      async (ctx) => {
        const q = ctx.query as Query;
        const zone = ctx.profile.timezone;
        const master = q.staff && /^\d+$/.test(q.staff) ? await masterRef(ctx.db.orm, Number(q.staff)) : null;
        if (!master || !mayActOnMaster(ctx.actor, master.id)) throw new AppError("NOT_FOUND", [{ key: "error.not_found" }]);
        const date = q.date && isValidLocalDate(q.date) ? q.date : localDateOf(deps.clock.now(), zone);
        const time = q.time && parseHHMM(q.time) !== null ? q.time : "10:00";
        const caller = q.client && /^\d+$/.test(q.client) && can(ctx.actor.role, "clients") ? await callerById(ctx.db.orm, Number(q.client)) : null;
        const ticked = new URL(ctx.request.url).searchParams.getAll("services").map(Number);
        const values = { name: caller?.name ?? q.name ?? "", phone: caller?.phone ? formatPhone(caller.phone) : (q.phone ?? ""), notes: q.notes ?? "" };
        return newBookingForm(ctx, master, { date, time, ticked, caller, values });
      },
      { can: [...BOOKINGS], ...hide },
    )
    .post(
      "/bookings",
      async (ctx) => {
        const form = asForm(ctx.body);
        const zone = ctx.profile.timezone;
        const staffId = int(form, "staff_id");
        const master = staffId === null ? null : await masterRef(ctx.db.orm, staffId);
        if (!master || !mayActOnMaster(ctx.actor, master.id)) throw new AppError("NOT_FOUND", [{ key: "error.not_found" }]);
        try {
          const problems: Problem[] = [];
          const start = startFrom(form, zone, problems);
          if (problems.length > 0) throw validationError(problems);
          const override = overrideOf(form, ctx.actor, start, salonNow(deps.clock, ctx.profile));
          const parsed = parseBookingRequest(
            {
              services: serviceIdsOf(form),
              staff_id: master.id,
              start_ts: start === null ? undefined : toIsoWithOffset(start, zone),
              client: { name: text(form, "name"), phone: text(form, "phone") },
              notes: text(form, "notes") || undefined,
            },
            {
              country: ctx.profile.business.country,
              now: deps.clock.now(),
              source: "admin",
              mayUseClientId: true,
              consentRequired: false,
              idempotencyKey: text(form, "form_key") || null,
              holdToken: null,
              createdBy: ctx.actor.userId,
              pastAllowed: can(ctx.actor.role, "bookings.all"),
            },
          );
          const input: NewBooking = override ? { ...parsed, override, overrideBy: ctx.actor.label } : parsed;
          const created = await createBooking(bookingDeps(ctx.db, deps, ctx.tenant.slug), input);
          return showBooking(deps.clock, ctx, created.id, { notice: t(ctx.locale, "panel.created"), changed: true });
        } catch (e) {
          const problem = userProblem(e);
          if (!problem) throw e;
          const date = text(form, "date");
          const values = Object.fromEntries(["name", "phone", "notes", "override", "double_book"].map((k) => [k, text(form, k)]));
          return newBookingForm(ctx, master, {
            date: isValidLocalDate(date) ? date : localDateOf(deps.clock.now(), zone),
            time: text(form, "time"),
            ticked: serviceIdsOf(form),
            caller: null,
            values,
            problems: problem.problems,
            status: statusOf(problem),
          });
        }
      },
      { can: [...BOOKINGS], ...hide },
    )
    .get("/bookings/:id", (ctx) => showBooking(deps.clock, ctx, Number(ctx.params.id), {}), { can: [...BOOKINGS], ...hide })
    .post(
      "/bookings/:id/status",
      (ctx) =>
        change(deps.clock, ctx, async (booking, form) => {
          const status = text(form, "status");
          if (status !== "confirmed" && status !== "completed" && status !== "no_show") throw validationError([{ field: "status", key: "booking.status_invalid" }]);
          await setBookingStatus(bookingDeps(ctx.db, deps, ctx.tenant.slug), { bookingId: booking.id, status, by: changerOf(ctx.actor) });
          return `journal.done.${status}` as const;
        }),
      { can: [...BOOKINGS], ...hide },
    )
    .post(
      "/bookings/:id/cancel",
      (ctx) =>
        change(deps.clock, ctx, async (booking, form) => {
          await cancelBooking(bookingDeps(ctx.db, deps, ctx.tenant.slug), { bookingId: booking.id, by: changerOf(ctx.actor), reason: text(form, "reason").slice(0, 300) || null });
          return "journal.done.cancelled";
        }),
      { can: [...BOOKINGS], ...hide },
    )
    // issue 13: money taken and given back from the panel
    .post(
      "/bookings/:id/payments",
      (ctx) =>
        change(deps.clock, ctx, async (booking, form) => {
          const amountMinor = money(form, "amount") ?? NaN;
          await takePayment(bookingDeps(ctx.db, deps, ctx.tenant.slug), ctx.actor, { bookingId: booking.id, method: text(form, "method"), amountMinor });
          return "payment.done.taken";
        }),
      { can: "payments", ...hide },
    )
    .post(
      "/bookings/:id/payments/:payment/refund",
      (ctx) =>
        change(deps.clock, ctx, async (booking, form) => {
          const amountMinor = text(form, "amount") === "" ? undefined : (money(form, "amount") ?? NaN);
          await refundPayment(bookingDeps(ctx.db, deps, ctx.tenant.slug), ctx.actor, { paymentId: Number(ctx.params.payment), bookingId: booking.id, amountMinor });
          return "payment.done.refunded";
        }),
      { can: "refunds", ...hide },
    )
    .post(
      "/bookings/:id/notes",
      (ctx) =>
        change(deps.clock, ctx, async (booking, form) => {
          await setBookingNotes({ db: ctx.db, clock: deps.clock }, { bookingId: booking.id, notes: text(form, "notes"), by: changerOf(ctx.actor) });
          return "journal.done.notes";
        }),
      { can: [...BOOKINGS], ...hide },
    )
    .post(
      "/bookings/:id/resize",
      (ctx) =>
        change(deps.clock, ctx, async (booking, form) => {
          // the journal's drag of a visit's lower edge: the date and time the visit now ends
          const problems: Problem[] = [];
          const end = startFrom(form, booking.timezone, problems);
          if (end === null || problems.length > 0) throw validationError(problems);
          const override = overrideOf(form, ctx.actor, booking.startTs, salonNow(deps.clock, ctx.profile));
          await rescheduleBooking(bookingDeps(ctx.db, deps, ctx.tenant.slug), { bookingId: booking.id, start: booking.startTs, end, by: changerOf(ctx.actor), override });
          return "journal.done.resized";
        }),
      { can: [...BOOKINGS], ...hide },
    )
    .get(
      "/bookings/:id/reschedule",
      async (ctx) => {
        const booking = await bookingFor(ctx.db, ctx.actor, Number(ctx.params.id));
        return rescheduleForm(deps.clock, ctx, booking, ctx.query as Query, []);
      },
      { can: [...BOOKINGS], ...hide },
    )
    .post(
      "/bookings/:id/reschedule",
      async (ctx) => {
        const booking = await bookingFor(ctx.db, ctx.actor, Number(ctx.params.id));
        const form = asForm(ctx.body);
        const staffId = int(form, "staff_id");
        try {
          const problems: Problem[] = [];
          const start = startFrom(form, ctx.profile.timezone, problems);
          if (start === null || problems.length > 0) throw validationError(problems.length > 0 ? problems : [{ field: "start", key: "booking.start_invalid" }]);
          const own = ownMaster(booking);
          const target = staffId ?? own;
          if (!mayActOnMaster(ctx.actor, target)) throw new AppError("NOT_FOUND", [{ key: "error.not_found" }]);
          // A client of Анна is never moved to Ольга by one click: a new master is confirmed first.
          if (own !== null && target !== null && target !== own && text(form, "confirm_master") !== "1") {
            const to = await masterRef(ctx.db.orm, target);
            if (!to) throw new AppError("NOT_FOUND", [{ key: "error.not_found" }]);
            const node = <ConfirmMasterChange frame={adminFrame(ctx)} booking={booking} start={start} to={to} form={{ override: text(form, "override"), double_book: text(form, "double_book") }} />;
            return panelResponse(ctx.request, adminFrame(ctx), node, { title: t(ctx.locale, "journal.change_master_title") });
          }
          const override = overrideOf(form, ctx.actor, start, salonNow(deps.clock, ctx.profile));
          const input = { bookingId: booking.id, start, staffId: staffId ?? undefined, by: changerOf(ctx.actor), override };
          const moved = await rescheduleBooking(bookingDeps(ctx.db, deps, ctx.tenant.slug), input);
          const when = dateTime(moved.startTs, booking.timezone, ctx.locale);
          return showBooking(deps.clock, ctx, booking.id, { notice: t(ctx.locale, "journal.done.moved", { when }), changed: true });
        } catch (e) {
          const problem = userProblem(e);
          if (!problem) throw e;
          return rescheduleForm(deps.clock, ctx, booking, { date: text(form, "date"), staff: staffId === null ? "" : String(staffId) }, problem.problems, statusOf(problem));
        }
      },
      { can: [...BOOKINGS], ...hide },
    );

/** What the panel helpers use of a request's admin context. */
interface PageCtx {
  request: Request;
  db: Database;
  actor: Actor;
  user: { email: string };
  profile: Profile;
  locale: Locale;
  base: string;
  csrf: string;
  params: Record<string, string>;
  body?: unknown;
}

async function showBooking(clock: Clock, ctx: PageCtx, id: number, opts: { notice?: string; problems?: Problem[]; changed?: boolean; status?: number }): Promise<Response> {
  const booking = await bookingFor(ctx.db, ctx.actor, id);
  const stats = booking.client ? (await clientStats(ctx.db.orm, [booking.client.id])).get(booking.client.id) ?? null : null;
  const notifications = await bookingNotificationLog(ctx.db.orm, booking.id);
  const payment = await paymentBlockOf(ctx.db.orm, booking.id, ctx.actor.role); // issue 13
  const frame = adminFrame(ctx);
  const date = localDateOf(booking.startTs, booking.timezone);
  const node = (
    <BookingPanel
      frame={frame}
      booking={booking}
      stats={stats}
      closeHref={calendarHref(ctx.base, { date, view: "day", staffId: null })}
      mayOpenClient={can(ctx.actor.role, "clients")}
      started={clock.now() >= booking.startTs}
      notifications={notifications}
      payment={payment}
      notice={opts.notice}
      problems={opts.problems}
    />
  );
  return panelResponse(ctx.request, frame, node, { title: t(ctx.locale, "panel.title", { id }), changed: opts.changed ?? false, status: opts.status ?? 200 });
}

interface NewFormState {
  date: string;
  time: string;
  /** Services ticked so far (unknown or foreign ids are dropped). */
  ticked: number[];
  caller: Caller | null;
  values: Record<string, string>;
  problems?: Problem[];
  status?: number;
}

/**
 * The new-booking form. Ticked: what was chosen; a caller just picked brings their last visit's
 * services (this master's); with nothing else, the master's first service, as a select would.
 */
async function newBookingForm(ctx: PageCtx, master: { id: number; name: string }, state: NewFormState): Promise<Response> {
  const offered = await servicesOfMaster(ctx.db.orm, master.id);
  const does = (id: number) => offered.some((s) => s.id === id);
  const again = state.caller?.last[0]?.services.map((s) => s.id).filter(does) ?? [];
  const ticked = state.ticked.filter(does);
  const chosen = again.length > 0 ? again : ticked.length > 0 ? ticked : offered.slice(0, 1).map((s) => s.id);
  const frame = adminFrame(ctx);
  const node = (
    <NewBookingForm
      frame={frame}
      master={master}
      services={offered}
      chosen={chosen}
      date={state.date}
      time={state.time}
      closeHref={calendarHref(ctx.base, { date: state.date, view: "day", staffId: null })}
      mayOverride={can(ctx.actor.role, "bookings.all")}
      mayFindCallers={can(ctx.actor.role, "clients")}
      caller={state.caller}
      zone={ctx.profile.timezone}
      values={state.values}
      problems={state.problems}
    />
  );
  return panelResponse(ctx.request, frame, node, { title: t(ctx.locale, "calendar.new_booking"), status: state.status ?? 200 });
}

/**
 * A change from the panel: the booking must be the actor's to see; problems show in the panel, and
 * success says what was done (the message key `fn` returns).
 */
async function change(clock: Clock, ctx: PageCtx, fn: (booking: BookingDetails, form: FormBody) => Promise<MessageKey>): Promise<Response> {
  const booking = await bookingFor(ctx.db, ctx.actor, Number(ctx.params.id));
  let done: MessageKey;
  try {
    done = await fn(booking, asForm(ctx.body));
  } catch (e) {
    const problem = userProblem(e);
    if (!problem) throw e;
    return showBooking(clock, ctx, booking.id, { problems: problem.problems, status: statusOf(problem) });
  }
  return showBooking(clock, ctx, booking.id, { notice: t(ctx.locale, done), changed: true });
}

/** The one master doing every service of the visit, or null for a shared (or masterless) visit. */
function ownMaster(booking: BookingDetails): number | null {
  const masters = new Set(booking.services.map((s) => s.staffId));
  return masters.size === 1 ? ([...masters][0] ?? null) : null;
}

async function rescheduleForm(clock: Clock, ctx: PageCtx, booking: BookingDetails, q: Query, problems: Problem[], status = 200): Promise<Response> {
  const zone = booking.timezone;
  const date = q.date && isValidLocalDate(q.date) ? q.date : localDateOf(booking.startTs, zone);
  const scope = bookingScope(ctx.actor);
  const asked = q.staff && /^\d+$/.test(q.staff) ? Number(q.staff) : null;
  // Unless "any" is asked for (an empty choice), the visit stays with its own master.
  const fallback = q.staff === "" ? "any" : (ownMaster(booking) ?? "any");
  const staffId: number | "any" = scope === "all" ? (asked ?? fallback) : scope.staffId;
  const all = await activeMasters(ctx.db.orm);
  const slots = await computeAvailability(
    { reader: ctx.db.orm, clock },
    { serviceIds: booking.services.map((s) => s.serviceId), staffId, from: date, days: 1, ignoreBookingId: booking.id },
  ).then(
    (a) => a.days[0]?.slots.map((s) => ({ start: s.start, staffIds: s.staffIds })) ?? [],
    (e: unknown) => {
      if (e instanceof AppError) return [];
      throw e;
    },
  );
  const frame = adminFrame(ctx);
  const node = (
    <RescheduleForm
      frame={frame}
      booking={booking}
      date={date}
      staffId={staffId}
      ownStaffId={ownMaster(booking)}
      masters={scope === "all" ? all : all.filter((m) => m.id === scope.staffId)}
      slots={slots}
      mayOverride={can(ctx.actor.role, "bookings.all")}
      problems={problems}
    />
  );
  return panelResponse(ctx.request, frame, node, { title: t(ctx.locale, "panel.reschedule_title"), status });
}

