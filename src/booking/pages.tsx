/**
 * The client's booking flow, `/<slug>/book…`: service(s) → master or "any" → day and time (a hold)
 * → details → the booking, then its own page. Plain links and forms throughout (works without
 * JavaScript); htmx swaps the day strip and times in place and checks the phone as it is typed.
 * Public pages and fragments come from the page cache.
 */
import { Elysia } from "elysia";
import { DetailsPage, PhoneField, type DetailsValues } from "../../views/booking/details-page.tsx";
import { Picker, type PickerProps } from "../../views/booking/picker.tsx";
import { StartPage } from "../../views/booking/start-page.tsx";
import { TimePage } from "../../views/booking/time-page.tsx";
import { LanguageSwitch } from "../../views/layout.tsx";
import { offeredLocales } from "../business/salon-page.ts";
import { listPublicCatalogue } from "../catalogue/queries.ts";
import { normalizePhone, formatPhone, phonePlaceholder } from "../client/phone.ts";
import type { Database } from "../db/database.ts";
import { AppError } from "../error/app-error.ts";
import { fill, CSRF_SLOT, type PageCache } from "../http/page-cache.ts";
import { peerAddress } from "../http/peer.ts";
import { rateLimit } from "../http/rate-limit.ts";
import { render } from "../http/render.ts";
import { requestUrl } from "../http/request-url.ts";
import { CSRF_FIELD } from "../http/csrf.ts";
import { t } from "../i18n/i18n.ts";
import { tenantScope } from "../tenant/scope.ts";
import { parseEpochMs } from "../time/format.ts";
import { createBooking } from "./booking.ts";
import { prepaymentPagePath } from "../payment/online.ts";
import { isUnavailable } from "./recheck.ts";
import { flowFrom, flowQuery, type Flow } from "./flow.ts";
import { holdFor, placeHold, releaseHold } from "./hold.ts";
import { parseBookingRequest } from "./input.ts";
import { usableHeldBy } from "../balance/held.ts";
import { verifiedClient } from "../cabinet/session.ts";
import { BALANCE_REFUSALS } from "../balance/visit.ts";
import { bookingDeps, managePath } from "./links.ts";
import { cachedProfile, cachedResponse, formValue, formValues, holdCookie, holdTokenOf, isSecure, pageContext, pageResponse, redirect, salonLocale, visitServices, type PageContext } from "./page-kit.tsx";
import { nearestSlots, onDayOf, pickerData } from "./picker.ts";
import { mastersFor, staffNames } from "./queries.ts";
import { newFormKey } from "./tokens.ts";
import type { BookingPageDeps } from "./routes.ts";
import { locationsOfStaff } from "../location/location.ts";
import { cachedBranches, inBranch, pickBranch } from "../location/public.ts";

/**
 * issue 17: the flow's branch — the chosen one, the only one, or a named master's only branch — with
 * the page in that branch's name, address and zone; null while a salon with several has none. A
 * salon with one branch keeps its flow exactly as it was (no `l` in its URLs).
 */
async function located<C extends Pick<PageContext, "profile">>(db: Database, pages: PageCache, ctx: C, flow: Flow): Promise<{ ctx: C; flow: Flow } | null> {
  const branches = await cachedBranches(db, pages);
  if (branches.length === 1) return { ctx, flow };
  const own = flow.staffId === "any" ? [] : ((await locationsOfStaff(db.orm, [flow.staffId])).get(flow.staffId) ?? []);
  const branch = pickBranch(branches, flow.locationId) ?? (own.length === 1 ? pickBranch(branches, own[0]) : null);
  return branch && { ctx: { ...ctx, profile: inBranch(ctx.profile, branch) }, flow: { ...flow, locationId: branch.id } };
}
import { linkMiniAppBooker, miniAppContact } from "../telegram/mini-app.ts"; // issue 16
import { yclientsHandoff } from "../import/yclients/hybrid.ts";

