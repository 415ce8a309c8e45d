import { t } from "../../src/i18n/i18n.ts";
import { timeOfDay, type WaitlistItem } from "../../src/waitlist/queries.ts";
import { AdminLayout, type AdminFrame } from "../admin/admin-layout.tsx";
import { PostButton } from "../admin/post-button.tsx";

/** Who waits for what, in the order offers go out; staff take a request off the list. */
export function WaitlistAdminPage({ frame, items }: { frame: AdminFrame; items: WaitlistItem[] }) {
  const { locale, base } = frame;
  return (
    <AdminLayout frame={frame} title={t(locale, "waitlist.admin.title")} section="waitlist">
      <h1>{t(locale, "waitlist.admin.title")}</h1>
      {items.length === 0 && <p class="muted">{t(locale, "waitlist.admin.empty")}</p>}
      <ul class="visit-list">
        {items.map(({ row, service, staff }) => {
          const hours = row.timeFrom !== null || row.timeTo !== null ? ` · ${timeOfDay(row.timeFrom) ?? "00:00"}–${timeOfDay(row.timeTo) ?? "24:00"}` : "";
          return (
            <li class="card" data-waitlist={String(row.id)}>
              <div>
                <strong>{row.contactName}</strong> · <a href={`tel:${row.contactPhone}`}>{row.contactPhone}</a> <span class="badge">{t(locale, `waitlist.status.${row.status}`)}</span>
              </div>
              <div class="muted">
                {service} · {staff ?? t(locale, "waitlist.admin.any")} · {row.dateFrom} — {row.dateTo}
                {hours}
              </div>
              <div class="actions">
                <PostButton frame={frame} action={`${base}/waitlist/${row.id}/remove`} label={t(locale, "waitlist.admin.remove")} danger />
              </div>
            </li>
          );
        })}
      </ul>
    </AdminLayout>
  );
}
