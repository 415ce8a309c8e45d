/**
 * Online money with YooKassa, always in two steps: a write transaction decides and stores (the row,
 * its Idempotence-Key), and only after it commits is the provider called; its answer is applied in
 * another transaction. A crash between the two leaves a "created" row whose stored key makes the
 * retry (the client's, or the payments job's) return the very same payment or refund.
 *
 * What YooKassa says is the truth, never what a notification body or a browser claims: every state
 * change comes from the provider's own answer to our authenticated request.
 */
import { createHmac, randomUUID } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import { bookingServices, bookings } from "../booking/schema.ts";
import { cancelIn } from "../booking/change.ts";
import { business } from "../business/schema.ts";
import { services } from "../catalogue/schema.ts";
import { clients } from "../client/schema.ts";
import type { Database, Reader, Tx } from "../db/database.ts";
import { notificationSettings } from "../notification/schema.ts";
import { AppError } from "../error/app-error.ts";
import { logLine } from "../http/log.ts";
import { enqueueBookingEvent } from "../notification/outbox.ts";
import type { Clock } from "../time/clock.ts";
import { toProviderAmount } from "./amount.ts";
import { emitSettled } from "./events.ts";
import { refundableOf } from "./ledger.ts";
import { PAYMENT_STATUSES, payments, type PaymentRow, type PaymentSettings } from "./schema.ts";
import { t } from "../http/schema-builder.ts";
import { credentialsOf, readPaymentSettings } from "./settings.ts";
import { ProviderError, yookassaClient, type ProviderPayment, type ProviderRefund } from "./yookassa.ts";

export interface PaymentDeps {
  db: Database;
  clock: Clock;
  /** The YooKassa API base (config: ZAPIS_YOOKASSA_URL). */
  yookassaUrl: string;
}

/** Starting a payment also needs the page YooKassa sends the client back to. */
export interface PrepaymentDeps extends PaymentDeps {
  paymentReturnUrl(paymentId: number, token: string): string;
}

/** The client's page of a payment, `/<slug>/payment/<id>?t=<token>` (the return_url). */
export const paymentPagePath = (slug: string, paymentId: number, token: string) => `/${slug}/payment/${paymentId}?t=${encodeURIComponent(token)}`;

/**
 * The token of a payment's page: an HMAC of the payment's stored key under the salon's link secret,
 * so every retry of a create call builds the very same return_url (YooKassa refuses a reused key
 * with another body) and nothing secret has to be stored.
 */
export async function paymentPageToken(reader: Reader, key: string): Promise<string> {
  const [row] = await reader.select({ secret: notificationSettings.linkSecret }).from(notificationSettings).where(eq(notificationSettings.id, 1));
  return createHmac("sha256", row!.secret).update(`payment-page:${key}`).digest("base64url");
}

/** What the API and pages show of an online payment. */
export interface OnlinePaymentView {
  id: number;
  amountMinor: number;
  status: PaymentRow["status"];
  confirmationUrl: string | null;
}

/** The documented shape of onlinePaymentJson (the `payment` of POST /bookings). */
export const onlinePaymentSchema = t.Object(
  {
    id: t.Integer(),
    amount: t.Integer({ description: "The prepayment, minor units" }),
    status: t.Union(PAYMENT_STATUSES.map((s) => t.Literal(s))),
    confirmation_url: t.Union([t.String(), t.Null()], { description: "Send the client here to pay (null until YooKassa answered)" }),
  },
  { description: "issue 13: the prepayment the visit waits for" },
);

export const onlinePaymentJson = (p: OnlinePaymentView) => ({ id: p.id, amount: p.amountMinor, status: p.status, confirmation_url: p.status === "pending" ? p.confirmationUrl : null });
const viewOf = (p: PaymentRow): OnlinePaymentView => ({ id: p.id, amountMinor: p.amountMinor, status: p.status, confirmationUrl: p.confirmationUrl });

async function clientFor(deps: PaymentDeps) {
  const settings = await readPaymentSettings(deps.db.orm);
  const creds = credentialsOf(settings);
  return creds ? { settings, api: yookassaClient(deps.yookassaUrl, creds) } : null;
}