/** Everything the time page and its fragment render, with CSRF left as a slot so it can be cached. */
async function timeView(db: Database, deps: BookingPageDeps, pages: PageCache, asked: Pick<PageContext, "profile" | "locale">, slug: string, askedFlow: Flow, taken: number | null) {
  const visit = await visitServices(db, askedFlow.serviceIds);
  const here = visit && (await located(db, pages, asked, askedFlow));
  if (!visit || !here) return null;
  const { ctx, flow } = here;
  const data = await pickerData(db.orm, deps.clock, ctx.profile, flow);
  const names = flow.staffId === "any" ? await staffNames(db.orm) : null;
  const pageOf = (date: string) => `/${slug}/book/time?${flowQuery({ ...flow, date })}`;
  const picker: PickerProps = {
    locale: ctx.locale,
    zone: ctx.profile.timezone,
    ...data,
    names,
    dayPage: pageOf,
    dayFragment: (date) => `/${slug}/book/slots?${flowQuery({ ...flow, date })}`,
  };
  const masters = await mastersFor(db.orm, flow.serviceIds, flow.locationId);
  const page = (
    <TimePage
      locale={ctx.locale}
      slug={slug}
      profile={ctx.profile}
      title={t(ctx.locale, "book.choose_time")}
      path={pageOf(data.date)}
      visit={visit}
      masters={masters.map((m) => ({ ...m, href: `/${slug}/book/time?${flowQuery({ ...flow, staffId: m.id, date: data.date })}`, current: m.id === flow.staffId }))}
      anyHref={`/${slug}/book/time?${flowQuery({ ...flow, staffId: "any", date: data.date })}`}
      back={{ href: `/${slug}/book?${flowQuery({ serviceIds: flow.serviceIds, locationId: flow.locationId ?? null })}`, label: t(ctx.locale, "book.choose_master") }}
      taken={taken === null ? null : { nearest: nearestSlots(data.all, taken) }}
      picker={picker}
      slotForm={{ action: `/${slug}/book/hold`, fields: { [CSRF_FIELD]: CSRF_SLOT, s: flow.serviceIds.join(","), m: String(flow.staffId), ...branchField(flow) } }}
      waitlistHref={flow.serviceIds.length === 1 ? `/${slug}/waitlist?${flowQuery({ ...flow, date: data.date })}` : undefined}
    />
  );
  return { page, picker, validUntil: data.validUntil };
}

const flowOfForm = (body: Record<string, unknown>): Flow =>
  flowFrom(new URLSearchParams([...formValues(body.s).map((v) => ["s", v] as [string, string]), ["m", formValue(body.m) || "any"], ["l", formValue(body.l)]]));

/** The branch as a hidden form field, only when the flow has one (salons with several). */
const branchField = (flow: Flow): Record<string, string> => (flow.locationId ? { l: String(flow.locationId) } : {});

