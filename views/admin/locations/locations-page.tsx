import { formatPhone } from "../../../src/client/phone.ts";
import type { Problem } from "../../../src/error/app-error.ts";
import { t } from "../../../src/i18n/i18n.ts";
import type { LocationRow } from "../../../src/location/location.ts";
import { AdminLayout, Csrf, type AdminFrame } from "../admin-layout.tsx";
import { Notice, Problems } from "../problems.tsx";
import { SettingsTabs } from "../settings/settings-page.tsx";

export interface LocationsPageProps {
  frame: AdminFrame;
  locations: LocationRow[];
  /** Accounts that can be limited to branches (not owners), with their limit (empty: every branch). */
  users: Array<{ id: number; email: string; locationIds: number[] }>;
  notice?: string | undefined;
  problems?: Problem[] | undefined;
  /** Which form failed ("new" or a branch id) and what was typed into it. */
  failed?: string | undefined;
  values?: Record<string, string | string[]> | undefined;
}

/** issue 17: `/admin/settings/locations` — every branch with its details, and a new one. */
export function LocationsPage(props: LocationsPageProps) {
  const { frame } = props;
  const { locale, base } = frame;
  return (
    <AdminLayout frame={frame} title={t(locale, "branch.title")} section="settings">
      <SettingsTabs frame={frame} current="locations" />
      <h1>{t(locale, "branch.title")}</h1>
      <Notice text={props.notice} />
      <p class="muted small">{t(locale, "branch.hint")}</p>
      {props.locations.map((l) => (
        <LocationForm {...props} location={l} action={`${base}/settings/locations/${l.id}`} formKey={String(l.id)} />
      ))}
      <h2>{t(locale, "branch.add")}</h2>
      <LocationForm {...props} location={null} action={`${base}/settings/locations`} formKey="new" />
      {props.locations.length > 1 && props.users.length > 0 && (
        <>
          <h2 id="users">{t(locale, "branch.users")}</h2>
          {props.users.map((u) => (
            <form method="post" action={`${base}/settings/locations/users/${u.id}`} class="card stack form-wide" data-user={String(u.id)}>
              {props.failed === `user-${u.id}` && <Problems locale={locale} problems={props.problems} />}
              <Csrf token={frame.csrf} />
              <fieldset class="boxes">
                <legend>
                  {u.email} — {t(locale, "branch.limit_label")}
                </legend>
                {props.locations.map((l) => (
                  <label class="check">
                    <input type="checkbox" name="location_ids" value={String(l.id)} checked={u.locationIds.includes(l.id)} />
                    {l.name}
                  </label>
                ))}
              </fieldset>
              <div>
                <button type="submit" class="button secondary">{t(locale, "admin.save")}</button>
              </div>
            </form>
          ))}
        </>
      )}
    </AdminLayout>
  );
}

function LocationForm(p: LocationsPageProps & { location: LocationRow | null; action: string; formKey: string }) {
  const { locale, csrf } = p.frame;
  const mine = p.failed === p.formKey;
  const typed = (name: string, stored: string | null | undefined) => {
    const v = mine ? p.values?.[name] : undefined;
    return typeof v === "string" ? v : (stored ?? "");
  };
  const l = p.location;
  const id = (field: string) => `loc-${p.formKey}-${field}`;
  return (
    <form method="post" action={p.action} class="card stack form-wide" data-location={p.formKey}>
      {mine && <Problems locale={locale} problems={p.problems} />}
      {l && <h2>{l.isPrimary ? `${l.name} · ${t(locale, "branch.primary")}` : l.name}</h2>}
      <Csrf token={csrf} />
      <div class="row">
        <label for={id("name")}>
          {t(locale, "branch.name")}
          <input id={id("name")} name="name" value={typed("name", l?.name)} maxlength={120} required />
        </label>
        <label for={id("phone")}>
          {t(locale, "admin.phone")}
          <input id={id("phone")} name="phone" type="tel" value={typed("phone", l?.phone ? formatPhone(l.phone) : "")} />
        </label>
      </div>
      <label for={id("address")}>
        {t(locale, "settings.address")}
        <input id={id("address")} name="address" value={typed("address", l?.address)} maxlength={300} />
      </label>
      <div class="row">
        <label for={id("map_url")}>
          {t(locale, "branch.map_url")}
          <input id={id("map_url")} name="map_url" type="url" inputmode="url" value={typed("map_url", l?.mapUrl)} maxlength={500} placeholder="https://yandex.ru/maps/…" />
        </label>
        <label for={id("timezone")}>
          {t(locale, "settings.timezone")}
          <input id={id("timezone")} name="timezone" value={typed("timezone", l?.timezone ?? "Europe/Moscow")} required />
        </label>
      </div>
      {l && (
        <p class="muted small">
          <a href={`${p.frame.base}/schedules?owner=salon&branch=${l.id}`}>{t(locale, "settings.hours_link")}</a>
        </p>
      )}
      <div>
        <button type="submit" class="button">{t(locale, l ? "admin.save" : "branch.add")}</button>
      </div>
    </form>
  );
}
