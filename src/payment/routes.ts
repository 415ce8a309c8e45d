/**
 * Payments in the JSON API (DESIGN §5): a visit's ledger, money taken on site, refunds, and the
 * YooKassa notification endpoint. Thin: each route checks who calls and hands over to a use-case.
 */
import { Elysia, t } from "elysia";
import { bookingFor } from "../booking/access.ts";
import { getBooking } from "../booking/queries.ts";
import { json } from "../http/render.ts";
import type { Config } from "../config/config.ts";
import { notFound } from "../error/app-error.ts";
import { apiActor, idNumber } from "../http/api-kit.ts";
import { logLine } from "../http/log.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import { tenantScope } from "../tenant/scope.ts";
import type { Clock } from "../time/clock.ts";
import { bookingPayments, moneyJson, paymentJson } from "./ledger.ts";
import { acceptNotification } from "./notification.ts";
import { refundPayment, takePayment } from "./staff.ts";
import { payments } from "./schema.ts";
import { eq } from "drizzle-orm";

export interface PaymentApiDeps {
  tenants: TenantConnections;
  clock: Clock;
  config: Pick<Config, "yookassaUrl">;
}

const BOOKINGS = ["bookings.all", "bookings.own"] as const;
const tags = ["Payments"];
const bookingParams = t.Object({ slug: t.String(), id: idNumber() });

export const paymentApi = (deps: PaymentApiDeps) =>
  new Elysia({ prefix: "/api/v1/businesses/:slug" })
    .use(tenantScope(deps.tenants))
    .get(
      "/bookings/:id/payments",
      async ({ db, headers, params }) => {
        const actor = await apiActor(db, headers.authorization, BOOKINGS);
        const booking = await bookingFor(db, actor, params.id);
        return { data: (await bookingPayments(db.orm, booking.id)).map(paymentJson), money: moneyJson(booking.money) };
      },
      { params: bookingParams, detail: { summary: "A visit's payments and refunds, and its price, discount, total, paid, due", tags } },
    )
    .post(
      "/bookings/:id/payments",
      async ({ db, headers, params, body }) => {
        const actor = await apiActor(db, headers.authorization, "payments");
        const booking = await bookingFor(db, actor, params.id);
        const payment = await takePayment({ db, clock: deps.clock, yookassaUrl: deps.config.yookassaUrl }, actor, { bookingId: booking.id, method: body.method, amountMinor: body.amount });
        const after = await getBooking(db.orm, booking.id);
        return json({ payment: paymentJson(payment), money: moneyJson(after!.money) }, 201);
      },
      {
        params: bookingParams,
        body: t.Object({ method: t.String({ description: "cash, card or online (money received outside YooKassa's flow)" }), amount: t.Integer({ description: "Minor units (kopecks), at most what is due" }) }, { additionalProperties: false }),
        detail: { summary: "Record money taken for a visit (partial payments allowed)", tags },
      },
    )
    .post(
      "/payments/:id/refund",
      async ({ db, headers, params, body }) => {
        const actor = await apiActor(db, headers.authorization, "refunds");
        const [payment] = await db.orm.select({ bookingId: payments.bookingId }).from(payments).where(eq(payments.id, params.id));
        if (!payment) throw notFound("payment.not_found");
        await bookingFor(db, actor, payment.bookingId);
        const refund = await refundPayment({ db, clock: deps.clock, yookassaUrl: deps.config.yookassaUrl }, actor, { paymentId: params.id, amountMinor: body?.amount });
        return json({ refund: paymentJson(refund) }, 201);
      },
      {
        params: bookingParams,
        body: t.Optional(t.Object({ amount: t.Optional(t.Integer({ description: "Minor units; the whole payment left when omitted" })) }, { additionalProperties: false })),
        detail: { summary: "Refund a payment in full or in part (online payments through YooKassa)", tags },
      },
    )
    .post(
      "/webhooks/yookassa",
      async ({ db, body, set }) => {
        const outcome = await acceptNotification({ db, clock: deps.clock, yookassaUrl: deps.config.yookassaUrl }, body);
        if (outcome === "retry") {
          // YooKassa retries a notification that did not get a 200: the provider could not be asked now
          set.status = 503;
          return { code: "RETRY" };
        }
        if (outcome !== "applied") logLine({ level: "info", msg: "yookassa notification ignored", outcome });
        return {};
      },
      { parse: "text", detail: { summary: "YooKassa HTTP notifications: re-read from YooKassa, never trusted as sent; always 200 for ids that are not ours", tags } },
    );
