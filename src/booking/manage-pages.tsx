/**
 * The client's own page of a booking, `/<slug>/my/<id>?t=<token>`: view, calendar file, cancel and
 * reschedule within the salon's window, book again. The token is the only key: it is compared by
 * hash, and a wrong one is a plain 404 (no hint that the booking exists).
 */
import { eq } from "drizzle-orm";
import { Elysia } from "elysia";
import { ManagePage } from "../../views/booking/manage-page.tsx";
import { TimePage } from "../../views/booking/time-page.tsx";
import { visitWhen } from "../../views/booking/format.ts";
import { hashToken } from "../account/api-token.ts";
import type { Database } from "../db/database.ts";
import { notFound } from "../error/app-error.ts";
import { CSRF_FIELD } from "../http/csrf.ts";
import type { PageCache } from "../http/page-cache.ts";
import { rateLimit } from "../http/rate-limit.ts";
import { t } from "../i18n/i18n.ts";
import { tenantScope } from "../tenant/scope.ts";
import { bookingDeepLink } from "../notification/subscription.ts"; // issue 16
import { cancelBooking, clientMayChange, rescheduleBooking } from "./change.ts";
import { isUnavailable } from "./recheck.ts";
import { flowFrom, flowQuery, type Flow } from "./flow.ts";
import { cachedBranches, inBranch } from "../location/public.ts";
import { bookingCalendarFile } from "./calendar-file.ts";
import { bookingDeps, managePath } from "./links.ts";
import { verifiedClient } from "../cabinet/session.ts";
import { formValue, pageContext, pageResponse, redirect, visitServices, type PageContext } from "./page-kit.tsx";
import { nearestSlots, onDayOf, pickerData } from "./picker.ts";
import { packageOfVisit } from "../package/package.ts";
import { getBooking, mastersFor, staffNames, type BookingDetails } from "./queries.ts";
import type { BookingPageDeps } from "./routes.ts";
import { bookings } from "./schema.ts";
import { prepaymentPagePath } from "../payment/online.ts";

/**
 * The booking the token opens, or 404. Without a token, the client signed in to the cabinet
 * (issue 15: src/cabinet/session.ts) opens their own bookings.
 */
async function opened(db: Database, id: string, token: string, signedIn: { request: Request; slug: string; now: number }): Promise<BookingDetails> {
  const bookingId = Number(id);
  const [row] = Number.isSafeInteger(bookingId) ? await db.orm.select({ hash: bookings.manageTokenHash, clientId: bookings.clientId }).from(bookings).where(eq(bookings.id, bookingId)) : [];
  const byToken = row !== undefined && token !== "" && row.hash === hashToken(token);
  const byCabinet = row !== undefined && !token && row.clientId !== null && (await verifiedClient(db, signedIn.request, signedIn.slug, signedIn.now)) === row.clientId;
  if (!byToken && !byCabinet) throw notFound();
  return (await getBooking(db.orm, bookingId))!;
}

/** The visit of a booking as a booking flow: its services and, when one master did it all, that master. */
function flowOf(booking: BookingDetails, date: string | null = null): Flow {
  const masters = [...new Set(booking.services.map((s) => s.staffId))];
  // a visit is moved within its own branch (issue 17)
  return { serviceIds: booking.services.map((s) => s.serviceId), staffId: masters.length === 1 && masters[0] !== null ? masters[0]! : "any", date, locationId: booking.locationId };
}

/** The page in the booking's branch: its name, address and zone. */
async function ofBranch(db: Database, pages: PageCache, ctx: PageContext, booking: BookingDetails): Promise<PageContext> {
  const branch = (await cachedBranches(db, pages)).find((b) => b.id === booking.locationId);
  return branch ? { ...ctx, profile: inBranch(ctx.profile, branch) } : ctx;
}

async function reschedulePage(db: Database, deps: BookingPageDeps, ctx: PageContext, slug: string, booking: BookingDetails, token: string, flow: Flow, taken: number | null) {
  const visit = (await visitServices(db, flow.serviceIds)) ?? [];
  const data = await pickerData(db.orm, deps.clock, ctx.profile, flow);
  const base = `/${slug}/my/${booking.id}/reschedule`;
  const query = (f: Flow) => flowQuery({ serviceIds: [], staffId: f.staffId, date: f.date }, { t: token });
  const masters = await mastersFor(db.orm, flow.serviceIds, flow.locationId);
  const picker = {
    locale: ctx.locale,
    zone: ctx.profile.timezone,
    ...data,
    names: flow.staffId === "any" ? await staffNames(db.orm) : null,
    dayPage: (date: string) => `${base}?${query({ ...flow, date })}`,
    dayFragment: (date: string) => `${base}?${query({ ...flow, date })}`,
  };
  const page = (
    <TimePage
      locale={ctx.locale}
      slug={slug}
      profile={ctx.profile}
      title={t(ctx.locale, "my.new_time")}
      path={`${base}?${query({ ...flow, date: data.date })}`}
      visit={visit}
      masters={masters.map((m) => ({ ...m, href: `${base}?${query({ ...flow, staffId: m.id, date: data.date })}`, current: m.id === flow.staffId }))}
      anyHref={`${base}?${query({ ...flow, staffId: "any", date: data.date })}`}
      back={{ href: managePath(slug, booking.id, token), label: t(ctx.locale, "my.keep_time") }}
      taken={taken === null ? null : { nearest: nearestSlots(data.all, taken) }}
      current={visitWhen(booking.startTs, booking.endTs, booking.timezone, ctx.locale)}
      picker={picker}
      slotForm={{ action: base, fields: { [CSRF_FIELD]: ctx.csrf, t: token, m: String(flow.staffId) } }}
    />
  );
  return pageResponse(page, ctx, taken === null ? 200 : 409);
}

