/**
 * The waitlist over HTTP: `POST /api/v1/businesses/:slug/waitlist` (public) and `GET`/`DELETE` for
 * staff; the client's pages `/<slug>/waitlist` (join, from the time step) and
 * `/<slug>/waitlist/claim/<offer>?t=…` (claim a freed time).
 */
import { eq } from "drizzle-orm";
import { Elysia } from "elysia";
import { t as schema } from "../http/schema-builder.ts";
import { WaitlistClaimPage, WaitlistJoinPage, type JoinForm } from "../../views/waitlist/waitlist-pages.tsx";
import { visitWhen } from "../../views/booking/format.ts";
import { getProfile, salonFacts } from "../business/business.ts";
import { flowFrom } from "../booking/flow.ts";
import { bookingDeps, managePath } from "../booking/links.ts";
import { formValue, pageContext, pageResponse, privatePage, redirect, type PageContext } from "../booking/page-kit.tsx";
import { services } from "../catalogue/schema.ts";
import type { Database } from "../db/database.ts";
import { AppError } from "../error/app-error.ts";
import { apiActor, idNumber, listBody, pageOf, pageQuery } from "../http/api-kit.ts";
import { apiDoc, instant, listOf, nullable } from "../http/openapi.ts";
import type { AppDeps } from "../http/app.ts";
import type { PageCache } from "../http/page-cache.ts";
import { peerAddress } from "../http/peer.ts";
import { PUBLIC_WRITE_LIMITS, rateLimit, RateLimiter } from "../http/rate-limit.ts";
import { t } from "../i18n/i18n.ts";
import { tenantScope } from "../tenant/scope.ts";
import { addDays, localDateOf } from "../time/zone.ts";
import { listWaitlist, waitlistJson } from "./queries.ts";
import { WAITLIST_STATUSES } from "./schema.ts";
import { cancelWaitlistRequest, claimOffer, joinWaitlist, openOffer } from "./waitlist.ts";

/** The documented shape of `waitlistJson` (issue 18: the API walk test holds them to each other). */
const waitlistSchema = schema.Object({
  id: schema.Integer(),
  service_id: schema.Integer(),
  service_title: schema.String(),
  staff_id: nullable(schema.Integer()),
  staff_name: nullable(schema.String()),
  date_from: schema.String({ format: "date" }),
  date_to: schema.String({ format: "date" }),
  time_from: nullable(schema.String({ description: "HH:MM" })),
  time_to: nullable(schema.String({ description: "HH:MM" })),
  client: schema.Object({ name: schema.String(), phone: schema.String(), email: nullable(schema.String()) }),
  status: schema.Union(WAITLIST_STATUSES.map((s) => schema.Literal(s))),
  created_at: instant(),
});

const tags = ["Waitlist"];
const STAFF = "bookings.all" as const;

export const claimPath = (slug: string, offerId: number, token: string) => `/${slug}/waitlist/claim/${offerId}?t=${encodeURIComponent(token)}`;


