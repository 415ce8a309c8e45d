import type { HeldCertificate } from "../../../src/certificate/certificate.ts";
import type { ClientRow } from "../../../src/client/crm.ts";
import type { Problem } from "../../../src/error/app-error.ts";
import { t, type Locale, type MessageKey } from "../../../src/i18n/i18n.ts";
import { formatMoney } from "../../../src/money/money.ts";
import type { HeldPackage, PackageRow } from "../../../src/package/package.ts";
import type { WalletRow } from "../../../src/wallet/wallet.ts";
import { MONEY_METHODS, SALE_METHODS } from "../../../src/balance/methods.ts";
import { AdminLayout, Csrf, type AdminFrame } from "../admin-layout.tsx";
import { dateTime } from "../format.ts";
import { ListTable } from "../list-table.tsx";
import { Notice, Problems } from "../problems.tsx";
import { lastValidDay } from "./certificate-print.tsx";

export interface BalancePageProps {
  frame: AdminFrame;
  zone: string;
  currency: string;
  client: ClientRow;
  balanceMinor: number;
  transactions: WalletRow[];
  packages: HeldPackage[];
  products: PackageRow[];
  certificates: HeldCertificate[];
  /** The owner may correct the wallet (money from nowhere, or taken away). */
  mayCorrect: boolean;
  notice?: string | undefined;
  problems?: Problem[] | undefined;
}

/** The client card's two tabs: the card itself, and what the client holds. */
export function ClientTabs({ locale, base, clientId, current }: { locale: Locale; base: string; clientId: number; current: "card" | "balance" }) {
  return (
    <nav class="tabs" aria-label={t(locale, "balance.tabs")}>
      <a class="chip" href={`${base}/clients/${clientId}`} aria-current={current === "card" ? "true" : "false"}>
        {t(locale, "balance.tab.card")}
      </a>
      <a class="chip" href={`${base}/clients/${clientId}/balance`} aria-current={current === "balance" ? "true" : "false"}>
        {t(locale, "balance.tab.balance")}
      </a>
    </nav>
  );
}

const methodLabel = (method: string): MessageKey => `balance.method.${method}` as MessageKey;

function MethodSelect({ locale, methods }: { locale: Locale; methods: readonly string[] }) {
  return (
    <label>
      {t(locale, "balance.method")}
      <select name="method">
        {methods.map((m) => (
          <option value={m}>{t(locale, methodLabel(m))}</option>
        ))}
      </select>
    </label>
  );
}

/** `/admin/clients/:id/balance`: the wallet with its ledger, packages with visits left, certificates bought; sell, top up, pay out, correct. */
/** Money into or out of the wallet, by cash, card or online: the same form, one hidden type apart. */
function MoneyMove(p: { locale: Locale; csrf: string; action: string; type: "deposit" | "withdraw"; label: "balance.top_up" | "balance.pay_out"; withNote?: boolean }) {
  return (
    <details class="card">
      <summary class="chip">{t(p.locale, p.label)}</summary>
      <form method="post" action={p.action} class="stack">
        <Csrf token={p.csrf} />
        <input type="hidden" name="type" value={p.type} />
        <div class="row">
          <label>
            {t(p.locale, "balance.amount")}
            <input name="amount" inputmode="decimal" required />
          </label>
          <MethodSelect locale={p.locale} methods={MONEY_METHODS} />
        </div>
        {p.withNote && (
          <label>
            {t(p.locale, "balance.note")}
            <input name="note" maxlength={500} />
          </label>
        )}
        <div>
          <button type="submit" class="button">{t(p.locale, p.label)}</button>
        </div>
      </form>
    </details>
  );
}

