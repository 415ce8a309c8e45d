import type { CategoryWithServices, ServiceView } from "../../../src/catalogue/queries.ts";
import type { Problem } from "../../../src/error/app-error.ts";
import { t } from "../../../src/i18n/i18n.ts";
import { formatMoney } from "../../../src/money/money.ts";
import { AdminLayout, Csrf, type AdminFrame } from "../admin-layout.tsx";
import { PostButton } from "../post-button.tsx";
import { Notice, Problems } from "../problems.tsx";
import { CatalogueTabs } from "./tabs.tsx";

export interface ServicesPageProps {
  frame: AdminFrame;
  currency: string;
  groups: Array<Omit<CategoryWithServices, "services"> & { services: ServiceView[] }>;
  masters: Map<number, string>;
  mayEdit: boolean;
  notice?: string | undefined;
  problems?: Problem[] | undefined;
}

/** Services by category, with who performs each; editors add categories and services here. */
export function ServicesPage({ frame, currency, groups, masters, mayEdit, notice, problems }: ServicesPageProps) {
  const { locale, base } = frame;
  return (
    <AdminLayout frame={frame} title={t(locale, "catalogue.services_title")} section="catalogue">
      <CatalogueTabs frame={frame} current="services" />
      <div class="row spread">
        <h1>{t(locale, "catalogue.services_title")}</h1>
        {mayEdit && (
          <a class="button" href={`${base}/catalogue/services/new`}>
            {t(locale, "catalogue.new_service")}
          </a>
        )}
      </div>
      <Notice text={notice} />
      <Problems locale={locale} problems={problems} />
      {groups.map((g) => (
        <section class="card group">
          <div class="row spread">
            <h2>{g.name ?? t(locale, "catalogue.uncategorized")}</h2>
            {mayEdit && g.id !== null && (
              <details class="inline-edit">
                <summary class="chip">{t(locale, "catalogue.edit_category")}</summary>
                <form method="post" action={`${base}/catalogue/categories/${g.id}`} class="row">
                  <Csrf token={frame.csrf} />
                  <label>
                    {t(locale, "admin.name")}
                    <input name="name" value={g.name ?? ""} maxlength={100} required />
                  </label>
                  <button class="chip" type="submit">{t(locale, "admin.save")}</button>
                </form>
                <PostButton frame={frame} action={`${base}/catalogue/categories/${g.id}/delete`} label={t(locale, "admin.delete")} danger />
              </details>
            )}
          </div>
          {g.services.length === 0 ? (
            <p class="muted">{t(locale, "admin.none")}</p>
          ) : (
            <ul class="plain items">
              {g.services.map((s) => (
                <li class={s.active ? "" : "inactive"}>
                  <a href={`${base}/catalogue/services/${s.id}`}>
                    <strong>{s.title}</strong>
                  </a>
                  <span class="muted">
                    {" · "}
                    {t(locale, "salon.minutes", { n: s.durationMinutes })} · {formatMoney(s.priceMinor, currency, locale)}
                    {s.priceMaxMinor !== null && `–${formatMoney(s.priceMaxMinor, currency, locale)}`}
                  </span>
                  <div class="muted small">
                    {s.staffIds.map((id) => masters.get(id)).filter(Boolean).join(", ") || t(locale, "catalogue.nobody")}
                    {!s.active && ` · ${t(locale, "catalogue.inactive")}`}
                    {s.active && !s.bookableOnline && ` · ${t(locale, "catalogue.offline")}`}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      {mayEdit && (
        <form method="post" action={`${base}/catalogue/categories`} class="card row">
          <Csrf token={frame.csrf} />
          <label>
            {t(locale, "catalogue.new_category")}
            <input name="name" maxlength={100} required />
          </label>
          <button class="button" type="submit">{t(locale, "admin.add")}</button>
        </form>
      )}
    </AdminLayout>
  );
}