export const bookingPages = (deps: BookingPageDeps, pages: PageCache) =>
  new Elysia({ prefix: "/:slug/book" })
    .use(tenantScope(deps.tenants))
    .use(rateLimit(deps.limiter))
    .get("", async ({ db, tenant, request }) => {
      const ctx = await pageContext(db, request, deps.config, pages);
      const flow = flowFrom(new URL(request.url).searchParams);
      const visit = await visitServices(db, flow.serviceIds);
      if (!visit) return redirect(`/${tenant.slug}`);
      const branches = await cachedBranches(db, pages);
      const branch = branches.length > 1 ? pickBranch(branches, flow.locationId) : null;
      const [catalogue, masters] = await Promise.all([listPublicCatalogue(db), mastersFor(db.orm, flow.serviceIds, branch?.id)]);
      const others = catalogue.flatMap((g) => g.services).filter((s) => !flow.serviceIds.includes(s.id));
      const servicesQuery = flowQuery({ serviceIds: flow.serviceIds, locationId: branch?.id ?? null });
      // several branches, none chosen: each master shows where they work
      const choice = branches.length > 1 && !branch ? { all: branches, of: await locationsOfStaff(db.orm, masters.map((m) => m.id)) } : null;
      const profile = branch ? inBranch(ctx.profile, branch) : ctx.profile;
      const page = <StartPage locale={ctx.locale} slug={tenant.slug} profile={profile} visit={visit} others={visit.length < 2 ? others : []} masters={masters} servicesQuery={servicesQuery} branches={choice} />;
      return pageResponse(page, ctx);
    })
    .get("/time", async ({ db, tenant, request }) => {
      const ctx = await pageContext(db, request, deps.config, pages);
      const flow = flowFrom(new URL(request.url).searchParams);
      // issue 18: a service the salon still books in YClients goes there, with the choice made here
      const away = await yclientsHandoff(db.orm, flow.serviceIds, flow.staffId);
      if (away) return redirect(away);
      const key = `${ctx.locale}|time|${flowQuery(flow)}`;
      const body = await pages.get(db, key, async () => {
        const view = await timeView(db, deps, pages, ctx, tenant.slug, flow, null);
        return view ? { body: `<!doctype html>${await view.page.toString()}`, validUntil: view.validUntil } : { body: "" };
      });
      // no time page: unknown services (the start page sends them to the salon), or a branch still to choose
      return body ? cachedResponse(fill(body, ctx.csrf), ctx.cookies) : redirect(`/${tenant.slug}/book?${flowQuery({ serviceIds: flow.serviceIds })}`);
    })
    // The fragment has no form of its own (SlotFormElement): no CSRF token, one cached answer for all.
    .get("/slots", async ({ db, tenant, request }) => {
      const profile = await cachedProfile(db, pages);
      const { locale, cookie } = salonLocale(request, profile);
      const ctx = { profile, locale };
      const flow = flowFrom(requestUrl(request).searchParams);
      const ready = await pages.ready(db, `${ctx.locale}|slots|${flowQuery(flow)}`, async () => {
        const view = await timeView(db, deps, pages, ctx, tenant.slug, flow, null);
        if (!view) return { body: "", status: 404 };
        // The language links of the day shown travel with it (the day links swap #langs too).
        const fragment = (
          <>
            <Picker {...view.picker} />
            <LanguageSwitch locale={ctx.locale} languages={offeredLocales(ctx.profile)} path={view.picker.dayPage(view.picker.date)} />
          </>
        );
        return { body: await fragment.toString(), validUntil: view.validUntil };
      });
      return ready.respond(request, cookie ? [cookie] : []);
    })
    .post("/hold", async ({ db, tenant, request, body }) => {
      const form = body as Record<string, unknown>;
      const flow = flowOfForm(form);
      const start = parseEpochMs(formValue(form.start));
      if (start === null) return redirect(`/${tenant.slug}/book/time?${flowQuery(flow)}`);
      try {
        const hold = await placeHold({ db, clock: deps.clock }, { serviceIds: flow.serviceIds, staffId: flow.staffId, start, token: holdTokenOf(request), address: peerAddress(request), locationId: flow.locationId ?? null });
        const minutes = Math.ceil((hold.expiresAt - deps.clock.now()) / 1000);
        const next = `/${tenant.slug}/book/details?${flowQuery(flow, { start: String(start) })}`;
        return redirect(next, [holdCookie(tenant.slug, hold.token, minutes, isSecure(deps.config))]);
      } catch (error) {
        if (!isUnavailable(error)) throw error;
        return takenPage(db, deps, pages, request, tenant.slug, flow, start);
      }
    })
    .get("/details", async ({ db, tenant, request }) => {
      const ctx = await pageContext(db, request, deps.config, pages);
      const params = new URL(request.url).searchParams;
      const flow = flowFrom(params);
      const start = parseEpochMs(params.get("start") ?? "") ?? NaN; // NaN: no such time, back to the salon page
      // issue 16: inside Telegram the form starts with the user's name (and a linked client's phone)
      const empty: DetailsValues = { name: "", phone: "", email: "", notes: "", consent: false, ...(await miniAppContact(db, request, deps.clock.now())) };
      return detailsPage(db, deps, pages, ctx, tenant.slug, flow, start, empty, new Map(), request);
    })
    .get("/phone", async ({ db, tenant, request }) => {
      const ctx = await pageContext(db, request, deps.config, pages);
      const raw = new URL(request.url).searchParams.get("phone") ?? "";
      const country = ctx.profile.business.country;
      const e164 = raw.trim() ? normalizePhone(raw, country) : null;
      const error = raw.trim() && !e164 ? t(ctx.locale, "booking.phone_invalid", { example: phonePlaceholder(country) }) : undefined;
      const field = <PhoneField locale={ctx.locale} slug={tenant.slug} value={e164 ? formatPhone(e164) : raw} error={error} placeholder={phonePlaceholder(country)} />;
      return render(field, { fragment: true });
    })
    .post("/release", async ({ db, tenant, request, body }) => {
      const token = holdTokenOf(request);
      if (token) await releaseHold({ db }, token);
      const back = new URLSearchParams(formValue((body as Record<string, unknown>).back));
      return redirect(`/${tenant.slug}/book/time?${flowQuery(flowFrom(back))}`, [holdCookie(tenant.slug, null, 0, isSecure(deps.config))]);
    })
    .post("", async ({ db, tenant, request, body }) => {
      const form = body as Record<string, unknown>;
      const ctx = await pageContext(db, request, deps.config, pages);
      const flow = flowOfForm(form);
      const start = parseEpochMs(formValue(form.start)) ?? NaN;
      const values: DetailsValues = {
        name: formValue(form.name),
        phone: formValue(form.phone),
        email: formValue(form.email),
        notes: formValue(form.notes),
        consent: formValue(form.consent) === "yes",
        promo: formValue(form.promo_code),
        certificate: formValue(form.certificate_code),
        usePackage: formValue(form.use_package) === "yes",
        payWithWallet: formValue(form.pay_with_wallet) === "yes",
      };
      const holdToken = holdTokenOf(request);
      // issue 15: a client the cabinet signed in on this browser may spend what they hold
      const proven = await verifiedClient(db, request, tenant.slug, deps.clock.now());
      try {
        // A bot fills every field it sees; people never see this one.
        if (formValue(form.website) !== "") throw new AppError("VALIDATION_ERROR", [{ key: "booking.bot" }]);
        const input = parseBookingRequest(
          {
            services: flow.serviceIds,
            staff_id: flow.staffId,
            start_ts: Number.isSafeInteger(start) && start > 0 ? new Date(start).toISOString() : "",
            client: { name: values.name, phone: values.phone, email: values.email || undefined },
            notes: values.notes || undefined,
            consent: values.consent,
            location_id: flow.locationId ?? undefined,
            promo_code: values.promo || undefined,
            certificate_code: values.certificate || undefined,
            use_package: values.usePackage || undefined,
            pay_with_wallet: values.payWithWallet || undefined,
          },
          {
            country: ctx.profile.business.country,
            now: deps.clock.now(),
            source: "web",
            mayUseClientId: false,
            consentRequired: true,
            idempotencyKey: formValue(form.key) || null,
            holdToken,
            createdBy: null,
            balanceAllowed: proven !== null,
          },
        );
        const created = await createBooking(bookingDeps(db, deps, tenant.slug), proven === null ? input : { ...input, provenClientId: proven });
        await linkMiniAppBooker(db, deps.clock, request, created.id); // issue 16
        // issue 13: a visit that owes a prepayment goes to its payment page, which sends the client on to
        // YooKassa (go=1); a redirect straight there from this form would break the form-action CSP
        const pay = created.payment ? await prepaymentPagePath(db, tenant.slug, created.id) : null;
        const next = pay ? `${pay}&go=1` : `${managePath(tenant.slug, created.id, created.manageToken)}&new=1`;
        return redirect(next, [holdCookie(tenant.slug, null, 0, isSecure(deps.config))]);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if (isUnavailable(error)) return takenPage(db, deps, pages, request, tenant.slug, flow, start);
        // issue 14: a refused promo or certificate code is shown beside its field, like a typo
        if (error.code !== "VALIDATION_ERROR" && !BALANCE_REFUSALS.has(error.code)) throw error;
        const errors = new Map(error.problems.map((p) => [p.field ?? "", t(ctx.locale, p.key, p.params)]));
        return detailsPage(db, deps, pages, ctx, tenant.slug, flow, start, values, errors, request, formValue(form.key), 400);
      }
    });

