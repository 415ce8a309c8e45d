import type { AuditRow } from "../../../src/audit/queries.ts";
import { t } from "../../../src/i18n/i18n.ts";
import { ListTable } from "../list-table.tsx";
import { AdminLayout, type AdminFrame } from "../admin-layout.tsx";
import { dateTime } from "../format.ts";

export interface AuditPageProps {
  frame: AdminFrame;
  zone: string;
  rows: AuditRow[];
  entities: string[];
  entity: string | null;
  olderHref: string | null;
}

export function AuditPage({ frame, zone, rows, entities, entity, olderHref }: AuditPageProps) {
  const { locale, base } = frame;
  return (
    <AdminLayout frame={frame} title={t(locale, "audit.title")} section="audit">
      <h1>{t(locale, "audit.title")}</h1>
      <form method="get" action={`${base}/audit`} class="row filters">
        <label>
          {t(locale, "audit.entity")}
          <select name="entity">
            <option value="">{t(locale, "admin.all")}</option>
            {entities.map((e) => (
              <option value={e} selected={e === entity}>
                {e}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="chip">
          {t(locale, "admin.filter")}
        </button>
      </form>
      <ListTable locale={locale} columns={["admin.when", "audit.who", "audit.action", "audit.entity", "audit.details"]}>
        {rows.map((r) => (
          <tr>
            <td>{dateTime(r.at, zone, locale)}</td>
            <td>{r.userEmail ?? r.actor}</td>
            <td>{r.action}</td>
            <td>
              {r.entity === "booking" && r.entityId ? <a href={`${base}/bookings/${r.entityId}`}>{`${r.entity} #${r.entityId}`}</a> : `${r.entity}${r.entityId ? ` #${r.entityId}` : ""}`}
            </td>
            <td class="details">{r.details ? JSON.stringify(r.details) : ""}</td>
          </tr>
        ))}
      </ListTable>
      {olderHref && (
        <p>
          <a class="chip" href={olderHref}>
            {t(locale, "audit.older")}
          </a>
        </p>
      )}
    </AdminLayout>
  );
}
