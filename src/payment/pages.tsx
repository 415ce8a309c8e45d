/**
 * The client's page of a prepayment, `/<slug>/payment/<id>?t=<token>`: the return_url YooKassa
 * sends the client back to. It shows the outcome and, while the payment is open, polls a fragment
 * that re-reads the payment from YooKassa (so the client sees "paid" even before the notification
 * arrives). The token is an HMAC of the payment's key (online.ts); a wrong one is a plain 404.
 */
import { timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { Elysia } from "elysia";
import { PaymentPage, PaymentStatus } from "../../views/payment/payment-page.tsx";
import { flowQuery } from "../booking/flow.ts";
import { bookingDeps } from "../booking/links.ts";
import { pageContext, pageResponse } from "../booking/page-kit.tsx";
import { getBooking } from "../booking/queries.ts";
import type { BookingPageDeps } from "../booking/routes.ts";
import type { Database } from "../db/database.ts";
import { notFound } from "../error/app-error.ts";
import type { PageCache } from "../http/page-cache.ts";
import { render } from "../http/render.ts";
import { tenantScope } from "../tenant/scope.ts";
import { paymentPagePath, paymentPageToken, startPrepayment, syncPayment, type OnlinePaymentView } from "./online.ts";
import { payments } from "./schema.ts";
import { ProviderError } from "./yookassa.ts";

async function opened(db: Database, id: string, token: string) {
  const paymentId = Number(id);
  const [row] = Number.isSafeInteger(paymentId) && token ? await db.orm.select().from(payments).where(eq(payments.id, paymentId)) : [];
  if (!row?.idempotenceKey || row.kind !== "payment") throw notFound();
  const expected = Buffer.from(await paymentPageToken(db.orm, row.idempotenceKey));
  const given = Buffer.from(token);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw notFound();
  return row;
}

export const paymentPages = (deps: BookingPageDeps, pages: PageCache) =>
  new Elysia({ prefix: "/:slug/payment/:id" })
    .use(tenantScope(deps.tenants))
    .get("", async ({ db, tenant, request, params }) => {
      const url = new URL(request.url);
      const token = url.searchParams.get("t") ?? "";
      const row = await opened(db, params.id, token);
      const { view, booking } = await current(db, deps, tenant.slug, row);
      const ctx = await pageContext(db, request, deps.config, pages);
      const path = paymentPagePath(tenant.slug, row.id, token);
      const page = (
        <PaymentPage
          go={url.searchParams.get("go") === "1"}
          locale={ctx.locale}
          slug={tenant.slug}
          profile={ctx.profile}
          booking={booking}
          path={path}
          payment={view}
          currency={booking.currency}
          until={booking.awaitingPaymentUntil}
          zone={booking.timezone}
          statusUrl={path.replace("?", "/status?")}
          bookAgainHref={bookAgain(tenant.slug, booking)}
        />
      );
      const response = await pageResponse(page, ctx);
      // the URL carries the payment's key: keep it out of caches and other sites' Referer
      response.headers.set("cache-control", "no-store");
      response.headers.set("referrer-policy", "no-referrer");
      return response;
    })
    .get("/status", async ({ db, tenant, request, params }) => {
      const token = new URL(request.url).searchParams.get("t") ?? "";
      const row = await opened(db, params.id, token);
      const { view, booking } = await current(db, deps, tenant.slug, row);
      const ctx = await pageContext(db, request, deps.config, pages);
      const path = paymentPagePath(tenant.slug, row.id, token);
      const fragment = (
        <PaymentStatus
          locale={ctx.locale}
          payment={view}
          currency={booking.currency}
          until={booking.awaitingPaymentUntil}
          zone={booking.timezone}
          statusUrl={path.replace("?", "/status?")}
          bookAgainHref={bookAgain(tenant.slug, booking)}
        />
      );
      const response = await render(fragment, { fragment: true });
      response.headers.set("cache-control", "no-store");
      return response;
    });

/** The payment as YooKassa has it now: a row still "created" is asked for again (same key), an open one re-read. */
async function current(db: Database, deps: BookingPageDeps, slug: string, row: typeof payments.$inferSelect) {
  const links = bookingDeps(db, deps, slug);
  let view: OnlinePaymentView = { id: row.id, amountMinor: row.amountMinor, status: row.status, confirmationUrl: row.confirmationUrl };
  const released = (await getBooking(db.orm, row.bookingId))!;
  // a visit released (not paid in time, or cancelled) is paid no more: no button, nothing asked of YooKassa
  if (released.status === "cancelled" && row.status !== "succeeded") return { view: { ...view, status: "canceled" as const, confirmationUrl: null }, booking: released };
  try {
    view = row.status === "created" ? await startPrepayment(links, row.id) : await syncPayment(links, row);
  } catch (e) {
    // YooKassa not answering: show what we know, the block asks again
    if (!(e instanceof ProviderError)) throw e;
  }
  const booking = (await getBooking(db.orm, row.bookingId))!;
  return { view, booking };
}

const bookAgain = (slug: string, booking: NonNullable<Awaited<ReturnType<typeof getBooking>>>) =>
  `/${slug}/book/time?${flowQuery({ serviceIds: booking.services.map((s) => s.serviceId), staffId: "any" })}`;