/** The path of a booking's prepayment page, or null when it owes none. */
export async function prepaymentPagePath(db: Database, slug: string, bookingId: number): Promise<string | null> {
  const row = await prepaymentOf({ db }, bookingId);
  return row?.idempotenceKey ? paymentPagePath(slug, row.id, await paymentPageToken(db.orm, row.idempotenceKey)) : null;
}

/** The row of a booking's prepayment, if it has one. */
export async function prepaymentOf(deps: Pick<PaymentDeps, "db">, bookingId: number): Promise<PaymentRow | null> {
  const [row] = await deps.db.orm.select().from(payments).where(and(eq(payments.bookingId, bookingId), eq(payments.isPrepayment, true)));
  return row ?? null;
}

/**
 * Asks YooKassa for the payment of a "created" row (the first time, or again after a crash: the
 * stored key makes it the same payment). Rows past "created" are answered as they are. A refusal
 * (4xx: bad credentials, a bad receipt) cancels the payment and frees the slot; an unknown outcome
 * (timeout, 5xx) leaves the row to be retried.
 */
export async function startPrepayment(deps: PrepaymentDeps, paymentId: number): Promise<OnlinePaymentView> {
  const [row] = await deps.db.orm.select().from(payments).where(eq(payments.id, paymentId));
  if (!row) throw new Error(`no payment ${paymentId}`);
  if (row.status !== "created") return viewOf(row);
  // released before YooKassa was asked (the window passed, the visit was cancelled): nothing to pay
  const [visit] = await deps.db.orm.select({ status: bookings.status }).from(bookings).where(eq(bookings.id, row.bookingId));
  if (visit?.status === "cancelled") return viewOf(row);
  const shop = await clientFor(deps);
  if (!shop) return viewOf(row);
  let answer: ProviderPayment;
  try {
    const returnUrl = deps.paymentReturnUrl(row.id, await paymentPageToken(deps.db.orm, row.idempotenceKey!));
    answer = await shop.api.createPayment(await paymentBody(deps, row, shop.settings, returnUrl), row.idempotenceKey!);
  } catch (e) {
    if (!(e instanceof ProviderError)) throw e;
    logLine({ level: "warn", msg: "yookassa payment not created", payment: row.id, error: e.message });
    if (!e.definite) return viewOf(row);
    await deps.db.write((tx) => settle(tx, row, { status: "canceled" }, deps.clock.now()));
    throw new AppError("PAYMENT_PROVIDER_ERROR", [{ key: "payment.provider_refused" }]);
  }
  return viewOf(await applyPayment(deps, row.id, answer));
}

/** Re-reads a payment from YooKassa and acts on what it says (notifications, the return page, the job). */
export async function syncPayment(deps: PaymentDeps, row: PaymentRow): Promise<OnlinePaymentView> {
  if (row.providerId === null || isFinal(row.status)) return viewOf(row);
  const shop = await clientFor(deps);
  if (!shop) return viewOf(row);
  return viewOf(await applyPayment(deps, row.id, await shop.api.getPayment(row.providerId)));
}

/** Our row of a provider payment id, or null: ids we never created are nobody's business here. */
export async function paymentByProviderId(db: Database, providerId: string): Promise<PaymentRow | null> {
  const [row] = await db.orm.select().from(payments).where(eq(payments.providerId, providerId));
  return row ?? null;
}

const isFinal = (status: PaymentRow["status"]) => status === "succeeded" || status === "canceled";

async function applyPayment(deps: PaymentDeps, paymentId: number, answer: ProviderPayment): Promise<PaymentRow> {
  const now = deps.clock.now();
  const { row, refund } = await deps.db.write(async (tx) => {
    const [row] = await tx.select().from(payments).where(eq(payments.id, paymentId));
    if (!row) throw new Error(`no payment ${paymentId}`);
    // the provider's object must be the one we asked for: same amount, our row in its metadata
    if (answer.amountMinor !== row.amountMinor || answer.metadata.payment_id !== String(row.id) || (row.providerId !== null && row.providerId !== answer.id)) {
      logLine({ level: "warn", msg: "yookassa payment does not match our row", payment: paymentId });
      return { row, refund: null };
    }
    return settle(tx, row, { status: answer.status, providerId: answer.id, confirmationUrl: answer.confirmationUrl }, now);
  });
  if (refund !== null) await sendRefund(deps, refund);
  return row;
}

