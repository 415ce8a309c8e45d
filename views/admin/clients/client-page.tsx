import { STATUS_LABEL } from "../../../src/admin/labels.ts";
import type { ClientCard, ClientRow } from "../../../src/client/crm.ts";
import { formatPhone } from "../../../src/client/phone.ts";
import type { Problem } from "../../../src/error/app-error.ts";
import { t } from "../../../src/i18n/i18n.ts";
import { formatMoney } from "../../../src/money/money.ts";
import { ListTable } from "../list-table.tsx";
import { AdminLayout, Csrf, type AdminFrame } from "../admin-layout.tsx";
import { dateTime } from "../format.ts";
import { Notice, Problems } from "../problems.tsx";
import { NotificationLog } from "../notification-log.tsx";
import type { LogEntry } from "../../../src/notification/queries.ts";
import { ClientTabs } from "./balance-page.tsx";

export interface ClientPageProps {
  frame: AdminFrame;
  zone: string;
  currency: string;
  card: ClientCard;
  duplicates: ClientRow[];
  mayErase: boolean;
  notice?: string | undefined;
  problems?: Problem[] | undefined;
  values?: Record<string, string | string[]> | undefined;
  /** The client's latest notifications, newest first. */
  notifications?: LogEntry[] | undefined;
}

/** The client card: contacts and consent, notes and tags, history and totals, merge, export, erase. */
export function ClientPage({ frame, zone, currency, card, duplicates, mayErase, notice, problems, values, notifications }: ClientPageProps) {
  const { locale, base } = frame;
  const { client, stats, visits } = card;
  const typed = (name: string, stored: string) => {
    const v = values?.[name];
    return typeof v === "string" ? v : stored;
  };
  const erased = client.anonymizedAt !== null;
  return (
    <AdminLayout frame={frame} title={client.name} section="clients">
      <p>
        <a href={`${base}/clients`}>← {t(locale, "clients.title")}</a>
      </p>
      <h1>{erased ? t(locale, "clients.anonymized_name", { id: client.id }) : client.name}</h1>
      {!erased && <ClientTabs locale={locale} base={base} clientId={client.id} current="card" />}
      <Notice text={notice} />
      <Problems locale={locale} problems={problems} />
      <div class="stats">
        <div>
          <strong>{stats.visits}</strong>
          <span>{t(locale, "clients.visits")}</span>
        </div>
        <div>
          <strong>{formatMoney(stats.spentMinor, currency, locale)}</strong>
          <span>{t(locale, "clients.spent")}</span>
        </div>
        <div>
          <strong>{stats.noShows}</strong>
          <span>{t(locale, "clients.no_shows")}</span>
        </div>
        <div>
          <strong>{stats.cancellations}</strong>
          <span>{t(locale, "clients.cancellations")}</span>
        </div>
      </div>
      {erased ? (
        <p class="muted">{t(locale, "clients.anonymized_at", { when: dateTime(client.anonymizedAt!, zone, locale) })}</p>
      ) : (
        <form method="post" action={`${base}/clients/${client.id}`} class="card stack form-wide">
          <Csrf token={frame.csrf} />
          <div class="row">
            <label>
              {t(locale, "admin.name")}
              <input name="name" value={typed("name", client.name)} maxlength={120} required />
            </label>
            <label>
              {t(locale, "admin.phone")}
              <input name="phone" type="tel" value={typed("phone", client.phone ? formatPhone(client.phone) : "")} />
            </label>
            <label>
              {t(locale, "admin.email")}
              <input name="email" type="email" value={typed("email", client.email ?? "")} />
            </label>
          </div>
          <label>
            {t(locale, "clients.tags")}
            <input name="tags" value={typed("tags", client.tags.join(", "))} placeholder={t(locale, "clients.tags_placeholder")} />
          </label>
          <label>
            {t(locale, "admin.notes")}
            <textarea name="notes" rows={3} maxlength={2000}>{typed("notes", client.notes ?? "")}</textarea>
          </label>
          <label class="check">
            <input type="checkbox" name="consent" checked={values ? values.consent === "on" : client.consentAt !== null} />
            {client.consentAt !== null ? t(locale, "clients.consent_given", { when: dateTime(client.consentAt, zone, locale) }) : t(locale, "clients.consent")}
          </label>
          <div>
            <button type="submit" class="button">{t(locale, "admin.save")}</button>
          </div>
        </form>
      )}

      <h2>{t(locale, "clients.history")}</h2>
      {visits.length === 0 ? (
        <p class="muted">{t(locale, "admin.none")}</p>
      ) : (
        <ListTable locale={locale} columns={["admin.when", "panel.services", "bookings.status", { key: "panel.total", numeric: true }]}>
          {visits.map((v) => (
            <tr>
              <td>
                <a href={`${base}/bookings/${v.id}`}>{dateTime(v.startTs, zone, locale)}</a>
              </td>
              <td>{v.services.map((s) => `${s.title}${s.staffName ? ` (${s.staffName})` : ""}`).join(", ")}</td>
              <td>
                <span class={`badge status-${v.status}`}>{t(locale, STATUS_LABEL[v.status])}</span>
              </td>
              <td class="num">{formatMoney(v.priceMinor, v.currency, locale)}</td>
            </tr>
          ))}
        </ListTable>
      )}

      {notifications && (
        <>
          <h2>{t(locale, "notification.log.recent")}</h2>
          <NotificationLog locale={locale} zone={zone} entries={notifications} bookingHref={(id) => `${base}/bookings/${id}`} />
        </>
      )}

      {!erased && (
        <>
          <h2>{t(locale, "clients.merge")}</h2>
          <form method="post" action={`${base}/clients/${client.id}/merge`} class="card stack">
            <Csrf token={frame.csrf} />
            <p class="muted small">{t(locale, "clients.merge_help", { name: client.name })}</p>
            {duplicates.map((d) => (
              <label class="check">
                <input type="radio" name="other_id" value={String(d.id)} />
                {d.name} {d.phone ? `· ${formatPhone(d.phone)}` : ""} <span class="muted">#{d.id}</span>
              </label>
            ))}
            <label>
              {t(locale, "clients.merge_other_id")}
              <input name="other_id_typed" inputmode="numeric" pattern="[0-9]*" />
            </label>
            <div>
              <button type="submit" class="chip">{t(locale, "clients.merge_button")}</button>
            </div>
          </form>
        </>
      )}

      {mayErase && (
        <div class="danger-zone">
          <h2>{t(locale, "clients.privacy")}</h2>
          <p>
            <a class="chip" href={`${base}/clients/${client.id}/export.json`}>
              {t(locale, "clients.export")}
            </a>
          </p>
          {!erased && (
            <form method="post" action={`${base}/clients/${client.id}/anonymize`} class="stack narrow">
              <Csrf token={frame.csrf} />
              <label class="check">
                <input type="checkbox" name="confirm" required />
                {t(locale, "clients.anonymize_confirm")}
              </label>
              <div>
                <button type="submit" class="chip danger">{t(locale, "clients.anonymize")}</button>
              </div>
            </form>
          )}
        </div>
      )}
    </AdminLayout>
  );
}