export const waitlistRoutes = (deps: Pick<AppDeps, "tenants" | "clock" | "config" | "rateLimits">, pages: PageCache) => {
  const limiter = new RateLimiter(deps.clock, deps.rateLimits ?? PUBLIC_WRITE_LIMITS);
  const joinPage = async (slug: string, ctx: PageContext, state: { form: JoinForm | null; errors?: string[]; joined?: boolean }, status = 200) =>
    pageResponse(<WaitlistJoinPage locale={ctx.locale} slug={slug} profile={ctx.profile} csrf={ctx.csrf} path={`/${slug}/waitlist`} form={state.form} errors={state.errors ?? []} joined={state.joined ?? false} />, ctx, status);
  const formFor = async (db: Database, serviceId: number, staffId: number | "any", date: string | null, today: string): Promise<JoinForm | null> => {
    const [service] = Number.isSafeInteger(serviceId) ? await db.orm.select({ title: services.title }).from(services).where(eq(services.id, serviceId)) : [];
    if (!service) return null;
    const from = date && date >= today ? date : today;
    return { serviceId, staffId: staffId === "any" ? null : staffId, serviceTitle: service.title, dateFrom: from, dateTo: addDays(from, 6) };
  };
  return new Elysia()
    .group("/api/v1/businesses/:slug", (api) =>
      api
        .use(tenantScope(deps.tenants))
        .use(rateLimit(limiter))
        .post(
          "/waitlist",
          async ({ db, body, set }) => {
            const salon = await salonFacts(db);
            const id = await joinWaitlist({ db, clock: deps.clock }, salon, {
              serviceId: body.service_id,
              staffId: body.staff_id ?? null,
              dateFrom: body.date_from,
              dateTo: body.date_to,
              timeFrom: body.time_from ?? null,
              timeTo: body.time_to ?? null,
              client: { name: body.client.name, phone: body.client.phone, email: body.client.email ?? null },
              consent: body.consent ?? false,
            });
            set.status = 201;
            // the same answer for every phone: nothing about a stored client is returned
            return { waitlist: { id, status: "waiting" } };
          },
          {
            body: schema.Object({
              service_id: idNumber(),
              staff_id: schema.Optional(schema.Nullable(idNumber())),
              date_from: schema.String({ description: "Salon-local YYYY-MM-DD" }),
              date_to: schema.String({ description: "Salon-local YYYY-MM-DD, at most 62 days after date_from" }),
              time_from: schema.Optional(schema.Nullable(schema.String({ description: "HH:MM of the salon's day" }))),
              time_to: schema.Optional(schema.Nullable(schema.String({ description: "HH:MM of the salon's day" }))),
              client: schema.Object({ name: schema.String(), phone: schema.String(), email: schema.Optional(schema.Nullable(schema.String())) }),
              consent: schema.Optional(schema.Boolean()),
            }),
            detail: apiDoc({
              summary: "Join the waitlist (public): told in order when a matching time frees up",
              tags,
              auth: "none",
              bodyExample: { service_id: 1, date_from: "2027-03-01", date_to: "2027-03-07", time_from: "17:00", client: { name: "Вера", phone: "+79161234567" }, consent: true },
              ok: { 201: { description: "Waiting (the same answer whoever the phone belongs to)", schema: schema.Object({ waitlist: schema.Object({ id: schema.Integer(), status: schema.Literal("waiting") }) }) } },
              errors: ["RATE_LIMITED"],
            }),
          },
        )
        .get(
          "/waitlist",
          async ({ db, headers, query }) => {
            await apiActor(db, headers.authorization, STAFF);
            const page = pageOf(query);
            const { data, total } = await listWaitlist(db.orm, page);
            const { timezone } = await getProfile(db);
            return listBody(data.map((w) => waitlistJson(w, timezone)), total, page);
          },
          { query: schema.Object(pageQuery), detail: apiDoc({ summary: "The waitlist, oldest first (staff)", tags, auth: "token", ok: { 200: { description: "A page of requests", schema: listOf(waitlistSchema) } }, errors: ["RATE_LIMITED"] }) },
        )
        .delete(
          "/waitlist/:id",
          async ({ db, headers, params, set }) => {
            const actor = await apiActor(db, headers.authorization, STAFF);
            await cancelWaitlistRequest({ db, clock: deps.clock }, actor, params.id);
            set.status = 204;
            return "";
          },
          { params: schema.Object({ slug: schema.String(), id: idNumber() }), detail: apiDoc({ summary: "Take a request off the waitlist (staff)", tags, auth: "token", ok: { 204: { description: "Taken off" } }, errors: ["NOT_FOUND", "RATE_LIMITED"] }) },
        ),
    )
    .group("/:slug/waitlist", (site) =>
      site
        .use(tenantScope(deps.tenants))
        .use(rateLimit(limiter))
        .get("", async ({ db, tenant, request }) => {
          const ctx = await pageContext(db, request, deps.config, pages);
          const url = new URL(request.url);
          const flow = flowFrom(url.searchParams);
          const today = localDateOf(deps.clock.now(), ctx.profile.timezone);
          const form = await formFor(db, flow.serviceIds[0] ?? NaN, flow.staffId, flow.date, today);
          if (!form && !url.searchParams.has("joined")) throw new AppError("NOT_FOUND", [{ key: "error.not_found" }]);
          return joinPage(tenant.slug, ctx, { form, joined: url.searchParams.has("joined") });
        })
        .post("", async ({ db, tenant, request, body }) => {
          const f = body as Record<string, unknown>;
          const flow = flowFrom(new URLSearchParams({ s: formValue(f.s), m: formValue(f.m) || "any" }));
          try {
            await joinWaitlist({ db, clock: deps.clock }, await salonFacts(db), {
              serviceId: flow.serviceIds[0] ?? NaN,
              staffId: flow.staffId === "any" ? null : flow.staffId,
              dateFrom: formValue(f.date_from),
              dateTo: formValue(f.date_to),
              timeFrom: formValue(f.time_from) || null,
              timeTo: formValue(f.time_to) || null,
              client: { name: formValue(f.name), phone: formValue(f.phone), email: formValue(f.email) || null },
              consent: formValue(f.consent) === "1",
            });
          } catch (error) {
            if (!(error instanceof AppError) || error.code !== "VALIDATION_ERROR") throw error;
            const ctx = await pageContext(db, request, deps.config, pages);
            const today = localDateOf(deps.clock.now(), ctx.profile.timezone);
            const form = await formFor(db, flow.serviceIds[0] ?? NaN, flow.staffId, null, today);
            return joinPage(tenant.slug, ctx, { form, errors: error.problems.map((p) => t(ctx.locale, p.key, p.params)) }, 400);
          }
          return redirect(`/${tenant.slug}/waitlist?joined=1`);
        })
        .get("/claim/:offer", async ({ db, tenant, request, params }) => {
          const token = new URL(request.url).searchParams.get("t") ?? "";
          const { offer, waiter } = await openOffer(db, Number(params.offer), token, deps.clock.now());
          const ctx = await pageContext(db, request, deps.config, pages);
          const [service] = await db.orm.select({ title: services.title, minutes: services.durationMinutes }).from(services).where(eq(services.id, waiter.serviceId));
          const when = visitWhen(offer.startTs, offer.startTs + (service?.minutes ?? 0) * 60_000, ctx.profile.timezone, ctx.locale);
          const page = <WaitlistClaimPage locale={ctx.locale} slug={tenant.slug} profile={ctx.profile} csrf={ctx.csrf} path={`/${tenant.slug}/waitlist/claim/${offer.id}`} what={service?.title ?? ""} when={when} token={token} />;
          return privatePage(await pageResponse(page, ctx));
        })
        .post("/claim/:offer", async ({ db, tenant, request, params, body }) => {
          const token = formValue((body as Record<string, unknown>).t);
          const booked = await claimOffer(bookingDeps(db, deps, tenant.slug), await salonFacts(db), { offerId: Number(params.offer), token, address: peerAddress(request) });
          return redirect(`${managePath(tenant.slug, booked.id, booked.manageToken)}&new=1`);
        }),
    );
};