export function BalancePage(p: BalancePageProps) {
  const { locale, base } = p.frame;
  const money = (minor: number) => formatMoney(minor, p.currency, locale);
  const action = `${base}/clients/${p.client.id}`;
  return (
    <AdminLayout frame={p.frame} title={p.client.name} section="clients">
      <p>
        <a href={`${base}/clients`}>← {t(locale, "clients.title")}</a>
      </p>
      <h1>{p.client.name}</h1>
      <ClientTabs locale={locale} base={base} clientId={p.client.id} current="balance" />
      <Notice text={p.notice} />
      <Problems locale={locale} problems={p.problems} />
      <div class="stats">
        <div>
          <strong>{money(p.balanceMinor)}</strong>
          <span>{t(locale, "balance.wallet")}</span>
        </div>
        <div>
          <strong>{p.packages.filter((k) => !k.expired).reduce((n, k) => n + k.visitsLeft, 0)}</strong>
          <span>{t(locale, "balance.visits_left")}</span>
        </div>
        <div>
          <strong>{p.client.discountPercent}%</strong>
          <span>{t(locale, "balance.personal_discount")}</span>
        </div>
      </div>

      <h2>{t(locale, "balance.wallet")}</h2>
      <MoneyMove locale={locale} csrf={p.frame.csrf} action={`${action}/wallet`} type="deposit" label="balance.top_up" />
      <MoneyMove locale={locale} csrf={p.frame.csrf} action={`${action}/wallet`} type="withdraw" label="balance.pay_out" withNote />
      {p.mayCorrect && (
        <details class="card">
          <summary class="chip">{t(locale, "balance.correct")}</summary>
          <form method="post" action={`${action}/wallet`} class="stack">
            <Csrf token={p.frame.csrf} />
            <input type="hidden" name="type" value="correction" />
            <div class="row">
              <label>
                {t(locale, "balance.direction")}
                <select name="sign">
                  <option value="+">{t(locale, "balance.add")}</option>
                  <option value="-">{t(locale, "balance.take")}</option>
                </select>
              </label>
              <label>
                {t(locale, "balance.amount")}
                <input name="amount" inputmode="decimal" required />
              </label>
            </div>
            <label>
              {t(locale, "balance.reason")}
              <input name="note" maxlength={500} required />
            </label>
            <div>
              <button type="submit" class="button">{t(locale, "balance.correct")}</button>
            </div>
          </form>
        </details>
      )}
      {p.transactions.length === 0 ? (
        <p class="muted">{t(locale, "admin.none")}</p>
      ) : (
        <ListTable locale={locale} columns={["admin.when", "balance.kind", { key: "balance.amount", numeric: true }, "balance.note", "balance.who"]}>
          {p.transactions.map((w) => (
            <tr>
              <td>{dateTime(w.createdAt, p.zone, locale)}</td>
              <td>
                {t(locale, `balance.type.${w.type}`)}
                {w.bookingId !== null && (
                  <>
                    {" "}
                    <a href={`${base}/bookings/${w.bookingId}`}>#{w.bookingId}</a>
                  </>
                )}
              </td>
              <td class="num">{(w.amountMinor > 0 ? "+" : "−") + money(Math.abs(w.amountMinor))}</td>
              <td>{[w.method ? t(locale, methodLabel(w.method)) : null, w.note].filter(Boolean).join(" · ")}</td>
              <td class="muted">{w.actor}</td>
            </tr>
          ))}
        </ListTable>
      )}

      <h2>{t(locale, "balance.packages")}</h2>
      {p.products.length > 0 && (
        <form method="post" action={`${action}/packages`} class="card stack">
          <Csrf token={p.frame.csrf} />
          <div class="row">
            <label>
              {t(locale, "balance.package")}
              <select name="package_id">
                {p.products.map((k) => (
                  <option value={String(k.id)}>
                    {k.title} · {t(locale, "balance.visits_n", { n: k.visits })} · {money(k.priceMinor)}
                  </option>
                ))}
              </select>
            </label>
            <MethodSelect locale={locale} methods={SALE_METHODS} />
          </div>
          <div>
            <button type="submit" class="button">{t(locale, "balance.sell")}</button>
          </div>
        </form>
      )}
      {p.packages.length === 0 ? (
        <p class="muted">{t(locale, "admin.none")}</p>
      ) : (
        <ListTable locale={locale} columns={["balance.package", { key: "balance.visits_left", numeric: true }, "balance.valid_until", "balance.sold"]}>
          {p.packages.map((k) => (
            <tr>
              <td>{k.title}</td>
              <td class="num">{t(locale, "balance.left_of", { left: k.visitsLeft, total: k.visitsTotal })}</td>
              <td>
                {dateTime(k.expiresAt, p.zone, locale)} {k.expired && <span class="badge status-cancelled">{t(locale, "balance.expired")}</span>}
              </td>
              <td class="muted">
                {dateTime(k.soldAt, p.zone, locale)} · {money(k.priceMinor)} · {t(locale, methodLabel(k.method))}
              </td>
            </tr>
          ))}
        </ListTable>
      )}

      <h2>{t(locale, "balance.certificates")}</h2>
      <CertificateSaleForm locale={locale} csrf={p.frame.csrf} action={`${action}/certificates`} />
      {p.certificates.length === 0 ? (
        <p class="muted">{t(locale, "admin.none")}</p>
      ) : (
        <CertificateTable locale={locale} zone={p.zone} money={money} rows={p.certificates} />
      )}
    </AdminLayout>
  );
}

/** Selling a certificate: its value, until when, how it was paid. Answered by the printable page with the code. */
export function CertificateSaleForm({ locale, csrf, action }: { locale: Locale; csrf: string; action: string }) {
  return (
    <details class="card">
      <summary class="chip">{t(locale, "balance.sell_certificate")}</summary>
      <form method="post" action={action} class="stack">
        <Csrf token={csrf} />
        <div class="row">
          <label>
            {t(locale, "balance.amount")}
            <input name="amount" inputmode="decimal" required />
          </label>
          <label>
            {t(locale, "balance.valid_until")}
            <input name="expires_at" type="date" required />
          </label>
          <MethodSelect locale={locale} methods={SALE_METHODS} />
        </div>
        <p class="hint">{t(locale, "balance.code_once")}</p>
        <div>
          <button type="submit" class="button">{t(locale, "balance.sell_certificate")}</button>
        </div>
      </form>
    </details>
  );
}

export function CertificateTable({ locale, zone, money, rows }: { locale: Locale; zone: string; money: (minor: number) => string; rows: HeldCertificate[] }) {
  return (
    <ListTable locale={locale} columns={["balance.code", { key: "balance.amount", numeric: true }, { key: "balance.left", numeric: true }, "balance.valid_until"]}>
      {rows.map((c) => (
        <tr>
          <td>…{c.codeTail}</td>
          <td class="num">{money(c.amountMinor)}</td>
          <td class="num">{money(c.balanceMinor)}</td>
          <td>{lastValidDay(c.expiresAt, zone, locale)}</td>
        </tr>
      ))}
    </ListTable>
  );
}