/**
 * Moves a row along created → pending → succeeded | canceled (never back: a late "pending" after
 * "succeeded" changes nothing, so repeats and reordering are harmless) and the booking with it.
 * Answers the refund to send when money arrived for a visit that is already gone.
 */
async function settle(
  tx: Tx,
  row: PaymentRow,
  change: { status: ProviderPayment["status"]; providerId?: string; confirmationUrl?: string | null },
  now: number,
): Promise<{ row: PaymentRow; refund: number | null }> {
  if (isFinal(row.status) || (row.status === change.status && (change.confirmationUrl ?? null) === row.confirmationUrl)) return { row, refund: null };
  const [updated] = await tx
    .update(payments)
    .set({ status: change.status, providerId: change.providerId ?? row.providerId, confirmationUrl: change.confirmationUrl ?? row.confirmationUrl, updatedAt: now })
    .where(eq(payments.id, row.id))
    .returning();
  await emitSettled(tx, updated!, now);
  const [booking] = await tx.select().from(bookings).where(eq(bookings.id, row.bookingId));
  if (!booking || !row.isPrepayment) return { row: updated!, refund: null };
  const awaiting = booking.awaitingPaymentUntil !== null && booking.status === "pending";
  if (change.status === "succeeded") {
    if (awaiting) {
      const [salon] = await tx.select({ autoConfirm: business.autoConfirm }).from(business);
      const status = salon!.autoConfirm ? "confirmed" : "pending";
      await tx.update(bookings).set({ status, awaitingPaymentUntil: null, updatedAt: now }).where(eq(bookings.id, booking.id));
      if (status === "confirmed") await enqueueBookingEvent(tx, { bookingId: booking.id, clientId: booking.clientId, event: "confirmed", now });
    } else if (booking.status === "cancelled") {
      // paid after the window closed and the slot went to someone else: the money goes back
      return { row: updated!, refund: await queueRefund(tx, updated!, updated!.amountMinor, null, now) };
    }
  } else if (change.status === "canceled" && awaiting) {
    await cancelIn(tx, booking, "payment_timeout", now);
  }
  return { row: updated!, refund: null };
}

