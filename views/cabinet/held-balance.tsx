import type { Held } from "../../src/balance/held.ts";
import { t, type Locale } from "../../src/i18n/i18n.ts";
import { formatMoney } from "../../src/money/money.ts";
import { localDateOf } from "../../src/time/zone.ts";
import { dayLabel } from "../admin/format.ts";

/** The cabinet's balance section: the wallet, packages with visits left, certificates with money on them. */
export function HeldBalance({ locale, currency, zone, held }: { locale: Locale; currency: string; zone: string; held: Held }) {
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const until = (instant: number) => `${t(locale, "balance.valid_until")} ${dayLabel(localDateOf(instant, zone), locale)}`;
  return (
    <dl class="facts">
      {held.walletMinor > 0 && (
        <>
          <dt>{t(locale, "balance.wallet")}</dt>
          <dd>{money(held.walletMinor)}</dd>
        </>
      )}
      {held.packages.map((p) => (
        <>
          <dt>{t(locale, "price.line.package_left", { title: p.title, left: p.visitsLeft, total: p.visitsTotal })}</dt>
          <dd>{until(p.expiresAt)}</dd>
        </>
      ))}
      {held.certificates.map((c) => (
        <>
          <dt>{t(locale, "cabinet.certificate", { tail: c.codeTail })}</dt>
          <dd>
            {money(c.balanceMinor)} · {until(c.expiresAt)}
          </dd>
        </>
      ))}
    </dl>
  );
}
