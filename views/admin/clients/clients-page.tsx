import type { ClientRow } from "../../../src/client/crm.ts";
import type { ClientStats } from "../../../src/client/crm-queries.ts";
import { formatPhone } from "../../../src/client/phone.ts";
import { t } from "../../../src/i18n/i18n.ts";
import { formatMoney } from "../../../src/money/money.ts";
import { AdminLayout, type AdminFrame } from "../admin-layout.tsx";
import { dateTime } from "../format.ts";

export interface ClientsPageProps {
  frame: AdminFrame;
  zone: string;
  currency: string;
  query: string;
  rows: Array<ClientRow & ClientStats>;
}

/** Client search by name or phone, with each client's visits, spend and no-shows at a glance. */
export function ClientsPage({ frame, zone, currency, query, rows }: ClientsPageProps) {
  const { locale, base } = frame;
  return (
    <AdminLayout frame={frame} title={t(locale, "clients.title")} section="clients">
      <h1>{t(locale, "clients.title")}</h1>
      <form method="get" action={`${base}/clients`} class="card row filters" role="search">
        <label>
          {t(locale, "clients.search_label")}
          <input type="search" name="q" value={query} placeholder={t(locale, "clients.search_placeholder")} autocomplete="off" />
        </label>
        <button type="submit" class="button">
          {t(locale, "admin.search")}
        </button>
      </form>
      {rows.length === 0 ? (
        <p class="muted">{query ? t(locale, "clients.nothing_found") : t(locale, "admin.none")}</p>
      ) : (
        <ul class="plain items client-list">
          {rows.map((c) => (
            <li>
              <a href={`${base}/clients/${c.id}`}>
                <strong>{c.name}</strong>
              </a>
              {c.phone && <span class="muted"> · {formatPhone(c.phone)}</span>}
              {c.tags.length > 0 && (
                <span>
                  {" "}
                  {c.tags.map((tag) => (
                    <span class="tag">{tag}</span>
                  ))}
                </span>
              )}
              <div class="muted small">
                {t(locale, "clients.summary", { visits: c.visits, noShows: c.noShows, spent: formatMoney(c.spentMinor, currency, locale) })}
                {c.lastVisitTs !== null && ` · ${t(locale, "clients.last_visit")} ${dateTime(c.lastVisitTs, zone, locale)}`}
              </div>
            </li>
          ))}
        </ul>
      )}
    </AdminLayout>
  );
}