/** Writes a refund row with its own Idempotence-Key (state "created"), before any call. Answers its id. */
export async function queueRefund(tx: Tx, payment: PaymentRow, amountMinor: number, createdBy: number | null, now: number): Promise<number> {
  const online = payment.method === "online";
  const [row] = await tx
    .insert(payments)
    .values({
      bookingId: payment.bookingId,
      kind: "refund",
      method: payment.method,
      amountMinor,
      currency: payment.currency,
      // money handed back over the counter is back at once; an online refund is YooKassa's to make
      status: online ? "created" : "succeeded",
      refundOf: payment.id,
      idempotenceKey: online ? randomUUID() : null,
      createdBy,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await emitSettled(tx, row!, now);
  return row!.id;
}

/**
 * A cancelled visit's online money goes back on its own when the client cancelled in time (or staff
 * cancelled it, unless it is late and the salon keeps deposits of late cancellations). Called in
 * the cancelling transaction; answers the refunds to send after it commits.
 */
export async function queueCancellationRefunds(tx: Tx, booking: typeof bookings.$inferSelect, now: number): Promise<number[]> {
  const [salon] = await tx.select({ window: business.cancelWindowMinutes }).from(business);
  const settings = await readPaymentSettings(tx);
  const late = now > booking.startTs - salon!.window * 60_000;
  if (late && settings.lateCancelKeepsDeposit) return [];
  const paid = await tx
    .select()
    .from(payments)
    .where(and(eq(payments.bookingId, booking.id), eq(payments.kind, "payment"), eq(payments.method, "online"), eq(payments.status, "succeeded")));
  const queued: number[] = [];
  for (const payment of paid) {
    const left = await refundableOf(tx, payment);
    if (left > 0) queued.push(await queueRefund(tx, payment, left, null, now));
  }
  return queued;
}

/** Sends a "created" online refund to YooKassa with its stored key and applies the answer. Unknown outcomes stay "created" for the job. */
export async function sendRefund(deps: PaymentDeps, refundId: number): Promise<PaymentRow["status"]> {
  const [row] = await deps.db.orm.select().from(payments).where(eq(payments.id, refundId));
  if (!row || row.kind !== "refund" || row.status !== "created") return row?.status ?? "canceled";
  const [original] = await deps.db.orm.select().from(payments).where(eq(payments.id, row.refundOf!));
  const shop = await clientFor(deps);
  if (!shop || !original?.providerId) return row.status;
  let answer: ProviderRefund;
  try {
    const body = { payment_id: original.providerId, amount: { value: toProviderAmount(row.amountMinor), currency: row.currency }, description: `Zapis #${row.bookingId}` };
    answer = await shop.api.createRefund(body, row.idempotenceKey!);
  } catch (e) {
    if (!(e instanceof ProviderError)) throw e;
    logLine({ level: "warn", msg: "yookassa refund not created", refund: row.id, error: e.message });
    if (!e.definite) return row.status;
    answer = { id: "", paymentId: original.providerId, status: "canceled", amountMinor: row.amountMinor };
  }
  await deps.db.write(async (tx) => {
    const [settled] = await tx
      .update(payments)
      .set({ status: answer.status, providerId: answer.id || null, updatedAt: deps.clock.now() })
      .where(and(eq(payments.id, row.id), eq(payments.status, "created")))
      .returning();
    if (settled) await emitSettled(tx, settled, deps.clock.now());
  });
  return answer.status;
}

/** The body of POST /payments: the deposit, a redirect back to the client's page, and the 54-FZ receipt when the salon sends them. */
async function paymentBody(deps: PaymentDeps, row: PaymentRow, settings: PaymentSettings, returnUrl: string) {
  const [booking] = await deps.db.orm
    .select({ id: bookings.id, phone: bookings.contactPhone, email: bookings.contactEmail, clientPhone: clients.phone, clientEmail: clients.email, priceMinor: bookings.priceMinor })
    .from(bookings)
    .leftJoin(clients, eq(clients.id, bookings.clientId))
    .where(eq(bookings.id, row.bookingId));
  const amount = { value: toProviderAmount(row.amountMinor), currency: row.currency };
  const body: Record<string, unknown> = {
    amount,
    capture: true,
    confirmation: { type: "redirect", return_url: returnUrl },
    description: `Предоплата визита №${row.bookingId}`.slice(0, 128),
    metadata: { booking_id: String(row.bookingId), payment_id: String(row.id) },
  };
  if (settings.receipts && booking) {
    const titles = await deps.db.orm
      .select({ title: services.title })
      .from(bookingServices)
      .innerJoin(services, eq(services.id, bookingServices.serviceId))
      .where(inArray(bookingServices.bookingId, [booking.id]))
      .orderBy(asc(bookingServices.startTs));
    const phone = (booking.phone ?? booking.clientPhone)?.replace(/\D/g, "");
    const email = booking.email ?? booking.clientEmail;
    body.receipt = {
      customer: phone ? { phone } : { email },
      items: [
        {
          description: titles.map((t) => t.title).join(", ").slice(0, 128) || `Визит №${booking.id}`,
          quantity: "1.00",
          amount,
          vat_code: settings.vatCode,
          payment_subject: "service",
          // a deposit is an advance on the service; the whole price paid ahead is a full prepayment
          payment_mode: row.amountMinor >= booking.priceMinor ? "full_prepayment" : "partial_prepayment",
        },
      ],
      ...(settings.taxSystemCode === null ? {} : { tax_system_code: settings.taxSystemCode }),
    };
  }
  return body;
}
