import type { ServiceView } from "../../../src/catalogue/queries.ts";
import type { Problem } from "../../../src/error/app-error.ts";
import { t } from "../../../src/i18n/i18n.ts";
import { AdminLayout, Csrf, type AdminFrame } from "../admin-layout.tsx";
import { Problems } from "../problems.tsx";
import { CatalogueTabs } from "./tabs.tsx";

export interface ServiceFormProps {
  frame: AdminFrame;
  /** The service being edited; null for a new one. */
  service: ServiceView | null;
  categories: Array<{ id: number; name: string }>;
  masters: Array<{ id: number; name: string }>;
  /** Rooms and equipment a service may require. */
  resources: Array<{ id: number; name: string }>;
  /** What was typed, shown again after a problem. */
  values?: Record<string, string | string[]>;
  problems?: Problem[] | undefined;
  mayEdit: boolean;
}

const minor = (n: number | null | undefined) => (n === null || n === undefined ? "" : (n / 100).toString());

/** What the form shows: the typed values after a problem, else the stored service, else defaults. */
function initial(service: ServiceView | null, values: Record<string, string | string[]> | undefined) {
  const v = (k: string, fallback: string) => {
    const typed = values?.[k];
    return typeof typed === "string" ? typed : fallback;
  };
  const ids = (k: string, fallback: number[]) => {
    const typed = values?.[k];
    return new Set(values ? (Array.isArray(typed) ? typed : typed ? [typed] : []).map(Number) : fallback);
  };
  const s = service;
  return {
    v,
    ids,
    on: (k: string, stored: boolean) => (values ? values[k] === "on" : stored),
    title: v("title", s?.title ?? ""),
    category: v("category_id", s?.categoryId ? String(s.categoryId) : ""),
    duration: v("duration_minutes", String(s?.durationMinutes ?? 60)),
    price: v("price", minor(s?.priceMinor ?? 0)),
    priceMax: v("price_max", minor(s?.priceMaxMinor)),
    before: v("buffer_before", String(s?.bufferBeforeMinutes ?? 0)),
    after: v("buffer_after", String(s?.bufferAfterMinutes ?? 0)),
    color: v("color", s?.color ?? ""),
    description: v("description", s?.description ?? ""),
  };
}

export function ServiceForm({ frame, service, categories, masters, resources, values, problems, mayEdit }: ServiceFormProps) {
  const { locale, base } = frame;
  const f = initial(service, values);
  const title = service ? service.title : t(locale, "catalogue.new_service");
  const staffIds = f.ids("staff_ids", service?.staffIds ?? []);
  // Each stored requirement set is one group of boxes, plus an empty group to add another set.
  const sets = [...(service?.requirements ?? []), []];
  const disabled = !mayEdit;
  return (
    <AdminLayout frame={frame} title={title} section="catalogue">
      <CatalogueTabs frame={frame} current="services" />
      <p>
        <a href={`${base}/catalogue`}>← {t(locale, "catalogue.services_title")}</a>
      </p>
      <h1>{title}</h1>
      <Problems locale={locale} problems={problems} />
      <form method="post" action={`${base}/catalogue/services${service ? `/${service.id}` : ""}`} class="card stack form-wide">
        <Csrf token={frame.csrf} />
        <fieldset disabled={disabled} class="stack">
          <label>
            {t(locale, "catalogue.service_title")}
            <input name="title" value={f.title} maxlength={200} required />
          </label>
          <div class="row">
            <label>
              {t(locale, "catalogue.category")}
              <select name="category_id">
                <option value="">{t(locale, "catalogue.uncategorized")}</option>
                {categories.map((c) => (
                  <option value={String(c.id)} selected={f.category === String(c.id)}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t(locale, "catalogue.category_new")}
              <input name="category_new" value={f.v("category_new", "")} maxlength={100} />
            </label>
          </div>
          <div class="row">
            <label>
              {t(locale, "catalogue.duration")}
              <input name="duration_minutes" type="number" min={5} max={1440} step={5} value={f.duration} inputmode="numeric" required />
            </label>
            <label>
              {t(locale, "catalogue.price")}
              <input name="price" value={f.price} inputmode="decimal" required />
            </label>
            <label>
              {t(locale, "catalogue.price_max")}
              <input name="price_max" value={f.priceMax} inputmode="decimal" />
            </label>
          </div>
          <div class="row">
            <label>
              {t(locale, "catalogue.buffer_before")}
              <input name="buffer_before" type="number" min={0} max={240} value={f.before} inputmode="numeric" />
            </label>
            <label>
              {t(locale, "catalogue.buffer_after")}
              <input name="buffer_after" type="number" min={0} max={240} value={f.after} inputmode="numeric" />
            </label>
            <label>
              {t(locale, "catalogue.color")}
              <input name="color" value={f.color} placeholder="#3b6fd8" maxlength={7} />
            </label>
          </div>
          <label>
            {t(locale, "catalogue.description")}
            <textarea name="description" rows={2} maxlength={2000}>{f.description}</textarea>
          </label>
          <div class="row">
            <label class="check">
              <input type="checkbox" name="bookable_online" checked={f.on("bookable_online", service?.bookableOnline ?? true)} />
              {t(locale, "catalogue.bookable_online")}
            </label>
            <label class="check">
              <input type="checkbox" name="active" checked={f.on("active", service?.active ?? true)} />
              {t(locale, "catalogue.active")}
            </label>
            <label class="check">
              <input type="checkbox" name="rooms_only" checked={f.on("rooms_only", service ? !service.staffRequired : false)} />
              {t(locale, "catalogue.rooms_only")}
            </label>
          </div>
          <fieldset class="boxes">
            <legend>{t(locale, "catalogue.who_performs")}</legend>
            {masters.map((m) => (
              <label class="check">
                <input type="checkbox" name="staff_ids" value={String(m.id)} checked={staffIds.has(m.id)} />
                {m.name}
              </label>
            ))}
          </fieldset>
          {resources.length > 0 &&
            sets.map((set, i) => {
              const chosen = f.ids(`req_${i}`, set);
              return (
                <fieldset class="boxes">
                  <legend>{t(locale, i < sets.length - 1 ? "catalogue.requirement" : "catalogue.requirement_new")}</legend>
                  {resources.map((r) => (
                    <label class="check">
                      <input type="checkbox" name={`req_${i}`} value={String(r.id)} checked={chosen.has(r.id)} />
                      {r.name}
                    </label>
                  ))}
                </fieldset>
              );
            })}
          <input type="hidden" name="req_count" value={String(sets.length)} />
          <div class="actions">
            <button type="submit" class="button">
              {t(locale, "admin.save")}
            </button>
          </div>
        </fieldset>
      </form>
      {service && mayEdit && (
        <form method="post" action={`${base}/catalogue/services/${service.id}/delete`} class="danger-zone">
          <Csrf token={frame.csrf} />
          <button type="submit" class="chip danger">
            {t(locale, "catalogue.delete_service")}
          </button>
          <span class="muted small"> {t(locale, "catalogue.delete_hint")}</span>
        </form>
      )}
    </AdminLayout>
  );
}