/** 409: the time was just taken — the time page with the nearest free times on top. */
async function takenPage(db: Database, deps: BookingPageDeps, pages: PageCache, request: Request, slug: string, flow: Flow, start: number) {
  const ctx = await pageContext(db, request, deps.config, pages);
  const zone = (await located(db, pages, ctx, flow))?.ctx.profile.timezone ?? ctx.profile.timezone;
  const view = await timeView(db, deps, pages, ctx, slug, onDayOf(flow, start, zone), start);
  if (!view) return redirect(`/${slug}`);
  return cachedResponse(fill(`<!doctype html>${await view.page.toString()}`, ctx.csrf), ctx.cookies, 409);
}

async function detailsPage(
  db: Database,
  deps: BookingPageDeps,
  pages: PageCache,
  asked: PageContext,
  slug: string,
  askedFlow: Flow,
  start: number,
  values: DetailsValues,
  errors: Map<string, string>,
  request: Request,
  formKey: string = newFormKey(),
  status = 200,
) {
  const visit = await visitServices(db, askedFlow.serviceIds);
  const here = visit && (await located(db, pages, asked, askedFlow));
  if (!visit || !here || !Number.isSafeInteger(start)) return redirect(`/${slug}`);
  const { ctx, flow } = here;
  const proven = await verifiedClient(db, request, slug, deps.clock.now());
  const [held, names, holding] = await Promise.all([heldSlot(db, deps, request, start), staffNames(db.orm), proven === null ? null : usableHeldBy(db.orm, proven, deps.clock.now(), { serviceIds: askedFlow.serviceIds, startTs: start })]);
  const staffIds = held ? held.resourceIds : flow.staffId === "any" ? [] : [flow.staffId];
  const masters = [...new Set(staffIds.flatMap((id) => names.get(id) ?? []))];
  const page = (
    <DetailsPage
      locale={ctx.locale}
      slug={slug}
      profile={ctx.profile}
      visit={visit}
      start={start}
      masters={masters}
      heldUntil={held?.expiresAt ?? null}
      hidden={{ key: formKey, s: flow.serviceIds.join(","), m: String(flow.staffId), start: String(start), ...branchField(flow) }}
      csrf={ctx.csrf}
      values={values}
      errors={errors}
      phonePlaceholder={phonePlaceholder(ctx.profile.business.country)}
      holding={holding}
      path={`/${slug}/book/details?${flowQuery(flow, { start: String(start) })}`}
      backQuery={flowQuery({ ...flow, date: null })}
    />
  );
  return pageResponse(page, ctx, status);
}

/** The browser's live hold for this start, if it still has one. */
function heldSlot(db: Database, deps: BookingPageDeps, request: Request, start: number) {
  const token = holdTokenOf(request);
  return token ? holdFor(db.orm, deps.clock.now(), token, start) : Promise.resolve(null);
}
