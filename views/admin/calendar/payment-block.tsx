import type { BookingDetails } from "../../../src/booking/queries.ts";
import { t } from "../../../src/i18n/i18n.ts";
import { formatMoney } from "../../../src/money/money.ts";
import type { PaymentRow } from "../../../src/payment/schema.ts";
import { STAFF_METHODS } from "../../../src/payment/staff.ts";
import type { AdminFrame } from "../admin-layout.tsx";
import { clockTime } from "../format.ts";
import { PanelForm } from "./booking-panel.tsx";

export interface PaymentBlockProps {
  payments: PaymentRow[];
  /** Left to refund per payment id. */
  refundable: Map<number, number>;
  mayTake: boolean;
  mayRefund: boolean;
}

const rubles = (minor: number) => (minor / 100).toFixed(2);

/** The money of a visit in its panel (issue 13): price, discount, total, paid, due; the ledger; take and refund. */
export function PaymentBlock({ frame, booking, p }: { frame: AdminFrame; booking: BookingDetails; p: PaymentBlockProps }) {
  const { locale } = frame;
  const m = booking.money;
  const money = (minor: number) => formatMoney(minor, booking.currency, locale);
  const url = `${frame.base}/bookings/${booking.id}/payments`;
  return (
    <div class="client-card payment-block">
      <h3>{t(locale, "payment.title")}</h3>
      <dl class="facts money">
        <dt>{t(locale, "payment.price")}</dt>
        <dd>{money(m.priceMinor)}</dd>
        {m.discountMinor > 0 && (
          <>
            <dt>{t(locale, "payment.discount")}</dt>
            <dd>−{money(m.discountMinor)}</dd>
          </>
        )}
        <dt>{t(locale, "payment.total")}</dt>
        <dd>{money(m.totalMinor)}</dd>
        <dt>{t(locale, "payment.paid")}</dt>
        <dd>{money(m.paidMinor)}</dd>
        <dt>{t(locale, "payment.due")}</dt>
        <dd>
          <strong>{money(m.dueMinor)}</strong>
        </dd>
      </dl>
      {p.payments.length > 0 && (
        <ul class="plain ledger">
          {p.payments.map((row) => (
            <li>
              {clockTime(row.createdAt, booking.timezone)} {t(locale, `payment.method.${row.method}`)}
              {row.kind === "refund" && <span class="muted"> · {t(locale, "payment.refunded")}</span>} <span class="price">{row.kind === "refund" ? "−" : ""}{money(row.amountMinor)}</span>
              <span class="muted"> · {t(locale, `payment.status.${row.status}`)}</span>
              {p.mayRefund && (p.refundable.get(row.id) ?? 0) > 0 && (
                <PanelForm frame={frame} action={`${url}/${row.id}/refund`}>
                  <input type="text" name="amount" inputmode="decimal" size={8} placeholder={rubles(p.refundable.get(row.id)!)} aria-label={t(locale, "payment.amount")} />
                  <button type="submit" class="chip">{t(locale, "payment.refund")}</button>
                </PanelForm>
              )}
            </li>
          ))}
        </ul>
      )}
      {p.mayTake && booking.status !== "cancelled" && m.dueMinor > 0 && (
        <PanelForm frame={frame} action={url} class="stack take-payment">
          <label>
            {t(locale, "payment.amount")}
            <input type="text" name="amount" inputmode="decimal" required value={rubles(m.dueMinor)} />
          </label>
          <label>
            {t(locale, "payment.method")}
            <select name="method">
              {STAFF_METHODS.filter((method) => method !== "online").map((method) => (
                <option value={method}>{t(locale, `payment.method.${method}`)}</option>
              ))}
            </select>
          </label>
          <button type="submit" class="button">{t(locale, "payment.take")}</button>
        </PanelForm>
      )}
    </div>
  );
}
