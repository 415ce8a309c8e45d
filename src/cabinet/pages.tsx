/**
 * `/<slug>/me`, the client cabinet: phone → one-time code → the client's upcoming and past visits,
 * "the same again", and each live visit opened in its manage page (which accepts this session in
 * place of the link's token, so cancel and move run the same use-cases within the same policy).
 */
import { Elysia } from "elysia";
import { CabinetHome, CabinetSignIn, type CabinetVisit } from "../../views/cabinet/cabinet-pages.tsx";
import { HeldBalance } from "../../views/cabinet/held-balance.tsx";
import { usableHeldBy } from "../balance/held.ts";
import { flowQuery } from "../booking/flow.ts";
import { formValue, isSecure, pageContext, pageResponse, privatePage, redirect, type PageContext } from "../booking/page-kit.tsx";
import { listBookings, type BookingDetails } from "../booking/queries.ts";
import type { Database } from "../db/database.ts";
import { AppError } from "../error/app-error.ts";
import type { AppDeps } from "../http/app.ts";
import type { PageCache } from "../http/page-cache.ts";
import { peerAddress } from "../http/peer.ts";
import { PUBLIC_WRITE_LIMITS, rateLimit, RateLimiter } from "../http/rate-limit.ts";
import { STATUS_OF } from "../http/error-table.ts";
import { t } from "../i18n/i18n.ts";
import { tenantScope } from "../tenant/scope.ts";
import { requestCode, verifyCode } from "./code.ts";
import { getProfile, salonFacts } from "../business/business.ts";
import { endClientSession, startClientSession, verifiedClient } from "./session.ts";

const YEAR_MS = 366 * 24 * 60 * 60_000;
const PAST_SHOWN = 20;

/** The visit as a booking flow to start again: its services, and its master when one did it all. */
function againHref(slug: string, b: BookingDetails): string {
  const masters = [...new Set(b.services.map((s) => s.staffId))];
  const staffId = masters.length === 1 && masters[0] !== null ? masters[0]! : "any";
  return `/${slug}/book/time?${flowQuery({ serviceIds: b.services.map((s) => s.serviceId), staffId })}`;
}

async function visitsOf(db: Database, slug: string, clientId: number, now: number) {
  const page = { staffId: null, status: null, clientId, offset: 0 };
  const [upcoming, past] = await Promise.all([
    listBookings(db.orm, { ...page, from: now, to: null, limit: 100 }),
    listBookings(db.orm, { ...page, from: now - YEAR_MS, to: now, limit: 500 }),
  ]);
  const visit = (b: BookingDetails): CabinetVisit => ({ booking: b, againHref: againHref(slug, b) });
  return {
    upcoming: upcoming.data.filter((b) => b.status === "pending" || b.status === "confirmed").map(visit),
    past: past.data.filter((b) => b.status === "completed").reverse().slice(0, PAST_SHOWN).map(visit),
  };
}

export const cabinetPages = (deps: Pick<AppDeps, "tenants" | "clock" | "config" | "rateLimits">, pages: PageCache) => {
  const limiter = new RateLimiter(deps.clock, deps.rateLimits ?? PUBLIC_WRITE_LIMITS);
  const signIn = async (slug: string, ctx: PageContext, state: { step: "phone" | "code"; phone?: string; error?: AppError; flash?: string }) => {
    const error = state.error ? state.error.problems.map((p) => t(ctx.locale, p.key, p.params)).join(" ") : null;
    const page = <CabinetSignIn locale={ctx.locale} slug={slug} profile={ctx.profile} csrf={ctx.csrf} step={state.step} phone={state.phone ?? ""} error={error} flash={state.flash ?? null} />;
    return privatePage(await pageResponse(page, ctx, state.error ? STATUS_OF[state.error.code] : 200));
  };
  return new Elysia({ prefix: "/:slug/me" })
    .use(tenantScope(deps.tenants))
    .use(rateLimit(limiter))
    .get("", async ({ db, tenant, request }) => {
      const ctx = await pageContext(db, request, deps.config, pages);
      const now = deps.clock.now();
      const clientId = await verifiedClient(db, request, tenant.slug, now);
      if (clientId === null) return signIn(tenant.slug, ctx, { step: "phone", ...(new URL(request.url).searchParams.has("out") ? { flash: t(ctx.locale, "cabinet.signed_out") } : {}) });
      const [visits, held] = await Promise.all([visitsOf(db, tenant.slug, clientId, now), usableHeldBy(db.orm, clientId, now)]);
      const { business, timezone } = await getProfile(db);
      const balance = held ? <HeldBalance locale={ctx.locale} currency={business.currency} zone={timezone} held={held} /> : undefined;
      return privatePage(await pageResponse(<CabinetHome locale={ctx.locale} slug={tenant.slug} profile={ctx.profile} csrf={ctx.csrf} {...visits} balance={balance} />, ctx));
    })
    .post("/code", async ({ db, tenant, request, body }) => {
      const ctx = await pageContext(db, request, deps.config, pages);
      const phone = formValue((body as Record<string, unknown>).phone);
      try {
        await requestCode({ db, clock: deps.clock }, await salonFacts(db), { phone, address: peerAddress(request) });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return signIn(tenant.slug, ctx, { step: "phone", phone, error });
      }
      return signIn(tenant.slug, ctx, { step: "code", phone });
    })
    .post("/verify", async ({ db, tenant, request, body }) => {
      const ctx = await pageContext(db, request, deps.config, pages);
      const form = body as Record<string, unknown>;
      const phone = formValue(form.phone);
      try {
        const clientId = await verifyCode({ db, clock: deps.clock }, await salonFacts(db), { phone, code: formValue(form.code) });
        const cookie = await startClientSession(db, tenant.slug, clientId, deps.clock.now(), isSecure(deps.config));
        return redirect(`/${tenant.slug}/me`, [cookie]);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        // a wrong code: try again; an expired or exhausted one: back to asking for a new code
        return signIn(tenant.slug, ctx, { step: error.problems[0]?.key === "cabinet.code_wrong" ? "code" : "phone", phone, error });
      }
    })
    .post("/signout", async ({ db, tenant, request }) => {
      const cookie = await endClientSession(db, request, tenant.slug, deps.clock.now(), isSecure(deps.config));
      return redirect(`/${tenant.slug}/me?out=1`, [cookie]);
    });
};