export const managePages = (deps: BookingPageDeps, pages: PageCache) =>
  new Elysia({ prefix: "/:slug/my/:id" })
    .use(tenantScope(deps.tenants))
    .use(rateLimit(deps.limiter))
    .get("", async ({ db, tenant, request, params }) => {
      const url = new URL(request.url);
      const token = url.searchParams.get("t") ?? "";
      const booking = await opened(db, params.id, token, { request, slug: tenant.slug, now: deps.clock.now() });
      // issue 13: a visit still waiting for its prepayment is shown on its payment page
      const waiting = booking.awaitingPaymentUntil !== null ? await prepaymentPagePath(db, tenant.slug, booking.id) : null;
      if (waiting) return redirect(waiting);
      const ctx = await ofBranch(db, pages, await pageContext(db, request, deps.config, pages), booking);
      const flash = url.searchParams.has("new") ? "booked" : url.searchParams.has("cancelled") ? "cancelled" : url.searchParams.has("moved") ? "rescheduled" : null;
      const again = flowOf(booking);
      const page = (
        <ManagePage
          locale={ctx.locale}
          slug={tenant.slug}
          profile={ctx.profile}
          booking={booking}
          manageUrl={`${deps.config.publicUrl}${managePath(tenant.slug, booking.id, token)}`}
          token={token}
          csrf={ctx.csrf}
          flash={flash}
          mayChange={clientMayChange(booking, ctx.profile.business.cancelWindowMinutes, deps.clock.now())}
          bookAgainHref={`/${tenant.slug}/book/time?${flowQuery({ serviceIds: again.serviceIds, staffId: again.staffId })}`}
          telegramLink={await bookingDeepLink(db.orm, booking)}
          pkg={await packageOfVisit(db.orm, booking.id)}
        />
      );
      const response = await pageResponse(page, ctx);
      // The URL carries the booking's key: keep it out of caches and other sites' Referer.
      response.headers.set("cache-control", "no-store");
      response.headers.set("referrer-policy", "no-referrer");
      return response;
    })
    .get("/ics", async ({ db, tenant, request, params }) => {
      const token = new URL(request.url).searchParams.get("t") ?? "";
      const booking = await opened(db, params.id, token, { request, slug: tenant.slug, now: deps.clock.now() });
      const ctx = await pageContext(db, request, deps.config, pages);
      const url = `${deps.config.publicUrl}${managePath(tenant.slug, booking.id, token)}`;
      const ics = bookingCalendarFile(booking, ctx.profile, { slug: tenant.slug, locale: ctx.locale, manageUrl: url });
      return new Response(ics, {
        headers: { "content-type": "text/calendar; charset=utf-8", "content-disposition": `attachment; filename="booking-${booking.id}.ics"`, "cache-control": "no-store" },
      });
    })
    .post("/cancel", async ({ db, tenant, request, params, body }) => {
      const token = formValue((body as Record<string, unknown>).t);
      const booking = await opened(db, params.id, token, { request, slug: tenant.slug, now: deps.clock.now() });
      await cancelBooking(bookingDeps(db, deps, tenant.slug), { bookingId: booking.id, by: { kind: "client" }, reason: null });
      return redirect(`${managePath(tenant.slug, booking.id, token)}&cancelled=1`);
    })
    .get("/reschedule", async ({ db, tenant, request, params }) => {
      const url = new URL(request.url);
      const token = url.searchParams.get("t") ?? "";
      const booking = await opened(db, params.id, token, { request, slug: tenant.slug, now: deps.clock.now() });
      const ctx = await ofBranch(db, pages, await pageContext(db, request, deps.config, pages), booking);
      const asked = flowFrom(url.searchParams);
      const flow = { ...flowOf(booking, asked.date), ...(url.searchParams.has("m") ? { staffId: asked.staffId } : {}) };
      return reschedulePage(db, deps, ctx, tenant.slug, booking, token, flow, null);
    })
    .post("/reschedule", async ({ db, tenant, request, params, body }) => {
      const form = body as Record<string, unknown>;
      const token = formValue(form.t);
      const booking = await opened(db, params.id, token, { request, slug: tenant.slug, now: deps.clock.now() });
      const start = Number(formValue(form.start));
      const flow = { ...flowOf(booking), staffId: flowFrom(new URLSearchParams({ m: formValue(form.m) || "any" })).staffId };
      try {
        await rescheduleBooking(bookingDeps(db, deps, tenant.slug), { bookingId: booking.id, start, staffId: flow.staffId, by: { kind: "client" } });
        return redirect(`${managePath(tenant.slug, booking.id, token)}&moved=1`);
      } catch (error) {
        if (!isUnavailable(error)) throw error;
        const ctx = await ofBranch(db, pages, await pageContext(db, request, deps.config, pages), booking);
        return reschedulePage(db, deps, ctx, tenant.slug, booking, token, onDayOf(flow, start, ctx.profile.timezone), start);
      }
    });
