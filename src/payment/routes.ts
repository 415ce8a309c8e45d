/**
 * Payments in the JSON API (DESIGN §5): a visit's ledger, money taken on site, refunds, and the
 * YooKassa notification endpoint. Thin: each route checks who calls and hands over to a use-case.
 */
import { Elysia } from "elysia";
import { t } from "../http/schema-builder.ts";
import { bookingFor } from "../booking/access.ts";
import { getBooking } from "../booking/queries.ts";
import { json } from "../http/render.ts";
import type { Config } from "../config/config.ts";
import { AppError, notFound } from "../error/app-error.ts";
import { apiActor, idNumber } from "../http/api-kit.ts";
import { logLine } from "../http/log.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import { tenantScope } from "../tenant/scope.ts";
import type { Clock } from "../time/clock.ts";
import { bookingPayments, moneyFields, moneyJson, paymentJson, paymentSchema } from "./ledger.ts";
import { apiDoc } from "../http/openapi.ts";
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
const moneySchema = t.Object({ price: t.Integer(), ...moneyFields });
const ledgerAnswer = t.Object({ data: t.Array(paymentSchema), money: moneySchema });

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
      {
        params: bookingParams,
        detail: apiDoc({ summary: "A visit's payments and refunds, and its price, discount, total, paid, due", tags, auth: "token", ok: { 200: { description: "The ledger of the visit, oldest first", schema: ledgerAnswer } } }),
      },
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
        detail: apiDoc({
          summary: "Record money taken for a visit (partial payments allowed)",
          description: "Managers and owners. 400 when the amount is ≤ 0 or above what is due, or the visit is cancelled.",
          tags,
          auth: "token",
          bodyExample: { method: "cash", amount: 150000 },
          ok: { 201: { description: "Recorded, with the visit's money after it", schema: t.Object({ payment: paymentSchema, money: moneySchema }) } },
        }),
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
        detail: apiDoc({
          summary: "Refund a payment in full or in part (online payments through YooKassa)",
          description: "Owners. 400 above what is left of the payment.",
          tags,
          auth: "token",
          bodyExample: { amount: 50000 },
          ok: { 201: { description: "The refund (an online one: as YooKassa answered)", schema: t.Object({ refund: paymentSchema }) } },
        }),
      },
    )
    .post(
      "/webhooks/yookassa",
      async ({ db, body }) => {
        const outcome = await acceptNotification({ db, clock: deps.clock, yookassaUrl: deps.config.yookassaUrl }, body);
        // YooKassa retries a notification that did not get a 200: the provider could not be asked now
        if (outcome === "retry") throw new AppError("PAYMENT_PROVIDER_ERROR", [{ key: "payment.provider_unreachable" }]);
        if (outcome !== "applied") logLine({ level: "info", msg: "yookassa notification ignored", outcome });
        return {};
      },
      {
        parse: "text",
        detail: apiDoc({
          summary: "YooKassa HTTP notifications",
          description: "Never trusted as sent: the payment is re-read from YooKassa with the salon's credentials. Ids that are not ours: 200, nothing done. 502 PAYMENT_PROVIDER_ERROR when YooKassa could not be asked (it retries).",
          tags,
          auth: "none",
          body: t.Object({ type: t.Literal("notification"), event: t.String({ examples: ["payment.succeeded"] }), object: t.Object({ id: t.String() }, { additionalProperties: true }) }),
          ok: { 200: { description: "Received", schema: t.Object({}) } },
          errors: ["PAYMENT_PROVIDER_ERROR"],
        }),
      },
    );
